//! The local Postgres provider: one PostgreSQL cluster in `DATA/addons/postgres`, made with
//! `initdb` for the first add-on, started with the server (before the dynos) and stopped with
//! it. Each add-on is one database owned by one login role with a random password; `CONNECT`
//! is revoked from `PUBLIC`, so one add-on's login cannot open another's database, and the
//! role's connection limit is the plan's.
//!
//! Dynos reach the cluster over loopback TCP with a password (scram-sha-256). tug itself
//! speaks to it as the superuser `tug` over a Unix socket in the cluster's private directory,
//! the only place `trust` applies. PostgreSQL refuses to run as root: a root server runs the
//! cluster as a uid of its own (`CLUSTER_UID`), which owns the cluster's directory and is
//! neither root nor any app's uid, inside a private mount namespace (see `as_owner`).
//!
//! Storage quotas: PostgreSQL has no per-database limit, so tug checks each database's size
//! against its plan (`enforce_quota`, every minute and on a plan change). Past the plan's
//! storage the app's log says so; past `REVOKE_AT` of it, the add-on's role loses its
//! writes until the database is back under the plan: its objects and its database pass to
//! a role of their own (`<id>_hold`), and the add-on's role keeps `SELECT`, `DELETE` and
//! `TRUNCATE` (to get under again) but not `INSERT`, `UPDATE` or `CREATE`. Ownership has to
//! move: an owner could grant itself back whatever a `REVOKE` took.

use std::fs;
use std::io::Write;
use std::net::IpAddr;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use super::catalog::PlanSpec;
use super::postgres_external::External;
use super::provider::{ProviderError, ProviderId, Quota, Usage, find_program, password};

/// How far past its plan's storage a database may grow before its writes are revoked.
pub const REVOKE_AT: f64 = 1.1;

/// The uid (and gid) a root server runs the cluster as: just below the apps' uids.
const CLUSTER_UID: u32 = 999_999;

/// Where a root server's cluster sees its directory (see `as_owner`).
const INNER_ROOT: &str = "/mnt/tug-postgres";

/// The superuser tug provisions with, over the private socket only.
const ADMIN_ROLE: &str = "tug";

const PACKAGE: &str = "postgresql";

pub struct LocalPostgres {
    /// `DATA/addons/postgres`: the cluster (`data/`), its socket (`run/`), its log and port.
    root: PathBuf,
    /// The uid to run the cluster as; `None` when the server is not root.
    uid: Option<u32>,
    /// The port, once the cluster runs.
    running: Mutex<Option<u16>>,
    /// A server the operator runs (`--postgres-admin-url`), used instead of a cluster of
    /// tug's own.
    external: Option<External>,
    /// Where dynos reach the cluster when not at `127.0.0.1` (Swarm's tasks): it listens
    /// there too, and add-on URLs name it.
    dyno_host: Option<IpAddr>,
}

/// The directory holding `initdb`, `pg_ctl`, `postgres`, `psql`: on `PATH`, or Debian's
/// `/usr/lib/postgresql/<newest>/bin`.
pub fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            Some((v, e.path().join("bin")))
        })
        .collect();
    versions.sort_by_key(|v| std::cmp::Reverse(v.0));
    let extra: Vec<PathBuf> = versions.into_iter().map(|(_, p)| p).collect();
    // A `pg_ctl` on PATH may be a link into the installation: its siblings are there.
    let pg_ctl = fs::canonicalize(find_program("pg_ctl", &extra)?).ok()?;
    let dir = pg_ctl.parent()?.to_path_buf();
    // All from one installation: a `psql` on PATH may be another version's wrapper.
    ["initdb", "postgres", "psql"]
        .iter()
        .all(|p| dir.join(p).exists())
        .then_some(dir)
}

fn missing(what: &str) -> ProviderError {
    ProviderError::Missing {
        what: what.to_string(),
        package: PACKAGE,
    }
}

fn down(why: impl Into<String>) -> ProviderError {
    ProviderError::Unavailable {
        service: "PostgreSQL",
        why: why.into(),
    }
}

/// `"name"`, for identifiers tug made itself (letters, digits, underscores).
fn ident(id: &ProviderId) -> Result<String, ProviderError> {
    if !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Ok(format!("\"{id}\""))
    } else {
        Err(down(format!("`{id}` is not a database name tug makes")))
    }
}

impl LocalPostgres {
    pub fn new(data_dir: &Path, dyno_host: Option<IpAddr>) -> LocalPostgres {
        LocalPostgres {
            root: data_dir.join("addons").join("postgres"),
            uid: rustix::process::geteuid().is_root().then_some(CLUSTER_UID),
            running: Mutex::new(None),
            external: None,
            dyno_host,
        }
    }

    /// Provisions on the operator's server at `admin_url` instead of a cluster of tug's own.
    pub fn external(data_dir: &Path, admin_url: &str) -> Result<LocalPostgres, String> {
        let mut pg = LocalPostgres::new(data_dir, None);
        pg.external = Some(External::parse(admin_url)?);
        Ok(pg)
    }

    fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    fn socket_dir(&self) -> PathBuf {
        self.root.join("run")
    }

    fn bin(&self) -> Result<PathBuf, ProviderError> {
        if self.external.is_some() {
            // Only the client programs: an installation's, or the ones on PATH.
            return bin_dir()
                .or_else(|| {
                    let psql = find_program("psql", &[])?;
                    let dir = psql.parent()?.to_path_buf();
                    ["pg_dump", "pg_restore"]
                        .iter()
                        .all(|p| dir.join(p).exists())
                        .then_some(dir)
                })
                .ok_or_else(|| ProviderError::Missing {
                    what: "the PostgreSQL client (`psql`, `pg_dump`, `pg_restore`)".into(),
                    package: "postgresql-client",
                });
        }
        bin_dir().ok_or_else(|| missing("PostgreSQL (`initdb`, `pg_ctl`, `postgres`, `psql`)"))
    }

    /// `program` (`psql`, `pg_dump`, `pg_restore`) connected as the admin role: over the
    /// private socket to tug's cluster, or with the admin URL's password (in the environment,
    /// never on a command line) to the operator's server.
    fn admin_command(&self, program: &str) -> Result<Command, ProviderError> {
        let (bin, port) = self.ensure()?;
        let mut cmd = Command::new(bin.join(program));
        cmd.env_remove("PGPASSWORD")
            .env_remove("PGSERVICE")
            .env_remove("PGSSLMODE");
        match &self.external {
            None => {
                cmd.arg("-h").arg(self.socket_dir()).args([
                    "-p",
                    &port.to_string(),
                    "-U",
                    ADMIN_ROLE,
                ]);
            }
            Some(ext) => {
                cmd.args([
                    "-h",
                    &ext.host,
                    "-p",
                    &ext.port.to_string(),
                    "-U",
                    &ext.user,
                ])
                .env("PGPASSWORD", &ext.password);
                if let Some(mode) = &ext.sslmode {
                    cmd.env("PGSSLMODE", mode);
                }
            }
        }
        Ok(cmd)
    }

    /// The database to connect to for work outside an add-on's database.
    fn admin_database(&self) -> &str {
        match &self.external {
            Some(ext) => &ext.database,
            None => "postgres",
        }
    }

    /// Where the cluster's processes see `root`: itself, or for a root server the fixed path
    /// its private mount namespace puts it at.
    fn seen_root(&self) -> PathBuf {
        match self.uid {
            Some(_) => PathBuf::from(INNER_ROOT),
            None => self.root.clone(),
        }
    }

    /// A command run as the cluster's owner; paths in its arguments are as `seen_root` says.
    /// For a root server, in a private mount namespace as `CLUSTER_UID` (`provider::as_uid`).
    fn as_owner(&self, program: &Path) -> Result<Command, ProviderError> {
        let Some(uid) = self.uid else {
            let mut cmd = Command::new(program);
            cmd.current_dir(&self.root)
                .env_remove("PGPASSWORD")
                .env("LC_ALL", "C")
                .stdin(Stdio::null());
            return Ok(cmd);
        };
        let mut cmd = super::provider::as_uid(
            &self.root,
            Path::new(INNER_ROOT),
            uid,
            "tug-postgres",
            program,
        )?;
        cmd.env_remove("PGPASSWORD").env("LC_ALL", "C");
        Ok(cmd)
    }

    fn run(mut cmd: Command, what: &str) -> Result<String, ProviderError> {
        let out = cmd
            .output()
            .map_err(|e| down(format!("cannot run `{what}`: {e}")))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            tracing::warn!("`{what}` failed ({}): {}", out.status, err.trim());
            Err(down(format!("`{what}` failed ({})", out.status)))
        }
    }

    /// Makes the cluster's directory, owned by the cluster's uid and closed to everyone else.
    fn prepare_dirs(&self) -> Result<(), ProviderError> {
        let io = |e: std::io::Error| down(format!("cannot prepare `{}`: {e}", self.root.display()));
        fs::create_dir_all(self.socket_dir()).map_err(io)?;
        fs::set_permissions(&self.root, fs::Permissions::from_mode(0o700)).map_err(io)?;
        if let Some(uid) = self.uid {
            let owner = Some(rustix::fs::Uid::from_raw(uid));
            let group = Some(rustix::fs::Gid::from_raw(uid));
            for dir in [self.root.clone(), self.socket_dir()] {
                rustix::fs::chown(&dir, owner, group).map_err(|e| io(e.into()))?;
            }
        }
        Ok(())
    }

    fn initialized(&self) -> bool {
        self.data().join("PG_VERSION").exists()
    }

    /// `initdb`, then the settings tug relies on: loopback only, its own port, the socket in
    /// the private directory, passwords for every TCP login and `trust` only for `tug` there.
    fn init(&self, bin: &Path) -> Result<(), ProviderError> {
        tracing::info!(bin = %bin.display(), "making the add-ons' PostgreSQL cluster");
        let data = self.data();
        let mut cmd = self.as_owner(&bin.join("initdb"))?;
        cmd.arg("-D")
            .arg(self.seen_root().join("data"))
            .args(["-U", ADMIN_ROLE, "-E", "UTF8", "--locale=C"])
            .args(["--auth-local=trust", "--auth-host=scram-sha-256"]);
        Self::run(cmd, "initdb")?;
        let port =
            crate::server::ports::free_port().map_err(|e| down(format!("no free port: {e}")))?;
        let conf = format!(
            "\n# set by tug\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\nmax_connections = 500\nshared_buffers = 32MB\npassword_encryption = 'scram-sha-256'\n",
            self.seen_root().join("run").display()
        );
        let io = |e: std::io::Error| down(format!("cannot configure the cluster: {e}"));
        fs::OpenOptions::new()
            .append(true)
            .open(data.join("postgresql.conf"))
            .and_then(|mut f| f.write_all(conf.as_bytes()))
            .map_err(io)?;
        fs::write(self.root.join("port"), port.to_string()).map_err(io)?;
        Ok(())
    }

    /// Who may log in, written at every start (where dynos reach the cluster may change):
    /// `tug` over the private socket without a password; everyone else over TCP with one,
    /// from the loopback, and from anywhere when dynos come from other addresses.
    fn write_hba(&self) -> Result<(), ProviderError> {
        let mut hba = format!(
            "# set by tug: only tug, over the private socket, without a password\nlocal all {ADMIN_ROLE} trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
        );
        if self.dyno_host.is_some() {
            hba.push_str("host all all 0.0.0.0/0 scram-sha-256\n");
        }
        fs::write(self.data().join("pg_hba.conf"), hba)
            .map_err(|e| down(format!("cannot configure the cluster: {e}")))
    }

    fn port(&self) -> Result<u16, ProviderError> {
        fs::read_to_string(self.root.join("port"))
            .ok()
            .and_then(|p| p.trim().parse().ok())
            .ok_or_else(|| down("the cluster's port file is missing"))
    }

    /// The cluster's port once it runs: made on first use, started if it is not running (or
    /// left running by a server that did not stop cleanly).
    fn ensure(&self) -> Result<(PathBuf, u16), ProviderError> {
        let bin = self.bin()?;
        if let Some(ext) = &self.external {
            return Ok((bin, ext.port));
        }
        let mut running = crate::sync::lock(&self.running);
        if let Some(port) = *running {
            return Ok((bin, port));
        }
        self.prepare_dirs()?;
        if !self.initialized() {
            self.init(&bin)?;
        }
        let port = self.port()?;
        let seen = self.seen_root();
        let mut status = self.as_owner(&bin.join("pg_ctl"))?;
        status.arg("status").arg("-D").arg(seen.join("data"));
        let up = status
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !up {
            self.write_hba()?;
            let listen = match self.dyno_host {
                Some(host) => format!("127.0.0.1,{host}"),
                None => "127.0.0.1".to_owned(),
            };
            let mut start = self.as_owner(&bin.join("pg_ctl"))?;
            start
                .arg("start")
                .arg("-D")
                .arg(seen.join("data"))
                .arg("-o")
                .arg(format!("-c listen_addresses={listen}"))
                .arg("-l")
                .arg(seen.join("postgres.log"))
                .args(["-w", "-t", "60"])
                // Its own process group: a Ctrl-C meant for the server does not reach it;
                // the server stops it in order.
                .process_group(0)
                .stdout(Stdio::null());
            Self::run(start, "pg_ctl start")?;
            tracing::info!(port, bin = %bin.display(), "the add-ons' PostgreSQL cluster is up");
        }
        *running = Some(port);
        Ok((bin, port))
    }

    /// Runs SQL as the superuser, fed on stdin (passwords never show in a process list); each
    /// statement on its own, stopping at the first error. Answers unaligned tuples.
    fn sql(&self, database: &str, sql: &str) -> Result<String, ProviderError> {
        let database = if database == "postgres" {
            self.admin_database()
        } else {
            database
        };
        let mut child = self
            .admin_command("psql")?
            .args([
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                database,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| down(format!("cannot run `psql`: {e}")))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(sql.as_bytes())
                .map_err(|e| down(format!("cannot talk to `psql`: {e}")))?;
        }
        let out = child
            .wait_with_output()
            .map_err(|e| down(format!("cannot run `psql`: {e}")))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            // The statement may hold a password: only psql's message is logged.
            tracing::warn!(
                "provisioning SQL failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            Err(down("the cluster refused the change"))
        }
    }

    /// The database's size in bytes.
    fn size(&self, id: &ProviderId) -> Result<u64, ProviderError> {
        let out = self.sql("postgres", &format!("SELECT pg_database_size('{id}');\n"))?;
        out.trim()
            .parse()
            .map_err(|_| down(format!("no size for the database {id}")))
    }

    /// Whether the add-on's writes are revoked: its database is owned by its hold role.
    fn revoked(&self, id: &ProviderId) -> Result<bool, ProviderError> {
        let out = self.sql(
            "postgres",
            &format!("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{id}';\n"),
        )?;
        Ok(out.trim() == hold(id))
    }

    /// Passes the add-on's objects and database to its hold role; its own role keeps reading,
    /// deleting and truncating. Its open connections are closed, so no session keeps writing.
    fn revoke_writes(&self, id: &ProviderId) -> Result<(), ProviderError> {
        let (name, held) = (ident(id)?, ident(&hold(id))?);
        let h = hold(id);
        self.sql(
            id,
            &format!(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{h}') THEN CREATE ROLE {held} NOLOGIN; END IF; END $$;\n\
                 REASSIGN OWNED BY {name} TO {held};\n\
                 REVOKE CREATE ON DATABASE {name} FROM {name};\n\
                 GRANT CONNECT, TEMPORARY ON DATABASE {name} TO {name};\n\
                 REVOKE CREATE ON SCHEMA public FROM PUBLIC;\n\
                 DO $$ DECLARE s text; BEGIN\n\
                   FOR s IN SELECT nspname FROM pg_namespace WHERE nspowner = '{h}'::regrole OR nspname = 'public' LOOP\n\
                     EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, '{id}');\n\
                     EXECUTE format('GRANT SELECT, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA %I TO %I', s, '{id}');\n\
                     EXECUTE format('GRANT SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, '{id}');\n\
                     EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', s, '{id}');\n\
                   END LOOP;\n\
                 END $$;\n\
                 SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '{id}';\n"
            ),
        )?;
        tracing::info!("the writes of {id} are revoked: past its storage quota");
        Ok(())
    }

    /// Gives the add-on's objects and database back to its role.
    fn restore_writes(&self, id: &ProviderId) -> Result<(), ProviderError> {
        let (name, held) = (ident(id)?, ident(&hold(id))?);
        self.sql(
            id,
            &format!(
                "REASSIGN OWNED BY {held} TO {name};\n\
                 GRANT ALL ON DATABASE {name} TO {name};\n"
            ),
        )?;
        tracing::info!("the writes of {id} are given back: under its storage quota");
        Ok(())
    }

    fn url(&self, id: &ProviderId, password: &str) -> Result<String, ProviderError> {
        let (_, port) = self.ensure()?;
        let host = match &self.external {
            Some(ext) if ext.host.contains(':') => format!("[{}]", ext.host),
            Some(ext) => ext.host.clone(),
            None => super::reached_at(self.dyno_host).to_string(),
        };
        let query = match self.external.as_ref().and_then(|e| e.sslmode.as_deref()) {
            Some(mode) => format!("?sslmode={mode}"),
            None => String::new(),
        };
        Ok(format!(
            "postgres://{id}:{password}@{host}:{port}/{id}{query}"
        ))
    }
}

impl super::provider::Provider for LocalPostgres {
    fn provision(&self, id: &ProviderId, plan: &PlanSpec) -> Result<String, ProviderError> {
        let name = ident(id)?;
        let pw = password()?;
        self.sql(
            "postgres",
            &format!(
                "CREATE ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT {} PASSWORD '{pw}';\n\
                 CREATE DATABASE {name} OWNER {name};\n\
                 REVOKE ALL ON DATABASE {name} FROM PUBLIC;\n\
                 GRANT ALL ON DATABASE {name} TO {name};\n",
                plan.connections
            ),
        )?;
        self.url(id, &pw)
    }

    fn deprovision(&self, id: &ProviderId) -> Result<(), ProviderError> {
        let name = ident(id)?;
        self.sql(
            "postgres",
            &format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE);\nDROP ROLE IF EXISTS {name};\nDROP ROLE IF EXISTS {};\n",
                ident(&hold(id))?
            ),
        )?;
        Ok(())
    }

    fn rotate(&self, id: &ProviderId, _plan: &PlanSpec) -> Result<String, ProviderError> {
        let name = ident(id)?;
        let pw = password()?;
        self.sql(
            "postgres",
            &format!(
                "ALTER ROLE {name} PASSWORD '{pw}';\n\
                 SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '{id}';\n"
            ),
        )?;
        self.url(id, &pw)
    }

    fn change_plan(&self, id: &ProviderId, plan: &PlanSpec) -> Result<(), ProviderError> {
        let name = ident(id)?;
        let size = self.size(id)?;
        if size > plan.megabytes * 1024 * 1024 {
            return Err(ProviderError::Refused(format!(
                "the database holds {}, more than the {} of `{}`: delete data first",
                human(size),
                super::catalog::megabytes(plan.megabytes),
                plan.name
            )));
        }
        self.sql(
            "postgres",
            &format!("ALTER ROLE {name} CONNECTION LIMIT {};\n", plan.connections),
        )?;
        self.enforce_quota(id, plan)?;
        Ok(())
    }

    fn enforce_quota(&self, id: &ProviderId, plan: &PlanSpec) -> Result<Quota, ProviderError> {
        ident(id)?;
        let limit = plan.megabytes * 1024 * 1024;
        let size = self.size(id)?;
        let revoked = self.revoked(id)?;
        if size as f64 > limit as f64 * REVOKE_AT {
            if !revoked {
                self.revoke_writes(id)?;
            }
            Ok(Quota::Revoked)
        } else if size > limit {
            Ok(if revoked { Quota::Revoked } else { Quota::Over })
        } else {
            if revoked {
                self.restore_writes(id)?;
            }
            Ok(Quota::Under)
        }
    }

    fn usage(&self, id: &ProviderId) -> Result<Usage, ProviderError> {
        ident(id)?;
        let out = self.sql(
            "postgres",
            &format!(
                "SELECT pg_database_size('{id}'), (SELECT count(*) FROM pg_stat_activity WHERE datname = '{id}'), current_setting('server_version'), (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{id}');\n"
            ),
        )?;
        let mut parts = out.trim().split('|');
        Ok(Usage {
            bytes: parts.next().and_then(|s| s.parse().ok()).unwrap_or(0),
            connections: parts.next().and_then(|s| s.parse().ok()).unwrap_or(0),
            version: parts.next().unwrap_or("").to_string(),
            writes_revoked: parts.next().is_some_and(|o| o.trim() == hold(id)),
        })
    }

    fn reset(&self, id: &ProviderId) -> Result<(), ProviderError> {
        let name = ident(id)?;
        self.sql(
            "postgres",
            &format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE);\n\
                 DROP ROLE IF EXISTS {};\n\
                 CREATE DATABASE {name} OWNER {name};\n\
                 REVOKE ALL ON DATABASE {name} FROM PUBLIC;\n\
                 GRANT ALL ON DATABASE {name} TO {name};\n",
                ident(&hold(id))?
            ),
        )?;
        Ok(())
    }

    fn capture(&self, id: &ProviderId, dest: &Path) -> Result<(), ProviderError> {
        ident(id)?;
        let mut cmd = self.admin_command("pg_dump")?;
        cmd.args(["-Fc", "-f"])
            .arg(dest)
            .arg(id)
            .stdin(Stdio::null());
        Self::run(cmd, "pg_dump")?;
        Ok(())
    }

    fn restore(&self, id: &ProviderId, src: &Path) -> Result<(), ProviderError> {
        ident(id)?;
        let mut cmd = self.admin_command("pg_restore")?;
        // As the add-on's role, so what is restored belongs to it; what the backup holds
        // replaces what is there.
        cmd.args([
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
        ])
        .arg(format!("--role={id}"))
        .args(["-d", id])
        .arg(src)
        .stdin(Stdio::null());
        Self::run(cmd, "pg_restore")?;
        Ok(())
    }

    fn loopback_ports(&self) -> Vec<u16> {
        if let Some(ext) = &self.external {
            return if ext.is_loopback() {
                vec![ext.port]
            } else {
                Vec::new()
            };
        }
        // Only once the cluster exists: before that there is nothing to reach.
        self.port().into_iter().collect()
    }

    fn start(&self) -> Result<(), ProviderError> {
        if self.external.is_some() {
            // Nothing to start: say early when the operator's server cannot be reached.
            self.sql("postgres", "SELECT 1;\n")?;
            return Ok(());
        }
        if self.initialized() {
            self.ensure()?;
        }
        Ok(())
    }

    fn stop(&self) {
        if self.external.is_some() {
            return;
        }
        let mut running = crate::sync::lock(&self.running);
        if running.take().is_none() {
            return;
        }
        let Ok(bin) = self.bin() else { return };
        let mut stop = match self.as_owner(&bin.join("pg_ctl")) {
            Ok(cmd) => cmd,
            Err(e) => {
                tracing::warn!("cannot stop the add-ons' PostgreSQL: {e}");
                return;
            }
        };
        stop.arg("stop")
            .arg("-D")
            .arg(self.seen_root().join("data"))
            .args(["-m", "fast", "-w", "-t", "60"])
            .stdout(Stdio::null());
        match Self::run(stop, "pg_ctl stop") {
            Ok(_) => tracing::info!("the add-ons' PostgreSQL cluster stopped"),
            Err(e) => tracing::warn!("{e}"),
        }
    }
}

/// The role that holds a database whose writes are revoked.
fn hold(id: &ProviderId) -> String {
    format!("{id}_hold")
}

/// `12.3 MB`.
fn human(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_tug_makes_are_quoted_into_sql() {
        assert_eq!(ident("addon_0123abcd").unwrap(), "\"addon_0123abcd\"");
        for bad in ["", "a\"b", "a b", "A", "x;drop", "é"] {
            assert!(ident(bad).is_err(), "{bad:?}");
        }
    }
}
