//! The operator's own Redis server (`--redis-admin-url`), which Redis add-ons are provisioned
//! on instead of a `redis-server` of tug's own per add-on.
//!
//! Redis keeps no databases per user, so an add-on is an ACL user named by its provider id
//! (`addon_…`), with a random password and access to its own keys and channels only: those that
//! start with `NAME:` (the user name in `REDIS_URL`, so an app can derive its prefix). Commands
//! that reach past a prefix are taken away: administration, the `@dangerous` ones (`KEYS`,
//! `FLUSHALL`, `SORT`…), `SCAN`, `RANDOMKEY` and `DBSIZE` (they show other add-ons' keys or their
//! number), `PUBSUB` (other add-ons' channels) and `FUNCTION` (libraries are server-wide).
//! `INFO` stays: client libraries ask it for the server's version.
//!
//! The plan's memory and connections cannot be held per user on a shared server: a plan change
//! is refused only when the add-on's keys already use more than the new plan's memory.
//!
//! `rediss://` speaks TLS to it, verifying its certificate against the system's roots, or against
//! the CA file named by `?ssl_ca_certs=PATH` (redis-py's name for it); `?ssl_cert_reqs=none`
//! skips the verification, for servers whose certificate names no host (as Heroku's own). The
//! add-ons' `REDIS_URL`s are then `rediss://` too.
//!
//! Each user's rules (its password only as a SHA-256 hash) are also kept in
//! `DATA/addons/redis-shared/<id>` and applied again at start, so add-ons survive an operator's
//! server that keeps ACL users in memory only.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::catalog::PlanSpec;
use super::postgres_external::{percent_decode, url_host};
use super::provider::{ProviderError, ProviderId, Usage, password};
use super::redis::{check_id, programs, sha256_hex};

/// What an add-on's user may run, after its password and key and channel patterns.
const COMMANDS: &str =
    "+@all -@admin -@dangerous -scan -randomkey -dbsize -pubsub -function -migrate +info";

/// Sums `MEMORY USAGE` over the keys matching `ARGV[1]`.
const MEMORY_SCRIPT: &str = r#"local total = 0
local cursor = "0"
repeat
  local r = redis.call("SCAN", cursor, "MATCH", ARGV[1], "COUNT", 1000)
  cursor = r[1]
  for _, k in ipairs(r[2]) do total = total + (redis.call("MEMORY", "USAGE", k) or 0) end
until cursor == "0"
return total"#;

/// Deletes the keys matching `ARGV[1]`; answers how many.
const UNLINK_SCRIPT: &str = r#"local n = 0
local cursor = "0"
repeat
  local r = redis.call("SCAN", cursor, "MATCH", ARGV[1], "COUNT", 1000)
  cursor = r[1]
  for _, k in ipairs(r[2]) do redis.call("UNLINK", k); n = n + 1 end
until cursor == "0"
return n"#;

pub struct SharedRedis {
    host: String,
    port: u16,
    user: String,
    password: String,
    tls: Option<Tls>,
    /// `DATA/addons/redis-shared`: each add-on's ACL rules, to apply again at start.
    dir: PathBuf,
}

/// How the server's certificate is checked under `rediss://`.
#[derive(Debug, PartialEq)]
enum Tls {
    /// Against the system's roots.
    SystemRoots,
    /// Against this CA file.
    CaFile(PathBuf),
    /// Not at all (`ssl_cert_reqs=none`).
    Unverified,
}

impl Tls {
    /// From a `rediss://` URL's query: `ssl_ca_certs=PATH` and `ssl_cert_reqs=none|required`.
    fn from_query(u: &reqwest::Url) -> Result<Tls, String> {
        let mut tls = Tls::SystemRoots;
        let mut verify = true;
        for (key, value) in u.query_pairs() {
            match (&*key, &*value) {
                ("ssl_ca_certs", path) => {
                    let path = PathBuf::from(path);
                    fs::File::open(&path).map_err(|e| {
                        format!("its CA file `{}` cannot be read: {e}", path.display())
                    })?;
                    tls = Tls::CaFile(path);
                }
                ("ssl_cert_reqs", "none" | "CERT_NONE") => verify = false,
                ("ssl_cert_reqs", "required" | "CERT_REQUIRED") => verify = true,
                ("ssl_cert_reqs", other) => {
                    return Err(format!(
                        "`ssl_cert_reqs={other}` is not `none` or `required`"
                    ));
                }
                (other, _) => {
                    return Err(format!(
                        "`{other}` is not an option tug knows (`ssl_ca_certs`, `ssl_cert_reqs`)"
                    ));
                }
            }
        }
        Ok(if verify { tls } else { Tls::Unverified })
    }

    /// `redis-cli`'s arguments for it.
    fn cli_args(&self) -> Vec<std::ffi::OsString> {
        let mut args = vec!["--tls".into()];
        match self {
            Tls::SystemRoots => {}
            Tls::CaFile(path) => args.extend(["--cacert".into(), path.into()]),
            Tls::Unverified => args.push("--insecure".into()),
        }
        args
    }
}

fn down(why: impl Into<String>) -> ProviderError {
    ProviderError::Unavailable {
        service: "Redis",
        why: why.into(),
    }
}

impl SharedRedis {
    /// From `redis://[USER]:PASSWORD@HOST[:PORT]`; the error never repeats the URL (it holds a
    /// password).
    pub fn parse(data_dir: &Path, url: &str) -> Result<SharedRedis, String> {
        let bad = |why: &str| format!("`--redis-admin-url` is not usable: {why}");
        let u = reqwest::Url::parse(url.trim()).map_err(|e| bad(&e.to_string()))?;
        let tls = match u.scheme() {
            "redis" if u.query().is_none() => None,
            "redis" => return Err(bad("options after `?` need `rediss://` (TLS)")),
            "rediss" => Some(Tls::from_query(&u).map_err(|e| bad(&e))?),
            _ => return Err(bad("it must start with `redis://` or `rediss://`")),
        };
        let host = url_host(&u).ok_or_else(|| bad("it names no host"))?;
        let decode = |s: &str| {
            percent_decode(s).ok_or_else(|| bad("its user or password is not valid UTF-8"))
        };
        let password = decode(u.password().unwrap_or_default())?;
        if password.is_empty() {
            return Err(bad("it has no password (`redis://:PASSWORD@HOST:PORT`)"));
        }
        let user = match decode(u.username())? {
            user if user.is_empty() => "default".to_string(),
            user => user,
        };
        Ok(SharedRedis {
            host,
            port: u.port().unwrap_or(6379),
            user,
            password,
            tls,
            dir: data_dir.join("addons/redis-shared"),
        })
    }

    fn is_loopback(&self) -> bool {
        self.host == "localhost"
            || self
                .host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    /// Runs one command as the admin user (its password in the environment, never on a
    /// command line); answers its output, or an error whose cause goes to the server log.
    fn admin(&self, args: &[&str]) -> Result<String, ProviderError> {
        let (_, cli) = programs()?;
        let out = Command::new(cli)
            .args(["-e", "--no-auth-warning", "-h", &self.host, "-p"])
            .arg(self.port.to_string())
            .args(self.tls.iter().flat_map(Tls::cli_args))
            .args(["--user", &self.user])
            .args(args)
            .env("REDISCLI_AUTH", &self.password)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| down(format!("cannot run `redis-cli`: {e}")))?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() {
            return Ok(stdout);
        }
        tracing::warn!(
            "`redis-cli {}` on the operator's Redis failed: {} {}",
            args[0],
            stdout.trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
        Err(down(format!("the Redis server refused `{}`", args[0])))
    }

    /// The rules of an add-on's user: its password's hash, its keys and channels, its commands.
    fn rules(id: &ProviderId, password: &str) -> Vec<String> {
        let mut rules = vec![
            "reset".to_string(),
            "on".to_string(),
            format!("#{}", sha256_hex(password)),
            format!("~{id}:*"),
            format!("&{id}:*"),
        ];
        rules.extend(COMMANDS.split(' ').map(str::to_string));
        rules
    }

    fn record(&self, id: &ProviderId) -> PathBuf {
        self.dir.join(id)
    }

    /// Sets the user's rules on the server and keeps them for the next start.
    fn set_user(&self, id: &ProviderId, rules: &[String]) -> Result<(), ProviderError> {
        let mut args = vec!["ACL", "SETUSER", id];
        args.extend(rules.iter().map(String::as_str));
        self.admin(&args)?;
        self.persist();
        crate::files::write_private(&self.record(id), &rules.join(" "), 0o600)
            .map_err(|e| down(format!("cannot keep the rules of {id}: {e:#}")))
    }

    /// Asks the server to keep its users (an ACL file, else its configuration file); a server
    /// with neither keeps them in memory, and tug applies them again at its next start.
    fn persist(&self) {
        if self.admin(&["ACL", "SAVE"]).is_err() && self.admin(&["CONFIG", "REWRITE"]).is_err() {
            tracing::info!(
                "the operator's Redis keeps ACL users in memory only: tug applies them again at start"
            );
        }
    }

    fn url(&self, id: &ProviderId, password: &str) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let scheme = if self.tls.is_some() {
            "rediss"
        } else {
            "redis"
        };
        format!("{scheme}://{id}:{password}@{host}:{}", self.port)
    }

    /// The bytes the add-on's keys use.
    fn bytes(&self, id: &ProviderId) -> Result<u64, ProviderError> {
        let pattern = format!("{id}:*");
        let out = self.admin(&["EVAL", MEMORY_SCRIPT, "0", &pattern])?;
        Ok(out.trim().parse().unwrap_or(0))
    }

    fn kill_clients(&self, id: &ProviderId) {
        // No client of the user is not an error.
        let _ = self.admin(&["CLIENT", "KILL", "USER", id]);
    }
}

impl super::provider::Provider for SharedRedis {
    fn provision(&self, id: &ProviderId, _plan: &PlanSpec) -> Result<String, ProviderError> {
        check_id(id)?;
        let pw = password()?;
        self.set_user(id, &Self::rules(id, &pw))?;
        Ok(self.url(id, &pw))
    }

    fn deprovision(&self, id: &ProviderId) -> Result<(), ProviderError> {
        check_id(id)?;
        self.admin(&["ACL", "DELUSER", id])?;
        self.kill_clients(id);
        self.persist();
        self.admin(&["EVAL", UNLINK_SCRIPT, "0", &format!("{id}:*")])?;
        match fs::remove_file(self.record(id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(down(format!("cannot remove the rules of {id}: {e}")))
            }
            _ => Ok(()),
        }
    }

    fn rotate(&self, id: &ProviderId, _plan: &PlanSpec) -> Result<String, ProviderError> {
        check_id(id)?;
        let pw = password()?;
        self.set_user(id, &Self::rules(id, &pw))?;
        // Connections opened with the old password go too.
        self.kill_clients(id);
        Ok(self.url(id, &pw))
    }

    fn change_plan(&self, id: &ProviderId, plan: &PlanSpec) -> Result<(), ProviderError> {
        check_id(id)?;
        let used = self.bytes(id)?;
        if used > plan.megabytes * 1024 * 1024 {
            return Err(ProviderError::Refused(format!(
                "the add-on holds {:.1} MB, more than the {} MB of `{}`: delete keys first",
                used as f64 / (1024.0 * 1024.0),
                plan.megabytes,
                plan.name
            )));
        }
        Ok(())
    }

    fn usage(&self, id: &ProviderId) -> Result<Usage, ProviderError> {
        check_id(id)?;
        let info: BTreeMap<String, String> = self
            .admin(&["INFO", "server"])?
            .lines()
            .filter_map(|l| l.trim().split_once(':'))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let user = format!(" user={id} ");
        let connections = self
            .admin(&["CLIENT", "LIST"])?
            .lines()
            .filter(|l| l.contains(&user))
            .count();
        Ok(Usage {
            bytes: self.bytes(id)?,
            connections: u32::try_from(connections).unwrap_or(u32::MAX),
            version: info.get("redis_version").cloned().unwrap_or_default(),
            writes_revoked: false,
        })
    }

    fn reset(&self, id: &ProviderId) -> Result<(), ProviderError> {
        check_id(id)?;
        self.admin(&["EVAL", UNLINK_SCRIPT, "0", &format!("{id}:*")])?;
        Ok(())
    }

    fn capture(&self, _id: &ProviderId, _dest: &Path) -> Result<(), ProviderError> {
        Err(ProviderError::Refused(
            "Redis add-ons have no backups: the operator's Redis server keeps their data".into(),
        ))
    }

    fn restore(&self, _id: &ProviderId, _src: &Path) -> Result<(), ProviderError> {
        Err(ProviderError::Refused(
            "Redis add-ons have no backups to restore".into(),
        ))
    }

    /// Says early when the server cannot be reached, and applies the kept users again.
    fn start(&self) -> Result<(), ProviderError> {
        self.admin(&["PING"])?;
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            let Some(id) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            if check_id(&id).is_err() {
                continue;
            }
            let Ok(text) = fs::read_to_string(entry.path()) else {
                continue;
            };
            let mut args = vec!["ACL", "SETUSER", id.as_str()];
            args.extend(text.split_whitespace());
            self.admin(&args)?;
        }
        self.persist();
        Ok(())
    }

    fn stop(&self) {}

    fn loopback_ports(&self) -> Vec<u16> {
        if self.is_loopback() {
            vec![self.port]
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_urls_are_read_without_repeating_them() {
        let dir = Path::new("/data");
        let r = SharedRedis::parse(dir, "redis://:s%40cret@127.0.0.1:6380").unwrap();
        assert_eq!(
            (r.user.as_str(), r.password.as_str()),
            ("default", "s@cret")
        );
        assert_eq!((r.host.as_str(), r.port), ("127.0.0.1", 6380));
        assert!(r.is_loopback());
        let r = SharedRedis::parse(dir, "redis://op:pw@cache.example").unwrap();
        assert_eq!((r.user.as_str(), r.port), ("op", 6379));
        assert!(!r.is_loopback());
        assert_eq!(
            r.url("addon_1", "pw2"),
            "redis://addon_1:pw2@cache.example:6379"
        );
        let r = SharedRedis::parse(dir, "rediss://:pw@cache.example:6380").unwrap();
        assert_eq!(r.tls, Some(Tls::SystemRoots));
        assert_eq!(
            r.url("addon_1", "pw2"),
            "rediss://addon_1:pw2@cache.example:6380"
        );
        let r = SharedRedis::parse(dir, "rediss://:pw@h?ssl_cert_reqs=none").unwrap();
        assert_eq!(r.tls, Some(Tls::Unverified));
        let r = SharedRedis::parse(dir, "rediss://:pw@h?ssl_ca_certs=/dev/null").unwrap();
        assert_eq!(r.tls, Some(Tls::CaFile("/dev/null".into())));
        for bad in [
            "rediss://:secretpw@h:6379?ssl_ca_certs=/no/such/ca.pem",
            "rediss://:secretpw@h:6379?ssl_cert_reqs=maybe",
            "rediss://:secretpw@h:6379?password=secretpw",
            "redis://:secretpw@h:6379?ssl_cert_reqs=none",
            "http://:secretpw@h",
            "redis://h:6379",
            "redis://:secretpw@:6379",
            "secretpw",
        ] {
            let err = SharedRedis::parse(dir, bad).err().unwrap();
            assert!(err.contains("--redis-admin-url"), "{err}");
            assert!(!err.contains("secretpw"), "{err}");
        }
    }

    #[test]
    fn each_user_reaches_only_its_own_prefix() {
        let rules = SharedRedis::rules("addon_1", "pw").join(" ");
        assert!(rules.starts_with("reset on #"), "{rules}");
        assert!(rules.contains(" ~addon_1:* &addon_1:* "), "{rules}");
        assert!(!rules.contains("pw "), "only the hash: {rules}");
        assert!(rules.ends_with("+info"), "{rules}");
    }
}
