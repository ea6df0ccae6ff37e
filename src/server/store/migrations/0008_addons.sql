-- Add-ons: a database or Redis server provisioned for an app (its owner, `app_id`), and the
-- attachments that give it to apps as a config var (`NAME_URL`). `url` holds the add-on's
-- credentials and is sealed.

CREATE TABLE addons (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    name            TEXT NOT NULL UNIQUE,
    service         TEXT NOT NULL,
    plan            TEXT NOT NULL,
    provider_id     TEXT NOT NULL,
    state           TEXT NOT NULL,
    url             TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX addons_app ON addons(app_id);

CREATE TABLE addon_attachments (
    id              TEXT PRIMARY KEY,
    addon_id        TEXT NOT NULL REFERENCES addons(id) ON DELETE CASCADE,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (app_id, name)
);
CREATE INDEX addon_attachments_addon ON addon_attachments(addon_id);
