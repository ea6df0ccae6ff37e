//! `cargo bench --bench router` prints the router's figures next to hitting the dyno directly,
//! side by side in one run: throughput with N concurrent keep-alive connections, and p50/p99
//! latency at a fixed open-loop rate of 1,000 requests/s.
//!
//! Two dynos: a tiny hyper server (the proxy's own cost is then as large as it can be, relative
//! to the app's) and, when `python3` is on PATH, the request handler of `examples/hello`
//! served with HTTP/1.1 keep-alive, like an app server in a dyno.
//! The router is `tug`'s, with its log lines going to a log hub as in `tug server`. Load
//! generator, router and hyper dyno each run on their own runtime, as separate processes
//! would, but they share the machine's cores: compare within one run. When `nginx` is on PATH
//! it is a third column, proxying to the same dyno with upstream keep-alive.
//! The hyper dyno is measured a second time over HTTPS (router and nginx serving the same
//! self-signed ECDSA certificate, TLS 1.3, HTTP/1.1), with full TLS handshakes per second.
//! Options: `-- --seconds S --connections N --only bench|hello|https`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cpu;
mod nginx;
mod tls;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};
use tug::server::logs::LogHub;
use tug::server::router::{self, Backend, Route, RouterConfig};

const RATE: u64 = 1_000;
const LATENCY_SECONDS: u64 = 5;
const ROUNDS: usize = 3;
/// The router's threads.
const ROUTER_CPU: cpu::Whose = cpu::Whose::Threads("router");

/// One dyno and the ways to reach it.
struct Setup {
    /// What `--only` picks it by.
    key: &'static str,
    title: String,
    host: &'static str,
    connections: usize,
    /// `direct` first: the others are compared with it.
    targets: Vec<Target>,
    /// Also count full TLS handshakes per second on the HTTPS targets.
    handshakes: bool,
}

/// One way to reach a dyno: directly, through the router or through nginx, over plain HTTP or
/// HTTPS.
#[derive(Clone)]
struct Target {
    name: &'static str,
    addr: SocketAddr,
    tls: Option<tls::Client>,
    /// Whose CPU time serves its requests: the dyno's for `direct`, the proxy's otherwise.
    cpu: cpu::Whose,
}

impl Target {
    fn plain(name: &'static str, addr: SocketAddr, cpu: cpu::Whose) -> Target {
        Target {
            name,
            addr,
            tls: None,
            cpu,
        }
    }
}

fn runtime(name: &str, threads: usize) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .thread_name(name)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let seconds = flag("--seconds", 2);
    let connections = flag("--connections", 32) as usize;
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cpus.clamp(1, 4);

    let dyno_rt = runtime("dyno", threads);
    let router_rt = runtime("router", threads);
    let client_rt = runtime("client", threads);
    let dir = tempfile::tempdir().expect("temp dir");

    let hyper_dyno = start_hyper_dyno(&dyno_rt);
    let hello = Hello::start();
    let mut apps = vec![("bench", hyper_dyno)];
    if let Some(h) = &hello {
        apps.push(("hello", h.addr));
    }
    let cert = tls::Certificate::for_names(&["bench.localhost", "hello.localhost"]);
    let router = start_router(&router_rt, &apps, &cert);
    let dynos: Vec<SocketAddr> = apps.iter().map(|(_, addr)| *addr).collect();
    let nginx = nginx::Nginx::start(dir.path(), &dynos, &cert);

    println!(
        "router benchmark: {cpus} CPUs shared by load generator, router and dyno ({threads} threads each)"
    );
    if nginx.is_none() {
        println!("nginx: not on PATH, column skipped");
    }
    if hello.is_none() {
        println!("python3: not on PATH, examples/hello skipped");
    }
    let setups = setups(&apps, &router, nginx.as_ref(), &cert, connections);
    let only: Option<&String> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    for setup in &setups {
        if only.is_some_and(|o| o != setup.key) {
            continue;
        }
        client_rt.block_on(measure(setup, seconds));
    }
    drop(nginx);
    drop(hello);
    drop(router);
}

/// What to measure: each dyno over plain HTTP, then the hyper dyno over HTTPS.
fn setups(
    apps: &[(&'static str, SocketAddr)],
    router: &Router,
    nginx: Option<&nginx::Nginx>,
    cert: &tls::Certificate,
    connections: usize,
) -> Vec<Setup> {
    let mut setups = vec![];
    for (i, (app, addr)) in apps.iter().enumerate() {
        // examples/hello's dyno is another process: its own CPU is not counted.
        let dyno_cpu = cpu::Whose::Threads(if *app == "bench" { "dyno" } else { "none" });
        let mut targets = vec![
            Target::plain("direct", *addr, dyno_cpu),
            Target::plain("router", router.plain, ROUTER_CPU),
        ];
        if let Some(n) = nginx {
            targets.push(Target::plain("nginx", n.addrs[i], n.cpu()));
        }
        let (title, host, conns) = if *app == "bench" {
            (
                "dyno: in-process hyper, 13-byte body",
                "bench.localhost",
                connections,
            )
        } else {
            (
                "dyno: examples/hello's handler (python3 http.server, keep-alive, a thread per connection)",
                "hello.localhost",
                connections.min(8),
            )
        };
        setups.push(Setup {
            key: app,
            title: title.to_string(),
            host,
            connections: conns,
            targets,
            handshakes: false,
        });
    }
    let client = cert.client("bench.localhost");
    let over_tls = |name, addr, cpu| Target {
        name,
        addr,
        tls: Some(client.clone()),
        cpu,
    };
    let mut targets = vec![
        Target::plain("direct", apps[0].1, cpu::Whose::Threads("dyno")),
        over_tls("router", router.tls, ROUTER_CPU),
    ];
    if let Some(n) = nginx {
        targets.push(over_tls("nginx", n.tls_addrs[0], n.cpu()));
    }
    setups.push(Setup {
        key: "https",
        title:
            "dyno: in-process hyper over HTTPS (router and nginx: TLS 1.3, HTTP/1.1; direct: plain)"
                .to_string(),
        host: "bench.localhost",
        connections,
        targets,
        handshakes: true,
    });
    setups
}

async fn measure(setup: &Setup, seconds: u64) {
    println!("{}", setup.title);
    let host = setup.host;
    // Warm up every path (connections, pools, caches).
    for target in &setup.targets {
        throughput(target, host, setup.connections, Duration::from_millis(500)).await;
    }
    println!(
        "  throughput ({} keep-alive connections; median of {ROUNDS} rounds of {seconds} s, targets taken in turn):",
        setup.connections
    );
    let mut runs: Vec<Vec<f64>> = vec![vec![]; setup.targets.len()];
    let mut costs: Vec<Vec<f64>> = vec![vec![]; setup.targets.len()];
    for _ in 0..ROUNDS {
        for (i, target) in setup.targets.iter().enumerate() {
            let (cpu_before, start) = (cpu::used(target.cpu), Instant::now());
            let r = throughput(
                target,
                host,
                setup.connections,
                Duration::from_secs(seconds),
            )
            .await;
            let requests = r * start.elapsed().as_secs_f64();
            if let (Some(before), Some(after)) = (cpu_before, cpu::used(target.cpu))
                && requests > 0.0
            {
                costs[i].push((after - before).as_secs_f64() * 1e6 / requests);
            }
            runs[i].push(r);
        }
    }
    let rps: Vec<f64> = runs.iter_mut().map(|r| median(r)).collect();
    for (i, target) in setup.targets.iter().enumerate() {
        let share = if i == 0 {
            String::new()
        } else {
            format!("  {:>5.1}% of direct", 100.0 * rps[i] / rps[0])
        };
        let cost = match median(&mut costs[i]) {
            c if c > 0.0 => format!(", {c:.1} µs CPU per request"),
            _ => String::new(),
        };
        println!("    {:<8} {:>9.0} req/s{share}{cost}", target.name, rps[i]);
    }
    println!("  latency at {RATE} req/s open-loop for {LATENCY_SECONDS} s (p50 / p99 / max, ms):");
    let mut p99s = vec![];
    for target in &setup.targets {
        let (mut lat, errors) =
            open_loop(target, host, RATE, Duration::from_secs(LATENCY_SECONDS)).await;
        lat.sort_unstable();
        let p = |q: f64| {
            lat.get(((lat.len() as f64 * q) as usize).min(lat.len().saturating_sub(1)))
                .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
        };
        let max = lat.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0);
        p99s.push(p(0.99));
        println!(
            "    {:<8} {:.3} / {:.3} / {:.3}  ({} requests, {errors} errors)",
            target.name,
            p(0.5),
            p(0.99),
            max,
            lat.len()
        );
    }
    let handshakes = if setup.handshakes {
        handshake_rates(setup, seconds).await
    } else {
        vec![]
    };
    let nginx = setup.targets.iter().position(|t| t.name == "nginx");
    for (i, target) in setup.targets.iter().enumerate().skip(1) {
        let versus_nginx = match nginx {
            Some(n) if target.name == "router" => {
                format!(", {:.0}% of nginx's", 100.0 * rps[i] / rps[n])
            }
            _ => String::new(),
        };
        let goal = if target.name == "router" {
            "  (targets: at least nginx's throughput, added p99 < 1 ms)"
        } else {
            ""
        };
        println!(
            "  {}: throughput {:.1}% of direct{versus_nginx}, added p99 {:.3} ms{goal}",
            target.name,
            100.0 * rps[i] / rps[0],
            p99s[i] - p99s[0]
        );
    }
    for (name, rate) in handshakes {
        println!("  {name}: {rate:.0} TLS handshakes/s");
    }
}

/// Full TLS handshakes per second on each HTTPS target, printed as they are measured.
async fn handshake_rates(setup: &Setup, seconds: u64) -> Vec<(&'static str, f64)> {
    let tls: Vec<&Target> = setup.targets.iter().filter(|t| t.tls.is_some()).collect();
    let at_once = setup.connections.min(16);
    println!(
        "  new connections ({at_once} at a time, each a full TLS handshake and one request; median of {ROUNDS} rounds):"
    );
    let mut runs: Vec<Vec<f64>> = vec![vec![]; tls.len()];
    for _ in 0..ROUNDS {
        for (i, target) in tls.iter().enumerate() {
            let length = Duration::from_secs(seconds);
            runs[i].push(new_connections(target, setup.host, at_once, length).await);
        }
    }
    let mut rates = vec![];
    for (target, runs) in tls.iter().zip(runs.iter_mut()) {
        let rate = median(runs);
        println!("    {:<8} {rate:>9.0} conn/s", target.name);
        rates.push((target.name, rate));
    }
    rates
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// A dyno that answers every request with a short body.
fn start_hyper_dyno(rt: &tokio::runtime::Runtime) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind dyno");
    listener.set_nonblocking(true).expect("non-blocking");
    let addr = listener.local_addr().expect("dyno address");
    rt.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("dyno listener");
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(|_req: Request<Incoming>| async {
                    Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(
                        b"Hello, world!",
                    ))))
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

/// The router serving, and where: its plain and HTTPS listeners. Dropping it stops the router.
struct Router {
    plain: SocketAddr,
    tls: SocketAddr,
    _stop: watch::Sender<bool>,
}

fn start_router(
    rt: &tokio::runtime::Runtime,
    apps: &[(&'static str, SocketAddr)],
    cert: &tls::Certificate,
) -> Router {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind router");
    let plain = listener.local_addr().expect("router address");
    let tls = cert.router_listener();
    let tls_addr = tls.listener.local_addr().expect("router TLS address");
    let table: Vec<(&'static str, uuid::Uuid, Arc<[Backend]>)> = apps
        .iter()
        .map(|(name, dyno)| {
            let backends: Arc<[Backend]> = Arc::from(vec![Backend::new("web.1", *dyno)]);
            (*name, uuid::Uuid::new_v4(), backends)
        })
        .collect();
    let routes = Arc::new(
        move |name: &str| match table.iter().find(|(app, _, _)| *app == name) {
            Some((_, app_id, backends)) => Route::Up {
                app_id: *app_id,
                backends: backends.clone(),
            },
            None => Route::NoSuchApp,
        },
    );
    let (stop, stop_rx) = watch::channel(false);
    rt.spawn(router::serve_all(
        listener,
        Some(tls),
        RouterConfig::new("localhost"),
        routes,
        LogHub::default(),
        stop_rx,
    ));
    Router {
        plain,
        tls: tls_addr,
        _stop: stop,
    }
}

fn wait_for(addr: SocketAddr) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(addr).is_err() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

fn free_port() -> Option<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .ok()
        .map(|a| a.port())
}

fn on_path(name: &str) -> Option<std::path::PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|p| p.join(name))
        .find(|p| p.is_file())
}

/// Stops a child with SIGTERM (so that it can stop its own children) and reaps it.
fn terminate(child: &mut Child) {
    let pid = rustix::process::Pid::from_child(child);
    let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
    let _ = child.wait();
}

/// `examples/hello` run as its Procfile says, on a free port.
struct Hello {
    child: Child,
    addr: SocketAddr,
}

impl Hello {
    fn start() -> Option<Hello> {
        let python = on_path("python3")?;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hello");
        let port = free_port()?;
        // The app's own handler, served the way a production dyno would: HTTP/1.1 keep-alive,
        // a thread per connection.
        let script = "import sys, http.server\n\
                      sys.path.insert(0, '.')\n\
                      import app\n\
                      app.Hello.protocol_version = 'HTTP/1.1'\n\
                      app.Hello.disable_nagle_algorithm = True\n\
                      http.server.ThreadingHTTPServer.request_queue_size = 1024\n\
                      http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), app.Hello).serve_forever()\n";
        let child = Command::new(python)
            .arg("-c")
            .arg(script)
            .arg(port.to_string())
            .current_dir(&dir)
            .env("DYNO", "web.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let hello = Hello {
            child,
            addr: ([127, 0, 0, 1], port).into(),
        };
        wait_for(hello.addr).then_some(hello)
    }
}

impl Drop for Hello {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

async fn connect(target: &Target) -> Option<SendRequest<Empty<Bytes>>> {
    let stream = TcpStream::connect(target.addr).await.ok()?;
    let _ = stream.set_nodelay(true);
    match &target.tls {
        None => http1_over(TokioIo::new(stream)).await,
        Some(client) => http1_over(TokioIo::new(client.handshake(stream).await?)).await,
    }
}

async fn http1_over<T>(io: T) -> Option<SendRequest<Empty<Bytes>>>
where
    T: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (sender, conn) = hyper::client::conn::http1::handshake(io).await.ok()?;
    tokio::spawn(conn);
    Some(sender)
}

enum Outcome {
    Ok,
    /// The connection was closed before the request went out.
    NotSent,
    Failed,
}

async fn get(sender: &mut SendRequest<Empty<Bytes>>, host: &'static str) -> Outcome {
    let req = Request::get("/")
        .header(hyper::header::HOST, host)
        .body(Empty::new())
        .expect("request");
    if sender.ready().await.is_err() {
        return Outcome::NotSent;
    }
    match sender.send_request(req).await {
        Ok(response) => {
            let ok = response.status().is_success();
            if response.into_body().collect().await.is_ok() && ok {
                Outcome::Ok
            } else {
                Outcome::Failed
            }
        }
        Err(_) => Outcome::Failed,
    }
}

/// Requests per second with `connections` clients each sending back to back.
async fn throughput(
    target: &Target,
    host: &'static str,
    connections: usize,
    length: Duration,
) -> f64 {
    per_second(connections, length, |done, deadline| {
        let target = target.clone();
        async move {
            let Some(mut sender) = connect(&target).await else {
                return;
            };
            while Instant::now() < deadline {
                if !matches!(get(&mut sender, host).await, Outcome::Ok) {
                    match connect(&target).await {
                        Some(s) => sender = s,
                        None => return,
                    }
                    continue;
                }
                done.fetch_add(1, Ordering::Relaxed);
            }
        }
    })
    .await
}

/// Runs `workers` tasks made by `work` until the deadline it is given, each counting what it
/// completed; how many completed per second.
async fn per_second<F, W>(workers: usize, length: Duration, work: F) -> f64
where
    F: Fn(Arc<AtomicU64>, Instant) -> W,
    W: std::future::Future<Output = ()> + Send + 'static,
{
    let done = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + length;
    let tasks: Vec<_> = (0..workers)
        .map(|_| tokio::spawn(work(done.clone(), deadline)))
        .collect();
    for t in tasks {
        let _ = t.await;
    }
    done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

/// Sends `rate` requests per second on schedule, whatever the responses do, over a pool of
/// keep-alive connections; returns each request's latency (send to last byte) and the errors.
async fn open_loop(
    target: &Target,
    host: &'static str,
    rate: u64,
    length: Duration,
) -> (Vec<Duration>, u64) {
    let (idle_tx, mut idle_rx) = mpsc::unbounded_channel::<SendRequest<Empty<Bytes>>>();
    for _ in 0..16 {
        if let Some(s) = connect(target).await {
            let _ = idle_tx.send(s);
        }
    }
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(
        (rate * length.as_secs()) as usize,
    )));
    let errors = Arc::new(AtomicU64::new(0));
    let total = rate * length.as_secs();
    let interval = Duration::from_nanos(1_000_000_000 / rate);
    let start = tokio::time::Instant::now();
    let mut tasks = Vec::with_capacity(total as usize);
    for i in 0..total {
        tokio::time::sleep_until(start + interval * i as u32).await;
        let idle = idle_rx.try_recv().ok();
        let (latencies, errors, idle_tx) = (latencies.clone(), errors.clone(), idle_tx.clone());
        let target = target.clone();
        tasks.push(tokio::spawn(async move {
            let sent = Instant::now();
            // A dyno that closes after each response needs a new connection every time.
            let mut sender = match idle {
                Some(s) if !s.is_closed() => Some(s),
                _ => connect(&target).await,
            };
            for _ in 0..2 {
                let Some(s) = sender.as_mut() else { break };
                match get(s, host).await {
                    Outcome::Ok => {
                        latencies.lock().expect("latencies").push(sent.elapsed());
                        if let Some(s) = sender {
                            let _ = idle_tx.send(s);
                        }
                        return;
                    }
                    Outcome::NotSent => sender = connect(&target).await,
                    Outcome::Failed => break,
                }
            }
            errors.fetch_add(1, Ordering::Relaxed);
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let lat = std::mem::take(&mut *latencies.lock().expect("latencies"));
    (lat, errors.load(Ordering::Relaxed))
}

/// Connections per second, each opened (with its TLS handshake), used for one request and
/// closed, `at_once` at a time.
async fn new_connections(
    target: &Target,
    host: &'static str,
    at_once: usize,
    length: Duration,
) -> f64 {
    per_second(at_once, length, |done, deadline| {
        let target = target.clone();
        async move {
            while Instant::now() < deadline {
                let Some(mut sender) = connect(&target).await else {
                    continue;
                };
                if matches!(get(&mut sender, host).await, Outcome::Ok) {
                    done.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    })
    .await
}
