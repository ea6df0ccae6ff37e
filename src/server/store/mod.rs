//! The platform's state in SQLite (WAL, bundled). Queries are plain methods on `Store`, one file
//! per table, so another database can replace this one without touching the HTTP layer.
//! One writer connection (SQLite allows one writer anyway) and a small pool of read-only
//! connections: in WAL mode readers never wait for the writer, so one account's burst of writes
//! does not hold up another account's reads. SQLite calls block, so on the server's multi-thread
//! runtime they run under `block_in_place`: a worker stuck on the writer hands its other tasks
//! (accepting connections, other accounts' requests) to another thread.

mod accounts;
mod acm;
mod addons;
mod app_setups;
mod apps;
mod authorizations;
mod backup_schedules;
mod builds;
mod dashboard;
mod deployments;
mod domains;
mod drains;
mod features;
mod formations;
mod pipelines;
mod releases;
mod review_apps;
pub mod sealed;
mod sni_endpoints;
mod webhooks;

pub use accounts::AccountRow;
pub use acm::{AcmRow, AcmWork};
pub use addons::{AddonRow, AttachError, AttachmentRow, NewAddon};
pub use app_setups::{AppSetupRow, NewAppSetup};
pub use apps::{AppRow, CollaboratorRow, Role, is_unique_violation};
pub use authorizations::AuthorizationRow;
pub use backup_schedules::BackupScheduleRow;
pub use builds::{BuildRow, NewBuild, SourceRow};
pub use dashboard::DashboardLink;
pub use deployments::{
    CommitStatusRow, DeployLockRow, DeploymentRow, DeploymentStatusRow, NewCommitStatus,
    NewDeployment,
};
pub use domains::DomainRow;
pub use drains::DrainRow;
pub use features::{FeatureRow, Owner as FeatureOwner};
pub use formations::FormationRow;
pub use pipelines::{CouplingRow, PipelineRow, PromotionRow, PromotionTargetRow};
pub use releases::{NewRelease, ReleaseRow, SlugRow};
pub use review_apps::{NewReviewApp, ReviewAppConfigRow, ReviewAppRow};
pub use sni_endpoints::SniEndpointRow;
pub use webhooks::{
    AttemptRow, DeliveryJob, DeliveryRow, EventRow, NewAttempt, NewEvent, WebhookChange, WebhookRow,
};

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use uuid::Uuid;

/// Migrations in order, each file numbered by its place in this list. `PRAGMA user_version`
/// records how many have run, so a new migration is only ever appended, with the next number.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_builds.sql"),
    include_str!("migrations/0003_drains.sql"),
    include_str!("migrations/0004_deployments.sql"),
    include_str!("migrations/0005_webhooks.sql"),
    include_str!("migrations/0006_sealing.sql"),
    include_str!("migrations/0007_pipelines.sql"),
    include_str!("migrations/0008_addons.sql"),
    include_str!("migrations/0009_features.sql"),
    include_str!("migrations/0010_domains.sql"),
    include_str!("migrations/0011_sni_endpoints.sql"),
    include_str!("migrations/0012_backup_schedules.sql"),
    include_str!("migrations/0013_acm.sql"),
    include_str!("migrations/0014_app_setups.sql"),
    include_str!("migrations/0015_release_output.sql"),
    include_str!("migrations/0016_backup_schedule_zones.sql"),
    include_str!("migrations/0017_review_apps.sql"),
    include_str!("migrations/0018_dashboard.sql"),
];

/// Read-only connections next to the writer: enough for the API's concurrent reads on a small
/// machine, few enough that each keeps its page cache warm.
const READERS: usize = 6;

#[derive(Clone)]
pub struct Store {
    inner: Arc<Connections>,
    /// Seals and opens the secret columns (see `sealed.rs`).
    keys: Arc<sealed::Keyring>,
}

/// Fields drop in order: the readers close first, so the writer is the last connection and
/// checkpoints the WAL into the database file (a read-only connection cannot), leaving the
/// file whole when the server stops.
struct Connections {
    /// Empty for an in-memory database (its readers could not see the writer's data); reads
    /// then use the writer.
    readers: Vec<Mutex<Connection>>,
    writer: Mutex<Connection>,
    /// Where the next read starts looking for an idle reader, so reads spread over the pool.
    next: AtomicUsize,
}

impl Store {
    pub fn open(path: &Path, keys: &dyn sealed::KeySource) -> anyhow::Result<Store> {
        let cannot = || format!("cannot open the database `{}`", path.display());
        let writer = Connection::open(path).with_context(cannot)?;
        let (writer, keys) = prepare_writer(writer, keys)?;
        // Opened after the writer has switched to WAL and migrated, so they see the schema.
        let readers = (0..READERS)
            .map(|_| {
                let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let conn = Connection::open_with_flags(path, flags).with_context(cannot)?;
                conn.busy_timeout(Duration::from_secs(5))?;
                Ok(Mutex::new(conn))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Store::from_parts(writer, readers, keys))
    }

    #[cfg(test)]
    pub fn in_memory() -> Store {
        let keys = sealed::Keyring::generate().expect("a key");
        let writer = Connection::open_in_memory().expect("in-memory sqlite");
        let (writer, keys) = prepare_writer(writer, &keys).expect("migrate");
        Store::from_parts(writer, vec![], keys)
    }

    fn from_parts(
        writer: Connection,
        readers: Vec<Mutex<Connection>>,
        keys: sealed::Keyring,
    ) -> Store {
        Store {
            inner: Arc::new(Connections {
                writer: Mutex::new(writer),
                readers,
                next: AtomicUsize::new(0),
            }),
            keys: Arc::new(keys),
        }
    }

    /// Runs `f` inside one transaction on the writer; an error rolls everything back. Every
    /// write goes through here.
    pub fn tx<T, E: From<rusqlite::Error>>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        off_async(|| {
            let mut conn = lock(&self.inner.writer);
            // IMMEDIATE takes the write lock up front: a transaction that reads then writes
            // cannot fail half-way because `tug server users:add` wrote in between.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })
    }

    /// Runs read-only queries on a reader, inside one read transaction so that several queries
    /// see the same snapshot. A write here fails (the readers are opened read-only).
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        let run = |mut conn: MutexGuard<'_, Connection>| {
            let tx = conn.transaction()?;
            let out = f(&tx)?;
            // Nothing to keep: ending the read transaction is all a commit does here.
            tx.commit()?;
            Ok(out)
        };
        // A read on an idle reader takes microseconds and never waits for a writer (WAL), so
        // it runs in place: handing the worker's queue to another thread would cost more.
        // Only a read that has to wait for a connection steps off the async workers.
        match self.idle_reader() {
            Some(conn) => run(conn),
            None => off_async(|| run(self.reader())),
        }
    }

    /// Runs `f` on the writer outside any transaction, for what SQLite refuses inside one
    /// (VACUUM, checkpoints).
    fn maintain<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        off_async(|| f(&lock(&self.inner.writer)))
    }

    fn idle_reader(&self) -> Option<MutexGuard<'_, Connection>> {
        let readers = &self.inner.readers;
        let start = self.inner.next.fetch_add(1, Ordering::Relaxed);
        (0..readers.len()).find_map(|i| readers[(start + i) % readers.len()].try_lock().ok())
    }

    /// Waits for a reader (the writer for an in-memory database).
    fn reader(&self) -> MutexGuard<'_, Connection> {
        let readers = &self.inner.readers;
        if readers.is_empty() {
            return lock(&self.inner.writer);
        }
        let start = self.inner.next.fetch_add(1, Ordering::Relaxed);
        lock(&readers[start % readers.len()])
    }
}

/// Sets the writer up (WAL, migrations) and checks or seals the secret columns with `keys`.
fn prepare_writer(
    mut conn: Connection,
    keys: &dyn sealed::KeySource,
) -> anyhow::Result<(Connection, sealed::Keyring)> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrate(&mut conn)?;
    let keys = sealed::start(&mut conn, keys)?;
    Ok((conn, keys))
}

fn lock(conn: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while holding the lock cannot leave SQLite half-written (transactions roll
    // back), so a poisoned lock is safe to keep using.
    crate::sync::lock(conn)
}

/// Runs blocking SQLite work so it does not stall the async workers: on a multi-thread runtime
/// the worker's queue moves to another thread while this one blocks. Elsewhere (a blocking
/// thread, a current-thread runtime, plain threads) it simply runs.
fn off_async<T>(f: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(h) if h.runtime_flavor() == RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        _ => f(),
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
