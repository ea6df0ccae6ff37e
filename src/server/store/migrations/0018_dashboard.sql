-- The web dashboard. A browser session is an API authorization (so every page is served by the
-- same handlers and access rules as the API) that this table marks as a dashboard session: only
-- those are accepted from a cookie. Sign-in links are single-use and short-lived; only the
-- SHA-256 of a link's secret is kept.

CREATE TABLE dashboard_sessions (
    authorization_id TEXT PRIMARY KEY REFERENCES authorizations(id) ON DELETE CASCADE,
    created_at       INTEGER NOT NULL
);

CREATE TABLE dashboard_links (
    secret_hash TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- The app page the link opens on, by name; NULL for the apps list.
    app         TEXT,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
