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
use super::*;

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
async fn host_picks_the_app_and_unknown_hosts_get_404() {
    let r = router().await;
    let (a, b) = (dyno("a").await, dyno("b").await);
    r.routes
        .set("one", up(Uuid::new_v4(), &[("web.1", a.addr)]));
    r.routes
        .set("two", up(Uuid::new_v4(), &[("web.1", b.addr)]));

    let reply = get(r.addr, "one.localhost", "/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.one("backend"), "a");
    assert_eq!(
        get(r.addr, "two.localhost:7780", "/").await.one("backend"),
        "b"
    );
    assert_eq!(get(r.addr, "TWO.LocalHost", "/").await.one("backend"), "b");

    for host in [
        "nope.localhost",
        "localhost",
        "one.example.com",
        "a.one.localhost",
        "::::",
    ] {
        let reply = get(r.addr, host, "/").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{host}");
        assert!(reply.body.contains("No such app"), "{}", reply.body);
        assert_eq!(reply.headers["content-type"], "text/html; charset=utf-8");
    }

    // No Host at all, two Host headers, and bytes that are not HTTP.
    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    assert!(
        out.starts_with("HTTP/1.0 404") || out.starts_with("HTTP/1.1 404"),
        "{out}"
    );

    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: one.localhost\r\nHost: two.localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    assert!(out.starts_with("HTTP/1.1 400"), "{out}");

    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"\x00\xff garbage \r\n\r\n").await.unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;

    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: one.localhost\r\nX-Bad: \x01\x02\r\n\r\n")
        .await
        .unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;

    // Still serving.
    assert_eq!(
        get(r.addr, "one.localhost", "/").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn requests_go_round_robin_over_the_web_dynos() {
    let r = router().await;
    let (a, b) = (dyno("a").await, dyno("b").await);
    r.routes.set(
        "demo",
        up(Uuid::new_v4(), &[("web.1", a.addr), ("web.2", b.addr)]),
    );
    let mut seen = vec![];
    for _ in 0..6 {
        seen.push(
            get(r.addr, "demo.localhost", "/")
                .await
                .one("backend")
                .to_string(),
        );
    }
    assert_eq!(seen, ["a", "b", "a", "b", "a", "b"]);
}

#[tokio::test]
async fn a_refused_connection_is_retried_on_the_next_dyno() {
    let r = router().await;
    let live = dyno("live").await;
    let app = Uuid::new_v4();
    r.routes.set(
        "demo",
        up(app, &[("web.1", closed_port()), ("web.2", live.addr)]),
    );
    for _ in 0..4 {
        let reply = get(r.addr, "demo.localhost", "/").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.one("backend"), "live");
    }
    let lines = router_lines(&r.logs, app, 4).await;
    assert!(lines.iter().all(|l| l.contains("dyno=web.2 ")), "{lines:?}");

    // Every dyno refusing: H21.
    let dead = Uuid::new_v4();
    r.routes.set(
        "dead",
        up(dead, &[("web.1", closed_port()), ("web.2", closed_port())]),
    );
    let reply = get(r.addr, "dead.localhost", "/").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(reply.body.contains("Application error"));
    let line = &router_lines(&r.logs, dead, 1).await[0];
    assert!(
        line.starts_with("at=error code=H21 desc=\"Backend connection refused\" method=GET path=\"/\" host=dead.localhost request_id="),
        "{line}"
    );
    assert!(
        line.contains(" service= status=503 bytes= protocol=http"),
        "{line}"
    );
}

// ---------------------------------------------------------------------------------------------
// Headers

#[tokio::test]
async fn forwarding_headers_are_added_and_hop_by_hop_ones_removed() {
    let r = router().await;
    let d = dyno("a").await;
    r.routes
        .set("demo", up(Uuid::new_v4(), &[("web.1", d.addr)]));
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let reply = get_with(
        r.addr,
        "demo.localhost:1234",
        "/path?q=1",
        &[
            ("x-forwarded-for", "10.0.0.1"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-port", "443"),
            ("via", "1.0 edge"),
            ("connection", "keep-alive, x-hop"),
            ("x-hop", "secret"),
            ("keep-alive", "timeout=5"),
            ("proxy-connection", "keep-alive"),
            ("te", "trailers"),
            ("x-app", "kept"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.one("target"), "/path?q=1");
    assert_eq!(reply.one("host"), "demo.localhost:1234");
    assert_eq!(reply.one("x-forwarded-for"), "10.0.0.1, 127.0.0.1");
    assert_eq!(reply.one("x-forwarded-proto"), "http");
    assert_eq!(reply.one("x-forwarded-port"), r.addr.port().to_string());
    assert_eq!(reply.one("via"), "1.0 edge, 1.1 tug");
    assert_eq!(reply.one("x-app"), "kept");
    let start: u128 = reply.one("x-request-start").parse().unwrap();
    assert!(
        start >= before && start < before + 10_000,
        "{start} {before}"
    );
    let id = reply.one("x-request-id");
    assert!(
        Uuid::parse_str(id).is_ok_and(|u| u.get_version_num() == 4),
        "{id}"
    );
    for gone in [
        "connection",
        "x-hop",
        "keep-alive",
        "proxy-connection",
        "te",
        "upgrade",
    ] {
        assert!(reply.echoed(gone).is_empty(), "{gone} in {}", reply.body);
    }

    // Without a prior X-Forwarded-For or Via.
    let reply = get(r.addr, "demo.localhost", "/").await;
    assert_eq!(reply.one("x-forwarded-for"), "127.0.0.1");
    assert_eq!(reply.one("via"), "1.1 tug");
    assert_ne!(reply.one("x-request-id"), id);

    // Responses lose their hop-by-hop fields too, and say they came through tug.
    let reply = get(r.addr, "demo.localhost", "/hop").await;
    assert_eq!(reply.body, "hop");
    assert_eq!(reply.headers["x-kept"], "yes");
    assert_eq!(reply.headers["via"], "1.1 tug");
    assert!(reply.headers.get("x-secret").is_none());
    assert!(reply.headers.get("keep-alive").is_none());
}

#[tokio::test]
async fn a_valid_client_request_id_is_kept_and_others_replaced() {
    let r = router().await;
    let d = dyno("a").await;
    let app = Uuid::new_v4();
    r.routes.set("demo", up(app, &[("web.1", d.addr)]));
    let valid = "abc/DEF+ghi=jkl-0123456789";
    let reply = get_with(r.addr, "demo.localhost", "/", &[("x-request-id", valid)]).await;
    assert_eq!(reply.one("x-request-id"), valid);
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(line.contains(&format!(" request_id={valid} ")), "{line}");

    let too_long = "a".repeat(201);
    for bad in [
        "short",
        "has spaces in it here ok",
        "under_scores_are_not_allowed",
        &too_long,
    ] {
        let reply = get_with(r.addr, "demo.localhost", "/", &[("x-request-id", bad)]).await;
        let id = reply.one("x-request-id");
        assert!(Uuid::parse_str(id).is_ok(), "{bad} → {id}");
    }
    // Two ids: neither is trusted.
    let reply = get_with(
        r.addr,
        "demo.localhost",
        "/",
        &[("x-request-id", valid), ("x-request-id", valid)],
    )
    .await;
    assert!(Uuid::parse_str(reply.one("x-request-id")).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Bodies and connections

#[tokio::test]
async fn request_bodies_stream_to_the_dyno() {
    const CHUNK: usize = 64 * 1024;
    const CHUNKS: usize = 256;
    let r = router().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (first_tx, first_rx) = oneshot::channel::<()>();
    let first_tx = Arc::new(Mutex::new(Some(first_tx)));
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let first_tx = first_tx.clone();
            async move {
                let mut body = req.into_body();
                let mut total = 0usize;
                while let Some(frame) = body.frame().await {
                    if let Some(data) = frame.unwrap().data_ref() {
                        total += data.len();
                        if let Some(tx) = first_tx.lock().unwrap().take() {
                            let _ = tx.send(());
                        }
                    }
                }
                Ok::<_, Infallible>(Response::new(Full::new(Bytes::from(total.to_string()))))
            }
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .await;
    });
    r.routes.set("demo", up(Uuid::new_v4(), &[("web.1", addr)]));

    let (tx, rx) = mpsc::channel::<Bytes>(4);
    let mut sender = client::<ChannelBody>(r.addr).await;
    let req = Request::builder()
        .method("POST")
        .uri("/upload")
        .header("host", "demo.localhost")
        .body(ChannelBody(rx))
        .unwrap();
    let response = tokio::spawn(sender.send_request(req));
    tx.send(Bytes::from(vec![7u8; CHUNK])).await.unwrap();
    // The dyno sees the first chunk while the rest has not been written yet.
    tokio::time::timeout(Duration::from_secs(5), first_rx)
        .await
        .expect("the first chunk did not reach the dyno on its own")
        .unwrap();
    for _ in 1..CHUNKS {
        tx.send(Bytes::from(vec![7u8; CHUNK])).await.unwrap();
    }
    drop(tx);
    let response = response.await.unwrap().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, (CHUNK * CHUNKS).to_string());
}

#[tokio::test]
async fn response_bodies_stream_to_the_client() {
    const CHUNK: usize = 64 * 1024;
    const CHUNKS: usize = 256;
    let r = router().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (go_tx, go_rx) = oneshot::channel::<()>();
    let go_rx = Arc::new(Mutex::new(Some(go_rx)));
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let service = hyper::service::service_fn(move |_req: Request<Incoming>| {
            let go_rx = go_rx.lock().unwrap().take();
            async move {
                let (tx, rx) = mpsc::channel::<Bytes>(4);
                tokio::spawn(async move {
                    tx.send(Bytes::from(vec![1u8; CHUNK])).await.unwrap();
                    // The rest only once the client has seen the first chunk.
                    if let Some(go) = go_rx {
                        let _ = go.await;
                    }
                    for _ in 1..CHUNKS {
                        if tx.send(Bytes::from(vec![1u8; CHUNK])).await.is_err() {
                            return;
                        }
                    }
                });
                Ok::<_, Infallible>(Response::new(ChannelBody(rx)))
            }
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .await;
    });
    let app = Uuid::new_v4();
    r.routes.set("demo", up(app, &[("web.1", addr)]));

    let mut sender = client::<Full<Bytes>>(r.addr).await;
    let response = sender
        .send_request(request("demo.localhost", "/download", &[]))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    let mut total = 0;
    while total < CHUNK {
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("the first chunk did not reach the client on its own")
            .unwrap()
            .unwrap();
        total += frame.data_ref().map_or(0, |d| d.len());
    }
    go_tx.send(()).unwrap();
    while let Some(frame) = body.frame().await {
        total += frame.unwrap().data_ref().map_or(0, |d| d.len());
    }
    assert_eq!(total, CHUNK * CHUNKS);
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.contains(&format!(
            " status=200 bytes={} protocol=http",
            CHUNK * CHUNKS
        )),
        "{line}"
    );
}

#[tokio::test]
async fn connections_are_kept_alive_on_both_sides() {
    let r = router().await;
    let d = dyno("a").await;
    r.routes
        .set("demo", up(Uuid::new_v4(), &[("web.1", d.addr)]));
    let mut sender = client::<Full<Bytes>>(r.addr).await;
    for i in 0..5 {
        let reply = send(
            &mut sender,
            request("demo.localhost", &format!("/{i}"), &[]),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(
            reply.one("conn"),
            "1",
            "request {i} used a new dyno connection"
        );
    }
    // A second client reuses the same dyno connection once it is idle.
    let reply = get(r.addr, "demo.localhost", "/").await;
    assert_eq!(reply.one("conn"), "1");
    assert_eq!(d.conns.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn upgrades_are_tunnelled_both_ways() {
    let r = router().await;
    let d = dyno("a").await;
    let app = Uuid::new_v4();
    r.routes.set("demo", up(app, &[("web.1", d.addr)]));
    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(
        b"GET /upgrade HTTP/1.1\r\nHost: demo.localhost\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n",
    )
    .await
    .unwrap();
    let head = String::from_utf8(read_head(&mut s).await).unwrap();
    assert!(head.starts_with("HTTP/1.1 101 "), "{head}");
    let lower = head.to_ascii_lowercase();
    assert!(lower.contains("\r\nupgrade: echo\r\n"), "{head}");
    assert!(lower.contains("\r\nconnection: upgrade\r\n"), "{head}");
    for msg in [&b"ping"[..], b"hello through the router"] {
        s.write_all(msg).await.unwrap();
        let mut back = vec![0u8; msg.len()];
        tokio::time::timeout(Duration::from_secs(5), s.read_exact(&mut back))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(back, msg);
    }
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.starts_with("at=info method=GET path=\"/upgrade\""),
        "{line}"
    );
    assert!(
        line.contains(" dyno=web.1 ") && line.contains(" status=101 "),
        "{line}"
    );
}

// ---------------------------------------------------------------------------------------------
// Errors

#[tokio::test]
async fn apps_without_a_running_dyno_get_heroku_errors() {
    let r = router().await;
    let (idle, crashed, maint, empty) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    r.routes.set("idle", Route::NoWebDynos { app_id: idle });
    r.routes.set("crashed", Route::Crashed { app_id: crashed });
    r.routes.set("maint", Route::Maintenance { app_id: maint });
    r.routes.set("empty", up(empty, &[]));
    for (app, id, page, code) in [
        (
            "idle",
            idle,
            "Application error",
            "at=error code=H14 desc=\"No web processes running\"",
        ),
        (
            "crashed",
            crashed,
            "Application error",
            "at=error code=H10 desc=\"App crashed\"",
        ),
        (
            "maint",
            maint,
            "Offline for maintenance",
            "at=info code=H80 desc=\"Maintenance mode\"",
        ),
        (
            "empty",
            empty,
            "Application error",
            "at=error code=H14 desc=\"No web processes running\"",
        ),
    ] {
        let reply = get_with(
            r.addr,
            &format!("{app}.localhost"),
            "/x?y=%22z%22",
            &[("x-forwarded-for", "1.2.3.4")],
        )
        .await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{app}");
        assert!(reply.body.contains(page), "{app}: {}", reply.body);
        let line = &router_lines(&r.logs, id, 1).await[0];
        let expected =
            format!("{code} method=GET path=\"/x?y=%22z%22\" host={app}.localhost request_id=");
        assert!(line.starts_with(&expected), "{line}\n{expected}");
        assert!(
            line.ends_with(
                " fwd=\"1.2.3.4, 127.0.0.1\" dyno= connect= service= status=503 bytes= protocol=http"
            ),
            "{line}"
        );
    }
}

#[tokio::test]
async fn a_slow_dyno_gets_h12() {
    let mut config = RouterConfig::new("localhost");
    config.request_timeout = Duration::from_millis(200);
    let r = router_with(config).await;
    let d = dyno("a").await;
    let app = Uuid::new_v4();
    r.routes.set("demo", up(app, &[("web.1", d.addr)]));
    let started = std::time::Instant::now();
    let reply = get(r.addr, "demo.localhost", "/slow").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert!(reply.body.contains("Application error"));
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.starts_with("at=error code=H12 desc=\"Request timeout\" method=GET path=\"/slow\""),
        "{line}"
    );
    assert!(line.contains(" dyno=web.1 connect="), "{line}");
    assert!(
        line.ends_with(" status=503 bytes=0 protocol=http"),
        "{line}"
    );
    // The router still serves that dyno afterwards.
    assert_eq!(
        get(r.addr, "demo.localhost", "/").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_dyno_that_closes_without_answering_gets_h13() {
    let r = router().await;
    let addr = raw_dyno(b"").await;
    let app = Uuid::new_v4();
    r.routes.set("demo", up(app, &[("web.1", addr)]));
    let reply = get(r.addr, "demo.localhost", "/").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.starts_with("at=error code=H13 desc=\"Connection closed without response\""),
        "{line}"
    );
    assert!(line.contains(" dyno=web.1 "), "{line}");
}

#[tokio::test]
async fn a_dyno_that_sends_garbage_gets_a_503() {
    let r = router().await;
    let app = Uuid::new_v4();
    let garbage = raw_dyno(b"this is not HTTP at all\r\n\r\n").await;
    let status_only = raw_dyno(b"HTTP/1.1 999999 Weird\r\n\r\n").await;
    let bad_header = raw_dyno(b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n").await;
    for addr in [garbage, status_only, bad_header] {
        r.routes.set("demo", up(app, &[("web.1", addr)]));
        let reply = get(r.addr, "demo.localhost", "/").await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    }
    let lines = router_lines(&r.logs, app, 3).await;
    assert!(lines.iter().all(|l| l.contains("code=H17")), "{lines:?}");
}

#[tokio::test]
async fn a_client_that_leaves_mid_body_is_logged_as_h27() {
    let r = router().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let service = hyper::service::service_fn(|_req: Request<Incoming>| async {
            let (tx, rx) = mpsc::channel::<Bytes>(1);
            tokio::spawn(async move {
                let _ = tx.send(Bytes::from_static(b"first")).await;
                // Never finishes on its own.
                tokio::time::sleep(Duration::from_secs(30)).await;
            });
            Ok::<_, Infallible>(Response::new(ChannelBody(rx)))
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .await;
    });
    let app = Uuid::new_v4();
    r.routes.set("demo", up(app, &[("web.1", addr)]));
    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: demo.localhost\r\n\r\n")
        .await
        .unwrap();
    let _ = read_head(&mut s).await;
    drop(s);
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.starts_with("sock=client at=warning code=H27 desc=\"Client Request Interrupted\""),
        "{line}"
    );
    assert!(line.contains(" status=499 "), "{line}");
}

#[tokio::test]
async fn each_request_leaves_a_router_line() {
    let r = router().await;
    let d = dyno("a").await;
    let app = Uuid::new_v4();
    r.routes.set("demo", up(app, &[("web.1", d.addr)]));
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
