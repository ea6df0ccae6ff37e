//! Queries on `domains`: an app's custom hostnames, and the router's look-up of the app behind
//! a hostname (the exact name first, then the wildcard one label up).

use rusqlite::params;
use uuid::Uuid;

use super::{Store, one, uuid_col};
use crate::api::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub app_name: String,
    pub hostname: String,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const DOMAIN_SELECT: &str =
    "SELECT d.id, d.app_id, a.name, d.hostname, d.status, d.created_at, d.updated_at
  FROM domains d JOIN apps a ON a.id = d.app_id";

fn map_domain(row: &rusqlite::Row<'_>) -> rusqlite::Result<DomainRow> {
    Ok(DomainRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        app_name: row.get(2)?,
        hostname: row.get(3)?,
        status: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

/// The wildcard name that covers `host`: `*.example.com` for `www.example.com`.
fn wildcard_of(host: &str) -> Option<String> {
    let (_, parent) = host.split_once('.')?;
    parent.contains('.').then(|| format!("*.{parent}"))
}

impl Store {
    /// Adds a custom domain; a hostname any app already has is a unique violation.
    pub fn insert_domain(&self, app_id: Uuid, hostname: &str) -> rusqlite::Result<DomainRow> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO domains (id, app_id, hostname, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id.to_string(), app_id.to_string(), hostname, now],
            )?;
            tx.query_row(
                &format!("{DOMAIN_SELECT} WHERE d.id = ?1"),
                [id.to_string()],
                map_domain,
            )
        })
    }

    /// An app's custom domains, oldest first.
    pub fn domains(&self, app_id: Uuid) -> rusqlite::Result<Vec<DomainRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{DOMAIN_SELECT} WHERE d.app_id = ?1 ORDER BY d.created_at, d.hostname"
            ))?;
            stmt.query_map([app_id.to_string()], map_domain)?.collect()
        })
    }

    /// How many custom domains an app has.
    pub fn count_domains(&self, app_id: Uuid) -> rusqlite::Result<usize> {
        self.read(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM domains WHERE app_id = ?1",
                [app_id.to_string()],
                |r| r.get(0),
            )
        })
    }

    /// One of an app's custom domains by id or hostname (already normalized).
    pub fn domain(&self, app_id: Uuid, ident: &str) -> rusqlite::Result<Option<DomainRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{DOMAIN_SELECT} WHERE d.app_id = ?1 AND (d.id = ?2 OR d.hostname = ?2)"),
                [app_id.to_string(), ident.to_string()],
                map_domain,
            )
        })
    }

    /// Records the outcome of a DNS check.
    pub fn set_domain_status(&self, id: Uuid, status: &str) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE domains SET status = ?2, updated_at = ?3 WHERE id = ?1 AND status <> ?2",
                params![id.to_string(), status, Timestamp::now().0],
            )
            .map(|_| ())
        })
    }

    pub fn delete_domain(&self, id: Uuid) -> rusqlite::Result<bool> {
        self.tx(|c| {
            c.execute("DELETE FROM domains WHERE id = ?1", [id.to_string()])
                .map(|n| n > 0)
        })
    }

    /// Removes every custom domain of an app; answers the ones removed.
    pub fn clear_domains(&self, app_id: Uuid) -> rusqlite::Result<Vec<DomainRow>> {
        let gone = self.domains(app_id)?;
        self.tx(|c| {
            c.execute(
                "DELETE FROM domains WHERE app_id = ?1",
                [app_id.to_string()],
            )
        })?;
        Ok(gone)
    }

    /// The app (id, maintenance) behind a lowercase hostname: the exact custom domain, else the
    /// wildcard one label up. Asked by the router for every request whose host is not
    /// `APP.DOMAIN`.
    pub fn domain_route(&self, host: &str) -> rusqlite::Result<Option<(Uuid, bool)>> {
        let wildcard = wildcard_of(host).unwrap_or_default();
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT a.id, a.maintenance FROM domains d JOIN apps a ON a.id = d.app_id
                  WHERE d.hostname IN (?1, ?2) ORDER BY d.hostname = ?1 DESC LIMIT 1",
            )?;
            let mut rows = stmt.query([host, wildcard.as_str()])?;
            match rows.next()? {
                Some(r) => Ok(Some((uuid_col(r, 0)?, r.get(1)?))),
                None => Ok(None),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_are_unique_and_route_exact_then_wildcard() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let a = store.create_app("one", owner.id).unwrap();
        let b = store.create_app("two", owner.id).unwrap();
        let d = store.insert_domain(a.id, "www.example.com").unwrap();
        assert_eq!(d.status, "pending");
        assert!(super::super::is_unique_violation(
            &store.insert_domain(b.id, "www.example.com").unwrap_err()
        ));
        store.insert_domain(b.id, "*.example.com").unwrap();
        let route = |h: &str| store.domain_route(h).unwrap().map(|(id, _)| id);
        assert_eq!(route("www.example.com"), Some(a.id));
        assert_eq!(route("api.example.com"), Some(b.id));
        assert_eq!(route("deep.api.example.com"), None);
        assert_eq!(route("example.com"), None);
        for ident in [d.id.to_string(), d.hostname.clone()] {
            assert_eq!(store.domain(a.id, &ident).unwrap().unwrap().id, d.id);
        }
        assert!(store.domain(b.id, &d.hostname).unwrap().is_none());
        store.set_domain_status(d.id, "succeeded").unwrap();
        assert_eq!(
            store.domain(a.id, &d.hostname).unwrap().unwrap().status,
            "succeeded"
        );
        assert_eq!(store.count_domains(b.id).unwrap(), 1);
        assert_eq!(store.clear_domains(b.id).unwrap().len(), 1);
        assert_eq!(route("api.example.com"), None);
        assert!(store.delete_domain(d.id).unwrap());
        assert_eq!(route("www.example.com"), None);
    }

    #[test]
    fn wildcards_cover_one_label() {
        assert_eq!(
            wildcard_of("www.example.com").as_deref(),
            Some("*.example.com")
        );
        assert_eq!(wildcard_of("example.com"), None);
        assert_eq!(wildcard_of("com"), None);
    }
}
