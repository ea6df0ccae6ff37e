-- Commit statuses, deployment records with their state history, and deploy locks.

CREATE TABLE commit_statuses (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    sha             TEXT NOT NULL,
    context         TEXT NOT NULL,
    state           TEXT NOT NULL,
    description     TEXT,
    target_url      TEXT,
    creator_id      TEXT NOT NULL REFERENCES accounts(id),
    created_at      INTEGER NOT NULL
);
CREATE INDEX commit_statuses_sha ON commit_statuses(app_id, sha);

CREATE TABLE deployments (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    environment     TEXT,
    ref             TEXT,
    sha             TEXT,
    description     TEXT,
    trigger         TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES accounts(id),
    -- The latest state (also the last row of its history), kept here so finding deployments
    -- by state, and the state before a change, need no walk of the history.
    status          TEXT NOT NULL,
    status_description TEXT,
    build_id        TEXT,
    release_id      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (app_id, number)
);
CREATE INDEX deployments_build ON deployments(build_id);

CREATE TABLE deployment_statuses (
    id              TEXT PRIMARY KEY,
    deployment_id   TEXT NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
    state           TEXT NOT NULL,
    description     TEXT,
    creator_id      TEXT NOT NULL REFERENCES accounts(id),
    created_at      INTEGER NOT NULL
);
CREATE INDEX deployment_statuses_deployment ON deployment_statuses(deployment_id);

CREATE TABLE deploy_locks (
    app_id          TEXT PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES accounts(id),
    reason          TEXT,
    created_at      INTEGER NOT NULL
);
