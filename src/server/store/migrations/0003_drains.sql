-- Log drains: where an app's log is also sent.

CREATE TABLE log_drains (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    url             TEXT NOT NULL,
    token           TEXT NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (app_id, url)
);
CREATE INDEX log_drains_app ON log_drains(app_id);
