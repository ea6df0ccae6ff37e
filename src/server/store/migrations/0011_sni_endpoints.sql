-- SNI endpoints: certificates apps uploaded. The chain is public; the private key is sealed
-- (`sealed::SNI_PRIVATE_KEY`).

CREATE TABLE sni_endpoints (
    id                  TEXT PRIMARY KEY,
    app_id              TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    name                TEXT NOT NULL UNIQUE,
    certificate_chain   TEXT NOT NULL,
    private_key         TEXT NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX sni_endpoints_app ON sni_endpoints(app_id);
