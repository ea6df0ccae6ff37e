//! The router: a reverse proxy on its own listener. The Host header picks the app
//! (`APP.DOMAIN`, any port); requests go round-robin to the app's up web dynos over pooled
//! keep-alive connections, bodies stream both ways and upgraded connections (WebSocket) are
//! tunnelled. Failures answer like Heroku's router (H10, H12, H13, H14, maintenance…) with
//! a short page, and every request leaves a `heroku[router]` line in the app's log.
//!
//! The router knows nothing about apps or dynos itself: it asks a [`Routes`] for each request.

mod body;
mod headers;
mod host;
mod https;
mod line;
mod pool;
mod proxy;
#[cfg(test)]
mod tests;
pub mod tls;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{mpsc, watch};
use uuid::Uuid;

use super::logs::LogHub;

pub use host::{app_from_host, bare_host};

/// Where the router sends requests for an app; asked once per request, so it should answer
/// from memory.
pub trait Routes: Send + Sync + 'static {
    /// The route for the app named `app` (always lowercase).
    fn route(&self, app: &str) -> Route;

    /// The route for a custom hostname (lowercase, no port or final dot), a host that is not
    /// `APP.DOMAIN`: the app with that exact domain, else the one with the wildcard domain one
    /// label up. `None` when no app has it.
    fn route_host(&self, _host: &str) -> Option<Route> {
        None
    }

    /// The key authorization for an ACME HTTP-01 challenge token, while an order waits on
    /// it: the router answers `/.well-known/acme-challenge/TOKEN` itself, for any host.
    fn acme_challenge(&self, _token: &str) -> Option<String> {
        None
    }
}

impl<F> Routes for F
where
    F: Fn(&str) -> Route + Send + Sync + 'static,
{
    fn route(&self, app: &str) -> Route {
        self(app)
    }
}

/// What is behind an app name right now.
#[derive(Debug, Clone)]
pub enum Route {
    /// No app has this name: 404.
    NoSuchApp,
    /// The app is in maintenance mode: 503 with the maintenance page (H80).
    Maintenance { app_id: Uuid },
    /// The app has no web dyno up: 503 (H14).
    NoWebDynos { app_id: Uuid },
    /// The app's web dynos crashed: 503 (H10).
    Crashed { app_id: Uuid },
    /// The web dynos that are up. Shared so that a routes table can hand out the same list to
    /// every request without copying it; an empty list answers like `NoWebDynos`.
    Up {
        app_id: Uuid,
        backends: Arc<[Backend]>,
    },
}

/// One up web dyno.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    /// `web.1`: the name in the router's log lines.
    pub dyno: String,
    /// Where the dyno listens (its `PORT`).
    pub addr: SocketAddr,
}

impl Backend {
    pub fn new(dyno: impl Into<String>, addr: SocketAddr) -> Backend {
        Backend {
            dyno: dyno.into(),
            addr,
        }
    }
}

/// Router settings; [`RouterConfig::new`] has Heroku's timeouts.
#[derive(Debug, Clone)]
pub struct RouterConfig {
    /// Apps answer at `APP.DOMAIN`.
    pub domain: String,
    /// How long a dyno has to start its response once the request is sent (H12).
    pub request_timeout: Duration,
    /// How long connecting to a dyno may take before the next one is tried.
    pub connect_timeout: Duration,
    /// How long a client has to send a request's head.
    pub header_read_timeout: Duration,
    /// On stop, how long open requests may take to finish.
    pub shutdown_grace: Duration,
    /// How long a response may go without data from the dyno (H15), or a request body or
    /// an idle keep-alive connection without data from the client (H28).
    pub idle_timeout: Duration,
}

impl RouterConfig {
    pub fn new(domain: impl Into<String>) -> RouterConfig {
        RouterConfig {
            domain: domain.into().trim_matches('.').to_ascii_lowercase(),
            request_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(5),
            header_read_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(55),
        }
    }
}

/// The router's HTTPS listener and the TLS configuration it serves with (a certificate
/// resolver by SNI; ALPN `h2` and `http/1.1`).
pub struct TlsListener {
    pub listener: std::net::TcpListener,
    pub config: Arc<rustls::ServerConfig>,
}

/// Serves the router on `listener` until `stop` turns true, then lets open requests finish
/// (up to `shutdown_grace`).
pub async fn serve(
    listener: std::net::TcpListener,
    config: RouterConfig,
    routes: Arc<dyn Routes>,
    logs: LogHub,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    serve_all(listener, None, config, routes, logs, stop).await
}

/// `serve`, and HTTPS on `tls` too when there is one. Like nginx's workers, the router runs one
/// event loop per core, each on a thread of its own taking connections from both listeners:
/// a request, its dyno connection and its response then stay on one thread, with no hand-over
/// between threads (a quarter of the router's CPU per request went to those). The threads share
/// the routes, the round-robin and the stop; each keeps its own dyno connections.
pub async fn serve_all(
    listener: std::net::TcpListener,
    tls: Option<TlsListener>,
    config: RouterConfig,
    routes: Arc<dyn Routes>,
    logs: LogHub,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let turns = Arc::new(proxy::Turns::default());
    let mut ends = Vec::with_capacity(threads);
    for i in 0..threads {
        let listener = listener.try_clone().context("cannot serve the router")?;
        let tls = match &tls {
            Some(t) => Some(TlsListener {
                listener: t
                    .listener
                    .try_clone()
                    .context("cannot serve the router over TLS")?,
                config: t.config.clone(),
            }),
            None => None,
        };
        let shared =
            proxy::Shared::new(config.clone(), routes.clone(), logs.clone(), turns.clone());
        let stop = stop.clone();
        let (done, end) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name(format!("router-{i}"))
            .spawn(move || {
                let served = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .context("cannot start the router's event loop")
                    .and_then(|rt| rt.block_on(serve_loop(listener, tls, Arc::new(shared), stop)));
                let _ = done.send(served);
            })
            .context("cannot start the router's threads")?;
        ends.push(end);
    }
    // Only the threads' copies listen now: once they stop, new connections are refused
    // rather than left waiting in the backlog.
    drop((listener, tls));
    for end in ends {
        end.await.context("a router thread died")??;
    }
    Ok(())
}

/// One of the router's event loops (see `serve_all`).
async fn serve_loop(
    listener: std::net::TcpListener,
    tls: Option<TlsListener>,
    shared: Arc<proxy::Shared>,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let config = &shared.config;
    listener.set_nonblocking(true)?;
    let listener =
        tokio::net::TcpListener::from_std(listener).context("cannot serve the router")?;
    let grace = config.shutdown_grace;
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .keep_alive(true);
    // Every connection task holds a clone; `recv` returns `None` once all have finished.
    let (open_tx, mut open_rx) = mpsc::channel::<()>(1);
    let tls_task = match tls {
        Some(tls) => {
            tls.listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(tls.listener)
                .context("cannot serve the router over TLS")?;
            Some(tokio::spawn(https::accept_loop(
                listener,
                tls.config,
                builder.clone(),
                shared.clone(),
                stop.clone(),
                open_tx.clone(),
            )))
        }
        None => None,
    };
    while let Some((stream, peer)) = accept(&listener, &mut stop, "a connection").await {
        let port = stream.local_addr().map_or(0, |a| a.port());
        let client = Arc::new(proxy::Client::new(peer, port, false));
        let shared = shared.clone();
        let service = hyper::service::service_fn(move |req| {
            proxy::handle(shared.clone(), client.clone(), req)
        });
        let conn = builder
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades();
        let mut stop = stop.clone();
        let open = open_tx.clone();
        tokio::spawn(async move {
            let _open = open;
            serve_until_stopped!(conn, stop);
        });
    }
    drop(listener);
    if let Some(task) = tls_task {
        let _ = task.await;
    }
    drop(open_tx);
    let _ = tokio::time::timeout(grace, open_rx.recv()).await;
    Ok(())
}

/// The next connection on `listener` (`what` names it in warnings), with Nagle off; `None`
/// once `stop` turns true.
async fn accept(
    listener: &tokio::net::TcpListener,
    stop: &mut watch::Receiver<bool>,
    what: &str,
) -> Option<(tokio::net::TcpStream, SocketAddr)> {
    loop {
        tokio::select! {
            _ = stopped(stop) => return None,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    return Some((stream, peer));
                }
                Err(e) => {
                    // Out of file descriptors and the like: pause rather than spin.
                    tracing::warn!("router: cannot accept {what}: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
    }
}

/// Serves a hyper connection until it ends or `stop` turns true; then lets its requests in
/// flight finish. A macro because HTTP/1 and HTTP/2 connections share no trait for it.
macro_rules! serve_until_stopped {
    ($conn:expr, $stop:ident) => {{
        let mut conn = std::pin::pin!($conn);
        tokio::select! {
            _ = conn.as_mut() => return,
            _ = stopped(&mut $stop) => {}
        }
        conn.as_mut().graceful_shutdown();
        let _ = conn.await;
    }};
}
use serve_until_stopped;

/// Resolves once `stop` turns true (or nobody can turn it any more).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}
