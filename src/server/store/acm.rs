//! Queries on ACM: an app's switch (`apps.acm`) and, per custom domain, where its automatic
//! certificate stands (`acm_certificates`, one row per domain, the key sealed as
//! `sealed::ACM_PRIVATE_KEY`).

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::sealed::{self, ACM_PRIVATE_KEY};
use super::{Store, uuid_col};
use crate::api::Timestamp;

/// A domain's ACM state, without its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcmRow {
    /// The domain's id.
    pub id: Uuid,
    pub app_id: Uuid,
    pub hostname: String,
    pub status: String,
    pub reason: Option<String>,
    pub certificate_chain: Option<String>,
    pub starts_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub failures: i64,
    pub next_attempt_at: i64,
    pub updated_at: i64,
}

/// A custom domain of an app with ACM on that is due for an order (none yet, a renewal, or
/// a retry), with what the order needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcmWork {
    pub domain_id: Uuid,
    pub app_id: Uuid,
    pub app_name: String,
    pub hostname: String,
    pub state: Option<AcmRow>,
}

const SELECT: &str = "SELECT c.id, c.app_id, d.hostname, c.status, c.reason, c.certificate_chain,
    c.starts_at, c.expires_at, c.failures, c.next_attempt_at, c.updated_at
  FROM acm_certificates c JOIN domains d ON d.id = c.id";

fn map_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AcmRow> {
    Ok(AcmRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        hostname: row.get(2)?,
        status: row.get(3)?,
        reason: row.get(4)?,
        certificate_chain: row.get(5)?,
        starts_at: row.get(6)?,
        expires_at: row.get(7)?,
        failures: row.get(8)?,
        next_attempt_at: row.get(9)?,
        updated_at: row.get(10)?,
    })
}

impl Store {
    /// Turns ACM on or off for an app. Off forgets its automatic certificates.
    pub fn set_acm(&self, app_id: Uuid, on: bool) -> rusqlite::Result<()> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE apps SET acm = ?2, updated_at = ?3 WHERE id = ?1",
                params![app_id.to_string(), on, Timestamp::now().0],
            )?;
            if !on {
                tx.execute(
                    "DELETE FROM acm_certificates WHERE app_id = ?1",
                    [app_id.to_string()],
                )?;
            }
            Ok(())
        })
    }

    /// The ACM state of an app's custom domains.
    pub fn acm_states(&self, app_id: Uuid) -> rusqlite::Result<Vec<AcmRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{SELECT} WHERE c.app_id = ?1 ORDER BY d.created_at, d.hostname"
            ))?;
            stmt.query_map([app_id.to_string()], map_row)?.collect()
        })
    }

    /// Custom domains (not wildcards: HTTP-01 cannot prove those) of apps with ACM on whose
    /// next order is due at `now`: no state yet, or a due attempt.
    pub fn acm_due(&self, now: i64) -> rusqlite::Result<Vec<AcmWork>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT d.id, a.id, a.name, d.hostname, c.id FROM domains d
                   JOIN apps a ON a.id = d.app_id
                   LEFT JOIN acm_certificates c ON c.id = d.id
                  WHERE a.acm = 1 AND d.hostname NOT LIKE '*.%'
                    AND (c.id IS NULL OR c.next_attempt_at <= ?1)
                  ORDER BY d.created_at",
            )?;
            let rows = stmt
                .query_map([now], |r| {
                    Ok((
                        uuid_col(r, 0)?,
                        uuid_col(r, 1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?.is_some(),
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut out = Vec::with_capacity(rows.len());
            for (domain_id, app_id, app_name, hostname, has_state) in rows {
                let state = if has_state {
                    c.query_row(
                        &format!("{SELECT} WHERE c.id = ?1"),
                        [domain_id.to_string()],
                        map_row,
                    )
                    .optional()?
                } else {
                    None
                };
                out.push(AcmWork {
                    domain_id,
                    app_id,
                    app_name,
                    hostname,
                    state,
                });
            }
            Ok(out)
        })
    }

    /// The earliest next attempt among apps with ACM on, if any is scheduled.
    pub fn acm_next_attempt(&self) -> rusqlite::Result<Option<i64>> {
        self.read(|c| {
            c.query_row(
                "SELECT min(c.next_attempt_at) FROM acm_certificates c
                   JOIN apps a ON a.id = c.app_id WHERE a.acm = 1",
                [],
                |r| r.get(0),
            )
        })
    }

    /// Records a domain's status, how many orders in a row have failed and when to try next,
    /// without touching its certificate.
    pub fn set_acm_status(
        &self,
        domain_id: Uuid,
        app_id: Uuid,
        status: &str,
        reason: Option<&str>,
        next_attempt_at: i64,
        failures: i64,
    ) -> rusqlite::Result<()> {
        let now = Timestamp::now().0;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO acm_certificates (id, app_id, status, reason, failures, next_attempt_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET status = ?3, reason = ?4, failures = ?5,
                   next_attempt_at = ?6, updated_at = ?7",
                params![
                    domain_id.to_string(),
                    app_id.to_string(),
                    status,
                    reason,
                    failures,
                    next_attempt_at,
                    now
                ],
            )
            .map(|_| ())
        })
    }

    /// Stores an issued certificate and its key (sealed).
    #[allow(clippy::too_many_arguments)]
    pub fn set_acm_certificate(
        &self,
        domain_id: Uuid,
        app_id: Uuid,
        chain: &str,
        key: &str,
        starts_at: i64,
        expires_at: i64,
        renew_at: i64,
    ) -> rusqlite::Result<()> {
        let now = Timestamp::now().0;
        self.tx(|tx| {
            let sealed_key = self
                .keys
                .seal(ACM_PRIVATE_KEY, app_id, &domain_id.to_string(), key)?;
            tx.execute(
                "INSERT INTO acm_certificates (id, app_id, status, reason, certificate_chain, private_key,
                   starts_at, expires_at, failures, next_attempt_at, updated_at)
                 VALUES (?1, ?2, 'cert issued', NULL, ?3, ?4, ?5, ?6, 0, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET status = 'cert issued', reason = NULL,
                   certificate_chain = ?3, private_key = ?4, starts_at = ?5, expires_at = ?6,
                   failures = 0, next_attempt_at = ?7, updated_at = ?8",
                params![
                    domain_id.to_string(),
                    app_id.to_string(),
                    chain,
                    sealed_key,
                    starts_at,
                    expires_at,
                    renew_at,
                    now
                ],
            )
            .map(|_| ())
        })
    }

    /// Makes every custom domain of an app due for an order now (ACM refresh).
    pub fn acm_refresh(&self, app_id: Uuid) -> rusqlite::Result<()> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE acm_certificates SET next_attempt_at = 0, failures = 0 WHERE app_id = ?1",
                [app_id.to_string()],
            )
            .map(|_| ())
        })
    }

    /// Every issued automatic certificate of an app with ACM on, with its opened key and its
    /// hostname: what the router's certificate table adds to the uploaded ones.
    pub fn acm_certificates_for_router(&self) -> rusqlite::Result<Vec<(String, String, String)>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT c.id, c.app_id, d.hostname, c.certificate_chain, c.private_key
                   FROM acm_certificates c JOIN domains d ON d.id = c.id
                   JOIN apps a ON a.id = c.app_id
                  WHERE a.acm = 1 AND c.certificate_chain IS NOT NULL AND c.private_key IS NOT NULL",
            )?;
            stmt.query_map([], |r| {
                let id = uuid_col(r, 0)?;
                let app_id = uuid_col(r, 1)?;
                let key = sealed::open_col(&self.keys, r, 4, ACM_PRIVATE_KEY, app_id, id)?;
                Ok((r.get(2)?, r.get(3)?, key))
            })?
            .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_domains_states_and_sealed_keys() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let app = store.create_app("demo", owner.id).unwrap();
        let d = store.insert_domain(app.id, "www.example.test").unwrap();
        store.insert_domain(app.id, "*.example.test").unwrap();
        assert!(store.acm_due(0).unwrap().is_empty(), "ACM is off");
        store.set_acm(app.id, true).unwrap();
        assert!(store.app_by_name("demo").unwrap().unwrap().acm);
        let due = store.acm_due(100).unwrap();
        assert_eq!(due.len(), 1, "wildcards are not ordered");
        assert_eq!(due[0].hostname, "www.example.test");
        assert!(due[0].state.is_none());
        store
            .set_acm_status(d.id, app.id, "failing", Some("down"), 200, 1)
            .unwrap();
        assert!(store.acm_due(100).unwrap().is_empty());
        assert_eq!(
            store.acm_due(200).unwrap()[0]
                .state
                .as_ref()
                .unwrap()
                .failures,
            1
        );
        assert_eq!(store.acm_next_attempt().unwrap(), Some(200));
        store
            .set_acm_certificate(d.id, app.id, "CHAIN", "KEY-MATERIAL", 1, 1000, 700)
            .unwrap();
        let raw: String = store
            .read(|c| c.query_row("SELECT private_key FROM acm_certificates", [], |r| r.get(0)))
            .unwrap();
        assert!(raw.starts_with("sealed:1:") && !raw.contains("KEY-MATERIAL"));
        let states = store.acm_states(app.id).unwrap();
        assert_eq!(states[0].status, "cert issued");
        assert_eq!(states[0].failures, 0);
        assert_eq!(states[0].reason, None);
        let served = store.acm_certificates_for_router().unwrap();
        assert_eq!(
            served,
            [(
                "www.example.test".to_string(),
                "CHAIN".to_string(),
                "KEY-MATERIAL".to_string()
            )]
        );
        store.acm_refresh(app.id).unwrap();
        assert_eq!(store.acm_due(0).unwrap().len(), 1);
        store.set_acm(app.id, false).unwrap();
        assert!(store.acm_states(app.id).unwrap().is_empty());
        assert!(store.acm_certificates_for_router().unwrap().is_empty());
    }
}
