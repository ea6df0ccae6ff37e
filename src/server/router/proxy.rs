//! One request through the router: Host → app → route → a dyno, with retries on refused
//! connections, the first-byte timeout, and upgrades tunnelled both ways.

use std::borrow::Cow;
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hyper::body::Incoming;
use hyper::header::{HOST, HeaderValue};
use hyper::upgrade::OnUpgrade;
use hyper::{Request, Response, StatusCode, Uri, Version};
use hyper_util::rt::TokioIo;
use uuid::Uuid;

use super::body::{Proxied, RouterBody, Upload};
use super::line::{AtDyno, Code, Entry, Page};
use super::pool::{self, ConnectError, Pool, Sender};
use super::{Backend, Route, RouterConfig, Routes, app_from_host, bare_host, headers};
use crate::server::logs::LogHub;

/// What every request handler shares.
pub(super) struct Shared {
    pub config: RouterConfig,
    pub routes: Arc<dyn Routes>,
    pub logs: LogHub,
    pub pool: Arc<Pool>,
    /// Per app, the next turn of its round-robin; one for all of the router's threads, so
    /// that requests spread evenly whichever thread took them.
    turns: Arc<Turns>,
}

/// Per app, the next turn of its round-robin.
pub(super) type Turns = Mutex<HashMap<Uuid, usize>>;

impl Shared {
    pub fn new(
        config: RouterConfig,
        routes: Arc<dyn Routes>,
        logs: LogHub,
        turns: Arc<Turns>,
    ) -> Shared {
        Shared {
            config,
            routes,
            logs,
            pool: Arc::default(),
            turns,
        }
    }

    fn next_turn(&self, app: Uuid, n: usize) -> usize {
        let mut turns = crate::sync::lock(&self.turns);
        let turn = turns.entry(app).or_insert(0);
        let this = *turn;
        *turn = turn.wrapping_add(1);
        this % n
    }
}

/// The client end of one connection to the router.
pub(super) struct Client {
    ip: HeaderValue,
    port: HeaderValue,
    /// `http`, or `https` when the connection came over TLS.
    proto: HeaderValue,
}

impl Client {
    pub fn new(peer: SocketAddr, port: u16, https: bool) -> Client {
        let ip = peer.ip().to_canonical().to_string();
        Client {
            ip: HeaderValue::from_str(&ip).unwrap_or(HeaderValue::from_static("")),
            port: HeaderValue::from(port),
            proto: HeaderValue::from_static(if https { "https" } else { "http" }),
        }
    }
}

pub(super) async fn handle(
    shared: Arc<Shared>,
    client: Arc<Client>,
    mut req: Request<Incoming>,
) -> Result<Response<RouterBody>, Infallible> {
    let start_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));

    if let Some(answer) = acme_challenge(&shared, &req) {
        return Ok(answer);
    }

    // An absolute-form target names the host; otherwise the one Host header does.
    let host = match req.uri().authority() {
        Some(authority) => HeaderValue::from_str(authority.as_str()).ok(),
        None => {
            let mut hosts = req.headers().get_all(HOST).iter();
            match (hosts.next(), hosts.next()) {
                (Some(host), None) => Some(host.clone()),
                (Some(_), Some(_)) => return Ok(Page::BadRequest.response()),
                (None, _) => None,
            }
        }
    };
    let Some(host) = host.as_ref() else {
        return Ok(Page::NoSuchApp.response());
    };
    let text = host.to_str().unwrap_or("");
    let route = match app_from_host(text, &shared.config.domain) {
        Some(app) => {
            let app: Cow<'_, str> = if app.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(app.to_ascii_lowercase())
            } else {
                Cow::Borrowed(app)
            };
            shared.routes.route(&app)
        }
        None => bare_host(text)
            .and_then(|h| shared.routes.route_host(&h))
            .unwrap_or(Route::NoSuchApp),
    };
    let app_id = match &route {
        Route::NoSuchApp => return Ok(Page::NoSuchApp.response()),
        Route::Maintenance { app_id }
        | Route::NoWebDynos { app_id }
        | Route::Crashed { app_id }
        | Route::Up { app_id, .. } => *app_id,
    };

    let forwarded = headers::forward_request(
        req.headers_mut(),
        &client.ip,
        &client.port,
        &client.proto,
        start_ms,
    );
    let entry = Entry {
        shared: shared.clone(),
        app_id,
        method: req.method().clone(),
        path: req.uri().path_and_query().cloned(),
        host: host.clone(),
        request_id: forwarded.request_id,
        fwd: forwarded.fwd,
    };
    if let Some(page) = oversized(&req) {
        return Ok(refuse(&entry, Code::H25, page));
    }
    let response = match route {
        Route::Maintenance { .. } => refuse(&entry, Code::H80, Page::Maintenance),
        Route::Crashed { .. } => refuse(&entry, Code::H10, Page::AppError),
        Route::Up { backends, .. } if !backends.is_empty() => {
            forward(shared, entry, backends, req, forwarded.upgrade).await
        }
        _ => refuse(&entry, Code::H14, Page::AppError),
    };
    Ok(response)
}

/// The answer to an ACME HTTP-01 challenge the platform is waiting on, for any host; other
/// paths under `/.well-known/acme-challenge/` go to the app as usual.
fn acme_challenge(shared: &Shared, req: &Request<Incoming>) -> Option<Response<RouterBody>> {
    const PREFIX: &str = "/.well-known/acme-challenge/";
    let token = req.uri().path().strip_prefix(PREFIX)?;
    let plausible = !token.is_empty()
        && token.len() <= 256
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !plausible || !matches!(*req.method(), hyper::Method::GET | hyper::Method::HEAD) {
        return None;
    }
    let answer = shared.routes.acme_challenge(token)?;
    let mut response = Response::new(RouterBody::page(bytes::Bytes::from(answer)));
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    Some(response)
}

/// The longest request line and header field the router passes on, as Heroku's router.
pub(super) const MAX_LINE: usize = 8192;

/// A request whose request line or one of whose header fields is longer than Heroku's router
/// reads: the page that refuses it.
fn oversized<B>(req: &Request<B>) -> Option<Page> {
    // `GET /path?query HTTP/1.1`: the method, the target as sent, and the version.
    let target = match req.uri().path_and_query() {
        Some(p) if req.uri().authority().is_none() => p.as_str().len(),
        _ => req.uri().to_string().len(),
    };
    if req.method().as_str().len() + 1 + target + 9 > MAX_LINE {
        return Some(Page::UriTooLong);
    }
    req.headers()
        .iter()
        .any(|(name, value)| name.as_str().len() + 2 + value.len() > MAX_LINE)
        .then_some(Page::HeaderTooLarge)
}

/// A request the router answers itself, before any dyno is involved.
fn refuse(entry: &Entry, code: Code, page: Page) -> Response<RouterBody> {
    let response = page.response();
    entry.log(Some(code), None, response.status().as_u16(), None);
    response
}

/// A request that reached a dyno (or tried to) and failed there.
fn failed(
    entry: &Entry,
    code: Code,
    backend: &Backend,
    connect: Duration,
    service: Option<Duration>,
) -> Response<RouterBody> {
    let response = Page::AppError.response();
    let dyno = AtDyno {
        dyno: &backend.dyno,
        connect,
        service,
    };
    let bytes = service.map(|_| 0);
    entry.log(Some(code), Some(dyno), response.status().as_u16(), bytes);
    response
}

enum Attempt {
    Response {
        response: Response<Incoming>,
        sender: Sender,
        connect: Duration,
        sent: Instant,
    },
    /// Nothing reached the dyno; the request comes back for the next one.
    Unreachable {
        req: Request<Upload>,
        timed_out: bool,
        connect: Duration,
    },
    /// The request went out and no usable response came back.
    Failed {
        code: Code,
        connect: Duration,
        sent: Instant,
    },
}

async fn forward(
    shared: Arc<Shared>,
    entry: Entry,
    backends: Arc<[Backend]>,
    req: Request<Incoming>,
    upgrade: bool,
) -> Response<RouterBody> {
    let (parts, body) = req.into_parts();
    let upload = Upload::new(body, shared.config.idle_timeout);
    let client_idled = upload.idled.clone();
    let mut req = Request::from_parts(parts, upload);
    // Dynos get origin-form targets over HTTP/1.1, whatever the client spoke. HTTP/2 carries
    // the host in `:authority` only; HTTP/1.1 needs it in `Host`.
    if !req.headers().contains_key(HOST)
        && let Some(authority) = req.uri().authority()
        && let Ok(value) = HeaderValue::from_str(authority.as_str())
    {
        req.headers_mut().insert(HOST, value);
    }
    if req.version() == Version::HTTP_2 {
        join_cookies(req.headers_mut());
    }
    if req.uri().scheme().is_some() || req.uri().authority().is_some() {
        let target = req
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .parse::<Uri>()
            .unwrap_or_else(|_| Uri::from_static("/"));
        *req.uri_mut() = target;
    }
    *req.version_mut() = Version::HTTP_11;
    let client_upgrade = upgrade.then(|| hyper::upgrade::on(&mut req));

    let n = backends.len();
    let first = shared.next_turn(entry.app_id, n);
    let mut timed_out = false;
    let mut last = (first, Duration::ZERO);
    for i in 0..n {
        let index = (first + i) % n;
        let backend = &backends[index];
        match attempt(&shared, backend.addr, req).await {
            Attempt::Unreachable {
                req: back,
                timed_out: t,
                connect,
            } => {
                req = back;
                timed_out |= t;
                last = (index, connect);
            }
            Attempt::Failed { .. } if client_idled.load(Ordering::Relaxed) => {
                // The client stopped sending its body (H28): logged with the status Heroku
                // gives it; the client, silent, is sent a timeout.
                let response = Page::ClientTimeout.response();
                entry.log(Some(Code::H28), None, 499, None);
                return response;
            }
            Attempt::Failed {
                code,
                connect,
                sent,
            } => return failed(&entry, code, backend, connect, Some(sent.elapsed())),
            Attempt::Response {
                response,
                sender,
                connect,
                sent,
            } => {
                return respond(
                    entry,
                    &backends,
                    index,
                    response,
                    sender,
                    connect,
                    sent,
                    client_upgrade,
                );
            }
        }
    }
    let code = if timed_out { Code::H19 } else { Code::H21 };
    failed(&entry, code, &backends[last.0], last.1, None)
}

/// Sends the request to one dyno: over an idle pooled connection if there is one, else over a
/// new connection.
async fn attempt(shared: &Shared, addr: SocketAddr, mut req: Request<Upload>) -> Attempt {
    let timeout = shared.config.request_timeout;
    while let Some(mut sender) = shared.pool.take(addr) {
        let sent = Instant::now();
        match tokio::time::timeout(timeout, sender.try_send_request(req)).await {
            Ok(Ok(response)) => {
                return Attempt::Response {
                    response,
                    sender,
                    connect: Duration::ZERO,
                    sent,
                };
            }
            Ok(Err(mut e)) => match e.take_message() {
                // The connection closed while idle: nothing was sent, try another one.
                Some(back) => req = back,
                None => {
                    return Attempt::Failed {
                        code: classify(e.error()),
                        connect: Duration::ZERO,
                        sent,
                    };
                }
            },
            Err(_) => {
                return Attempt::Failed {
                    code: Code::H12,
                    connect: Duration::ZERO,
                    sent,
                };
            }
        }
    }

    let started = Instant::now();
    let mut sender = match pool::connect(addr, shared.config.connect_timeout).await {
        Ok(sender) => sender,
        Err(e) => {
            return Attempt::Unreachable {
                req,
                timed_out: matches!(e, ConnectError::Timeout),
                connect: started.elapsed(),
            };
        }
    };
    let connect = started.elapsed();
    let sent = Instant::now();
    match tokio::time::timeout(timeout, sender.try_send_request(req)).await {
        Ok(Ok(response)) => Attempt::Response {
            response,
            sender,
            connect,
            sent,
        },
        Ok(Err(e)) => Attempt::Failed {
            code: classify(e.error()),
            connect,
            sent,
        },
        Err(_) => Attempt::Failed {
            code: Code::H12,
            connect,
            sent,
        },
    }
}

/// HTTP/2 may split `Cookie` into several fields; HTTP/1.1 wants one, joined by `; `
/// (RFC 9113 section 8.2.3).
fn join_cookies(headers: &mut hyper::HeaderMap) {
    use hyper::header::COOKIE;
    let mut cookies = headers.get_all(COOKIE).iter();
    if cookies.next().is_none() || cookies.next().is_none() {
        return;
    }
    let joined: Vec<&[u8]> = headers
        .get_all(COOKIE)
        .iter()
        .map(|v| v.as_bytes())
        .collect();
    if let Ok(value) = HeaderValue::from_bytes(&joined.join(&b"; "[..])) {
        headers.insert(COOKIE, value);
    }
}

fn classify(e: &hyper::Error) -> Code {
    if e.is_parse() || e.is_parse_status() || e.is_parse_too_large() {
        Code::H17
    } else {
        Code::H13
    }
}

#[allow(clippy::too_many_arguments)]
fn respond(
    entry: Entry,
    backends: &Arc<[Backend]>,
    index: usize,
    mut response: Response<Incoming>,
    sender: Sender,
    connect: Duration,
    sent: Instant,
    client_upgrade: Option<OnUpgrade>,
) -> Response<RouterBody> {
    let backend = &backends[index];
    let status = response.status();
    if status == StatusCode::SWITCHING_PROTOCOLS {
        let Some(client_upgrade) = client_upgrade else {
            // A switch nobody asked for.
            return failed(&entry, Code::H17, backend, connect, Some(sent.elapsed()));
        };
        let backend_upgrade = hyper::upgrade::on(&mut response);
        headers::forward_response(response.headers_mut(), true);
        let dyno = AtDyno {
            dyno: &backend.dyno,
            connect,
            service: Some(sent.elapsed()),
        };
        entry.log(None, Some(dyno), status.as_u16(), Some(0));
        let idle = entry.shared.config.idle_timeout;
        let dyno = backend.dyno.clone();
        tokio::spawn(async move {
            let opened = Instant::now();
            if tunnel(client_upgrade, backend_upgrade, idle).await == Closed::Idle {
                // As Heroku's router: a tunnel closed for silence is an H15 in the app's log.
                let at = AtDyno {
                    dyno: &dyno,
                    connect,
                    service: Some(opened.elapsed()),
                };
                entry.log(Some(Code::H15), Some(at), 503, None);
            }
        });
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, RouterBody::empty());
    }
    headers::forward_response(response.headers_mut(), false);
    let entry_idle = entry.shared.config.idle_timeout;
    let (parts, inner) = response.into_parts();
    let body = Proxied {
        inner,
        entry,
        backends: backends.clone(),
        index,
        connect,
        sent,
        status: status.as_u16(),
        bytes: 0,
        conn: Some((backend.addr, sender)),
        logged: false,
        idle: entry_idle,
        idle_timer: None,
    };
    Response::from_parts(parts, RouterBody::Proxied(Box::new(body)))
}

/// Copies bytes both ways between an upgraded client connection (a WebSocket) and its dyno
/// connection, until both ends have closed or nothing has crossed either way for the idle
/// window (Heroku's 55 s), when both are closed.
async fn tunnel(client: OnUpgrade, backend: OnUpgrade, idle: Duration) -> Closed {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (Ok(client), Ok(backend)) = tokio::join!(client, backend) else {
        return Closed::Ended;
    };
    let (mut client_rx, mut client_tx) = tokio::io::split(TokioIo::new(client));
    let (mut backend_rx, mut backend_tx) = tokio::io::split(TokioIo::new(backend));
    let mut up = vec![0u8; 16 * 1024];
    let mut down = vec![0u8; 16 * 1024];
    let (mut client_open, mut backend_open) = (true, true);
    while client_open || backend_open {
        tokio::select! {
            read = client_rx.read(&mut up), if client_open => match read {
                Ok(n) if n > 0 => {
                    if backend_tx.write_all(&up[..n]).await.is_err() {
                        return Closed::Ended;
                    }
                }
                _ => {
                    client_open = false;
                    let _ = backend_tx.shutdown().await;
                }
            },
            read = backend_rx.read(&mut down), if backend_open => match read {
                Ok(n) if n > 0 => {
                    if client_tx.write_all(&down[..n]).await.is_err() {
                        return Closed::Ended;
                    }
                }
                _ => {
                    backend_open = false;
                    let _ = client_tx.shutdown().await;
                }
            },
            // Every pass through the loop starts the window again: it runs out only when
            // neither side sends anything.
            _ = tokio::time::sleep(idle) => return Closed::Idle,
        }
    }
    Closed::Ended
}

/// Why a tunnel closed.
#[derive(Debug, PartialEq, Eq)]
enum Closed {
    /// An end closed it, or a write failed.
    Ended,
    /// Nothing crossed for the idle window.
    Idle,
}
