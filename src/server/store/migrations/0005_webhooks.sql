-- App webhooks: the subscriptions, the events they were sent, one delivery of an event per
-- subscribed webhook, and each attempt at a delivery. Everything goes with its app; a
-- webhook's deliveries go with the webhook.

CREATE TABLE webhooks (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    url             TEXT NOT NULL,
    include         TEXT NOT NULL,
    level           TEXT NOT NULL,
    secret          TEXT NOT NULL,
    authorization   TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (app_id, url)
);
CREATE INDEX webhooks_app ON webhooks(app_id);

CREATE TABLE webhook_events (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    include         TEXT NOT NULL,
    action          TEXT NOT NULL,
    actor_id        TEXT NOT NULL,
    actor_email     TEXT NOT NULL,
    resource        TEXT NOT NULL,
    data            TEXT NOT NULL,
    previous_data   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX webhook_events_app ON webhook_events(app_id);

CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY,
    app_id          TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    event_id        TEXT NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
    webhook_id      TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    num_attempts    INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_app ON webhook_deliveries(app_id);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_id);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id);
CREATE INDEX webhook_deliveries_status ON webhook_deliveries(status);

CREATE TABLE webhook_attempts (
    id              TEXT PRIMARY KEY,
    delivery_id     TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    status          TEXT NOT NULL,
    code            INTEGER,
    error_class     TEXT,
    duration_ms     INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (delivery_id, number)
);
