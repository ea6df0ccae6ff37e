//! Secrets sealed at rest: config vars (each release's snapshot), webhooks' URLs, secrets and
//! `Authorization` headers, drain URLs and add-ons' credentials are stored encrypted, so a copy of `tug.db` alone
//! reveals none of them. URLs count as secrets: they may carry a password, and many services
//! (chat hooks, log services) put the bearer token in the path.
//!
//! A sealed value is `sealed:1:<key id>:<base64 of nonce, ciphertext and tag>`, sealed with
//! ChaCha20-Poly1305 under a random nonce. The associated data names the column and the row
//! (its app and id), so a ciphertext moved to another row or app does not open. The key id
//! lets a database hold values under two keys while a rotation is under way.
//!
//! The `sealing` table says whether the values an older tug left in clear have been sealed
//! (and with which key): before that every value is clear, after it every value must open.

use std::fmt;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::Store;
use crate::api::Timestamp;

/// Bytes in a key.
pub const KEY_LEN: usize = 32;

const PREFIX: &str = "sealed:1:";

/// A column that holds sealed values. Every such table has `id` and `app_id` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Column {
    pub table: &'static str,
    pub column: &'static str,
}

impl Column {
    const fn new(table: &'static str, column: &'static str) -> Column {
        Column { table, column }
    }
}

pub(super) const RELEASE_CONFIG: Column = Column::new("releases", "config");
pub(super) const WEBHOOK_URL: Column = Column::new("webhooks", "url");
pub(super) const WEBHOOK_SECRET: Column = Column::new("webhooks", "secret");
pub(super) const WEBHOOK_AUTHORIZATION: Column = Column::new("webhooks", "authorization");
pub(super) const DRAIN_URL: Column = Column::new("log_drains", "url");
pub(super) const ADDON_URL: Column = Column::new("addons", "url");

pub(super) const SNI_PRIVATE_KEY: Column = Column::new("sni_endpoints", "private_key");

pub(super) const ACM_PRIVATE_KEY: Column = Column::new("acm_certificates", "private_key");

/// Every sealed column: the start-up pass and a rotation walk these.
const COLUMNS: &[Column] = &[
    RELEASE_CONFIG,
    WEBHOOK_URL,
    WEBHOOK_SECRET,
    WEBHOOK_AUTHORIZATION,
    DRAIN_URL,
    ADDON_URL,
    SNI_PRIVATE_KEY,
    ACM_PRIVATE_KEY,
];

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.table, self.column)
    }
}

/// One key; its id is a digest of it, so the id says which key sealed a value without
/// revealing the key.
struct SecretKey {
    id: String,
    raw: [u8; KEY_LEN],
    aead: LessSafeKey,
}

impl SecretKey {
    fn new(raw: [u8; KEY_LEN]) -> SecretKey {
        let digest = Sha256::new()
            .chain_update(b"tug secret key id\0")
            .chain_update(raw)
            .finalize();
        let id = crate::hex::encode(&digest[..8]);
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, &raw)
            .unwrap_or_else(|_| unreachable!("a 32-byte key fits ChaCha20-Poly1305"));
        SecretKey {
            id,
            raw,
            aead: LessSafeKey::new(unbound),
        }
    }
}

/// The keys sealed values open with. The first one seals; the others only open values sealed
/// before a rotation finished.
pub struct Keyring {
    keys: Vec<SecretKey>,
}

impl fmt::Debug for Keyring {
    // Never the keys themselves, only their ids.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring").field("ids", &self.ids()).finish()
    }
}

/// Why a value did not open; says nothing of the value.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("it is not a sealed value")]
    NotSealed,
    #[error("it was sealed with key id {0}, which the key file does not hold")]
    UnknownKey(String),
    #[error("it does not decrypt: it was altered, or moved from another row")]
    Corrupt,
}

impl Keyring {
    /// A keyring whose first key seals. `None` for no keys.
    pub fn new(keys: Vec<[u8; KEY_LEN]>) -> Option<Keyring> {
        if keys.is_empty() {
            return None;
        }
        Some(Keyring {
            keys: keys.into_iter().map(SecretKey::new).collect(),
        })
    }

    /// A keyring of one new random key.
    pub fn generate() -> anyhow::Result<Keyring> {
        let mut raw = [0u8; KEY_LEN];
        getrandom::fill(&mut raw).map_err(|e| anyhow::anyhow!("no randomness available: {e}"))?;
        Ok(Keyring {
            keys: vec![SecretKey::new(raw)],
        })
    }

    /// This keyring with a new random key in front: it seals from now on, the others still open.
    pub fn with_new_key(&self) -> anyhow::Result<Keyring> {
        let mut keys = Keyring::generate()?.keys;
        keys.extend(self.keys.iter().map(|k| SecretKey::new(k.raw)));
        Ok(Keyring { keys })
    }

    /// Only the key that seals.
    pub fn current_only(&self) -> Keyring {
        Keyring {
            keys: vec![SecretKey::new(self.keys[0].raw)],
        }
    }

    /// The id of the key that seals.
    pub fn current_id(&self) -> &str {
        &self.keys[0].id
    }

    pub fn ids(&self) -> Vec<&str> {
        self.keys.iter().map(|k| k.id.as_str()).collect()
    }

    pub fn has(&self, id: &str) -> bool {
        self.keys.iter().any(|k| k.id == id)
    }

    /// The raw keys, sealing key first, to write to the key file.
    pub fn raw_keys(&self) -> impl Iterator<Item = &[u8; KEY_LEN]> {
        self.keys.iter().map(|k| &k.raw)
    }

    fn aad(col: Column, app_id: Uuid, id: &str) -> String {
        format!("tug {col} app={app_id} row={id}")
    }

    /// Seals `plain` for one row's column.
    pub(super) fn seal(
        &self,
        col: Column,
        app_id: Uuid,
        id: &str,
        plain: &str,
    ) -> rusqlite::Result<String> {
        let key = &self.keys[0];
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| {
            rusqlite::Error::ToSqlConversionFailure(
                anyhow::anyhow!("no randomness available: {e}").into(),
            )
        })?;
        let mut sealed = nonce.to_vec();
        let mut body = plain.as_bytes().to_vec();
        key.aead
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(Keyring::aad(col, app_id, id).as_bytes()),
                &mut body,
            )
            .map_err(|_| {
                rusqlite::Error::ToSqlConversionFailure(
                    anyhow::anyhow!("the value is too long to seal").into(),
                )
            })?;
        sealed.extend_from_slice(&body);
        Ok(format!(
            "{PREFIX}{}:{}",
            key.id,
            URL_SAFE_NO_PAD.encode(&sealed)
        ))
    }

    /// Opens a value sealed for this row's column, with whichever key sealed it.
    pub(super) fn open(
        &self,
        col: Column,
        app_id: Uuid,
        id: &str,
        sealed: &str,
    ) -> Result<String, OpenError> {
        let (key_id, body) = sealed
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split_once(':'))
            .ok_or(OpenError::NotSealed)?;
        let key = self
            .keys
            .iter()
            .find(|k| k.id == key_id)
            .ok_or_else(|| OpenError::UnknownKey(key_id.chars().take(16).collect()))?;
        let mut bytes = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| OpenError::Corrupt)?;
        if bytes.len() < NONCE_LEN {
            return Err(OpenError::Corrupt);
        }
        let mut body = bytes.split_off(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(&bytes).map_err(|_| OpenError::Corrupt)?;
        let plain = key
            .aead
            .open_in_place(
                nonce,
                Aad::from(Keyring::aad(col, app_id, id).as_bytes()),
                &mut body,
            )
            .map_err(|_| OpenError::Corrupt)?;
        String::from_utf8(plain.to_vec()).map_err(|_| OpenError::Corrupt)
    }
}

/// Opens column `idx` of a row, sealed for `col` of row `id` of app `app_id`; for row mappers.
pub(super) fn open_col(
    keys: &Keyring,
    row: &rusqlite::Row<'_>,
    idx: usize,
    col: Column,
    app_id: Uuid,
    id: Uuid,
) -> rusqlite::Result<String> {
    let sealed: String = row.get(idx)?;
    open_value(keys, idx, col, app_id, id, &sealed)
}

/// `open_col` for a column that may be NULL.
pub(super) fn open_opt_col(
    keys: &Keyring,
    row: &rusqlite::Row<'_>,
    idx: usize,
    col: Column,
    app_id: Uuid,
    id: Uuid,
) -> rusqlite::Result<Option<String>> {
    let sealed: Option<String> = row.get(idx)?;
    sealed
        .map(|s| open_value(keys, idx, col, app_id, id, &s))
        .transpose()
}

fn open_value(
    keys: &Keyring,
    idx: usize,
    col: Column,
    app_id: Uuid,
    id: Uuid,
    sealed: &str,
) -> rusqlite::Result<String> {
    keys.open(col, app_id, &id.to_string(), sealed)
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                idx,
                rusqlite::types::Type::Text,
                anyhow::anyhow!("{col} of {id} cannot be opened: {e}").into(),
            )
        })
}

/// The error SQLite gives for a UNIQUE constraint, for the checks it cannot make on sealed
/// values (an app's drain or webhook URLs): a fresh nonce makes every ciphertext differ.
pub(super) fn unique_violation(col: Column) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE),
        Some(format!("UNIQUE constraint failed: {col} of one app")),
    )
}

/// Where the store gets its keys. It is told the id of the key the database was sealed with
/// (`None` for a database never sealed), so that a new key is made only for a database that
/// has no sealed value a new key could not open.
pub trait KeySource {
    fn keyring(&self, sealed_with: Option<&str>) -> anyhow::Result<Keyring>;
}

/// A keyring at hand (tests, and a rotation that already holds its keys).
impl KeySource for Keyring {
    fn keyring(&self, _sealed_with: Option<&str>) -> anyhow::Result<Keyring> {
        Ok(Keyring {
            keys: self.keys.iter().map(|k| SecretKey::new(k.raw)).collect(),
        })
    }
}

/// The key the database was sealed with; `None` before the first sealing.
fn sealed_with(conn: &Connection) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT key_id FROM sealing WHERE id = 1", [], |r| r.get(0))
        .optional()
}

/// A column's rows that hold a value: (id, app id, value).
fn column_values(conn: &Connection, col: Column) -> anyhow::Result<Vec<(String, Uuid, String)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, app_id, \"{}\" FROM {} WHERE \"{}\" IS NOT NULL",
        col.column, col.table, col.column
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            super::uuid_col(r, 1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn write_value(conn: &Connection, col: Column, id: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        &format!(
            "UPDATE {} SET \"{}\" = ?2 WHERE id = ?1",
            col.table, col.column
        ),
        params![id, value],
    )?;
    Ok(())
}

/// On opening the store: gets the keys, seals the values an older tug left in clear (once),
/// and checks that every sealed value opens, so a wrong key stops the start with a clear
/// error instead of failing requests later.
pub(super) fn start(conn: &mut Connection, source: &dyn KeySource) -> anyhow::Result<Keyring> {
    let sealed = sealed_with(conn)?;
    let keys = source.keyring(sealed.as_deref())?;
    if let Some(id) = &sealed
        && !keys.has(id)
    {
        anyhow::bail!(
            "the database's secrets were encrypted with key id {id}, but the secret key file holds key id {}: start with the key file they were encrypted with",
            keys.ids().join(", ")
        );
    }
    let tx = conn.transaction()?;
    let mut newly_sealed = 0;
    for &col in COLUMNS {
        for (id, app_id, value) in column_values(&tx, col)? {
            if sealed.is_none() {
                write_value(&tx, col, &id, &keys.seal(col, app_id, &id, &value)?)?;
                newly_sealed += 1;
            } else {
                keys.open(col, app_id, &id, &value).with_context(|| {
                    format!(
                        "the database's {col} of row {id} cannot be decrypted with the secret key file (key id {}): the wrong key file, or an altered database",
                        keys.ids().join(", ")
                    )
                })?;
            }
        }
    }
    if sealed.is_none() {
        tx.execute(
            "INSERT INTO sealing (id, key_id, sealed_at) VALUES (1, ?1, ?2)",
            params![keys.current_id(), Timestamp::now().0],
        )?;
    }
    tx.commit()?;
    if newly_sealed > 0 {
        scrub(conn)?;
        tracing::info!(
            values = newly_sealed,
            "encrypted the secrets stored in clear"
        );
    }
    Ok(keys)
}

/// Rewrites the file so that no old copy of a value survives: the clear values sealed on a
/// first start, or the values under a retired key, would otherwise linger in free pages and
/// in the WAL.
fn scrub(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("VACUUM")?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
}

impl Store {
    /// Re-seals every sealed value with `keys`' sealing key (opening each with any of its
    /// keys), in one transaction: a crash leaves every value as it was. Answers how many
    /// values were re-sealed.
    pub fn reseal(&self, keys: &Keyring) -> anyhow::Result<usize> {
        let count = self.tx(|tx| -> anyhow::Result<usize> {
            let mut count = 0;
            for &col in COLUMNS {
                for (id, app_id, value) in column_values(tx, col)? {
                    let plain = keys.open(col, app_id, &id, &value).with_context(|| {
                        format!("the database's {col} of row {id} cannot be decrypted")
                    })?;
                    write_value(tx, col, &id, &keys.seal(col, app_id, &id, &plain)?)?;
                    count += 1;
                }
            }
            tx.execute(
                "UPDATE sealing SET key_id = ?1, sealed_at = ?2 WHERE id = 1",
                params![keys.current_id(), Timestamp::now().0],
            )?;
            Ok(count)
        })?;
        self.maintain(scrub)?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> Keyring {
        Keyring::generate().unwrap()
    }

    #[test]
    fn values_open_only_in_their_own_row_and_column() {
        let keys = ring();
        let app = Uuid::new_v4();
        let sealed = keys.seal(WEBHOOK_SECRET, app, "r1", "hunter2").unwrap();
        assert!(sealed.starts_with(PREFIX) && !sealed.contains("hunter2"));
        assert_eq!(
            keys.open(WEBHOOK_SECRET, app, "r1", &sealed).unwrap(),
            "hunter2"
        );
        for (col, app_id, id) in [
            (WEBHOOK_SECRET, app, "r2"),
            (WEBHOOK_SECRET, Uuid::new_v4(), "r1"),
            (WEBHOOK_AUTHORIZATION, app, "r1"),
        ] {
            assert!(matches!(
                keys.open(col, app_id, id, &sealed),
                Err(OpenError::Corrupt)
            ));
        }
        // Two seals of one value differ: a fresh nonce each time.
        assert_ne!(
            sealed,
            keys.seal(WEBHOOK_SECRET, app, "r1", "hunter2").unwrap()
        );
    }

    #[test]
    fn hostile_values_are_errors_not_panics() {
        let keys = ring();
        let app = Uuid::new_v4();
        let id = keys.current_id().to_string();
        for bad in [
            "",
            "hunter2",
            "sealed:1:",
            "sealed:1:nocolon",
            &format!("sealed:1:{id}:"),
            &format!("sealed:1:{id}:!!!"),
            &format!("sealed:1:{id}:AAAA"),
            &format!("sealed:1:{id}:{}", "A".repeat(80)),
        ] {
            assert!(keys.open(DRAIN_URL, app, "r", bad).is_err(), "{bad:?}");
        }
        let other = ring().seal(DRAIN_URL, app, "r", "x").unwrap();
        assert!(matches!(
            keys.open(DRAIN_URL, app, "r", &other),
            Err(OpenError::UnknownKey(_))
        ));
    }

    #[test]
    fn a_rotated_keyring_opens_old_values_and_seals_with_the_new_key() {
        let old = ring();
        let app = Uuid::new_v4();
        let sealed = old.seal(RELEASE_CONFIG, app, "r", "{}").unwrap();
        let rotated = old.with_new_key().unwrap();
        assert_ne!(rotated.current_id(), old.current_id());
        assert!(rotated.has(old.current_id()));
        assert_eq!(
            rotated.open(RELEASE_CONFIG, app, "r", &sealed).unwrap(),
            "{}"
        );
        let resealed = rotated.seal(RELEASE_CONFIG, app, "r", "{}").unwrap();
        assert!(old.open(RELEASE_CONFIG, app, "r", &resealed).is_err());
        assert_eq!(rotated.current_only().ids(), vec![rotated.current_id()]);
        assert!(!format!("{rotated:?}").contains(&URL_SAFE_NO_PAD.encode(rotated.keys[0].raw)));
    }

    const CLEAR: &[&str] = &[
        "clear-config-value",
        "clear-hook-path",
        "clear-hook-secret",
        "clear-hook-auth",
        "clear-drain-pw",
    ];

    /// A database as the tug before sealing left it: schema 5, secrets in clear.
    fn legacy_database(path: &std::path::Path) -> Uuid {
        let conn = Connection::open(path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        for sql in &super::super::MIGRATIONS[..5] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
        let (account, app) = (Uuid::new_v4(), Uuid::new_v4());
        conn.execute_batch(&format!(
            "INSERT INTO accounts (id, email, created_at, updated_at) VALUES ('{account}', 'o@example.com', 0, 0);
             INSERT INTO apps (id, name, owner_id, created_at, updated_at) VALUES ('{app}', 'old', '{account}', 0, 0);
             INSERT INTO releases (id, app_id, version, description, user_id, config, status, created_at, updated_at)
               VALUES ('{}', '{app}', 1, 'Initial release', '{account}', '{{\"K\":\"clear-config-value\"}}', 'succeeded', 0, 0);
             INSERT INTO webhooks (id, app_id, url, include, level, secret, authorization, created_at, updated_at)
               VALUES ('{}', '{app}', 'http://127.0.0.1:9/clear-hook-path', '[\"api:release\"]', 'notify', 'clear-hook-secret', 'clear-hook-auth', 0, 0);
             INSERT INTO log_drains (id, app_id, url, token, created_at, updated_at)
               VALUES ('{}', '{app}', 'https://u:clear-drain-pw@127.0.0.1:9/', 'd.1', 0, 0);",
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
        ))
        .unwrap();
        app
    }

    fn file_bytes(path: &std::path::Path) -> Vec<u8> {
        let mut all = std::fs::read(path).unwrap();
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        all.extend(std::fs::read(wal).unwrap_or_default());
        all
    }

    fn assert_no_clear_value(path: &std::path::Path) {
        let bytes = file_bytes(path);
        for clear in CLEAR {
            assert!(
                !bytes.windows(clear.len()).any(|w| w == clear.as_bytes()),
                "`{clear}` is still in the database file"
            );
        }
    }

    /// A database as an older tug left it, with clear values, in a directory of its own.
    fn legacy() -> (tempfile::TempDir, std::path::PathBuf, Uuid) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tug.db");
        let app = legacy_database(&path);
        (dir, path, app)
    }

    #[test]
    fn clear_values_of_an_older_tug_are_sealed_on_first_start() {
        let (_dir, path, app) = legacy();
        let keys = ring();
        let store = Store::open(&path, &keys).unwrap();
        assert_no_clear_value(&path);
        assert_eq!(
            store.config(app).unwrap().get("K").map(String::as_str),
            Some("clear-config-value")
        );
        let hook = &store.webhooks(app).unwrap()[0];
        assert_eq!(hook.url, "http://127.0.0.1:9/clear-hook-path");
        assert_eq!(hook.secret, "clear-hook-secret");
        assert_eq!(hook.authorization.as_deref(), Some("clear-hook-auth"));
        let drain = store
            .drain(app, "https://u:clear-drain-pw@127.0.0.1:9/")
            .unwrap();
        assert!(drain.is_some(), "a drain is still found by its URL");
        assert!(super::super::is_unique_violation(
            &store
                .insert_drain(app, "https://u:clear-drain-pw@127.0.0.1:9/")
                .unwrap_err()
        ));
        drop(store);

        // Opening again seals nothing twice; another key is refused before anything changes.
        drop(Store::open(&path, &keys).unwrap());
        let err = Store::open(&path, &ring()).err().unwrap().to_string();
        assert!(err.contains("key id"), "{err}");
        let store = Store::open(&path, &keys).unwrap();
        assert_eq!(store.webhooks(app).unwrap()[0].secret, "clear-hook-secret");
    }

    #[test]
    fn a_reseal_moves_every_value_to_the_new_key() {
        let (_dir, path, app) = legacy();
        let old = ring();
        let store = Store::open(&path, &old).unwrap();
        let rotated = old.with_new_key().unwrap();
        assert_eq!(store.reseal(&rotated).unwrap(), 5);
        drop(store);
        let err = Store::open(&path, &old).err().unwrap().to_string();
        assert!(err.contains("key id"), "{err}");
        let store = Store::open(&path, &rotated.current_only()).unwrap();
        assert_eq!(store.drains(app).unwrap().len(), 1);
        assert_eq!(
            store.config(app).unwrap().get("K").map(String::as_str),
            Some("clear-config-value")
        );
    }

    #[test]
    fn a_value_moved_to_another_row_does_not_open() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let a = store.create_app("a", owner.id).unwrap();
        let b = store.create_app("b", owner.id).unwrap();
        let wa = store
            .insert_webhook(
                a.id,
                "http://127.0.0.1:9/a",
                &[],
                "notify",
                "secret-a",
                None,
            )
            .unwrap();
        let wb = store
            .insert_webhook(
                b.id,
                "http://127.0.0.1:9/b",
                &[],
                "notify",
                "secret-b",
                None,
            )
            .unwrap();
        store
            .read(|c| {
                c.execute(
                    "UPDATE webhooks SET secret = (SELECT secret FROM webhooks WHERE id = ?1) WHERE id = ?2",
                    params![wa.id.to_string(), wb.id.to_string()],
                )
            })
            .unwrap();
        assert!(store.webhook(b.id, wb.id).is_err());
        assert_eq!(
            store.webhook(a.id, wa.id).unwrap().unwrap().secret,
            "secret-a"
        );
    }
}
