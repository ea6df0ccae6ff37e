-- Secrets are stored sealed (see `sealed.rs`). `sealing` holds one row once the values an
-- older tug left in clear are sealed: the id of the key they were sealed with, so a start
-- with another key stops with a clear error.
--
-- A drain's URL is sealed with a fresh nonce each time, so SQLite can no longer see that an
-- app drains to one URL twice: `log_drains` loses that UNIQUE and the store checks it. The
-- same holds for webhook URLs, but `webhooks` keeps its (now idle) UNIQUE: rebuilding a table
-- that deliveries reference would delete them (ON DELETE CASCADE) inside this transaction.

CREATE TABLE sealing (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    key_id          TEXT NOT NULL,
    sealed_at       INTEGER NOT NULL
);

CREATE TABLE log_drains_sealed (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    url             TEXT NOT NULL,
    token           TEXT NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
INSERT INTO log_drains_sealed (id, app_id, url, token, created_at, updated_at)
    SELECT id, app_id, url, token, created_at, updated_at FROM log_drains;
DROP TABLE log_drains;
ALTER TABLE log_drains_sealed RENAME TO log_drains;
CREATE INDEX log_drains_app ON log_drains(app_id);
