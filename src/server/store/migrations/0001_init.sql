-- Accounts, API tokens, apps, their collaborators, releases (each holds its config), slugs and
-- formation. Times are Unix seconds; ids are lowercase UUID text.

CREATE TABLE accounts (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name            TEXT,
    password_hash   TEXT,
    allow_tracking  INTEGER NOT NULL DEFAULT 1,
    beta            INTEGER NOT NULL DEFAULT 0,
    last_login      INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE authorizations (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    description     TEXT NOT NULL,
    token_id        TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    token_hint      TEXT NOT NULL,
    scope           TEXT NOT NULL,
    expires_at      INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX authorizations_account ON authorizations(account_id);

CREATE TABLE apps (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    owner_id        TEXT NOT NULL REFERENCES accounts(id),
    maintenance     INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE collaborators (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    account_id      TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (app_id, account_id)
);
CREATE INDEX collaborators_account ON collaborators(account_id);

CREATE TABLE slugs (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    process_types   TEXT NOT NULL,
    commit_sha      TEXT,
    commit_description TEXT,
    checksum        TEXT,
    size            INTEGER,
    buildpack_provided_description TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE releases (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    description     TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES accounts(id),
    slug_id         TEXT REFERENCES slugs(id),
    config          TEXT NOT NULL,
    status          TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (app_id, version)
);

CREATE TABLE formations (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    type            TEXT NOT NULL,
    command         TEXT NOT NULL,
    quantity        INTEGER NOT NULL,
    size            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (app_id, type)
);
