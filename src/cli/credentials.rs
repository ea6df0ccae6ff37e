//! Where tokens are kept: the OS keyring (service `tug`, user = the platform's `host:port`),
//! or, where no keyring service exists (headless Linux, CI), `credentials.toml` of mode 0600:
//!
//! ```toml
//! [hosts."127.0.0.1:7700"]
//! token = "tug_…"
//! ```
//!
//! `TUG_API_KEY` beats both; `config.toml` records which of the two holds each platform's token,
//! so a command never waits on a keyring that is not used.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;

use crate::cli::config::bad_file;
use crate::cli::toml_file::{self, TomlFile};
use crate::files;

pub const CREDENTIALS_FILE: &str = "credentials.toml";
pub const KEYRING_SERVICE: &str = "tug";
/// OS keyrings can hang (a locked collection waiting on a prompt nobody sees).
const KEYRING_TIMEOUT: Duration = Duration::from_secs(3);

/// Where the token of this run came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    Env,
    Keyring,
    File,
    /// Given on the command line for this run (`tug login`).
    Login,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    #[error("the OS keyring did not answer within {} seconds", KEYRING_TIMEOUT.as_secs())]
    TimedOut,
    #[error("{0}")]
    Failed(String),
}

async fn with_keyring<T: Send + 'static>(
    f: impl FnOnce() -> keyring::Result<T> + Send + 'static,
) -> Result<T, KeyringError> {
    match tokio::time::timeout(KEYRING_TIMEOUT, tokio::task::spawn_blocking(f)).await {
        Err(_) => Err(KeyringError::TimedOut),
        Ok(Err(join)) => Err(KeyringError::Failed(join.to_string())),
        Ok(Ok(result)) => result.map_err(|e| KeyringError::Failed(describe_keyring_error(&e))),
    }
}

fn describe_keyring_error(err: &keyring::Error) -> String {
    match err {
        keyring::Error::NoDefaultStore => "no OS keyring service is running".to_string(),
        other => other.to_string(),
    }
}

pub async fn keyring_get(host: &str) -> Result<Option<String>, KeyringError> {
    let host = host.to_string();
    with_keyring(move || {
        let entry = keyring::Entry::new(KEYRING_SERVICE, &host)?;
        match entry.get_password() {
            Ok(token) => Ok(Some(token)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await
}

pub async fn keyring_set(host: &str, token: &str) -> Result<(), KeyringError> {
    let (host, token) = (host.to_string(), token.to_string());
    with_keyring(move || keyring::Entry::new(KEYRING_SERVICE, &host)?.set_password(&token)).await
}

pub async fn keyring_delete(host: &str) -> Result<(), KeyringError> {
    let host = host.to_string();
    with_keyring(
        move || match keyring::Entry::new(KEYRING_SERVICE, &host)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        },
    )
    .await
}

/// `credentials.toml`: one token per platform.
#[derive(Debug, Clone, Default)]
pub struct CredentialsFile {
    pub tokens: BTreeMap<String, String>,
    /// The file as read, so that a write changes only the tokens.
    file: TomlFile,
}

/// Equal when they hold the same tokens; how the file is laid out does not count.
impl PartialEq for CredentialsFile {
    fn eq(&self, other: &CredentialsFile) -> bool {
        self.tokens == other.tokens
    }
}

impl Eq for CredentialsFile {}

const HEADER: &str =
    "# tug API tokens, one per platform, written by `tug login`. Keep this file private.\n";

impl CredentialsFile {
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(CREDENTIALS_FILE)
    }

    /// Reads the file; a missing file holds no tokens.
    pub fn load(dir: &Path) -> anyhow::Result<CredentialsFile> {
        let path = Self::path(dir);
        match std::fs::read_to_string(&path) {
            Ok(text) => CredentialsFile::parse(&text).map_err(|e| bad_file(&path, &e).into()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CredentialsFile::default()),
            Err(e) => Err(e).with_context(|| format!("could not read `{}`", path.display())),
        }
    }

    /// Writes the file (mode 0600), or removes it when no token is left.
    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        let path = Self::path(dir);
        if self.tokens.is_empty() {
            return match std::fs::remove_file(&path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(e).with_context(|| format!("could not remove `{}`", path.display())),
            };
        }
        files::write_private(&path, &self.render(), 0o600)
    }

    pub fn parse(text: &str) -> Result<CredentialsFile, String> {
        let file = TomlFile::parse(text)?;
        let mut tokens = BTreeMap::new();
        if let Some(hosts) = file.doc().get("hosts") {
            let hosts = hosts.as_table_like().ok_or("`hosts` must be a table")?;
            for (host, item) in hosts.iter() {
                let token = item
                    .as_table_like()
                    .and_then(|t| t.get("token"))
                    .and_then(|t| t.as_str())
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| {
                        format!("`hosts.\"{host}\".token` must be a non-empty string")
                    })?;
                tokens.insert(host.to_string(), token.to_string());
            }
        }
        Ok(CredentialsFile { tokens, file })
    }

    /// The file's text: as read, with the tokens brought up to date.
    pub fn render(&self) -> String {
        let mut file = self.file.clone();
        let hosts = toml_file::table_mut(file.root_mut(), "hosts", true);
        toml_file::retain(hosts, |h| self.tokens.contains_key(h));
        for (host, token) in &self.tokens {
            let table = toml_file::table_mut(hosts, host, false);
            toml_file::set_str(table, "token", Some(token));
        }
        file.render(HEADER)
    }
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_round_trip() {
        let mut file = CredentialsFile::default();
        file.tokens
            .insert("127.0.0.1:7700".into(), "tug_abc".into());
        file.tokens
            .insert("paas.example.com:443".into(), "tok\"en".into());
        assert_eq!(CredentialsFile::parse(&file.render()).unwrap(), file);
        assert_eq!(
            CredentialsFile::parse("").unwrap(),
            CredentialsFile::default()
        );
        assert_eq!(
            CredentialsFile::parse("[hosts.\"h:1\"]\ntoken = \"  t  \"\n")
                .unwrap()
                .tokens["h:1"],
            "t"
        );
    }

    #[test]
    fn bad_credentials_files_are_errors_not_panics() {
        for bad in [
            "[hosts",
            "hosts = \"x\"",
            "[hosts.\"h:1\"]\ntoken = 3",
            "[hosts.\"h:1\"]\ntoken = \"\"",
            "[hosts.\"h:1\"]\nnot_token = \"x\"",
            "[hosts]\n\"h:1\" = \"x\"",
            "machine api.heroku.com\n  login a\n  password b\n",
        ] {
            assert!(CredentialsFile::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn saved_files_are_private_and_corrupt_ones_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = CredentialsFile::default();
        file.tokens.insert("h:1".into(), "t".into());
        file.save(dir.path()).unwrap();
        assert!(!files::readable_by_others(&CredentialsFile::path(
            dir.path()
        )));
        assert_eq!(CredentialsFile::load(dir.path()).unwrap(), file);
        std::fs::write(
            CredentialsFile::path(dir.path()),
            "[hosts.\"h:1\"]\ntoken = ",
        )
        .unwrap();
        let err = CredentialsFile::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("credentials.toml"), "{err}");
        CredentialsFile::default().save(dir.path()).unwrap();
        assert!(!CredentialsFile::path(dir.path()).exists());
    }
}
