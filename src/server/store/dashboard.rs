//! Queries on the dashboard's tables: which authorizations are browser sessions, and the
//! single-use sign-in links `tug dashboard` opens.

use rusqlite::params;
use uuid::Uuid;

use super::{Store, one, uuid_col};
use crate::api::Timestamp;

/// What a sign-in link grants once taken: a session for this account, opening on this app.
#[derive(Debug, Clone)]
pub struct DashboardLink {
    pub account_id: Uuid,
    pub app: Option<String>,
}

impl Store {
    /// Marks an authorization as a browser session.
    pub fn insert_dashboard_session(&self, authorization_id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "INSERT INTO dashboard_sessions (authorization_id, created_at) VALUES (?1, ?2)",
                params![authorization_id.to_string(), Timestamp::now().0],
            )
            .map(drop)
        })
    }

    pub fn is_dashboard_session(&self, authorization_id: Uuid) -> rusqlite::Result<bool> {
        self.read(|c| {
            one(
                c,
                "SELECT 1 FROM dashboard_sessions WHERE authorization_id = ?1",
                [authorization_id.to_string()],
                |_| Ok(()),
            )
            .map(|found| found.is_some())
        })
    }

    /// Keeps a new link's secret hash; links that can no longer be used are swept out.
    pub fn insert_dashboard_link(
        &self,
        secret_hash: &str,
        account_id: Uuid,
        app: Option<&str>,
        expires_at: i64,
    ) -> rusqlite::Result<()> {
        let now = Timestamp::now().0;
        self.tx(|c| {
            c.execute(
                "DELETE FROM dashboard_links WHERE expires_at <= ?1",
                [now],
            )?;
            c.execute(
                "INSERT INTO dashboard_links (secret_hash, account_id, app, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![secret_hash, account_id.to_string(), app, expires_at],
            )
            .map(drop)
        })
    }

    /// Uses a link up: what it grants, once, if it has not expired.
    pub fn take_dashboard_link(
        &self,
        secret_hash: &str,
    ) -> rusqlite::Result<Option<DashboardLink>> {
        let now = Timestamp::now().0;
        self.tx(|c| {
            one(
                c,
                "UPDATE dashboard_links SET used_at = ?2 WHERE secret_hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING account_id, app",
                params![secret_hash, now],
                |row| {
                    Ok(DashboardLink {
                        account_id: uuid_col(row, 0)?,
                        app: row.get(1)?,
                    })
                },
            )
        })
    }

    /// Makes a link look older, as if time had passed (the tests of expiry).
    #[cfg(test)]
    pub fn age_dashboard_links(&self, seconds: i64) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE dashboard_links SET expires_at = expires_at - ?1",
                [seconds],
            )
            .map(drop)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_taken_once_and_not_after_it_expires() {
        let store = Store::in_memory();
        let account = store
            .insert_account("a@example.com", None)
            .expect("account");
        store
            .insert_dashboard_link("h1", account.id, Some("demo"), Timestamp::now().0 + 60)
            .unwrap();
        let taken = store.take_dashboard_link("h1").unwrap().expect("first use");
        assert_eq!(taken.app.as_deref(), Some("demo"));
        assert!(store.take_dashboard_link("h1").unwrap().is_none());
        store
            .insert_dashboard_link("h2", account.id, None, Timestamp::now().0 + 60)
            .unwrap();
        store.age_dashboard_links(61).unwrap();
        assert!(store.take_dashboard_link("h2").unwrap().is_none());
        assert!(store.take_dashboard_link("nope").unwrap().is_none());
    }
}
