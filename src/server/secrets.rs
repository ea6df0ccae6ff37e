//! The secret key file the store seals secrets with, and `tug server secrets:rotate`.
//!
//! The file is `DATA/secret.key` unless the operator names another (`--secret-key-file`,
//! `TUG_SECRET_KEY_FILE`), for example one kept off the machine's backups. It holds one key a
//! line (base64 of 32 bytes); the first seals, the others only open values sealed before a
//! rotation finished. `DATA/secret.key` is made (0600) on the first start of a database that
//! has never been sealed, and never otherwise: a new key cannot open sealed values.

use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::store::Store;
use super::store::sealed::{KEY_LEN, KeySource, Keyring};
use super::{SecretsRotateArgs, default_data_dir};
use crate::ExitStatus;

const FILE_NAME: &str = "secret.key";

const HEADER: &str = "# tug secret keys, one a line: the first encrypts, the others only decrypt\n\
# values encrypted before a rotation finished. Losing this file loses every config var,\n\
# webhook URL and secret, and drain URL in tug.db; keep a copy apart from its backups.\n";

/// The key file of a data dir, or the one the operator named.
#[derive(Debug, Clone)]
pub struct KeyFile {
    path: PathBuf,
    /// Named by the operator: never created here.
    named: bool,
}

impl KeyFile {
    pub fn new(data_dir: &Path, named: Option<&Path>) -> KeyFile {
        match named {
            Some(path) => KeyFile {
                path: path.to_path_buf(),
                named: true,
            },
            None => KeyFile {
                path: data_dir.join(FILE_NAME),
                named: false,
            },
        }
    }

    /// The keys in the file; `None` when there is no file.
    fn read(&self) -> anyhow::Result<Option<Keyring>> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(e).with_context(|| {
                    format!("cannot read the secret key file `{}`", self.path.display())
                });
            }
        };
        if let Ok(meta) = fs::metadata(&self.path)
            && meta.mode() & 0o077 != 0
        {
            tracing::warn!(
                path = %self.path.display(),
                "the secret key file can be read by others than its owner: chmod 600 it"
            );
        }
        parse(&text)
            .map(Some)
            .with_context(|| format!("the secret key file `{}`", self.path.display()))
    }

    /// Replaces the file atomically (a crash leaves the old file or the new one), owner-only.
    fn write(&self, keys: &Keyring) -> anyhow::Result<()> {
        let mut text = HEADER.to_string();
        for raw in keys.raw_keys() {
            text.push_str(&STANDARD.encode(raw));
            text.push('\n');
        }
        crate::files::write_private(&self.path, &text, 0o600)
            .with_context(|| format!("cannot write the secret key file `{}`", self.path.display()))
    }
}

impl KeySource for KeyFile {
    fn keyring(&self, sealed_with: Option<&str>) -> anyhow::Result<Keyring> {
        let keys = match (self.read()?, sealed_with) {
            (Some(keys), _) => keys,
            (None, Some(_)) if self.named => anyhow::bail!(
                "the secret key file `{}` does not exist, and the database's secrets are encrypted",
                self.path.display()
            ),
            (None, Some(id)) => anyhow::bail!(
                "the database's secrets are encrypted (key id {id}) but `{}` is missing: restore it from where you keep it, or name it with --secret-key-file; a new key could not decrypt them",
                self.path.display()
            ),
            (None, None) if self.named => anyhow::bail!(
                "the secret key file `{}` does not exist",
                self.path.display()
            ),
            (None, None) => {
                let keys = Keyring::generate()?;
                self.write(&keys)?;
                tracing::info!(path = %self.path.display(), "made a new secret key");
                keys
            }
        };
        if let Some(id) = sealed_with
            && !keys.has(id)
        {
            anyhow::bail!(
                "the secret key file `{}` (key id {}) is not the one the database's secrets were encrypted with (key id {id}): start with that key file",
                self.path.display(),
                keys.ids().join(", ")
            );
        }
        Ok(keys)
    }
}

/// Keys, one a line; blank lines and `#` comments are skipped.
fn parse(text: &str) -> anyhow::Result<Keyring> {
    let mut keys = vec![];
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // Never the line itself in the error: it may be most of a key.
        let raw: [u8; KEY_LEN] = STANDARD
            .decode(line)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "line {} is not a key (the base64 of {KEY_LEN} bytes)",
                    n + 1
                )
            })?;
        keys.push(raw);
    }
    Keyring::new(keys).ok_or_else(|| anyhow::anyhow!("holds no key"))
}

/// `tug server secrets:rotate`: a new key seals every secret, and the old one is dropped.
///
/// Run while the server is stopped (it holds the data dir's lock). Each step leaves a state
/// the server starts from, so a crash anywhere is recovered by running it again:
/// 1. the key file gets the new key in front of the old ones (old values still open);
/// 2. one transaction re-seals every value with the new key;
/// 3. the key file keeps only the new key.
pub fn rotate(args: SecretsRotateArgs) -> anyhow::Result<ExitStatus> {
    let data_dir = match args.data_dir {
        Some(d) => d,
        None => default_data_dir()?,
    };
    let db = data_dir.join("tug.db");
    if !db.exists() {
        anyhow::bail!("there is no tug database in `{}`", data_dir.display());
    }
    let lock_path = data_dir.join("server.lock");
    let lock = fs::File::create(&lock_path)
        .with_context(|| format!("cannot create `{}`", lock_path.display()))?;
    if lock.try_lock().is_err() {
        anyhow::bail!(
            "a `tug server` is using `{}`: stop it (`tug server stop`) before rotating the key",
            data_dir.display()
        );
    }
    let file = KeyFile::new(&data_dir, args.secret_key_file.as_deref());
    // Opening the store checks that the file's keys open every value before anything changes.
    let store = Store::open(&db, &file)?;
    let old = file
        .read()?
        .ok_or_else(|| anyhow::anyhow!("`{}` is gone", file.path.display()))?;
    let rotated = old.with_new_key()?;
    file.write(&rotated)?;
    let count = store.reseal(&rotated)?;
    drop(store);
    file.write(&rotated.current_only())?;
    drop(lock);
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "Re-encrypted {count} secret values with key id {} (was {}); `{}` holds only the new key.",
            rotated.current_id(),
            old.ids().join(", "),
            file.path.display()
        );
    }
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_refuses_what_is_not_one() {
        let a = STANDARD.encode([1u8; KEY_LEN]);
        let b = STANDARD.encode([2u8; KEY_LEN]);
        let keys = parse(&format!("# comment\n\n{a}\n  {b}  \n")).unwrap();
        assert_eq!(keys.ids().len(), 2);
        assert!(parse("# nothing\n").is_err());
        let short = STANDARD.encode([1u8; 16]);
        let err = parse(&format!("{a}\n{short}\n")).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(!err.contains(&short), "the error shows no key material");
        assert!(parse("not base64 !!!").is_err());
    }

    #[test]
    fn a_missing_file_is_made_only_for_a_database_never_sealed() {
        let dir = tempfile::tempdir().unwrap();
        let file = KeyFile::new(dir.path(), None);
        let err = file.keyring(Some("abcd")).unwrap_err().to_string();
        assert!(err.contains("missing"), "{err}");
        assert!(!dir.path().join(FILE_NAME).exists());
        let made = file.keyring(None).unwrap();
        let meta = fs::metadata(dir.path().join(FILE_NAME)).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o600);
        let again = file.keyring(Some(made.current_id())).unwrap();
        assert_eq!(again.ids(), made.ids());
        let err = file.keyring(Some("abcd")).unwrap_err().to_string();
        assert!(err.contains("not the one"), "{err}");

        let named = KeyFile::new(dir.path(), Some(&dir.path().join("elsewhere.key")));
        assert!(named.keyring(None).is_err(), "a named file is never made");
        assert!(!dir.path().join("elsewhere.key").exists());
    }
}
