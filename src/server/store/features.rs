//! Queries on `app_features` and `account_features`: switches someone changed.

use rusqlite::params;
use uuid::Uuid;

use super::Store;
use crate::api::Timestamp;

/// A switch as stored: on or off, and when it was first and last set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureRow {
    pub name: String,
    pub enabled: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

fn map(row: &rusqlite::Row<'_>) -> rusqlite::Result<FeatureRow> {
    Ok(FeatureRow {
        name: row.get(0)?,
        enabled: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
    })
}

/// Which table, keyed by which column: only these two, never from input.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    App(Uuid),
    Account(Uuid),
}

impl Owner {
    fn table(self) -> (&'static str, &'static str, String) {
        match self {
            Owner::App(id) => ("app_features", "app_id", id.to_string()),
            Owner::Account(id) => ("account_features", "account_id", id.to_string()),
        }
    }
}

impl Store {
    pub fn features(&self, owner: Owner) -> rusqlite::Result<Vec<FeatureRow>> {
        let (table, key, id) = owner.table();
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT name, enabled, created_at, updated_at FROM {table} WHERE {key} = ?1"
            ))?;
            stmt.query_map([id], map)?.collect()
        })
    }

    pub fn set_feature(&self, owner: Owner, name: &str, enabled: bool) -> rusqlite::Result<()> {
        let (table, key, id) = owner.table();
        let now = Timestamp::now().0;
        self.tx(|c| {
            c.execute(
                &format!(
                    "INSERT INTO {table} ({key}, name, enabled, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
                     ON CONFLICT ({key}, name) DO UPDATE SET enabled = ?3, updated_at = ?4"
                ),
                params![id, name, enabled, now],
            )
        })?;
        Ok(())
    }
}
