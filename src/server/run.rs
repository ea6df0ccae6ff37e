//! The server's lifecycle: prepare the data dir, open the store, bind the listeners, serve
//! until told to stop, then shut down cleanly.

use std::fs::{self, File};
use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use tokio::sync::watch;

use super::deploy::apply::Live;
use super::deploy::build_pipeline::Pipeline;
use super::git::{self, PushSessions, Repos};
use super::http::{self, AppState};
use super::logs::LogHub;
use super::ratelimit::RateLimiter;
use super::runtime::{Runtime, RuntimeConfig};
use super::store::Store;
use super::webhooks::Webhooks;
use super::{ServerConfigArgs, auth, default_data_dir, router};

pub const ADMIN_EMAIL: &str = "admin@localhost";

/// Resolved `tug server` settings.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub data_dir: PathBuf,
    pub api: String,
    pub router: String,
    pub domain: String,
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Where the router serves HTTPS, if anywhere.
    pub router_tls: Option<String>,
    /// The platform's certificate and key for `*.DOMAIN` on the HTTPS router.
    pub router_tls_cert: Option<(PathBuf, PathBuf)>,
    /// How automatic certificates are ordered.
    pub acm: super::acm::AcmConfig,
    /// How long the router waits for data from a dyno (H15) or a client (H28).
    pub router_idle_timeout: std::time::Duration,
    pub quotas: super::quotas::Quotas,
    pub boot_timeout: std::time::Duration,
    pub stop_grace: std::time::Duration,
    pub restart_backoff: std::time::Duration,
    /// The wait before the first retry of a `sync` webhook delivery.
    pub webhook_retry_base: std::time::Duration,
    pub sandbox: super::sandbox::Mode,
    /// The most memory a build may use, in bytes.
    pub build_memory: u64,
    /// The key file named by the operator; `None` for `DATA/secret.key`.
    pub secret_key_file: Option<PathBuf>,
    /// What outbound URLs may reach, and where local buildpacks may come from.
    pub outbound: super::outbound::Policy,
    /// The operator's PostgreSQL server for Postgres add-ons, instead of tug's own cluster.
    pub postgres_admin_url: Option<String>,
}

impl ServerConfig {
    pub fn from_args(args: ServerConfigArgs) -> anyhow::Result<ServerConfig> {
        let data_dir = match args.data_dir {
            Some(d) => d,
            None => default_data_dir()?,
        };
        let domain = args.domain.trim().trim_matches('.').to_ascii_lowercase();
        if domain.is_empty()
            || !domain
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        {
            anyhow::bail!("`{}` is not a valid domain for `--domain`", args.domain);
        }
        for (flag, value) in [
            ("--max-quantity", args.max_quantity),
            ("--max-app-dynos", args.max_app_dynos),
            ("--max-account-dynos", args.max_account_dynos),
            ("--max-apps", args.max_apps),
            ("--max-process-types", args.max_process_types as i64),
            ("--max-config-size", args.max_config_size as i64),
        ] {
            if value < 1 {
                anyhow::bail!("`{flag}` must be at least 1");
            }
        }
        let secs = |flag: &str, v: f64| {
            if v.is_finite() && (0.0..=86_400.0).contains(&v) {
                Ok(std::time::Duration::from_secs_f64(v))
            } else {
                Err(anyhow::anyhow!(
                    "`{flag}` must be a number of seconds between 0 and 86400"
                ))
            }
        };
        let boot_timeout = secs("--boot-timeout", args.boot_timeout)?;
        let stop_grace = secs("--stop-grace", args.stop_grace)?;
        let restart_backoff = secs("--restart-backoff", args.restart_backoff)?;
        let router_idle_timeout = secs("--router-idle-timeout", args.router_idle_timeout)?;
        if router_idle_timeout.is_zero() {
            anyhow::bail!("`--router-idle-timeout` must be more than 0 seconds");
        }
        let acme_directory = args.acme_directory.trim().to_string();
        match reqwest::Url::parse(&acme_directory) {
            Ok(url) if url.scheme() == "https" && url.host_str().is_some() => {}
            _ => anyhow::bail!(
                "`--acme-directory {acme_directory}` must be an https:// URL (an ACME CA's directory)"
            ),
        }
        if let Some(email) = &args.acme_email
            && (!email.contains('@') || email.chars().any(|c| c.is_whitespace() || c == ','))
        {
            anyhow::bail!("`--acme-email {email}` is not an email address");
        }
        if !(1..=3_600_000).contains(&args.webhook_retry_base_ms) {
            anyhow::bail!("`--webhook-retry-base-ms` must be between 1 and 3600000");
        }
        if !(64..=1_048_576).contains(&args.build_memory) {
            anyhow::bail!("`--build-memory` must be between 64 and 1048576 (MB)");
        }
        if let Some(dir) = args.buildpack_dirs.iter().find(|d| !d.is_absolute()) {
            anyhow::bail!(
                "`--buildpack-dir {}` must be an absolute path",
                dir.display()
            );
        }
        let serves_https = args.router_tls.is_some();
        Ok(ServerConfig {
            data_dir,
            api: args.api,
            router: args.router,
            domain,
            tls: args.tls_cert.zip(args.tls_key),
            router_tls: args.router_tls,
            router_tls_cert: args.router_tls_cert.zip(args.router_tls_key),
            acm: super::acm::AcmConfig {
                directory: acme_directory,
                email: args.acme_email,
                skip_dns_check: args.acme_skip_dns_check,
                https: serves_https,
                ca_cert: args.acme_ca_cert,
            },
            router_idle_timeout,
            quotas: super::quotas::Quotas {
                per_type: args.max_quantity,
                per_app: args.max_app_dynos,
                per_account: args.max_account_dynos,
                apps: args.max_apps,
                process_types: args.max_process_types,
                config_bytes: args.max_config_size,
            },
            boot_timeout,
            stop_grace,
            restart_backoff,
            webhook_retry_base: std::time::Duration::from_millis(args.webhook_retry_base_ms),
            sandbox: args.sandbox,
            build_memory: args.build_memory * 1024 * 1024,
            secret_key_file: args.secret_key_file,
            outbound: super::outbound::Policy {
                allow_private: args.allow_private_urls,
                buildpack_dirs: args.buildpack_dirs,
            },
            postgres_admin_url: args.postgres_admin_url,
        })
    }
}

/// The platform's own log on stderr; `RUST_LOG` overrides the default `tug=info`.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("tug=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

/// Resolves when SIGTERM or SIGINT arrives.
pub async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let term = signal(SignalKind::terminate());
    let int = signal(SignalKind::interrupt());
    match (term, int) {
        (Ok(mut term), Ok(mut int)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        }
        _ => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Creates the data dir, readable by its owner only.
pub fn prepare_data_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the data dir `{}`", dir.display()))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        .with_context(|| format!("cannot restrict the data dir `{}`", dir.display()))?;
    Ok(())
}

/// On first start, the owner account and its token in `admin.token`.
fn ensure_admin(store: &Store, data_dir: &Path) -> anyhow::Result<Option<PathBuf>> {
    if store.account_by_email(ADMIN_EMAIL)?.is_some() {
        return Ok(None);
    }
    let account = store.insert_account(ADMIN_EMAIL, None)?;
    let token = auth::new_token()?;
    store.insert_authorization(
        account.id,
        "owner token created on first start",
        &auth::hash_token(&token),
        &auth::token_hint(&token),
        &["global".to_string()],
        None,
    )?;
    let path = data_dir.join("admin.token");
    crate::files::write_private(&path, &format!("{token}\n"), 0o600)?;
    Ok(Some(path))
}

/// Connections the kernel holds for the accept loop: a burst of clients waits its turn there
/// instead of being reset, as it was past the default of 128. (The kernel caps it at
/// `net.core.somaxconn`.)
const LISTEN_BACKLOG: u32 = 1024;

fn bind(addr: &str, what: &str) -> anyhow::Result<std::net::TcpListener> {
    use std::net::ToSocketAddrs;
    let cannot = || format!("cannot listen on `{addr}` for the {what}");
    let mut failure = None;
    for candidate in addr.to_socket_addrs().with_context(cannot)? {
        match listen(candidate) {
            Ok(listener) => return Ok(listener),
            Err(e) => failure = Some(e),
        }
    }
    let cause = failure.map_or_else(
        || anyhow::anyhow!("the name resolves to no address"),
        anyhow::Error::from,
    );
    Err(cause.context(cannot()))
}

/// A non-blocking listener on `addr` with `LISTEN_BACKLOG`, like `TcpListener::bind` otherwise.
fn listen(addr: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)?.into_std()
}

fn url(scheme: &str, addr: SocketAddr) -> String {
    format!("{scheme}://{addr}")
}

/// The API and router sockets, already listening. Tests bind port 0 themselves and run the
/// platform inside their own process with [`run_on`]; `tug server` binds the configured addresses.
pub struct Listeners {
    pub api: std::net::TcpListener,
    pub router: std::net::TcpListener,
    /// The router's HTTPS listener, when `config.router_tls` asks for one.
    pub router_tls: Option<std::net::TcpListener>,
}

/// Runs the platform until `shutdown` resolves, listening on the addresses in `config`.
pub async fn run(
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    serve(config, None, shutdown).await
}

/// Runs the platform until `shutdown` resolves on listeners the caller bound; `config.api` and
/// `config.router` are not used.
pub async fn run_on(
    config: ServerConfig,
    listeners: Listeners,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    // The accept loops are async: a listener bound by `std` starts out blocking.
    listeners.api.set_nonblocking(true)?;
    listeners.router.set_nonblocking(true)?;
    if let Some(tls) = &listeners.router_tls {
        tls.set_nonblocking(true)?;
    }
    serve(config, Some(listeners), shutdown).await
}

/// `run` and `run_on`: the listeners are bound here, after the data dir's lock is taken, unless
/// they were handed in.
async fn serve(
    config: ServerConfig,
    listeners: Option<Listeners>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let lock = lock_data_dir(&config.data_dir)?;
    let keys = super::secrets::KeyFile::new(&config.data_dir, config.secret_key_file.as_deref());
    let store = Store::open(&config.data_dir.join("tug.db"), &keys)?;
    let admin_token = ensure_admin(&store, &config.data_dir)?;

    // The certificate is read before anything listens: a bad one stops the start.
    let platform_cert = match &config.router_tls_cert {
        Some((cert, key)) => Some(super::tls::load_certified_key(cert, key)?),
        None => None,
    };
    let (api_listener, router_listener, router_tls_listener) = match listeners {
        Some(ready) => (ready.api, ready.router, ready.router_tls),
        None => (
            bind(&config.api, "API")?,
            bind(&config.router, "router")?,
            match &config.router_tls {
                Some(addr) => Some(bind(addr, "HTTPS router")?),
                None => None,
            },
        ),
    };
    let api_addr = api_listener.local_addr()?;
    let router_addr = router_listener.local_addr()?;
    let router_tls_addr = match &router_tls_listener {
        Some(l) => Some(l.local_addr()?),
        None => None,
    };
    let scheme = if config.tls.is_some() {
        "https"
    } else {
        "http"
    };
    if config.tls.is_none() && !api_addr.ip().is_loopback() {
        tracing::warn!(
            "serving the API on {api_addr} without TLS: tokens and passwords cross the network in clear text; pass --tls-cert and --tls-key"
        );
    }

    super::outbound::configure(config.outbound.clone());
    let wall = super::sandbox::Wall::start(config.sandbox, &config.data_dir)?;
    let logs = LogHub::default();
    let mut runtime_config = RuntimeConfig::new(config.data_dir.join("runtime"));
    runtime_config.boot_timeout = config.boot_timeout;
    runtime_config.stop_grace = config.stop_grace;
    runtime_config.restart_backoff = config.restart_backoff;
    runtime_config.wall = wall.clone();
    let runtime = Runtime::new(runtime_config, logs.clone());
    let webhooks = Webhooks::new(
        store.clone(),
        url(scheme, api_addr),
        config.webhook_retry_base,
    )?;
    let live = Live::new(
        store.clone(),
        runtime.clone(),
        logs.clone(),
        webhooks.clone(),
        &config.data_dir,
    );
    let deployments =
        super::deploy::deployments::Deployments::new(store.clone(), webhooks.clone())?;
    let pipeline = Pipeline::new(
        store.clone(),
        live.clone(),
        deployments.clone(),
        &config.data_dir,
        wall.clone(),
        config.build_memory,
        config.quotas.clone(),
    )?;
    let repos = Repos::new(&config.data_dir)?;
    repos.sweep(&store.all_apps()?.iter().map(|a| a.id).collect());
    let hook_socket = config.data_dir.join("hook.sock");
    let _ = fs::remove_file(&hook_socket);
    let hook_listener = tokio::net::UnixListener::bind(&hook_socket)
        .with_context(|| format!("cannot listen on `{}`", hook_socket.display()))?;
    let drains = super::drains::Drains::new(logs.clone(), store.clone());
    let (stop_tx, stop_rx) = watch::channel(false);
    // Turns true as stopping begins (`stop_tx` only once the dynos are gone).
    let (stopping_tx, stopping_rx) = watch::channel(false);
    let addons = super::addons::Addons::new(&config.data_dir, config.postgres_admin_url.as_deref())
        .map_err(|e| anyhow::anyhow!(e))?;
    // What a dyno in a network of its own may reach on the host's loopback: the API, the
    // router (apps calling apps) and the add-ons' database servers; nothing else.
    let public = [Some(api_addr), Some(router_addr), router_tls_addr];
    wall.reach(move || public.iter().flatten().map(|a| a.port()).collect());
    let databases = addons.clone();
    wall.reach(move || databases.loopback_ports());
    wall.warm();
    let attaches = Arc::new(super::attach::Attaches::new(stopping_rx));
    // Over TLS, one-off dynos are reached Heroku's way: a TLS listener of their own, on the
    // API's address and a port of its own, with the API's certificate.
    let rendezvous = match &config.tls {
        Some((cert, key)) => Some((
            bind(
                &SocketAddr::new(api_addr.ip(), 0).to_string(),
                "rendezvous listener",
            )?,
            axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .with_context(|| format!("cannot read the certificate `{}`", cert.display()))?
                .get_inner(),
        )),
        None => None,
    };
    let certs = super::certs::CertTable::default();
    let acm = super::acm::Acm::new(
        config.acm.clone(),
        store.clone(),
        certs.clone(),
        logs.clone(),
        &config.data_dir,
        &config.domain,
        router_addr.ip(),
    );
    let state = AppState {
        store,
        limiter: Arc::new(RateLimiter::default()),
        login_throttle: Arc::default(),
        password_checks: Arc::default(),
        in_flight: Arc::default(),
        tls: config.tls.is_some(),
        api_addr,
        router_addr,
        domain: config.domain.clone().into(),
        quotas: config.quotas.clone(),
        data_dir: config.data_dir.clone().into(),
        pipeline,
        repos: Arc::new(repos),
        pushes: Arc::new(PushSessions::default()),
        hook_socket: hook_socket.clone().into(),
        live: live.clone(),
        attaches: attaches.clone(),
        rendezvous_port: rendezvous
            .as_ref()
            .map(|(l, _)| l.local_addr().map(|a| a.port()))
            .transpose()?,
        log_sessions: Arc::default(),
        drains: drains.clone(),
        deployments,
        webhooks: webhooks.clone(),
        addons: addons.clone(),
        sandbox: wall.describe().into(),
        stopping: stop_rx.clone(),
        certs: certs.clone(),
        acm: acm.clone(),
    };
    state.certs.reload(&state.store);
    let state_file = config.data_dir.join("server.json");
    let server_json = serde_json::json!({
        "api": url(scheme, api_addr),
        "router": url("http", router_addr),
        "router_tls": router_tls_addr.map(|a| url("https", a)),
        "pid": std::process::id(),
        "sandbox": wall.describe(),
        // What `tug server stop` waits for before it escalates to SIGKILL.
        "stop_grace": config.stop_grace.as_secs_f64(),
    });
    crate::files::write_private(&state_file, &server_json.to_string(), 0o600)?;
    announce(
        &config,
        scheme,
        api_addr,
        (router_addr, router_tls_addr),
        admin_token.as_deref(),
        &wall,
    );

    tokio::spawn(stop_in_order(
        shutdown,
        state.pipeline.clone(),
        runtime.clone(),
        config.stop_grace,
        (stopping_tx, stop_tx),
    ));

    let routes = route_table(state.store.clone(), runtime.clone(), acm.challenges());
    acm.start(stop_rx.clone());
    // Following the dynos before they are restored, so their webhooks hear of them.
    webhooks.start(runtime.dyno_events());
    // The databases come back before the dynos that use them.
    addons.start().await;
    super::http::addon_backups::spawn_scheduler(state.clone());
    super::addons::quota::spawn(
        addons.clone(),
        state.store.clone(),
        logs.clone(),
        stop_rx.clone(),
    );
    live.restore_all();
    if let Err(e) = drains.start_all() {
        tracing::warn!("cannot start the log drains: {e:#}");
    }
    let router_tls = match router_tls_listener {
        Some(listener) => {
            let resolver = router::tls::SniResolver::new(
                &config.domain,
                platform_cert,
                Arc::new(state.certs.clone()),
            );
            let tls_config =
                super::tls::server_config(Arc::new(resolver), super::tls::ALPN_H2_HTTP1)?;
            Some(router::TlsListener {
                listener,
                config: Arc::new(tls_config),
            })
        }
        None => None,
    };
    let router_task = tokio::spawn(router::serve_all(
        router_listener,
        router_tls,
        {
            let mut router_config = router::RouterConfig::new(config.domain.clone());
            router_config.idle_timeout = config.router_idle_timeout;
            router_config
        },
        routes,
        logs.clone(),
        stop_rx.clone(),
    ));
    if let Some((listener, tls)) = rendezvous {
        tokio::spawn(super::rendezvous::serve(
            tokio::net::TcpListener::from_std(listener)?,
            tls,
            attaches,
            stop_rx.clone(),
        ));
    }
    let hooks_task = tokio::spawn(git::serve_hooks(
        hook_listener,
        state.hooks(),
        stop_rx.clone(),
    ));
    let app = http::router(state);
    let served = serve_api(
        api_listener,
        app,
        config.tls.as_ref(),
        stop_rx,
        config.stop_grace,
    )
    .await;
    runtime.shutdown().await;
    addons.stop().await;
    let _ = router_task.await;
    let _ = hooks_task.await;
    let _ = fs::remove_file(&state_file);
    let _ = fs::remove_file(&hook_socket);
    wall.close();
    drop(lock);
    served
}

/// Creates the data dir and takes its lock: one server per data dir.
fn lock_data_dir(dir: &Path) -> anyhow::Result<File> {
    prepare_data_dir(dir)?;
    let lock_path = dir.join("server.lock");
    let lock = File::create(&lock_path)
        .with_context(|| format!("cannot create `{}`", lock_path.display()))?;
    if lock.try_lock().is_err() {
        anyhow::bail!("another `tug server` is already using `{}`", dir.display());
    }
    Ok(lock)
}

/// Stopping goes in order, so that no app is offline while it could still be served: new
/// pushes are refused, running builds finish (or are cancelled after the grace), dynos stop;
/// only then do the router and the API close (`stop_tx`).
async fn stop_in_order(
    shutdown: impl Future<Output = ()>,
    pipeline: Pipeline,
    runtime: Runtime,
    grace: std::time::Duration,
    (stopping_tx, stop_tx): (watch::Sender<bool>, watch::Sender<bool>),
) {
    shutdown.await;
    let _ = stopping_tx.send(true);
    tracing::info!("shutting down: taking no new pushes");
    pipeline.drain(grace).await;
    tracing::info!("stopping dynos");
    runtime.shutdown().await;
    let _ = stop_tx.send(true);
}

/// Where the router sends a request for an app. Until dynos run, a known app has no web dyno
/// up (H14).
fn route_table(
    store: Store,
    runtime: Runtime,
    challenges: super::acm::Challenges,
) -> Arc<dyn router::Routes> {
    Arc::new(RouteTable {
        store,
        runtime,
        challenges,
    })
}

struct RouteTable {
    store: Store,
    runtime: Runtime,
    challenges: super::acm::Challenges,
}

impl RouteTable {
    fn route_to(&self, app_id: uuid::Uuid, maintenance: bool) -> router::Route {
        if maintenance {
            return router::Route::Maintenance { app_id };
        }
        let backends: Vec<router::Backend> = self
            .runtime
            .web_backends(app_id)
            .into_iter()
            .map(|(dyno, addr)| router::Backend::new(dyno, addr))
            .collect();
        if !backends.is_empty() {
            router::Route::Up {
                app_id,
                backends: backends.into(),
            }
        } else if self.runtime.crashed(app_id) {
            router::Route::Crashed { app_id }
        } else {
            router::Route::NoWebDynos { app_id }
        }
    }
}

impl router::Routes for RouteTable {
    fn route(&self, name: &str) -> router::Route {
        // A primary-key-sized query per request; the app list itself is not cached so a
        // rename or maintenance switch takes effect at once.
        match self.store.app_route(name) {
            Ok(Some((app_id, maintenance))) => self.route_to(app_id, maintenance),
            _ => router::Route::NoSuchApp,
        }
    }

    fn route_host(&self, host: &str) -> Option<router::Route> {
        // Indexed by hostname, and not cached either: an added domain answers at once.
        match self.store.domain_route(host) {
            Ok(Some((app_id, maintenance))) => Some(self.route_to(app_id, maintenance)),
            _ => None,
        }
    }

    fn acme_challenge(&self, token: &str) -> Option<String> {
        self.challenges.answer(token)
    }
}

/// The longest the API waits, once told to stop, for requests still being answered. Streams
/// end by themselves when the server stops; this bounds anything else (a client that reads
/// nothing) so that the server always finishes within its stop grace.
const API_CLOSE_LIMIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Serves the API (and git) until `stop` turns true, then for at most `API_CLOSE_LIMIT` (or
/// `grace`, if shorter) while open requests finish.
async fn serve_api(
    listener: std::net::TcpListener,
    app: axum::Router,
    tls: Option<&(PathBuf, PathBuf)>,
    stop: watch::Receiver<bool>,
    grace: std::time::Duration,
) -> anyhow::Result<()> {
    let limit = API_CLOSE_LIMIT.min(grace.max(std::time::Duration::from_millis(500)));
    match tls {
        Some((cert, key)) => serve_tls(listener, app, cert, key, stop, limit).await,
        None => {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let mut stop = stop;
            let mut stopped = stop.clone();
            // The peer address is what password logins are throttled by.
            let app = app.into_make_service_with_connect_info::<SocketAddr>();
            let serving = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stop.wait_for(|s| *s).await;
                })
                .into_future();
            let bound = async move {
                let _ = stopped.wait_for(|s| *s).await;
                tokio::time::sleep(limit).await;
            };
            tokio::select! {
                served = serving => served.context("the API server failed"),
                () = bound => {
                    tracing::warn!("requests still open after {limit:?} of shutdown were dropped");
                    Ok(())
                }
            }
        }
    }
}

async fn serve_tls(
    listener: std::net::TcpListener,
    app: axum::Router,
    cert: &Path,
    key: &Path,
    mut stop: watch::Receiver<bool>,
    limit: std::time::Duration,
) -> anyhow::Result<()> {
    let key = super::tls::load_certified_key(cert, key)?;
    let config = super::tls::single_cert_config(key, super::tls::ALPN_HTTP1)?;
    let tls = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(config));
    let handle = axum_server::Handle::new();
    let shutdown = handle.clone();
    tokio::spawn(async move {
        let _ = stop.wait_for(|s| *s).await;
        shutdown.graceful_shutdown(Some(limit));
    });
    axum_server::from_tcp_rustls(listener, tls)?
        .handle(handle)
        .serve(app.into_make_service_with_connect_info::<SocketAddr>())
        .await
        .context("the API server failed")
}

/// Whether process `pid` holds the lock on `path` (from `/proc/locks`). Without `/proc/locks`,
/// whether anyone holds it.
fn holds_lock(pid: i32, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let Ok(file) = File::open(path) else {
        return false;
    };
    if file.try_lock().is_ok() {
        return false;
    }
    let (Ok(meta), Ok(locks)) = (file.metadata(), fs::read_to_string("/proc/locks")) else {
        return true;
    };
    // `1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF`: pid, then major:minor:inode.
    locks.lines().any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let owner = fields.get(4).and_then(|p| p.parse::<i32>().ok());
        let inode = fields
            .get(5)
            .and_then(|d| d.rsplit(':').next())
            .and_then(|i| i.parse::<u64>().ok());
        fields.get(1) == Some(&"FLOCK") && owner == Some(pid) && inode == Some(meta.ino())
    })
}

#[allow(clippy::print_stderr)]
fn announce(
    config: &ServerConfig,
    scheme: &str,
    api: SocketAddr,
    (router, router_tls): (SocketAddr, Option<SocketAddr>),
    admin_token: Option<&Path>,
    wall: &super::sandbox::Wall,
) {
    let port = match router.port() {
        80 => String::new(),
        p => format!(":{p}"),
    };
    eprintln!("tug server {}", env!("CARGO_PKG_VERSION"));
    eprintln!("  api     {}", url(scheme, api));
    eprintln!(
        "  router  {} (apps answer at http://APP.{}{port})",
        url("http", router),
        config.domain
    );
    if let Some(tls) = router_tls {
        let port = match tls.port() {
            443 => String::new(),
            p => format!(":{p}"),
        };
        eprintln!(
            "  https   {} (apps answer at https://APP.{}{port})",
            url("https", tls),
            config.domain
        );
    }
    eprintln!("  data    {}", config.data_dir.display());
    eprintln!("  dynos   {}", wall.describe());
    if !wall.enabled() {
        eprintln!(
            "warning: app code runs unsandboxed: every app can read the data dir, other apps' config vars and signal the server; do not share this server"
        );
    }
    if let Some(path) = admin_token {
        eprintln!(
            "Created the owner account {ADMIN_EMAIL}; its API token is in {}",
            path.display()
        );
        eprintln!(
            "hint: log in with `tug login --with-token < {}`",
            path.display()
        );
    }
}

/// `tug server stop`: SIGTERM to the server recorded in `DIR/server.json`, then wait for it.
#[allow(clippy::print_stderr)]
pub fn stop(data_dir: Option<PathBuf>) -> anyhow::Result<crate::ExitStatus> {
    use rustix::process::{Pid, Signal, kill_process, test_kill_process};
    let data_dir = match data_dir {
        Some(d) => d,
        None => default_data_dir()?,
    };
    let state_file = data_dir.join("server.json");
    let text = match fs::read_to_string(&state_file) {
        Ok(t) => t,
        Err(_) => anyhow::bail!(
            "no `tug server` is running with the data dir `{}`",
            data_dir.display()
        ),
    };
    let pid = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v["pid"].as_i64())
        .and_then(|p| i32::try_from(p).ok())
        .and_then(Pid::from_raw)
        .ok_or_else(|| anyhow::anyhow!("`{}` has no valid pid", state_file.display()))?;
    // Only the process that holds the data dir's lock is the server: a stale `server.json`
    // may name a pid that now belongs to anything else.
    if !holds_lock(pid.as_raw_nonzero().get(), &data_dir.join("server.lock")) {
        let _ = fs::remove_file(&state_file);
        anyhow::bail!(
            "no `tug server` is running with the data dir `{}` (`server.json` was left by one that is gone)",
            data_dir.display()
        );
    }
    if kill_process(pid, Signal::TERM).is_err() {
        let _ = fs::remove_file(&state_file);
        anyhow::bail!(
            "the server recorded in `{}` (pid {}) is not running",
            state_file.display(),
            pid.as_raw_nonzero()
        );
    }
    // The server lets running builds finish, then dynos stop, each within its grace; past
    // both (and a margin for the rest), it is stuck and gets SIGKILL.
    let grace = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v["stop_grace"].as_f64())
        .filter(|g| g.is_finite() && (0.0..=86_400.0).contains(g))
        .unwrap_or(30.0);
    let limit = std::time::Duration::from_secs_f64(2.0 * grace + 15.0);
    eprintln!(
        "Stopping the tug server (pid {}): waiting for running builds to finish and dynos to stop (up to {} s, then SIGKILL)…",
        pid.as_raw_nonzero(),
        limit.as_secs()
    );
    let deadline = std::time::Instant::now() + limit;
    while test_kill_process(pid).is_ok() {
        if std::time::Instant::now() > deadline {
            let _ = kill_process(pid, Signal::KILL);
            let _ = fs::remove_file(&state_file);
            anyhow::bail!(
                "the server (pid {}) did not stop within {} s and was killed",
                pid.as_raw_nonzero(),
                limit.as_secs()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    eprintln!("Stopped the tug server (pid {}).", pid.as_raw_nonzero());
    Ok(crate::ExitStatus::Success)
}
