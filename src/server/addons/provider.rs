//! What a service's provider does for an add-on: provision it (a database and its login, a
//! Redis server), hand out its URL, rotate its password, change its plan and deprovision it.
//! Each service has a local provider (a server tug runs in its data dir) and, later, one for a
//! server the operator runs; the HTTP layer sees only this trait.
//!
//! Providers run programs (`pg_ctl`, `psql`) and block: callers run them on the blocking pool.

use std::path::{Path, PathBuf};

use super::catalog::PlanSpec;

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The programs the provider runs are not installed.
    #[error(
        "{what} is not installed on the server: install the `{package}` package (`apt-get install -y {package}`)"
    )]
    Missing { what: String, package: &'static str },
    /// The service is in the catalog, but this server cannot provision it yet.
    #[error("this server cannot provision `{0}` add-ons yet")]
    NotOffered(&'static str),
    /// The database server is down or refused the change; the cause goes to the server log.
    #[error("the {service} server is not available: {why}")]
    Unavailable { service: &'static str, why: String },
    /// The request cannot be met as asked (a plan too small for the data held).
    #[error("{0}")]
    Refused(String),
}

/// An add-on as its provider knows it: the name of its database, role or server.
pub type ProviderId = str;

pub trait Provider: Send + Sync {
    /// Makes the add-on's database and login; answers the URL its apps get.
    fn provision(&self, id: &ProviderId, plan: &PlanSpec) -> Result<String, ProviderError>;
    /// Drops the add-on's database, login and files. Gone already is not an error.
    fn deprovision(&self, id: &ProviderId) -> Result<(), ProviderError>;
    /// A new password; the old one stops working and its connections are closed.
    fn rotate(&self, id: &ProviderId, plan: &PlanSpec) -> Result<String, ProviderError>;
    /// Applies another plan's limits.
    fn change_plan(&self, id: &ProviderId, plan: &PlanSpec) -> Result<(), ProviderError>;
    /// What the add-on uses: bytes stored, open connections, and the server's version.
    fn usage(&self, id: &ProviderId) -> Result<Usage, ProviderError>;
    /// Empties the add-on: its data is gone, its credentials stay.
    fn reset(&self, id: &ProviderId) -> Result<(), ProviderError>;
    /// Writes a backup of the add-on's data to `dest`.
    fn capture(&self, id: &ProviderId, dest: &Path) -> Result<(), ProviderError>;
    /// Replaces the add-on's data with the backup at `src`.
    fn restore(&self, id: &ProviderId, src: &Path) -> Result<(), ProviderError>;
    /// At the server's start: brings back what earlier add-ons need (before the dynos).
    fn start(&self) -> Result<(), ProviderError>;
    /// At the server's stop, after the dynos.
    fn stop(&self);
    /// Holds the add-on to its plan's storage: writes are revoked well past it and given back
    /// once under it. Answers where the add-on stands. Services without a storage quota are
    /// always under.
    fn enforce_quota(&self, _id: &ProviderId, _plan: &PlanSpec) -> Result<Quota, ProviderError> {
        Ok(Quota::Under)
    }
    /// The loopback TCP ports of the servers it runs, which dynos must be able to reach.
    fn loopback_ports(&self) -> Vec<u16> {
        Vec::new()
    }
}

pub struct Usage {
    pub bytes: u64,
    pub connections: u32,
    pub version: String,
    /// Whether the add-on's writes are revoked (past its storage quota).
    pub writes_revoked: bool,
}

/// Where an add-on stands against its plan's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quota {
    Under,
    /// Past the plan's storage, still writable.
    Over,
    /// Well past it: writes are revoked until it is under again.
    Revoked,
}

/// A random password of 32 letters and digits: safe inside a URL and an SQL literal.
pub fn password() -> Result<String, ProviderError> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ProviderError::Unavailable {
        service: "randomness",
        why: e.to_string(),
    })?;
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect())
}

/// Finds a program: on `PATH` first, then in `extra` directories (newest version first).
pub fn find_program(name: &str, extra: &[PathBuf]) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path
        .iter()
        .chain(extra)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A command that runs `program` as `uid` (and gid), seeing `root` at `inner`.
///
/// A root server's data dir usually sits under directories only root may enter (`/root`, a
/// 0700 temporary directory), which the uid could not traverse. So the command starts in a
/// private mount namespace (`unshare`) where `root` is bind-mounted at `inner` on a fresh
/// tmpfs at `/mnt`, and a `passwd` naming the uid `user` replaces the host's (database
/// servers look their user up); then it drops to the uid (`setpriv`). A daemon it starts
/// keeps that namespace; nothing of it shows outside.
pub fn as_uid(
    root: &Path,
    inner: &Path,
    uid: u32,
    user: &str,
    program: &Path,
) -> Result<std::process::Command, ProviderError> {
    for tool in ["unshare", "setpriv"] {
        if find_program(tool, &[]).is_none() {
            return Err(ProviderError::Missing {
                what: format!("`{tool}`"),
                package: "util-linux",
            });
        }
    }
    let passwd = root.with_file_name(format!("{user}.passwd"));
    std::fs::write(
        &passwd,
        format!(
            "root:x:0:0:root:/root:/bin/sh\n{user}:x:{uid}:{uid}:tug add-ons:{}:/usr/sbin/nologin\n",
            inner.display()
        ),
    )
    .map_err(|e| ProviderError::Unavailable {
        service: "add-on",
        why: format!("cannot write `{}`: {e}", passwd.display()),
    })?;
    let inner = inner.display();
    let mut cmd = std::process::Command::new("unshare");
    cmd.args(["--mount", "--propagation", "private", "--", "sh", "-c"])
        .arg(format!(
            "mount -t tmpfs -o mode=0755 tug /mnt && mkdir {inner} && mount --bind \"$1\" {inner} && mount --bind \"$2\" /etc/passwd && shift 2 && cd {inner} && exec setpriv --reuid={uid} --regid={uid} --clear-groups -- \"$@\""
        ))
        .arg("sh")
        .arg(root)
        .arg(&passwd)
        .arg(program)
        .env("HOME", inner.to_string())
        .stdin(std::process::Stdio::null());
    Ok(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_and_plain() {
        let a = password().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(a, password().unwrap());
    }

    #[test]
    fn programs_are_found_on_extra_dirs_too() {
        let dir = tempfile::tempdir().unwrap();
        assert!(find_program("tug-no-such-program", &[dir.path().to_path_buf()]).is_none());
        let prog = dir.path().join("tug-test-program");
        std::fs::write(&prog, "#!/bin/sh\n").unwrap();
        assert!(find_program("tug-test-program", &[dir.path().to_path_buf()]).is_none());
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&prog, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(
            find_program("tug-test-program", &[dir.path().to_path_buf()]),
            Some(prog)
        );
    }
}
