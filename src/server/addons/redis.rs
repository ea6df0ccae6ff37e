//! The local Redis provider: one `redis-server` per add-on, in `DATA/addons/redis/<id>`, on a
//! loopback port of its own, started with the server (before the dynos) and stopped with it.
//!
//! Each server has two ACL users: `default`, the app's, with a random password and every
//! command but the administrative ones (`CONFIG`, `SHUTDOWN`, `ACL`, `DEBUG`, `MODULE`,
//! replication) and `MIGRATE` (which would make the server connect out); and `tug`, the
//! provider's, whose password is the server's one admin secret (`DATA/addons/redis.admin`,
//! never handed to an app). The ACL file keeps only SHA-256 hashes of both. A plan sets
//! `maxmemory`, the eviction policy and `maxclients`; a plan change applies them live.
//! Data persists in an append-only file and a snapshot in the add-on's directory.
//!
//! tug talks to each server with the host's `redis-cli` (the password in the environment, not
//! on a command line). A root server runs the servers as a uid of their own (`REDIS_UID`) in
//! a private mount namespace, like the Postgres cluster.

use std::collections::BTreeMap;
use std::fs;
use std::net::IpAddr;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::catalog::PlanSpec;
use super::provider::{ProviderError, ProviderId, Usage, find_program, password};

/// The uid (and gid) a root server runs the Redis servers as: neither root, nor an app's,
/// nor the Postgres cluster's.
const REDIS_UID: u32 = 999_998;

/// Where a root server's Redis servers see their directory.
const INNER_ROOT: &str = "/mnt/tug-redis";

/// The provider's own ACL user.
const ADMIN_USER: &str = "tug";

/// What the app's user may not run: administration, and `MIGRATE`, which connects out.
const APP_RULES: &str = "~* &* +@all -@admin -migrate";

pub struct LocalRedis {
    /// `DATA/addons/redis`: one directory per add-on.
    root: PathBuf,
    /// `DATA/addons/redis.admin`: the admin password, readable by the server only.
    secret: PathBuf,
    /// The uid to run the servers as; `None` when the server is not root.
    uid: Option<u32>,
    /// The running servers: provider id → port.
    running: Mutex<BTreeMap<String, u16>>,
    /// Where dynos reach the servers when not at `127.0.0.1` (Swarm's tasks): they listen
    /// there too, and add-on URLs name it.
    dyno_host: Option<IpAddr>,
}

/// Which policy a plan's server evicts keys with once at `maxmemory`. Like Heroku's, every
/// plan refuses writes (`noeviction`) rather than lose data silently.
pub fn eviction_policy(plan: &PlanSpec) -> &'static str {
    match plan.name {
        "mini" | "premium-0" => "noeviction",
        _ => "noeviction",
    }
}

/// The `maxclients` of a plan's server: the plan's connections, and two for tug itself.
fn max_clients(plan: &PlanSpec) -> u32 {
    plan.connections + 2
}

fn down(why: impl Into<String>) -> ProviderError {
    ProviderError::Unavailable {
        service: "Redis",
        why: why.into(),
    }
}

/// `redis-server` and `redis-cli`, or the package to install.
pub fn programs() -> Result<(PathBuf, PathBuf), ProviderError> {
    let server = find_program("redis-server", &[]).ok_or(ProviderError::Missing {
        what: "`redis-server`".into(),
        package: "redis-server",
    })?;
    let cli = find_program("redis-cli", &[]).ok_or(ProviderError::Missing {
        what: "`redis-cli`".into(),
        package: "redis-tools",
    })?;
    Ok((server, cli))
}

/// Only names tug made itself go into paths.
pub(super) fn check_id(id: &ProviderId) -> Result<(), ProviderError> {
    if !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Ok(())
    } else {
        Err(down(format!("`{id}` is not an add-on name tug makes")))
    }
}

pub(super) fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl LocalRedis {
    pub fn new(data_dir: &Path, dyno_host: Option<IpAddr>) -> LocalRedis {
        let addons = data_dir.join("addons");
        LocalRedis {
            root: addons.join("redis"),
            secret: addons.join("redis.admin"),
            uid: rustix::process::geteuid().is_root().then_some(REDIS_UID),
            running: Mutex::new(BTreeMap::new()),
            dyno_host,
        }
    }

    fn dir(&self, id: &ProviderId) -> PathBuf {
        self.root.join(id)
    }

    /// Where the server's process sees an add-on's directory.
    fn seen_dir(&self, id: &ProviderId) -> PathBuf {
        match self.uid {
            Some(_) => Path::new(INNER_ROOT).join(id),
            None => self.dir(id),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, u16>> {
        crate::sync::lock(&self.running)
    }

    /// The admin password, made on first use.
    fn admin_password(&self) -> Result<String, ProviderError> {
        if let Ok(pw) = fs::read_to_string(&self.secret) {
            let pw = pw.trim();
            if !pw.is_empty() {
                return Ok(pw.to_string());
            }
        }
        let pw = password()?;
        crate::files::write_private(&self.secret, &pw, 0o600)
            .map_err(|e| down(format!("cannot write the admin secret: {e:#}")))?;
        Ok(pw)
    }

    /// Makes `root` (and `dir`, when given) owned by the servers' uid, closed to others.
    fn prepare(&self, dir: Option<&Path>) -> Result<(), ProviderError> {
        let io = |e: std::io::Error| down(format!("cannot prepare `{}`: {e}", self.root.display()));
        let mut dirs = vec![self.root.clone()];
        dirs.extend(dir.map(Path::to_path_buf));
        for d in &dirs {
            fs::create_dir_all(d).map_err(io)?;
            fs::set_permissions(d, fs::Permissions::from_mode(0o700)).map_err(io)?;
            self.chown(d)?;
        }
        Ok(())
    }

    fn chown(&self, path: &Path) -> Result<(), ProviderError> {
        if let Some(uid) = self.uid {
            rustix::fs::chown(
                path,
                Some(rustix::fs::Uid::from_raw(uid)),
                Some(rustix::fs::Gid::from_raw(uid)),
            )
            .map_err(|e| down(format!("cannot chown `{}`: {e}", path.display())))?;
        }
        Ok(())
    }

    /// Writes a file the server reads, owned by its uid and private to it.
    fn write_private(&self, path: &Path, text: &str) -> Result<(), ProviderError> {
        crate::files::write_private_then(path, text, 0o600, |tmp| {
            self.chown(tmp)
                .map_err(|e| std::io::Error::other(e.to_string()))
        })
        .map_err(|e| down(format!("{e:#}")))
    }

    fn write_conf(&self, id: &ProviderId, port: u16, plan: &PlanSpec) -> Result<(), ProviderError> {
        let seen = self.seen_dir(id);
        let conf = format!(
            "# written by tug; plan {plan}\n\
             bind 127.0.0.1{also}\n\
             port {port}\n\
             protected-mode yes\n\
             daemonize yes\n\
             pidfile {seen}/redis.pid\n\
             logfile {seen}/redis.log\n\
             dir {seen}\n\
             aclfile {seen}/users.acl\n\
             appendonly yes\n\
             appendfsync everysec\n\
             save 3600 1 300 100 60 10000\n\
             maxmemory {mb}mb\n\
             maxmemory-policy {policy}\n\
             maxclients {clients}\n\
             enable-protected-configs no\n\
             enable-debug-command no\n\
             enable-module-command no\n",
            plan = plan.name,
            seen = seen.display(),
            mb = plan.megabytes,
            also = self.dyno_host.map(|h| format!(" {h}")).unwrap_or_default(),
            policy = eviction_policy(plan),
            clients = max_clients(plan),
        );
        self.write_private(&self.dir(id).join("redis.conf"), &conf)?;
        fs::write(self.dir(id).join("port"), port.to_string())
            .map_err(|e| down(format!("cannot write the port: {e}")))?;
        Ok(())
    }

    fn write_acl(&self, id: &ProviderId, app_password: &str) -> Result<(), ProviderError> {
        let admin = self.admin_password()?;
        let acl = format!(
            "user default on #{} {APP_RULES}\nuser {ADMIN_USER} on #{} ~* &* +@all\n",
            sha256_hex(app_password),
            sha256_hex(&admin)
        );
        self.write_private(&self.dir(id).join("users.acl"), &acl)
    }

    fn port_of(&self, id: &ProviderId) -> Option<u16> {
        fs::read_to_string(self.dir(id).join("port"))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Runs one command as the admin user; answers its output, or the error Redis gave
    /// (logged).
    fn admin(&self, port: u16, args: &[&str]) -> Result<String, ProviderError> {
        self.admin_cmd(port, args).map_err(|why| {
            tracing::warn!("`redis-cli {}` failed: {}", args[0], why.trim());
            down(format!("the Redis server refused `{}`", args[0]))
        })
    }

    fn admin_cmd(&self, port: u16, args: &[&str]) -> Result<String, String> {
        let (_, cli) = programs().map_err(|e| e.to_string())?;
        let admin = self.admin_password().map_err(|e| e.to_string())?;
        let out = Command::new(cli)
            .args(["-e", "--no-auth-warning", "-h", "127.0.0.1", "-p"])
            .arg(port.to_string())
            .args(["--user", ADMIN_USER])
            .args(args)
            .env("REDISCLI_AUTH", admin)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run `redis-cli`: {e}"))?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() {
            Ok(stdout)
        } else {
            Err(format!(
                "{} {}",
                stdout.trim(),
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }

    fn is_up(&self, port: u16) -> bool {
        self.admin_cmd(port, &["PING"])
            .is_ok_and(|o| o.trim() == "PONG")
    }

    /// Starts an add-on's server from its configuration and waits until it answers.
    fn launch(&self, id: &ProviderId, port: u16) -> Result<(), ProviderError> {
        let (server, _) = programs()?;
        let conf = self.seen_dir(id).join("redis.conf");
        let mut cmd = match self.uid {
            Some(uid) => super::provider::as_uid(
                &self.root,
                Path::new(INNER_ROOT),
                uid,
                "tug-redis",
                &server,
            )?,
            None => {
                let mut cmd = Command::new(&server);
                cmd.current_dir(&self.root).stdin(Stdio::null());
                cmd
            }
        };
        cmd.arg(conf)
            // Its own process group: a Ctrl-C meant for the server does not reach it.
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let out = cmd
            .output()
            .map_err(|e| down(format!("cannot run `redis-server`: {e}")))?;
        if !out.status.success() {
            tracing::warn!(
                "`redis-server` for {id} failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return Err(down(format!("`redis-server` failed ({})", out.status)));
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.is_up(port) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let log = fs::read_to_string(self.dir(id).join("redis.log")).unwrap_or_default();
        let tail: Vec<_> = log.lines().rev().take(5).collect();
        tracing::warn!("the Redis server of {id} did not answer: {tail:?}");
        Err(down("the Redis server did not start"))
    }

    /// Brings an add-on's server up if it is not (or adopts one left running).
    fn ensure(&self, id: &ProviderId) -> Result<u16, ProviderError> {
        check_id(id)?;
        if let Some(port) = self.lock().get(id).copied() {
            return Ok(port);
        }
        let port = self
            .port_of(id)
            .ok_or_else(|| down(format!("the Redis add-on {id} has no server")))?;
        self.prepare(Some(&self.dir(id)))?;
        if !self.is_up(port) {
            self.launch(id, port)?;
            tracing::info!(port, "the Redis server of {id} is up");
        }
        self.lock().insert(id.to_string(), port);
        Ok(port)
    }

    /// The server's pid, from its pid file.
    fn pid(&self, id: &ProviderId) -> Option<i32> {
        fs::read_to_string(self.dir(id).join("redis.pid"))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Stops an add-on's server: `SHUTDOWN` (saving, unless `nosave`), and if it does not go,
    /// SIGTERM to its pid.
    fn shutdown(&self, id: &ProviderId, port: u16, save: bool) {
        let how = if save { "SAVE" } else { "NOSAVE" };
        // SHUTDOWN closes the connection: success is the server gone.
        let _ = self.admin_cmd(port, &["SHUTDOWN", how]);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && self.is_up(port) {
            std::thread::sleep(Duration::from_millis(25));
        }
        if self.is_up(port)
            && let Some(pid) = self.pid(id).and_then(rustix::process::Pid::from_raw)
        {
            tracing::warn!("the Redis server of {id} ignored SHUTDOWN: terminating it");
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
        }
    }

    fn url(&self, port: u16, password: &str) -> String {
        let host = super::reached_at(self.dyno_host);
        format!("redis://default:{password}@{host}:{port}")
    }

    /// `INFO`'s `field:value` lines.
    fn info(&self, port: u16) -> Result<BTreeMap<String, String>, ProviderError> {
        let out = self.admin(port, &["INFO"])?;
        Ok(out
            .lines()
            .filter_map(|l| l.trim().split_once(':'))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect())
    }
}

impl super::provider::Provider for LocalRedis {
    fn provision(&self, id: &ProviderId, plan: &PlanSpec) -> Result<String, ProviderError> {
        check_id(id)?;
        programs()?;
        let dir = self.dir(id);
        self.prepare(Some(&dir))?;
        let port =
            crate::server::ports::free_port().map_err(|e| down(format!("no free port: {e}")))?;
        let pw = password()?;
        let made = self
            .write_conf(id, port, plan)
            .and_then(|()| self.write_acl(id, &pw))
            .and_then(|()| self.launch(id, port));
        if let Err(e) = made {
            if let Some(pid) = self.pid(id).and_then(rustix::process::Pid::from_raw) {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
            }
            let _ = fs::remove_dir_all(&dir);
            return Err(e);
        }
        self.lock().insert(id.to_string(), port);
        Ok(self.url(port, &pw))
    }

    fn deprovision(&self, id: &ProviderId) -> Result<(), ProviderError> {
        check_id(id)?;
        let dir = self.dir(id);
        let port = self.lock().remove(id).or_else(|| self.port_of(id));
        if let Some(port) = port
            && self.is_up(port)
        {
            self.shutdown(id, port, false);
        }
        match fs::remove_dir_all(&dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(down(format!("cannot remove `{}`: {e}", dir.display()))),
        }
    }

    fn rotate(&self, id: &ProviderId, _plan: &PlanSpec) -> Result<String, ProviderError> {
        let port = self.ensure(id)?;
        let pw = password()?;
        self.write_acl(id, &pw)?;
        self.admin(port, &["ACL", "LOAD"])?;
        // Connections opened with the old password go too.
        self.admin(port, &["CLIENT", "KILL", "USER", "default"])
            .or_else(|_| Ok::<_, ProviderError>(String::new()))?;
        Ok(self.url(port, &pw))
    }

    fn change_plan(&self, id: &ProviderId, plan: &PlanSpec) -> Result<(), ProviderError> {
        let port = self.ensure(id)?;
        let info = self.info(port)?;
        let used: u64 = info
            .get("used_memory")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let limit = plan.megabytes * 1024 * 1024;
        if used > limit {
            return Err(ProviderError::Refused(format!(
                "the add-on holds {:.1} MB, more than the {} MB of `{}`: delete keys first",
                used as f64 / (1024.0 * 1024.0),
                plan.megabytes,
                plan.name
            )));
        }
        self.write_conf(id, port, plan)?;
        self.admin(
            port,
            &[
                "CONFIG",
                "SET",
                "maxmemory",
                &format!("{}mb", plan.megabytes),
                "maxmemory-policy",
                eviction_policy(plan),
                "maxclients",
                &max_clients(plan).to_string(),
            ],
        )?;
        Ok(())
    }

    fn usage(&self, id: &ProviderId) -> Result<Usage, ProviderError> {
        let port = self.ensure(id)?;
        let info = self.info(port)?;
        let num = |k: &str| info.get(k).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        Ok(Usage {
            bytes: num("used_memory"),
            // Less tug's own connection.
            connections: u32::try_from(num("connected_clients").saturating_sub(1))
                .unwrap_or(u32::MAX),
            version: info.get("redis_version").cloned().unwrap_or_default(),
            writes_revoked: false,
        })
    }

    fn reset(&self, id: &ProviderId) -> Result<(), ProviderError> {
        let port = self.ensure(id)?;
        self.admin(port, &["FLUSHALL"])?;
        Ok(())
    }

    fn capture(&self, _id: &ProviderId, _dest: &Path) -> Result<(), ProviderError> {
        Err(ProviderError::Refused(
            "Redis add-ons have no backups: their data persists in the server's data dir".into(),
        ))
    }

    fn restore(&self, _id: &ProviderId, _src: &Path) -> Result<(), ProviderError> {
        Err(ProviderError::Refused(
            "Redis add-ons have no backups to restore".into(),
        ))
    }

    fn start(&self) -> Result<(), ProviderError> {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return Ok(());
        };
        let mut failed = Vec::new();
        for entry in entries.flatten() {
            let Some(id) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            if check_id(&id).is_err() || !entry.path().join("redis.conf").exists() {
                continue;
            }
            if let Err(e) = self.ensure(&id) {
                tracing::warn!("the Redis server of {id} did not start: {e}");
                failed.push(id);
            }
        }
        if failed.is_empty() {
            Ok(())
        } else {
            Err(down(format!("{} did not start", failed.join(", "))))
        }
    }

    fn stop(&self) {
        let running = std::mem::take(&mut *self.lock());
        for (id, port) in running {
            self.shutdown(&id, port, true);
            tracing::info!("the Redis server of {id} stopped");
        }
    }

    fn loopback_ports(&self) -> Vec<u16> {
        self.lock().values().copied().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_tug_makes_become_paths() {
        assert!(check_id("addon_0123abcd").is_ok());
        for bad in ["", "..", "a/b", "A", "x;y", "é"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
