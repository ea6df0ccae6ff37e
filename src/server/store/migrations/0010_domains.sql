-- Custom domains: hostnames (ASCII, lowercase, `*.` for a wildcard) that route to an app.
-- A hostname belongs to one app on the whole platform. An app's own `APP.DOMAIN` is not
-- stored: it is made from the app's name, so it follows renames.

CREATE TABLE domains (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    hostname        TEXT NOT NULL UNIQUE,
    -- `succeeded` once the hostname resolved to the platform at the last check, else `pending`.
    status          TEXT NOT NULL DEFAULT 'pending',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX domains_app ON domains(app_id);
