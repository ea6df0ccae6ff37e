-- Review apps: a pipeline's review-app config (at most one per pipeline, with the config vars
-- every review app starts with), and one row per branch's review app. A review app row keeps
-- its app id as plain text: the row says `deleted` once the app is gone.

CREATE TABLE review_app_configs (
    pipeline_id             TEXT PRIMARY KEY REFERENCES pipelines(id) ON DELETE CASCADE,
    automatic_review_apps   INTEGER NOT NULL DEFAULT 0,
    destroy_stale_apps      INTEGER NOT NULL DEFAULT 0,
    stale_days              INTEGER NOT NULL DEFAULT 5,
    wait_for_ci             INTEGER NOT NULL DEFAULT 0,
    base_name               TEXT,
    -- JSON object of the config vars review apps get on top of app.json's.
    config_vars             TEXT NOT NULL DEFAULT '{}',
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL
);

CREATE TABLE review_apps (
    id              TEXT PRIMARY KEY,
    pipeline_id     TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    app_id          TEXT,
    app_name        TEXT,
    branch          TEXT NOT NULL,
    creator_id      TEXT NOT NULL,
    app_setup_id    TEXT,
    -- `creating`, `created`, `deleting`, `deleted` or `errored` (with `error_status`).
    status          TEXT NOT NULL,
    error_status    TEXT,
    message         TEXT,
    pr_number       INTEGER,
    -- The last push or build of the branch: inactivity is counted from it.
    pushed_at       INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
-- One live review app per branch of a pipeline.
CREATE UNIQUE INDEX review_apps_branch ON review_apps(pipeline_id, branch)
    WHERE status NOT IN ('deleted');
CREATE INDEX review_apps_app ON review_apps(app_id);
