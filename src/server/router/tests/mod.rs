//! The router against real sockets: small hyper dynos on 127.0.0.1, a routes table, and
//! clients that speak HTTP/1.1 (or raw bytes) to the router.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::HeaderMap;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch};
use uuid::Uuid;

use super::headers::is_valid_request_id;
use super::proxy::MAX_LINE;
use super::*;

mod heroku_errors;
mod limits;
mod routing;
mod streaming;

// ---------------------------------------------------------------------------------------------
// Harness

#[derive(Default)]
struct TestRoutes(Mutex<HashMap<String, Route>>);

impl TestRoutes {
    fn set(&self, app: &str, route: Route) {
        self.0.lock().unwrap().insert(app.to_string(), route);
    }
}

impl Routes for TestRoutes {
    fn route(&self, app: &str) -> Route {
        self.0
            .lock()
            .unwrap()
            .get(app)
            .cloned()
            .unwrap_or(Route::NoSuchApp)
    }
}

struct Router {
    addr: SocketAddr,
    routes: Arc<TestRoutes>,
    logs: LogHub,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Router {
    /// Routes `demo.localhost` to one up web dyno at `addr`; answers the app's id.
    fn serve_demo(&self, addr: SocketAddr) -> Uuid {
        let app = Uuid::new_v4();
        self.routes.set("demo", up(app, &[("web.1", addr)]));
        app
    }
}

async fn router() -> Router {
    router_with(RouterConfig::new("localhost")).await
}

async fn router_with(config: RouterConfig) -> Router {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let routes = Arc::new(TestRoutes::default());
    let logs = LogHub::default();
    let (stop, stop_rx) = watch::channel(false);
    let task = tokio::spawn(serve(
        listener,
        config,
        routes.clone(),
        logs.clone(),
        stop_rx,
    ));
    Router {
        addr,
        routes,
        logs,
        stop,
        task,
    }
}

fn up(app_id: Uuid, backends: &[(&str, SocketAddr)]) -> Route {
    Route::Up {
        app_id,
        backends: backends
            .iter()
            .map(|(dyno, addr)| Backend::new(*dyno, *addr))
            .collect(),
    }
}

/// The router lines of an app's log, waiting up to two seconds for `n` of them.
async fn router_lines(logs: &LogHub, app: Uuid, n: usize) -> Vec<String> {
    for _ in 0..200 {
        let lines: Vec<String> = logs
            .history(app, 1000)
            .iter()
            .filter(|l| l.source == "heroku" && l.dyno == "router")
            .map(|l| l.message.clone())
            .collect();
        if lines.len() >= n {
            return lines;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("fewer than {n} router lines: {:?}", logs.history(app, 1000));
}

/// A port where nothing listens.
fn closed_port() -> SocketAddr {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Dynos

/// A dyno that answers every request with what it saw, one `name: value` line per header.
struct Dyno {
    addr: SocketAddr,
    conns: Arc<AtomicUsize>,
}

async fn dyno(name: &'static str) -> Dyno {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let conns = Arc::new(AtomicUsize::new(0));
    let counter = conns.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let conn = counter.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| echo(name, conn, req));
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .with_upgrades()
                    .await;
            });
        }
    });
    Dyno { addr, conns }
}

async fn echo(
    name: &str,
    conn: usize,
    mut req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    match req.uri().path() {
        "/slow" => tokio::time::sleep(Duration::from_secs(2)).await,
        "/upgrade" => {
            let upgrade = hyper::upgrade::on(&mut req);
            tokio::spawn(async move {
                if let Ok(upgraded) = upgrade.await {
                    let (mut r, mut w) = tokio::io::split(TokioIo::new(upgraded));
                    let _ = tokio::io::copy(&mut r, &mut w).await;
                }
            });
            return Ok(Response::builder()
                .status(StatusCode::SWITCHING_PROTOCOLS)
                .header("connection", "upgrade")
                .header("upgrade", "echo")
                .body(Full::new(Bytes::new()))
                .unwrap());
        }
        "/hop" => {
            return Ok(Response::builder()
                .header("connection", "x-secret")
                .header("x-secret", "1")
                .header("keep-alive", "timeout=5")
                .header("x-kept", "yes")
                .body(Full::new(Bytes::from_static(b"hop")))
                .unwrap());
        }
        _ => {}
    }
    let mut text = format!(
        "backend: {name}\nconn: {conn}\nmethod: {}\ntarget: {}\n",
        req.method(),
        req.uri()
    );
    for (k, v) in req.headers() {
        text.push_str(&format!("{k}: {}\n", v.to_str().unwrap_or("?")));
    }
    let body = req.into_body().collect().await.unwrap().to_bytes();
    text.push_str(&format!("body-bytes: {}\n", body.len()));
    Ok(Response::new(Full::new(Bytes::from(text))))
}

/// A TCP server that reads a request head and then does `then` with the socket.
async fn raw_dyno(then: &'static [u8]) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let _ = read_head(&mut stream).await;
                let _ = stream.write_all(then).await;
            });
        }
    });
    addr
}

/// A dyno that takes one connection, reads its request head and hands the socket to `script`.
async fn scripted_dyno<F, Fut>(script: F) -> SocketAddr
where
    F: FnOnce(TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        read_head(&mut stream).await;
        script(stream).await;
    });
    addr
}

/// A dyno that takes one connection and answers each request with the body `body` makes.
async fn streaming_dyno<F>(body: F) -> SocketAddr
where
    F: Fn() -> ChannelBody + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let service = hyper::service::service_fn(move |_req: Request<Incoming>| {
            let body = body();
            async move { Ok::<_, Infallible>(Response::new(body)) }
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .await;
    });
    addr
}

/// Opens a raw connection to `demo.localhost` through the router and upgrades it to the
/// echo protocol; answers the socket and the response head.
async fn upgraded(router: SocketAddr) -> (TcpStream, String) {
    let mut s = TcpStream::connect(router).await.unwrap();
    s.write_all(
        b"GET /upgrade HTTP/1.1\r\nHost: demo.localhost\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n",
    )
    .await
    .unwrap();
    let head = String::from_utf8(read_head(&mut s).await).unwrap();
    assert!(head.starts_with("HTTP/1.1 101 "), "{head}");
    (s, head)
}

async fn read_head(stream: &mut TcpStream) -> Vec<u8> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    head
}

// ---------------------------------------------------------------------------------------------
// Clients

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    /// The values an echo dyno reports for a header (or `backend`, `conn`, `target`…).
    fn echoed(&self, name: &str) -> Vec<&str> {
        self.body
            .lines()
            .filter_map(|l| l.split_once(": "))
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| v)
            .collect()
    }

    fn one(&self, name: &str) -> &str {
        let v = self.echoed(name);
        assert_eq!(v.len(), 1, "{name} in {}", self.body);
        v[0]
    }
}

async fn client<B>(addr: SocketAddr) -> hyper::client::conn::http1::SendRequest<B>
where
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let stream = TcpStream::connect(addr).await.unwrap();
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(async move {
        let _ = conn.with_upgrades().await;
    });
    sender
}

async fn send(
    sender: &mut hyper::client::conn::http1::SendRequest<Full<Bytes>>,
    req: Request<Full<Bytes>>,
) -> Reply {
    sender.ready().await.unwrap();
    let response = sender.send_request(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn request(host: &str, path: &str, headers: &[(&str, &str)]) -> Request<Full<Bytes>> {
    let mut req = Request::builder().uri(path).header("host", host);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.body(Full::new(Bytes::new())).unwrap()
}

async fn get_with(router: SocketAddr, host: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut sender = client(router).await;
    send(&mut sender, request(host, path, headers)).await
}

/// Sends a GET for `path` on `demo.localhost` and answers once the head has come, the body
/// still streaming (with the connection's sender, which must live as long as the body).
async fn get_streamed(
    router: SocketAddr,
    path: &str,
) -> (
    hyper::client::conn::http1::SendRequest<Full<Bytes>>,
    Response<Incoming>,
) {
    let mut sender = client::<Full<Bytes>>(router).await;
    let response = sender
        .send_request(request("demo.localhost", path, &[]))
        .await
        .unwrap();
    (sender, response)
}

/// Starts a POST of `/upload` on `demo.localhost` whose body is what is sent on the answered
/// channel (with `content-length` when given) and answers the response to come.
async fn post_streamed(
    router: SocketAddr,
    content_length: Option<&str>,
) -> (
    mpsc::Sender<Bytes>,
    tokio::task::JoinHandle<hyper::Result<Response<Incoming>>>,
) {
    let (tx, rx) = mpsc::channel::<Bytes>(4);
    let mut sender = client::<ChannelBody>(router).await;
    let mut req = Request::builder()
        .method("POST")
        .uri("/upload")
        .header("host", "demo.localhost");
    if let Some(length) = content_length {
        req = req.header("content-length", length);
    }
    let req = req.body(ChannelBody(rx)).unwrap();
    (tx, tokio::spawn(sender.send_request(req)))
}

async fn get(router: SocketAddr, host: &str, path: &str) -> Reply {
    get_with(router, host, path, &[]).await
}

/// A request body fed from a channel, one frame per message.
struct ChannelBody(mpsc::Receiver<Bytes>);

impl Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|m| m.map(|b| Ok(Frame::data(b))))
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[test]
fn host_to_app() {
    let d = "localhost";
    assert_eq!(app_from_host("demo.localhost:7780", d), Some("demo"));
    assert_eq!(app_from_host("demo.localhost", d), Some("demo"));
    assert_eq!(app_from_host("Demo.LocalHost:80", d), Some("Demo"));
    assert_eq!(app_from_host("demo.localhost.", d), Some("demo"));
    assert_eq!(
        app_from_host("demo.apps.example.com", "apps.example.com"),
        Some("demo")
    );
    for none in [
        "localhost:7780",
        "a.b.localhost",
        "demo.example.com",
        "",
        ".localhost",
        "demolocalhost",
        "demo.localhost:http",
        "de mo.localhost",
        "[::1]:7780",
        "é.localhost",
        "xlocalhost",
        ":",
        "demo.localhost::",
    ] {
        assert_eq!(app_from_host(none, d), None, "{none}");
    }
    assert_eq!(app_from_host("demo.", ""), None);
}

#[test]
fn request_ids() {
    assert!(is_valid_request_id(b"abcdefghij0123456789"));
    assert!(is_valid_request_id(b"0a1B-2c3D+4e5F/6g7H=8i9J"));
    assert!(is_valid_request_id(&[b'a'; 200]));
    assert!(!is_valid_request_id(b"abcdefghij012345678"));
    assert!(!is_valid_request_id(&[b'a'; 201]));
    assert!(!is_valid_request_id(b"abcdefghij0123456789 "));
    assert!(!is_valid_request_id(b"abcdefghij0123456789_"));
    assert!(!is_valid_request_id(b""));
}

// ---------------------------------------------------------------------------------------------
// Routing

#[tokio::test]
async fn each_request_leaves_a_router_line() {
    let r = router().await;
    let d = dyno("a").await;
    let app = r.serve_demo(d.addr);
    let reply = get(r.addr, "demo.localhost:7780", "/hello?x=1").await;
    let id = reply.one("x-request-id").to_string();
    let line = &router_lines(&r.logs, app, 1).await[0];
    let prefix = format!(
        "at=info method=GET path=\"/hello?x=1\" host=demo.localhost request_id={id} fwd=\"127.0.0.1\" dyno=web.1 connect="
    );
    assert!(line.starts_with(&prefix), "{line}\n{prefix}");
    let suffix = format!(" status=200 bytes={} protocol=http", reply.body.len());
    assert!(line.ends_with(&suffix), "{line}\n{suffix}");
    let rest = &line[prefix.len()..line.len() - suffix.len()];
    let (connect, service) = rest.split_once("ms service=").unwrap();
    assert!(connect.parse::<u64>().is_ok(), "{line}");
    assert!(
        service.strip_suffix("ms").unwrap().parse::<u64>().is_ok(),
        "{line}"
    );
    let history = r.logs.history(app, 10);
    assert_eq!(history[0].source, "heroku");
    assert_eq!(history[0].dyno, "router");
}

#[tokio::test]
async fn stopping_ends_serve() {
    let r = router().await;
    r.stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(5), r.task)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(TcpStream::connect(r.addr).await.is_err());
}

#[tokio::test]
async fn client_headers_cannot_forge_log_fields() {
    let r = router().await;
    let app = Uuid::new_v4();
    r.routes.set("demo", Route::NoWebDynos { app_id: app });
    get_with(
        r.addr,
        "demo.localhost",
        "/",
        &[("x-forwarded-for", "1.1.1.1\" status=200 x=\"\\")],
    )
    .await;
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.contains(" fwd=\"1.1.1.1\\\" status=200 x=\\\"\\\\, 127.0.0.1\" dyno= "),
        "{line}"
    );
}
