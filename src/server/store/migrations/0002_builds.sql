-- Builds (with their output), uploaded sources and each app's buildpack list.

CREATE TABLE buildpack_installations (
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    url             TEXT NOT NULL,
    PRIMARY KEY (app_id, ordinal)
);

CREATE TABLE builds (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES accounts(id),
    status          TEXT NOT NULL,
    source_url      TEXT,
    source_version  TEXT,
    source_checksum TEXT,
    source_description TEXT,
    buildpacks      TEXT NOT NULL,
    output          TEXT NOT NULL DEFAULT '',
    stream_secret   TEXT NOT NULL,
    slug_id         TEXT,
    release_id      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX builds_app ON builds(app_id);

CREATE TABLE sources (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    secret          TEXT NOT NULL,
    uploaded        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);
