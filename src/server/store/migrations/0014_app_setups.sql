-- App setups: apps created from a source tarball and its app.json in one call. A row lives as
-- long as its app; it keeps app.json's scripts, since `pr-predestroy` runs when the app is
-- destroyed, long after the setup ended.

CREATE TABLE app_setups (
    id                      TEXT PRIMARY KEY,
    app_id                  TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    account_id              TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    build_id                TEXT,
    -- `pending` until the build, the formation and the postdeploy script are done; then
    -- `succeeded` or `failed` (with `failure_message`).
    status                  TEXT NOT NULL DEFAULT 'pending',
    failure_message         TEXT,
    postdeploy              TEXT,
    pr_predestroy           TEXT,
    postdeploy_output       TEXT,
    postdeploy_exit_code    INTEGER,
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL
);
CREATE INDEX app_setups_app ON app_setups(app_id);
