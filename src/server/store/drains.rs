//! Queries on `log_drains`. A drain's URL may carry credentials, so it is stored sealed
//! (`sealed::DRAIN_URL`); finding a drain by URL, and refusing an app the same URL twice, are
//! done here on the opened URLs.

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::sealed::{self, DRAIN_URL, Keyring};
use super::{Store, uuid_col};
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

fn map_drain(keys: &Keyring) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<DrainRow> {
    move |row| {
        let id = uuid_col(row, 0)?;
        let app_id = uuid_col(row, 1)?;
        Ok(DrainRow {
            id,
            app_id,
            app_name: row.get(2)?,
            url: sealed::open_col(keys, row, 3, DRAIN_URL, app_id, id)?,
            token: row.get(4)?,
            created_at: row.get(5)?,
            updated_at: row.get(6)?,
        })
    }
}

fn app_drains(conn: &Connection, keys: &Keyring, app_id: Uuid) -> rusqlite::Result<Vec<DrainRow>> {
    let mut stmt = conn.prepare(&format!(
        "{DRAIN_SELECT} WHERE d.app_id = ?1 ORDER BY d.created_at, d.id"
    ))?;
    stmt.query_map([app_id.to_string()], map_drain(keys))?
        .collect()
}

impl Store {
    /// Adds a drain; a URL the app already drains to is a unique violation.
    pub fn insert_drain(&self, app_id: Uuid, url: &str) -> rusqlite::Result<DrainRow> {
        let id = Uuid::new_v4();
        let token = format!("d.{}", Uuid::new_v4());
        let now = Timestamp::now().0;
        // One transaction: the check and the insert see the same drains.
        self.tx(|tx| {
            if app_drains(tx, &self.keys, app_id)?
                .iter()
                .any(|d| d.url == url)
            {
                return Err(sealed::unique_violation(DRAIN_URL));
            }
            let sealed_url = self.keys.seal(DRAIN_URL, app_id, &id.to_string(), url)?;
            tx.execute(
                "INSERT INTO log_drains (id, app_id, url, token, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id.to_string(), app_id.to_string(), sealed_url, token, now],
            )?;
            tx.query_row(
                &format!("{DRAIN_SELECT} WHERE d.id = ?1"),
                [id.to_string()],
                map_drain(&self.keys),
            )
        })
    }

    /// An app's drains, oldest first.
    pub fn drains(&self, app_id: Uuid) -> rusqlite::Result<Vec<DrainRow>> {
        self.read(|c| app_drains(c, &self.keys, app_id))
    }

    /// Every drain of every app, for the server's start.
    pub fn all_drains(&self) -> rusqlite::Result<Vec<DrainRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(DRAIN_SELECT)?;
            stmt.query_map([], map_drain(&self.keys))?.collect()
        })
    }

    /// One of an app's drains by id, URL or token.
    pub fn drain(&self, app_id: Uuid, ident: &str) -> rusqlite::Result<Option<DrainRow>> {
        self.read(|c| {
            Ok(app_drains(c, &self.keys, app_id)?
                .into_iter()
                .find(|d| d.id.to_string() == ident || d.url == ident || d.token == ident))
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
