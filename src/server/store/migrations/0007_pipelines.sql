-- Pipelines: apps grouped by stage, and the promotions that copy a slug from one stage's app to
-- the next. An app is in at most one pipeline. Promotion rows keep app ids as plain text so an
-- app's destruction is never blocked by the history of what was promoted to it.

CREATE TABLE pipelines (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    owner_id        TEXT NOT NULL REFERENCES accounts(id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE pipeline_couplings (
    id              TEXT PRIMARY KEY,
    pipeline_id     TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    app_id          TEXT NOT NULL UNIQUE REFERENCES apps(id) ON DELETE CASCADE,
    stage           TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX pipeline_couplings_pipeline ON pipeline_couplings(pipeline_id);

CREATE TABLE pipeline_promotions (
    id              TEXT PRIMARY KEY,
    pipeline_id     TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    source_app_id   TEXT NOT NULL,
    source_release_id TEXT NOT NULL,
    status          TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE pipeline_promotion_targets (
    id              TEXT PRIMARY KEY,
    promotion_id    TEXT NOT NULL REFERENCES pipeline_promotions(id) ON DELETE CASCADE,
    app_id          TEXT NOT NULL,
    release_id      TEXT,
    status          TEXT NOT NULL,
    error_message   TEXT,
    position        INTEGER NOT NULL
);
CREATE INDEX pipeline_promotion_targets_promotion ON pipeline_promotion_targets(promotion_id);
