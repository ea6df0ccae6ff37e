//! Queries on `log_drains`.

use rusqlite::params;
use uuid::Uuid;

use super::{Store, one, uuid_col};
use crate::api::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrainRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub app_name: String,
    pub url: String,
    pub token: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const DRAIN_SELECT: &str =
    "SELECT d.id, d.app_id, a.name, d.url, d.token, d.created_at, d.updated_at
  FROM log_drains d JOIN apps a ON a.id = d.app_id";

fn map_drain(row: &rusqlite::Row<'_>) -> rusqlite::Result<DrainRow> {
    Ok(DrainRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        app_name: row.get(2)?,
        url: row.get(3)?,
        token: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

impl Store {
    /// Adds a drain; a URL the app already drains to is a unique violation.
    pub fn insert_drain(&self, app_id: Uuid, url: &str) -> rusqlite::Result<DrainRow> {
        let id = Uuid::new_v4();
        let token = format!("d.{}", Uuid::new_v4());
        let now = Timestamp::now().0;
        self.tx(|c| {
            c.execute(
                "INSERT INTO log_drains (id, app_id, url, token, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id.to_string(), app_id.to_string(), url, token, now],
            )?;
            c.query_row(
                &format!("{DRAIN_SELECT} WHERE d.id = ?1"),
                [id.to_string()],
                map_drain,
            )
        })
    }

    /// An app's drains, oldest first.
    pub fn drains(&self, app_id: Uuid) -> rusqlite::Result<Vec<DrainRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{DRAIN_SELECT} WHERE d.app_id = ?1 ORDER BY d.created_at, d.id"
            ))?;
            stmt.query_map([app_id.to_string()], map_drain)?.collect()
        })
    }

    /// Every drain of every app, for the server's start.
    pub fn all_drains(&self) -> rusqlite::Result<Vec<DrainRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(DRAIN_SELECT)?;
            stmt.query_map([], map_drain)?.collect()
        })
    }

    /// One of an app's drains by id, URL or token.
    pub fn drain(&self, app_id: Uuid, ident: &str) -> rusqlite::Result<Option<DrainRow>> {
        self.read(|c| {
            one(
                c,
                &format!(
                    "{DRAIN_SELECT} WHERE d.app_id = ?1 AND (d.id = ?2 OR d.url = ?2 OR d.token = ?2)"
                ),
                params![app_id.to_string(), ident],
                map_drain,
            )
        })
    }

    pub fn delete_drain(&self, id: Uuid) -> rusqlite::Result<bool> {
        self.tx(|c| {
            c.execute("DELETE FROM log_drains WHERE id = ?1", [id.to_string()])
                .map(|n| n > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drains_are_found_by_id_url_or_token() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let app = store.create_app("demo", owner.id).unwrap();
        let d = store.insert_drain(app.id, "syslog://h:1").unwrap();
        assert!(d.token.starts_with("d."));
        assert!(super::super::is_unique_violation(
            &store.insert_drain(app.id, "syslog://h:1").unwrap_err()
        ));
        for ident in [d.id.to_string(), d.url.clone(), d.token.clone()] {
            assert_eq!(store.drain(app.id, &ident).unwrap().unwrap().id, d.id);
        }
        assert_eq!(store.all_drains().unwrap().len(), 1);
        assert!(store.delete_drain(d.id).unwrap());
        assert!(store.drains(app.id).unwrap().is_empty());
    }
}
