-- Automated certificate management (ACM): whether an app asked for certificates from the
-- ACME CA, and per custom domain where its certificate stands. The chain is public; the
-- private key is sealed (`sealed::ACM_PRIVATE_KEY`). A row's id is its domain's id, so it goes
-- with the domain.

ALTER TABLE apps ADD COLUMN acm INTEGER NOT NULL DEFAULT 0;

CREATE TABLE acm_certificates (
    id                  TEXT PRIMARY KEY REFERENCES domains(id) ON DELETE CASCADE,
    app_id              TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    -- `pending` (DNS does not point here yet), `dns-verified` (ordering), `cert issued`,
    -- `failing` (the last order failed; retried with backoff, the old certificate still served).
    status              TEXT NOT NULL DEFAULT 'pending',
    reason              TEXT,
    certificate_chain   TEXT,
    private_key         TEXT,
    -- Unix seconds: the certificate's validity, and when to order next.
    starts_at           INTEGER,
    expires_at          INTEGER,
    failures            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     INTEGER NOT NULL DEFAULT 0,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX acm_certificates_app ON acm_certificates(app_id);
