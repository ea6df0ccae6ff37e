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

use super::deploy::build_pipeline::Pipeline;
use super::git::{self};
use super::http::{self};
use super::runtime::Runtime;
use super::store::Store;
use super::{auth, router};

mod config;
mod platform;
mod routes;
mod stop;

pub use config::ServerConfig;
pub use stop::stop;

use platform::Platform;
use routes::route_table;

pub const ADMIN_EMAIL: &str = "admin@localhost";

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
    let (store, admin_token) = open_store(&config)?;
    // The certificate is read before anything listens: a bad one stops the start.
    let platform_cert = (config.router_tls_cert.as_ref())
        .map(|(cert, key)| super::tls::load_certified_key(cert, key))
        .transpose()?;
    let listeners = match listeners {
        Some(ready) => ready,
        None => bind_all(&config)?,
    };
    let (api_addr, router_addr, router_tls_addr) = listeners.addrs()?;
    let scheme = api_scheme(&config, api_addr);

    super::outbound::configure(config.outbound.clone());
    let (stop_tx, stop_rx) = watch::channel(false);
    // Turns true as stopping begins (`stop_tx` only once the dynos are gone).
    let (stopping_tx, stopping_rx) = watch::channel(false);
    let backend = platform::cluster_backend(&config).await?;
    let platform = Platform::start(
        &config,
        store,
        (url(scheme, api_addr), router_addr.ip()),
        stopping_rx,
        backend,
    )?;
    platform.open_the_wall([Some(api_addr), Some(router_addr), router_tls_addr]);
    let hook_listener = platform.listen_for_hooks()?;
    let rendezvous = rendezvous_listener(&config, api_addr).await?;
    let rendezvous_port = rendezvous.as_ref().map(|(_, _, port)| *port);
    let state = platform.app_state(
        &config,
        (api_addr, router_addr),
        rendezvous_port,
        stop_rx.clone(),
    );
    state.certs.reload(&state.store);
    let state_file = tell_where(
        &config,
        scheme,
        (api_addr, router_addr, router_tls_addr),
        admin_token.as_deref(),
        &platform.wall,
    )?;

    tokio::spawn(stop_in_order(
        shutdown,
        state.pipeline.clone(),
        platform.runtime.clone(),
        config.stop_grace,
        (stopping_tx, stop_tx),
    ));

    let routes = route_table(
        state.store.clone(),
        platform.runtime.clone(),
        platform.acm.challenges(),
    );
    platform.restore(&state, stop_rx.clone()).await;
    let router_task = spawn_router(
        &config,
        (listeners.router, listeners.router_tls),
        platform_cert,
        &state.certs,
        routes,
        &platform,
        stop_rx.clone(),
    )?;
    if let Some((listener, tls, _)) = rendezvous {
        platform.spawn_rendezvous((listener, tls), stop_rx.clone())?;
    }
    state.review_apps().spawn_sweeper(stop_rx.clone());
    let hooks_task = tokio::spawn(git::serve_hooks(
        hook_listener,
        state.hooks(),
        stop_rx.clone(),
    ));
    let app = http::router(state);
    let served = serve_api(
        listeners.api,
        app,
        config.tls.as_ref(),
        stop_rx,
        config.stop_grace,
    )
    .await;
    platform.close(router_task, hooks_task).await;
    let _ = fs::remove_file(&state_file);
    drop(lock);
    served
}

impl Listeners {
    /// Where each listener is (a port 0 was given its port).
    fn addrs(&self) -> std::io::Result<(SocketAddr, SocketAddr, Option<SocketAddr>)> {
        let router_tls = match &self.router_tls {
            Some(l) => Some(l.local_addr()?),
            None => None,
        };
        Ok((
            self.api.local_addr()?,
            self.router.local_addr()?,
            router_tls,
        ))
    }
}

/// `https` when the API serves TLS; a warning when it does not on another machine's reach.
fn api_scheme(config: &ServerConfig, api_addr: SocketAddr) -> &'static str {
    if config.tls.is_some() {
        return "https";
    }
    if !api_addr.ip().is_loopback() {
        tracing::warn!(
            "serving the API on {api_addr} without TLS: tokens and passwords cross the network in clear text; pass --tls-cert and --tls-key"
        );
    }
    "http"
}

/// The store, with the owner account made on first start (and the path of its token, then).
fn open_store(config: &ServerConfig) -> anyhow::Result<(Store, Option<PathBuf>)> {
    let keys = super::secrets::KeyFile::new(&config.data_dir, config.secret_key_file.as_deref());
    let store = Store::open(&config.data_dir.join("tug.db"), &keys)?;
    let admin_token = ensure_admin(&store, &config.data_dir)?;
    Ok((store, admin_token))
}

/// `tug server`'s own listeners, on the configured addresses.
fn bind_all(config: &ServerConfig) -> anyhow::Result<Listeners> {
    Ok(Listeners {
        api: bind(&config.api, "API")?,
        router: bind(&config.router, "router")?,
        router_tls: match &config.router_tls {
            Some(addr) => Some(bind(addr, "HTTPS router")?),
            None => None,
        },
    })
}

/// Over TLS, one-off dynos are reached Heroku's way: a TLS listener of their own, on the
/// API's address and a port of its own, with the API's certificate.
async fn rendezvous_listener(
    config: &ServerConfig,
    api_addr: SocketAddr,
) -> anyhow::Result<Option<(std::net::TcpListener, Arc<rustls::ServerConfig>, u16)>> {
    let Some((cert, key)) = &config.tls else {
        return Ok(None);
    };
    let listener = bind(
        &SocketAddr::new(api_addr.ip(), 0).to_string(),
        "rendezvous listener",
    )?;
    let tls = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
        .await
        .with_context(|| format!("cannot read the certificate `{}`", cert.display()))?
        .get_inner();
    let port = listener.local_addr()?.port();
    Ok(Some((listener, tls, port)))
}

/// Says where the server answers: in `DATA/server.json` (whose path it returns) and on the
/// start line.
fn tell_where(
    config: &ServerConfig,
    scheme: &str,
    (api_addr, router_addr, router_tls_addr): (SocketAddr, SocketAddr, Option<SocketAddr>),
    admin_token: Option<&Path>,
    wall: &super::sandbox::Wall,
) -> anyhow::Result<PathBuf> {
    let state_file = write_state_file(
        config,
        scheme,
        (api_addr, router_addr, router_tls_addr),
        wall,
    )?;
    announce(
        config,
        scheme,
        api_addr,
        (router_addr, router_tls_addr),
        admin_token,
        wall,
    );
    Ok(state_file)
}

/// `DATA/server.json`: where the server answers, for `tug server stop` and the CLI.
fn write_state_file(
    config: &ServerConfig,
    scheme: &str,
    (api_addr, router_addr, router_tls_addr): (SocketAddr, SocketAddr, Option<SocketAddr>),
    wall: &super::sandbox::Wall,
) -> anyhow::Result<PathBuf> {
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
    Ok(state_file)
}

/// Serves the router (HTTP, and HTTPS when it has a listener) until `stop`.
fn spawn_router(
    config: &ServerConfig,
    (plain, tls): (std::net::TcpListener, Option<std::net::TcpListener>),
    platform_cert: Option<rustls::sign::CertifiedKey>,
    certs: &super::certs::CertTable,
    routes: Arc<dyn router::Routes>,
    platform: &Platform,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<tokio::task::JoinHandle<anyhow::Result<()>>> {
    let tls = match tls {
        Some(listener) => Some(router_tls(config, listener, platform_cert, certs)?),
        None => None,
    };
    Ok(tokio::spawn(router::serve_all(
        plain,
        tls,
        {
            let mut router_config = router::RouterConfig::new(config.domain.clone());
            router_config.idle_timeout = config.router_idle_timeout;
            router_config
        },
        routes,
        platform.logs.clone(),
        stop,
    )))
}

/// The HTTPS router's listener: the platform's certificate for `*.DOMAIN`, the uploaded ones
/// for custom domains.
fn router_tls(
    config: &ServerConfig,
    listener: std::net::TcpListener,
    platform_cert: Option<rustls::sign::CertifiedKey>,
    certs: &super::certs::CertTable,
) -> anyhow::Result<router::TlsListener> {
    let resolver =
        router::tls::SniResolver::new(&config.domain, platform_cert, Arc::new(certs.clone()));
    let tls_config = super::tls::server_config(Arc::new(resolver), super::tls::ALPN_H2_HTTP1)?;
    Ok(router::TlsListener {
        listener,
        config: Arc::new(tls_config),
    })
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
    if config.runtime == super::runtime::RuntimeKind::Swarm {
        // Builds still run here, inside the wall; dynos are the swarm's containers.
        eprintln!("  dynos   Swarm services; builds {}", wall.describe());
    } else {
        eprintln!("  dynos   {}", wall.describe());
        // Slugs compile against the host's OS and run on it (the swarm's line names its image).
        eprintln!(
            "  stack   {} (this host's /usr and /etc{})",
            crate::api::STACK_NAME,
            if wall.enabled() {
                ", read-only in every dyno and build"
            } else {
                ""
            }
        );
    }
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
