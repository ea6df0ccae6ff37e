//! The platform's state in SQLite (WAL, bundled). Queries are plain methods on `Store`, one file
//! per table, so another database can replace this one without touching the HTTP layer.
//! The connection sits behind a mutex: queries take microseconds, and one writer is what SQLite
//! allows anyway.

mod accounts;
mod apps;
mod authorizations;
mod builds;
mod deployments;
mod drains;
mod formations;
mod releases;
pub mod sealed;
mod webhooks;

pub use accounts::AccountRow;
pub use apps::{AppRow, CollaboratorRow, Role, is_unique_violation};
pub use authorizations::AuthorizationRow;
pub use builds::{BuildRow, NewBuild, SourceRow};
pub use deployments::{
    CommitStatusRow, DeployLockRow, DeploymentRow, DeploymentStatusRow, NewCommitStatus,
    NewDeployment,
};
pub use drains::DrainRow;
pub use formations::FormationRow;
pub use releases::{NewRelease, ReleaseRow, SlugRow};
pub use webhooks::{
    AttemptRow, DeliveryJob, DeliveryRow, EventRow, NewAttempt, NewEvent, WebhookChange, WebhookRow,
};

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context;
use rusqlite::{Connection, OptionalExtension, Transaction};
use uuid::Uuid;

/// Migrations in order; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_builds.sql"),
    include_str!("migrations/0003_drains.sql"),
    include_str!("migrations/0004_deployments.sql"),
    include_str!("migrations/0005_webhooks.sql"),
    include_str!("migrations/0006_sealing.sql"),
];

#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    /// Seals and opens the secret columns (see `sealed.rs`).
    keys: Arc<sealed::Keyring>,
}

impl Store {
    pub fn open(path: &Path, keys: &dyn sealed::KeySource) -> anyhow::Result<Store> {
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open the database `{}`", path.display()))?;
        Store::init(conn, keys)
    }

    #[cfg(test)]
    pub fn in_memory() -> Store {
        let keys = sealed::Keyring::generate().expect("a key");
        Store::init(
            Connection::open_in_memory().expect("in-memory sqlite"),
            &keys,
        )
        .expect("migrate")
    }

    fn init(mut conn: Connection, keys: &dyn sealed::KeySource) -> anyhow::Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut conn)?;
        let keys = sealed::start(&mut conn, keys)?;
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
            keys: Arc::new(keys),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back), so a poisoned lock is safe to keep using.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` inside one transaction; an error rolls everything back.
    pub fn tx<T, E: From<rusqlite::Error>>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs read-only queries on the connection.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        f(&self.lock())
    }
}

fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    let done: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if done > MIGRATIONS.len() {
        anyhow::bail!(
            "the database was written by a newer tug (schema {done}, this one knows {})",
            MIGRATIONS.len()
        );
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .with_context(|| format!("migration {} failed", i + 1))?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Reads a UUID stored as text.
fn uuid_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Uuid> {
    let s: String = row.get(idx)?;
    Uuid::parse_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn opt_uuid_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<Uuid>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| {
        Uuid::parse_str(&s).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

fn json_col<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// `query_row` that answers `None` for no rows.
fn one<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Option<T>> {
    conn.query_row(sql, params, map).optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tug.db");
        let keys = sealed::Keyring::generate().unwrap();
        drop(Store::open(&path, &keys).unwrap());
        drop(Store::open(&path, &keys).unwrap());
        let conn = Connection::open(&path).unwrap();
        let v: usize = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len());
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tug.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let keys = sealed::Keyring::generate().unwrap();
        let err = Store::open(&path, &keys).err().unwrap().to_string();
        assert!(err.contains("newer tug"), "{err}");
    }
}
