//! `tug server`: the platform. Opens the store, spawns the subsystems and serves the Platform
//! API (and git) on one listener and the router on another.

pub mod acm;
pub mod addons;
pub mod attach;
pub mod auth;
pub mod build;
mod certs;
mod dashboard;
mod deploy;
mod dns;
pub mod drains;
mod fairness;
mod git;
mod gunzip;
pub mod http;
mod lines;
mod login_throttle;
pub mod logs;
pub mod outbound;
mod ports;
pub mod present;
mod quotas;
mod ratelimit;
mod rendezvous;
pub mod router;
mod run;
pub mod runtime;
pub mod sandbox;
mod scratch;
mod secrets;
pub mod store;
pub mod tls;
mod users;
pub mod webhooks;

use std::path::PathBuf;

use clap::{Args, Subcommand};

pub use run::{Listeners, run_on};
pub use run::{ServerConfig, run};

use crate::ExitStatus;

/// Run the tug platform: the Platform API, git over HTTP, builds, dynos, the router and logs
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ServerArgs {
    #[command(subcommand)]
    pub command: Option<ServerCommand>,
    #[command(flatten)]
    pub config: ServerConfigArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ServerConfigArgs {
    /// Where the platform keeps its state [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]
    #[arg(long, env = "TUG_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Address of the API and git listener (port 0 picks a free port)
    #[arg(
        long,
        env = "TUG_SERVER_API",
        value_name = "ADDR",
        default_value = "127.0.0.1:7700"
    )]
    pub api: String,
    /// Address of the router that serves the apps
    #[arg(
        long,
        env = "TUG_SERVER_ROUTER",
        value_name = "ADDR",
        default_value = "127.0.0.1:7780"
    )]
    pub router: String,
    /// Apps answer at http://APP.DOMAIN
    #[arg(
        long,
        env = "TUG_DOMAIN",
        value_name = "DOMAIN",
        default_value = "localhost"
    )]
    pub domain: String,
    /// Serve the API over HTTPS with this certificate chain (PEM)
    #[arg(long, env = "TUG_TLS_CERT", value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The private key for --tls-cert (PEM)
    #[arg(long, env = "TUG_TLS_KEY", value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Also serve the apps over HTTPS on this address (TLS 1.3 and 1.2, HTTP/2 and HTTP/1.1)
    #[arg(long, env = "TUG_SERVER_ROUTER_TLS", value_name = "ADDR")]
    pub router_tls: Option<String>,
    /// The platform's certificate chain for `*.DOMAIN` on the HTTPS router (PEM)
    #[arg(
        long,
        env = "TUG_SERVER_ROUTER_TLS_CERT",
        value_name = "FILE",
        requires_all = ["router_tls_key", "router_tls"]
    )]
    pub router_tls_cert: Option<PathBuf>,
    /// The private key for --router-tls-cert (PEM)
    #[arg(
        long,
        env = "TUG_SERVER_ROUTER_TLS_KEY",
        value_name = "FILE",
        requires = "router_tls_cert"
    )]
    pub router_tls_key: Option<PathBuf>,
    /// The ACME CA's directory URL for automatic certificates (ACM)
    #[arg(
        long,
        env = "TUG_ACME_DIRECTORY",
        value_name = "URL",
        default_value = crate::server::acm::LETS_ENCRYPT
    )]
    pub acme_directory: String,
    /// The contact address of the platform's account at the ACME CA
    #[arg(long, env = "TUG_ACME_EMAIL", value_name = "EMAIL")]
    pub acme_email: Option<String>,
    /// Treat every custom domain's DNS as pointing here: certificates are ordered at once (tests)
    #[arg(long, env = "TUG_ACME_SKIP_DNS_CHECK")]
    pub acme_skip_dns_check: bool,
    /// Trust this CA certificate (PEM) for the ACME directory's HTTPS, as for a test CA
    #[arg(long, env = "TUG_ACME_CA_CERT", value_name = "FILE")]
    pub acme_ca_cert: Option<PathBuf>,
    /// Seconds without data from the dyno (H15) or the client (H28) before the router gives up
    #[arg(
        long,
        env = "TUG_ROUTER_IDLE_TIMEOUT",
        value_name = "SECS",
        default_value_t = 55.0
    )]
    pub router_idle_timeout: f64,
    /// The most dynos one process type may be scaled to
    #[arg(
        long,
        env = "TUG_MAX_QUANTITY",
        value_name = "N",
        default_value_t = 100
    )]
    pub max_quantity: i64,
    /// The most dynos one app may run, its process types and one-offs together
    #[arg(
        long,
        env = "TUG_MAX_APP_DYNOS",
        value_name = "N",
        default_value_t = 100
    )]
    pub max_app_dynos: i64,
    /// The most dynos the apps of one account may run together
    #[arg(
        long,
        env = "TUG_MAX_ACCOUNT_DYNOS",
        value_name = "N",
        default_value_t = 300
    )]
    pub max_account_dynos: i64,
    /// The most apps one account may own
    #[arg(long, env = "TUG_MAX_APPS", value_name = "N", default_value_t = 100)]
    pub max_apps: i64,
    /// The most process types one release may declare
    #[arg(
        long,
        env = "TUG_MAX_PROCESS_TYPES",
        value_name = "N",
        default_value_t = 50
    )]
    pub max_process_types: usize,
    /// The most config one app may carry, keys and values together, in bytes
    #[arg(
        long,
        env = "TUG_MAX_CONFIG_SIZE",
        value_name = "BYTES",
        default_value_t = 65536
    )]
    pub max_config_size: usize,
    /// Seconds a web dyno has to accept on $PORT before it is crashed (R10)
    #[arg(
        long,
        env = "TUG_BOOT_TIMEOUT",
        value_name = "SECS",
        default_value_t = 60.0
    )]
    pub boot_timeout: f64,
    /// Seconds between SIGTERM and SIGKILL when a dyno stops
    #[arg(
        long,
        env = "TUG_STOP_GRACE",
        value_name = "SECS",
        default_value_t = 30.0
    )]
    pub stop_grace: f64,
    /// Seconds before the second restart of a crashing dyno; doubles after each crash
    #[arg(
        long,
        env = "TUG_RESTART_BACKOFF",
        value_name = "SECS",
        default_value_t = 2.0
    )]
    pub restart_backoff: f64,
    /// Milliseconds before the first retry of a failed `sync` webhook delivery; doubles after
    /// each retry (tests shorten it)
    #[arg(long, value_name = "MS", default_value_t = 15_000, hide = true)]
    pub webhook_retry_base_ms: u64,
    /// Wall off app code (dynos, one-offs, release phase, builds): `auto` does what this kernel
    /// allows and says what it cannot; `on` refuses to start without the whole wall
    #[arg(
        long,
        env = "TUG_SANDBOX",
        value_name = "MODE",
        value_enum,
        default_value_t = sandbox::Mode::Auto
    )]
    pub sandbox: sandbox::Mode,
    /// Memory a build may use, in MB, before it fails
    #[arg(
        long,
        env = "TUG_BUILD_MEMORY",
        value_name = "MB",
        default_value_t = 2048
    )]
    pub build_memory: u64,
    /// Where dynos run: `local` processes on this machine, or `swarm` services on the Docker
    /// Swarm this machine manages
    #[arg(
        long,
        env = "TUG_RUNTIME",
        value_name = "RUNTIME",
        value_enum,
        default_value_t = runtime::RuntimeKind::Local
    )]
    pub runtime: runtime::RuntimeKind,
    /// The registry that stack and slug images go to, for every node to pull (`--runtime swarm`)
    #[arg(
        long,
        env = "TUG_REGISTRY",
        value_name = "HOST:PORT",
        default_value = "127.0.0.1:5000"
    )]
    pub registry: String,
    /// The key file that encrypts config vars, webhook URLs and secrets, and drain URLs in the
    /// database
    /// [default: DATA/secret.key, made on first start]
    #[arg(long, env = "TUG_SECRET_KEY_FILE", value_name = "FILE")]
    pub secret_key_file: Option<PathBuf>,
    /// Let source and buildpack URLs, drains and webhooks reach loopback, private, link-local
    /// and other non-public addresses (for tests and single-user machines)
    #[arg(
        long,
        env = "TUG_ALLOW_PRIVATE_URLS",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub allow_private_urls: bool,
    /// A directory local buildpacks (absolute paths, `file://` URLs) may come from; repeat it,
    /// or list several in TUG_BUILDPACK_DIRS separated by `:`
    #[arg(
        long = "buildpack-dir",
        env = "TUG_BUILDPACK_DIRS",
        value_name = "DIR",
        value_delimiter = ':'
    )]
    pub buildpack_dirs: Vec<PathBuf>,
    /// Provision Postgres add-ons on this PostgreSQL server (an admin role's URL,
    /// `postgres://USER:PASSWORD@HOST:PORT/DATABASE`) instead of a cluster of tug's own
    #[arg(
        long,
        env = "TUG_POSTGRES_ADMIN_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub postgres_admin_url: Option<String>,
    /// Provision Redis add-ons as ACL users on this Redis server (an admin's URL,
    /// `redis://:PASSWORD@HOST:PORT`, `rediss://` for TLS) instead of a server of tug's own per
    /// add-on
    #[arg(
        long,
        env = "TUG_REDIS_ADMIN_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub redis_admin_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Add an account to the platform (run on the server machine)
    #[command(name = "users:add")]
    UsersAdd(UsersAddArgs),
    /// Stop a running `tug server` (the one using the data dir)
    Stop(StopArgs),
    /// Re-encrypt every stored secret with a new key and drop the old key (server stopped)
    #[command(name = "secrets:rotate")]
    SecretsRotate(SecretsRotateArgs),
    /// The pre-receive hook of app repositories (run by git, not by hand)
    #[command(hide = true)]
    Hook,
    /// Starts the processes of the sandbox (started by the server, not by hand)
    #[command(hide = true)]
    Launcher,
    /// Tidies what the server leaves behind once it is gone, however it went (started by
    /// the server)
    #[command(hide = true)]
    Leftovers {
        /// The server's data dir
        data_dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct UsersAddArgs {
    /// Email address of the new account
    pub email: String,
    /// Where the platform keeps its state [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]
    #[arg(long, env = "TUG_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Read the account's password from standard input (else it can log in with its token only)
    #[arg(long)]
    pub password_stdin: bool,
    /// The key file the server uses [default: DATA/secret.key]
    #[arg(long, env = "TUG_SECRET_KEY_FILE", value_name = "FILE")]
    pub secret_key_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SecretsRotateArgs {
    /// The data dir whose secrets to re-encrypt [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]
    #[arg(long, env = "TUG_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The key file the server uses, rewritten in place [default: DATA/secret.key]
    #[arg(long, env = "TUG_SECRET_KEY_FILE", value_name = "FILE")]
    pub secret_key_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StopArgs {
    /// The data dir of the server to stop [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]
    #[arg(long, env = "TUG_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

/// Entry point for `tug server …`, called by the CLI dispatcher.
pub fn main(args: ServerArgs) -> anyhow::Result<ExitStatus> {
    match args.command {
        Some(ServerCommand::UsersAdd(add)) => users::add(add),
        Some(ServerCommand::Hook) => git::hook_main(),
        Some(ServerCommand::Launcher) => Ok(sandbox::launcher::main()),
        Some(ServerCommand::Leftovers { data_dir }) => Ok(sandbox::end_leftovers(&data_dir)),
        Some(ServerCommand::Stop(stop)) => run::stop(stop.data_dir),
        Some(ServerCommand::SecretsRotate(rotate)) => secrets::rotate(rotate),
        None => {
            let config = ServerConfig::from_args(args.config)?;
            run::init_logging();
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                // Handlers still do short blocking store work (a write's fsync); more workers
                // than cores keep one account's writes from holding every worker.
                .worker_threads((cores * 4).max(8))
                .thread_name("tug-server")
                .build()?;
            runtime.block_on(run(config, run::shutdown_signal()))?;
            Ok(ExitStatus::Success)
        }
    }
}

/// `$XDG_DATA_HOME/tug`, else `~/.local/share/tug`.
pub fn default_data_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("tug"));
    }
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "cannot find a data dir: set `HOME`, `XDG_DATA_HOME` or pass `--data-dir`"
            )
        })?;
    Ok(PathBuf::from(home).join(".local/share/tug"))
}
