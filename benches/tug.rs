//! `cargo bench --bench tug [-- GROUP…]` prints the figures the issues set targets for.
//! Groups: `cli` (startup time and memory of the CLI; `TUG_BENCH_BASELINE=path/to/tug` runs it
//! on that binary too, side by side), `api` (server memory and API latency
//! under a steady request rate), `push` (`git push` of `examples/hello` to its end), `serve`
//! (push start to the first 200 through the router, and `ps:scale web=10` until all are up),
//! `logs` (a dyno's write to the line on a tail, and the API under a 100,000 lines/s flood),
//! `fairness` (another account's API latency during a burst of writes and a password-guessing
//! run; `TUG_BENCH_BASELINE=path/to/tug` runs it on that binary too, side by side),
//! `outbound` (the cost of redacting credentials from build output), `revoke` (how long an open
//! log stream outlives its token), `promote` (a pipeline promotion to one and to five apps,
//! until their new dynos serve), `addons` (`addons:create heroku-postgresql`, the first one
//! with `initdb` and then with the cluster running; `pg:backups:capture`; `addons:create
//! heroku-redis`, a redis-server each), `acm` (a certificate's issuance against a local
//! Pebble, from adding the domain to `cert issued`), `dashboard` (each dashboard page's time
//! and size with 100 apps), `swarm` (push to first 200 and `ps:scale web=10` on Docker Swarm
//! beside the local runtime). Everything else runs against a real
//! `tug server` in a temp
//! dir.
//! Figures are medians over repeated runs; the machine may be noisy, so compare within a run.

#![allow(clippy::print_stdout, clippy::print_stderr, unsafe_code)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TUG: &str = env!("CARGO_BIN_EXE_tug");

#[path = "tug/dashboard.rs"]
mod dashboard;

fn main() {
    let groups: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let want = |g: &str| groups.is_empty() || groups.iter().any(|x| x == g);
    // The deploy group's webhooks point at receivers on loopback.
    let server = Server::start_with(&["--allow-private-urls"]);
    if want("cli") {
        cli(&server);
    }
    if want("api") {
        api(&server);
    }
    if want("push") {
        push(&server);
    }
    if want("serve") {
        serve(&server);
    }
    if want("logs") {
        logs(&server);
    }
    if want("deploy") {
        deploy(&server);
    }
    if want("wall") {
        wall();
    }
    if want("fairness") {
        fairness();
    }
    if want("revoke") {
        revoke(&server);
    }
    if want("outbound") {
        outbound();
    }
    if want("promote") {
        promote(&server);
    }
    if want("addons") {
        addons();
    }
    if want("rendezvous") {
        rendezvous();
    }
    if want("acm") {
        acm();
    }
    if want("dashboard") {
        dashboard::run();
    }
    if want("swarm") {
        swarm(&server);
    }
}

/// Push to first 200 and `ps:scale web=10` on Docker Swarm (`--runtime swarm`) beside the
/// local runtime, run by run. Skipped, saying so, without a swarm manager and a registry.
fn swarm(local: &Server) {
    const RUNS: usize = 3;
    let registry = std::env::var("TUG_REGISTRY").unwrap_or_else(|_| "127.0.0.1:5000".into());
    let docker = std::os::unix::net::UnixStream::connect("/var/run/docker.sock").is_ok();
    if !docker || std::net::TcpStream::connect(&registry).is_err() {
        println!("== swarm: SKIPPED (needs dockerd managing a swarm and a registry at {registry})");
        return;
    }
    println!("== swarm ({RUNS} runs each, interleaved; examples/hello, python buildpack)");
    let swarm = Server::start_with(&["--runtime", "swarm", "--registry", &registry]);
    let home = tempfile::tempdir().expect("home");
    let repo = hello_repo(home.path());
    let mut figures = [(vec![], vec![]), (vec![], vec![])];
    for i in 0..RUNS {
        for (which, server) in [local, &swarm].into_iter().enumerate() {
            let app = format!("swarm-{which}-{i}");
            let (first, ten) = serve_once(server, home.path(), &repo, &app);
            figures[which].0.push(first);
            figures[which].1.push(ten);
        }
    }
    for ((serving, scaling), label) in figures.iter_mut().zip(["local", "swarm"]) {
        serving.sort();
        scaling.sort();
        println!(
            "{label:<6} push to first 200  median {}  p90 {}   ps:scale web=10 up  median {}  p90 {}",
            ms(quantile(serving, 0.5)),
            ms(quantile(serving, 0.9)),
            ms(quantile(scaling, 0.5)),
            ms(quantile(scaling, 0.9)),
        );
    }
}

/// A free port on loopback.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// Issuance against a local Pebble (`/usr/bin/pebble`): from `POST /apps/APP/domains` on an app
/// with ACM on until the domain reports `cert issued` (the order, the router answering the
/// HTTP-01 challenge, finalization, the certificate stored and served). The first includes the
/// account's creation.
fn acm() {
    const RUNS: usize = 9;
    if !Path::new("/usr/bin/pebble").exists() || !Path::new("/usr/bin/pebble-challtestsrv").exists()
    {
        println!("== acm: SKIPPED, Pebble is not installed (`apt-get install pebble`)");
        return;
    }
    println!("== acm ({RUNS} domains, one at a time; target: issuance < 5 s)");
    let dir = tempfile::tempdir().expect("temp dir");
    // Pebble's own HTTPS certificate, from a CA made here.
    let ca_key = rcgen::KeyPair::generate().expect("key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).expect("ca");
    let issuer = rcgen::Issuer::new(ca_params, ca_key);
    let key = rcgen::KeyPair::generate().expect("key");
    let cert = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()])
        .expect("params")
        .signed_by(&key, &issuer)
        .expect("cert");
    let file = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let ca_path = file("ca.pem", ca_cert.pem());
    let cert_path = file("pebble.pem", cert.pem());
    let key_path = file("pebble.key", key.serialize_pem());
    let (port, dns) = (free_port(), free_port());
    let directory = format!("https://127.0.0.1:{port}/dir");
    let server = Server::start_with(&[
        "--router-tls",
        "127.0.0.1:0",
        "--acme-directory",
        &directory,
        "--acme-ca-cert",
        ca_path.to_str().expect("utf-8"),
        "--acme-skip-dns-check",
    ]);
    let router_port: u16 = server
        .router
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .expect("router port");
    let config = serde_json::json!({"pebble": {
        "listenAddress": format!("127.0.0.1:{port}"),
        "managementListenAddress": format!("127.0.0.1:{}", free_port()),
        "certificate": cert_path,
        "privateKey": key_path,
        "httpPort": router_port,
        "tlsPort": free_port(),
        "ocspResponderURL": "",
        "externalAccountBindingRequired": false,
    }});
    let config_path = file("pebble.json", config.to_string());
    let mut children = vec![
        Command::new("/usr/bin/pebble-challtestsrv")
            .args(["-dns01", &format!("127.0.0.1:{dns}")])
            .args(["-http01", "", "-https01", "", "-tlsalpn01", ""])
            .args(["-management", &format!("127.0.0.1:{}", free_port())])
            .args(["-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pebble-challtestsrv"),
        Command::new("/usr/bin/pebble")
            .arg("-config")
            .arg(&config_path)
            .args(["-dnsserver", &format!("127.0.0.1:{dns}")])
            .env("PEBBLE_VA_NOSLEEP", "1")
            .env("PEBBLE_WFE_NONCEREJECT", "0")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pebble"),
    ];
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "pebble did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    let client = reqwest::blocking::Client::new();
    let api = |method: reqwest::Method, path: &str, body: serde_json::Value| {
        let r = server.call(&client, method, path, body);
        assert!(r.status().is_success(), "{path}: {}", r.status());
        r.json::<serde_json::Value>().expect("json")
    };
    api(
        reqwest::Method::POST,
        "/apps",
        serde_json::json!({"name": "acm-bench"}),
    );
    api(
        reqwest::Method::POST,
        "/apps/acm-bench/acm",
        serde_json::json!({}),
    );
    let mut times = vec![];
    for i in 0..RUNS {
        let host = format!("www{i}.acm-bench.test");
        let start = Instant::now();
        api(
            reqwest::Method::POST,
            "/apps/acm-bench/domains",
            serde_json::json!({ "hostname": host }),
        );
        loop {
            let d = api(
                reqwest::Method::GET,
                &format!("/apps/acm-bench/domains/{host}"),
                serde_json::json!({}),
            );
            match d["acm_status"].as_str() {
                Some("cert issued") => break,
                Some("failing") => panic!("{host}: {}", d["acm_status_reason"]),
                _ => {}
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "{host}: no certificate"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        times.push(start.elapsed());
    }
    let first = times.remove(0);
    times.sort();
    println!(
        "first (with the account)  {}\nissuance                  p50 {}  p90 {}  (n={})",
        ms(first),
        ms(quantile(&times, 0.5)),
        ms(quantile(&times, 0.9)),
        times.len()
    );
    // A burst: six domains added together, until the last is issued.
    let start = Instant::now();
    let hosts: Vec<String> = (0..6).map(|i| format!("burst{i}.acm-bench.test")).collect();
    for host in &hosts {
        api(
            reqwest::Method::POST,
            "/apps/acm-bench/domains",
            serde_json::json!({ "hostname": host }),
        );
    }
    let mut left = hosts.clone();
    while !left.is_empty() {
        left.retain(|host| {
            let d = api(
                reqwest::Method::GET,
                &format!("/apps/acm-bench/domains/{host}"),
                serde_json::json!({}),
            );
            assert_ne!(
                d["acm_status"], "failing",
                "{host}: {}",
                d["acm_status_reason"]
            );
            d["acm_status"] != "cert issued"
        });
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "burst: {left:?} not issued"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    println!(
        "6 domains added together  all issued in {}",
        ms(start.elapsed())
    );
    for child in &mut children {
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Promotion: from `POST /pipeline-promotions` until every target reports `succeeded` (its new
/// web dynos are up) and answers 200 through the router, to one app and to five. No build.
fn promote(server: &Server) {
    const RUNS: usize = 7;
    println!(
        "== promote ({RUNS} runs each, median; targets: one app < 1 s, five apps < 2 s, until the new dynos serve)"
    );
    let home = tempfile::tempdir().expect("home");
    let repo = hello_repo(home.path());
    let client = reqwest::blocking::Client::new();
    let api = |method: reqwest::Method, path: &str, body: serde_json::Value| {
        let r = server.call(&client, method, path, body);
        assert!(r.status().is_success(), "{path}: {}", r.status());
        r.json::<serde_json::Value>().expect("json")
    };
    let source = server.create_and_push(&client, home.path(), &repo, "promo-staging");
    let pipeline = api(
        reqwest::Method::POST,
        "/pipelines",
        serde_json::json!({"name": "promo"}),
    );
    api(
        reqwest::Method::POST,
        "/pipeline-couplings",
        serde_json::json!({"app": "promo-staging", "pipeline": pipeline["id"], "stage": "staging"}),
    );
    let mut targets = vec![];
    for i in 0..5 {
        let app = server.create_app(&client, &format!("promo-prod-{i}"), false);
        api(
            reqwest::Method::POST,
            "/pipeline-couplings",
            serde_json::json!({"app": app["id"], "pipeline": pipeline["id"], "stage": "production"}),
        );
        targets.push((app["id"].clone(), format!("promo-prod-{i}")));
    }
    let once = |to: &[(serde_json::Value, String)]| -> Duration {
        let body = serde_json::json!({
            "pipeline": {"id": pipeline["id"]},
            "source": {"app": {"id": source["id"]}},
            "targets": to.iter().map(|(id, _)| serde_json::json!({"app": {"id": id}})).collect::<Vec<_>>(),
        });
        let start = Instant::now();
        let promotion = api(reqwest::Method::POST, "/pipeline-promotions", body);
        let path = format!(
            "/pipeline-promotions/{}/promotion-targets",
            promotion["id"].as_str().expect("id")
        );
        loop {
            let list = api(reqwest::Method::GET, &path, serde_json::json!({}));
            let list = list.as_array().expect("targets");
            assert!(
                list.iter().all(|t| t["status"] != "failed"),
                "a promotion failed: {list:?}"
            );
            if list.iter().all(|t| t["status"] == "succeeded") {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "never promoted");
            std::thread::sleep(Duration::from_millis(5));
        }
        for (_, name) in to {
            loop {
                let r = client
                    .get(format!("{}/", server.router))
                    .header("Host", format!("{name}.localhost"))
                    .send();
                if r.is_ok_and(|r| r.status().is_success()) {
                    break;
                }
                assert!(start.elapsed() < Duration::from_secs(60), "never served");
            }
        }
        start.elapsed()
    };
    for (label, n) in [("to one app", 1), ("to five apps", 5)] {
        let mut times: Vec<Duration> = (0..RUNS).map(|_| once(&targets[..n])).collect();
        times.sort();
        println!(
            "{label:<16} median {}  p90 {}",
            ms(quantile(&times, 0.5)),
            ms(quantile(&times, 0.9))
        );
    }
}

/// `addons:create heroku-postgresql` on a server of its own: the first one (which makes the
/// cluster with `initdb`) and seven more with the cluster running, each timed to the API's
/// answer and to the first `SELECT 1` that succeeds with the `NAME_URL` the app got.
fn addons() {
    let Some(bin) = tug::server::addons::postgres::bin_dir() else {
        eprintln!("SKIPPED: addons: PostgreSQL is not installed (`apt-get install -y postgresql`)");
        return;
    };
    let server = Server::start();
    let client = reqwest::blocking::Client::new();
    server.create_app(&client, "bench-pg", false);
    let mut answered = vec![];
    let mut usable = vec![];
    for i in 0..8 {
        let start = Instant::now();
        let r = server.call(
            &client,
            reqwest::Method::POST,
            "/apps/bench-pg/addons",
            serde_json::json!({"plan": "heroku-postgresql", "attachment": {"name": format!("DB{i}")}}),
        );
        assert!(r.status().is_success(), "addons:create: {}", r.status());
        let api = start.elapsed();
        let url = server.config_var(&client, "bench-pg", &format!("DB{i}_URL"));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ok = Command::new(bin.join("psql"))
                .args(["-X", "-q", "-c", "SELECT 1", &url])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                break;
            }
            assert!(Instant::now() < deadline, "the database never answered");
            std::thread::sleep(Duration::from_millis(5));
        }
        let total = start.elapsed();
        if i == 0 {
            println!(
                "addons: first addons:create (initdb): answered {}, usable {}",
                ms(api),
                ms(total)
            );
        } else {
            answered.push(api);
            usable.push(total);
        }
    }
    // `pg:backups:capture` of a database of about 100 MB (the last add-on's).
    let url = server.config_var(&client, "bench-pg", "DB7_URL");
    let filled = Command::new(bin.join("psql"))
        .args([
            "-X",
            "-q",
            "-c",
            "CREATE TABLE big AS SELECT i, repeat(md5(i::text), 30) AS body FROM generate_series(1, 100000) i",
            &url,
        ])
        .status()
        .is_ok_and(|s| s.success());
    assert!(filled, "filling the database");
    let addons: serde_json::Value = server
        .call(
            &client,
            reqwest::Method::GET,
            "/apps/bench-pg/addons",
            serde_json::json!({}),
        )
        .json()
        .expect("add-ons");
    let last = addons
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|a| a["config_vars"] == serde_json::json!(["DB7_URL"]))
        })
        .and_then(|a| a["id"].as_str())
        .expect("the add-on behind DB7_URL")
        .to_string();
    let usage: serde_json::Value = server
        .call(
            &client,
            reqwest::Method::GET,
            &format!("/apps/bench-pg/addons/{last}/usage"),
            serde_json::json!({}),
        )
        .json()
        .expect("usage");
    let mut captures = vec![];
    let mut size = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let r = server.call(
            &client,
            reqwest::Method::POST,
            &format!("/apps/bench-pg/addons/{last}/backups"),
            serde_json::json!({}),
        );
        assert!(r.status().is_success(), "capture: {}", r.status());
        captures.push(start.elapsed());
        let backup: serde_json::Value = r.json().expect("backup");
        size = backup["size"].as_u64().unwrap_or(0);
    }
    captures.sort();
    println!(
        "addons: pg:backups:capture of a {:.0} MB database (3 runs): p50 {}, the dump {:.1} MB",
        usage["bytes_used"].as_f64().unwrap_or(0.0) / 1048576.0,
        ms(quantile(&captures, 0.5)),
        size as f64 / 1048576.0
    );
    answered.sort();
    usable.sort();
    println!(
        "addons: addons:create heroku-postgresql, cluster running (7 runs): answered p50 {} p90 {}, usable p50 {} p90 {}",
        ms(quantile(&answered, 0.5)),
        ms(quantile(&answered, 0.9)),
        ms(quantile(&usable, 0.5)),
        ms(quantile(&usable, 0.9)),
    );
    redis_create(&server, &client);
}

/// `addons:create heroku-redis` (a redis-server of its own each time), seven runs, each timed
/// to the API's answer and to the first `PING` that succeeds with the URL the app got.
fn redis_create(server: &Server, client: &reqwest::blocking::Client) {
    if tug::server::addons::redis::programs().is_err() {
        eprintln!("SKIPPED: addons: Redis is not installed (`apt-get install -y redis-server`)");
        return;
    }
    let mut answered = vec![];
    let mut usable = vec![];
    for i in 0..7 {
        let start = Instant::now();
        let r = server.call(
            client,
            reqwest::Method::POST,
            "/apps/bench-pg/addons",
            serde_json::json!({"plan": "heroku-redis:mini", "attachment": {"name": format!("KV{i}")}}),
        );
        assert!(r.status().is_success(), "addons:create: {}", r.status());
        answered.push(start.elapsed());
        let url = server.config_var(client, "bench-pg", &format!("KV{i}_URL"));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ok = Command::new("redis-cli")
                .args(["-e", "--no-auth-warning", "-u", &url, "PING"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                break;
            }
            assert!(Instant::now() < deadline, "the Redis server never answered");
            std::thread::sleep(Duration::from_millis(5));
        }
        usable.push(start.elapsed());
    }
    answered.sort();
    usable.sort();
    println!(
        "addons: addons:create heroku-redis (7 runs): answered p50 {} p90 {}, usable p50 {} p90 {}",
        ms(quantile(&answered, 0.5)),
        ms(quantile(&answered, 0.9)),
        ms(quantile(&usable, 0.5)),
        ms(quantile(&usable, 0.9)),
    );
}

/// One-off dynos on a TLS server, reached through rendezvous: what the server adds (create
/// the one-off, TLS to the rendezvous listener, the secret, the output until it closes), `tug
/// run -- true` end to end, and the official CLI's `heroku run -- true` when it is installed
/// (`~/.cache/tug-tests/heroku-cli`, as `.ci/run` puts it), all interleaved.
fn rendezvous() {
    use std::io::{Read, Write};
    const RUNS: usize = 15;
    let dir = tempfile::tempdir().expect("temp dir");
    let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
        .expect("cert");
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert.cert.pem()).expect("cert.pem");
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).expect("key.pem");
    let server = Server::start_with(&[
        "--tls-cert",
        cert_path.to_str().expect("path"),
        "--tls-key",
        key_path.to_str().expect("path"),
    ]);
    let client = reqwest::blocking::Client::builder()
        .add_root_certificate(
            reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).expect("pem"),
        )
        .build()
        .expect("client");
    let api = |method: reqwest::Method, path: &str, body: serde_json::Value| {
        server.call(&client, method, path, body)
    };
    server.create_app(&client, "rendezvous", true);
    let home = tempfile::tempdir().expect("home");
    let repo = hello_repo(home.path());
    let mut push = server.push_command(home.path(), &repo, "rendezvous");
    push.env("GIT_SSL_CAINFO", &cert_path);
    ok(push);

    let mut tls_config = rustls::ClientConfig::builder()
        .with_root_certificates({
            let mut roots = rustls::RootCertStore::empty();
            roots.add(cert.cert.der().clone()).expect("root");
            roots
        })
        .with_no_client_auth();
    tls_config.enable_sni = true;
    let tls_config = std::sync::Arc::new(tls_config);
    let server_side = || {
        let start = Instant::now();
        let dyno: serde_json::Value = api(
            reqwest::Method::POST,
            "/apps/rendezvous/dynos",
            serde_json::json!({"command": "true", "attach": true, "force_no_tty": true}),
        )
        .json()
        .expect("dyno");
        let url = dyno["attach_url"].as_str().expect("attach_url");
        let rest = url.strip_prefix("rendezvous://").expect("a rendezvous URL");
        let (host_port, secret) = rest.split_once('/').expect("secret");
        let name = rustls::pki_types::ServerName::try_from("127.0.0.1").expect("name");
        let mut conn = rustls::ClientConnection::new(tls_config.clone(), name).expect("tls");
        let mut tcp = std::net::TcpStream::connect(host_port).expect("connect");
        tcp.set_nodelay(true).expect("nodelay");
        let mut tls = rustls::Stream::new(&mut conn, &mut tcp);
        // As the official CLI does: the secret, then EOT when its (empty) stdin ends.
        tls.write_all(format!("{secret}\r\n\u{4}").as_bytes())
            .expect("secret");
        let mut got = Vec::new();
        let _ = tls.read_to_end(&mut got);
        assert!(
            got.starts_with(b"rendezvous"),
            "{}",
            String::from_utf8_lossy(&got)
        );
        start.elapsed()
    };
    let heroku = std::path::Path::new(&std::env::var_os("HOME").unwrap_or_default())
        .join(".cache/tug-tests/heroku-cli/node_modules/.bin/heroku");
    let heroku = heroku.exists().then_some(heroku);
    println!(
        "== rendezvous ({RUNS} interleaved runs; targets: the server's part of `heroku run -- true` < 50 ms, `tug run -- true` < 150 ms)"
    );
    let mut figures: [Vec<Duration>; 3] = Default::default();
    for _ in 0..RUNS {
        figures[0].push(server_side());
        let start = Instant::now();
        let mut run = tug(home.path(), &server);
        run.env("SSL_CERT_FILE", &cert_path)
            .args(["run", "-a", "rendezvous", "--", "true"]);
        ok(run);
        figures[1].push(start.elapsed());
        if let Some(heroku) = &heroku {
            let start = Instant::now();
            let mut run = Command::new(heroku);
            run.env("HOME", home.path())
                .env("HEROKU_HOST", &server.api)
                .env("HEROKU_API_KEY", &server.token)
                .env("NODE_EXTRA_CA_CERTS", &cert_path)
                .env("HEROKU_SKIP_NEW_VERSION_CHECK", "1")
                .stdin(Stdio::piped())
                .args(["run", "-a", "rendezvous", "--", "true"]);
            ok(run);
            figures[2].push(start.elapsed());
        }
    }
    for f in figures.iter_mut() {
        f.sort();
    }
    let line = |f: &[Duration]| {
        format!(
            "median {} (p90 {})",
            ms(quantile(f, 0.5)),
            ms(quantile(f, 0.9))
        )
    };
    println!(
        "server side: POST /dynos + rendezvous until closed  {}",
        line(&figures[0])
    );
    println!(
        "tug run -- true (rendezvous)                       {}",
        line(&figures[1])
    );
    match heroku {
        Some(_) => println!(
            "heroku run -- true (official CLI, end to end)      {}",
            line(&figures[2])
        ),
        None => println!(
            "heroku run -- true: the official CLI is not installed in ~/.cache/tug-tests/heroku-cli"
        ),
    }
}

/// The cost of hiding credentials: every build output line goes through `outbound::redact`.
/// Median nanoseconds per line over seven passes of 100,000 lines, for plain lines and for
/// lines with a URL holding a secret.
fn outbound() {
    use tug::server::outbound::redact;
    const LINES: usize = 100_000;
    println!(
        "== outbound (redact: {LINES} build output lines, 7 passes, median; target 1 µs a line)"
    );
    let plain = "       Collecting requests==2.31.0 (from -r requirements.txt (line 1))";
    let secret = "-----> Fetching buildpack https://deploy:s3cret@git.example.com/org/bp.git#v1 and https://cdn.example.com/x.tgz?token=abc&v=2";
    for (label, line) in [("plain line", plain), ("line with URLs", secret)] {
        let lines: Vec<String> = (0..LINES).map(|i| format!("{line} {i}")).collect();
        let mut per_line = Vec::new();
        for _ in 0..7 {
            let start = Instant::now();
            let mut kept = 0usize;
            for l in &lines {
                kept += std::hint::black_box(redact(l)).len();
            }
            std::hint::black_box(kept);
            per_line.push(start.elapsed().as_nanos() as f64 / LINES as f64);
        }
        per_line.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{label:<16} {:>8.0} ns a line",
            per_line[per_line.len() / 2]
        );
    }
}

struct Server {
    _dir: tempfile::TempDir,
    child: Child,
    api: String,
    router: String,
    token: String,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Server {
        Server::start_binary(TUG, extra)
    }

    /// A server run from `binary` (this build's `tug`, or another one to compare with).
    fn start_binary(binary: &str, extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let child = Command::new(binary)
            .args([
                "server",
                "--api",
                "127.0.0.1:0",
                "--router",
                "127.0.0.1:0",
                "--data-dir",
            ])
            .arg(&data)
            .args(extra)
            .env("RUST_LOG", "tug=warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tug server");
        let deadline = Instant::now() + Duration::from_secs(30);
        let state: serde_json::Value = loop {
            if let Ok(t) = std::fs::read_to_string(data.join("server.json"))
                && let Ok(v) = serde_json::from_str(&t)
            {
                break v;
            }
            assert!(Instant::now() < deadline, "tug server did not start");
            std::thread::sleep(Duration::from_millis(20));
        };
        let token = std::fs::read_to_string(data.join("admin.token"))
            .expect("admin.token")
            .trim()
            .to_string();
        Server {
            api: state["api"].as_str().expect("api url").to_string(),
            router: state["router"].as_str().expect("router url").to_string(),
            token,
            child,
            _dir: dir,
        }
    }
}

impl Server {
    /// One of the app's config vars (an add-on's URL, say).
    fn config_var(&self, client: &reqwest::blocking::Client, app: &str, name: &str) -> String {
        let config: serde_json::Value = self
            .call(
                client,
                reqwest::Method::GET,
                &format!("/apps/{app}/config-vars"),
                serde_json::json!({}),
            )
            .json()
            .expect("config vars");
        config[name]
            .as_str()
            .unwrap_or_else(|| panic!("no {name}"))
            .to_string()
    }

    /// One authenticated API request.
    fn call(
        &self,
        client: &reqwest::blocking::Client,
        method: reqwest::Method,
        path: &str,
        body: serde_json::Value,
    ) -> reqwest::blocking::Response {
        client
            .request(method, format!("{}{path}", self.api))
            .bearer_auth(&self.token)
            .header("Accept", "application/vnd.heroku+json; version=3")
            .json(&body)
            .send()
            .expect("api")
    }
}

impl Server {
    /// Creates `app` (building with the null buildpack when `null_buildpack`); its JSON.
    fn create_app(
        &self,
        client: &reqwest::blocking::Client,
        app: &str,
        null_buildpack: bool,
    ) -> serde_json::Value {
        let created = self.call(
            client,
            reqwest::Method::POST,
            "/apps",
            serde_json::json!({ "name": app }),
        );
        assert!(
            created.status().is_success(),
            "create {app}: {}",
            created.status()
        );
        if null_buildpack {
            let set = self.call(
                client,
                reqwest::Method::PUT,
                &format!("/apps/{app}/buildpack-installations"),
                serde_json::json!({"updates": [{"buildpack": "null"}]}),
            );
            assert!(
                set.status().is_success(),
                "buildpacks of {app}: {}",
                set.status()
            );
        }
        created.json().expect("app")
    }

    /// `git push` of `repo`'s `main` to `app`, ready to run.
    fn push_command(&self, home: &Path, repo: &Path, app: &str) -> Command {
        let header = format!("http.extraHeader=Authorization: Bearer {}", self.token);
        let url = format!("{}/{app}.git", self.api);
        git(repo, home, &["-c", &header, "push", "-q", &url, "main"])
    }

    /// Creates `app` and pushes `repo` to it, to its end; the app's JSON.
    fn create_and_push(
        &self,
        client: &reqwest::blocking::Client,
        home: &Path,
        repo: &Path,
        app: &str,
    ) -> serde_json::Value {
        let created = self.create_app(client, app, false);
        ok(self.push_command(home, repo, app));
        created
    }
}

/// Commits a one-line change (`VERSION` says `i`) to `repo`.
fn commit_one_line(home: &Path, repo: &Path, i: usize) {
    std::fs::write(repo.join("VERSION"), format!("{i}\n")).expect("edit");
    ok(git(repo, home, &["add", "-A"]));
    ok(git(repo, home, &["commit", "-q", "-m", "one line"]));
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// Runs a command to completion; returns its wall time and peak RSS in KiB.
fn measure(cmd: &mut Command) -> (Duration, i64) {
    let start = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain syscall on our own child; rusage is a zeroed out-parameter.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(rc, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    std::mem::forget(child);
    (elapsed, usage.ru_maxrss)
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn runs(n: usize, mut make: impl FnMut() -> Command) -> (Duration, Duration, f64) {
    let _ = measure(&mut make()); // warm the page cache
    let mut times = vec![];
    let mut peak = 0;
    for _ in 0..n {
        let (t, rss) = measure(&mut make());
        times.push(t);
        peak = peak.max(rss);
    }
    times.sort();
    (
        quantile(&times, 0.5),
        quantile(&times, 0.9),
        peak as f64 / 1024.0,
    )
}

/// CLI start-up and memory; with `TUG_BENCH_BASELINE`, the same runs of that binary, each
/// case's two rows next to each other.
fn cli(server: &Server) {
    let home = tempfile::tempdir().expect("home");
    for i in 0..20 {
        let status = tug(home.path(), server)
            .args(["create", &format!("bench-{i}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("create");
        assert!(status.success());
    }
    let mut binaries = vec![("this build".to_string(), TUG.to_string())];
    if let Ok(baseline) = std::env::var("TUG_BENCH_BASELINE") {
        binaries.push((format!("baseline {baseline}"), baseline));
    }
    println!("== cli (30 runs each; targets: --version < 5 ms, apps --json < 15 ms, RSS < 15 MB)");
    let cases: [(&str, &[&str]); 2] = [
        ("tug --version      ", &["--version"]),
        ("tug apps --json    ", &["apps", "--json"]),
    ];
    for (label, args) in cases {
        for (name, binary) in &binaries {
            let (p50, p90, rss) = runs(30, || {
                let mut c = tug_binary(binary, home.path(), server);
                c.args(args);
                c
            });
            println!(
                "{label}  median {}  p90 {}  peak RSS {rss:.1} MB  ({name}; 20 apps)",
                ms(p50),
                ms(p90)
            );
        }
    }
    println!(
        "reference: the official Node CLI takes about 1.6 s and 120 MB for --version on this machine (reference/heroku-cli.md)"
    );
}

fn tug(home: &Path, server: &Server) -> Command {
    tug_binary(TUG, home, server)
}

/// `binary` as the CLI, in `home`, logged in to `server`.
fn tug_binary(binary: &str, home: &Path, server: &Server) -> Command {
    let mut c = Command::new(binary);
    // Run outside any git repository: `create` would add a remote to the one it is run in.
    c.current_dir(home)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("TUG_API_URL", &server.api)
        .env("TUG_API_KEY", &server.token)
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
    c
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn api(server: &Server) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    println!("== api (targets: idle RSS < 30 MB, GET /apps p99 < 5 ms at 200 requests/s)");
    std::thread::sleep(Duration::from_millis(300));
    println!(
        "server idle RSS      {:.1} MB",
        rss_kib(server.child.id()) as f64 / 1024.0
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let url = format!("{}/apps", server.api);
    let token = server.token.clone();
    let latencies = rt.block_on(async move {
        let client = reqwest::Client::new();
        // Open loop: a request every 5 ms for 5 s, each timed on its own, so a slow answer
        // does not delay the ones after it.
        let mut tasks = vec![];
        let start = tokio::time::Instant::now();
        for i in 0..1000u32 {
            tokio::time::sleep_until(start + Duration::from_millis(5) * i).await;
            let client = client.clone();
            let url = url.clone();
            let token = token.clone();
            tasks.push(tokio::spawn(async move {
                let t = Instant::now();
                let r = client
                    .get(&url)
                    .bearer_auth(&token)
                    .header("Accept", "application/vnd.heroku+json; version=3")
                    .send()
                    .await
                    .expect("request");
                assert!(r.status().is_success());
                let _ = r.bytes().await;
                t.elapsed()
            }));
        }
        let mut out = vec![];
        for t in tasks {
            out.push(t.await.expect("task"));
        }
        out
    });
    let mut sorted = latencies;
    sorted.sort();
    println!(
        "GET /apps @200/s     p50 {}  p99 {}  max {}  (1000 requests, 20 apps)",
        ms(quantile(&sorted, 0.5)),
        ms(quantile(&sorted, 0.99)),
        ms(*sorted.last().expect("latencies"))
    );
    println!(
        "server RSS after     {:.1} MB",
        rss_kib(server.child.id()) as f64 / 1024.0
    );
}

fn git(dir: &Path, home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("git");
    c.current_dir(dir)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "Bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .args(args);
    c
}

fn ok(mut c: Command) {
    let out = c.output().expect("run");
    assert!(
        out.status.success(),
        "{c:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A git repository of `examples/hello` under `home`.
fn hello_repo(home: &Path) -> std::path::PathBuf {
    let repo = home.join("hello");
    std::fs::create_dir_all(&repo).expect("repo dir");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hello");
    for entry in std::fs::read_dir(&example).expect("examples/hello") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), repo.join(entry.file_name())).expect("copy");
    }
    ok(git(&repo, home, &["init", "-q", "-b", "main"]));
    ok(git(&repo, home, &["add", "-A"]));
    ok(git(&repo, home, &["commit", "-q", "-m", "hello"]));
    repo
}

fn push(server: &Server) {
    const RUNS: usize = 10;
    println!(
        "== push ({RUNS} runs each; target: git push of examples/hello with the null buildpack < 1 s)"
    );
    let home = tempfile::tempdir().expect("home");
    let repo = hello_repo(home.path());
    let client = reqwest::blocking::Client::new();
    let mut first = vec![];
    let mut second = vec![];
    for i in 0..RUNS {
        let app = format!("push-{i}");
        server.create_app(&client, &app, true);
        let (t, _) = measure(&mut server.push_command(home.path(), &repo, &app));
        first.push(t);
        commit_one_line(home.path(), &repo, i);
        let (t, _) = measure(&mut server.push_command(home.path(), &repo, &app));
        second.push(t);
    }
    first.sort();
    second.sort();
    println!(
        "first push           median {}  p90 {}",
        ms(quantile(&first, 0.5)),
        ms(quantile(&first, 0.9))
    );
    println!(
        "one-line change      median {}  p90 {}",
        ms(quantile(&second, 0.5)),
        ms(quantile(&second, 0.9))
    );
}

fn serve(server: &Server) {
    const RUNS: usize = 5;
    println!(
        "== serve ({RUNS} runs; targets: push to first 200 < 1.5 s, ps:scale web=10 all up < 2 s)"
    );
    let home = tempfile::tempdir().expect("home");
    let repo = hello_repo(home.path());
    let (mut serving, mut scaling) = (vec![], vec![]);
    for i in 0..RUNS {
        let (first, ten) = serve_once(server, home.path(), &repo, &format!("serve-{i}"));
        serving.push(first);
        scaling.push(ten);
    }
    serving.sort();
    scaling.sort();
    println!(
        "push to first 200    median {}  p90 {}  (examples/hello, python buildpack)",
        ms(quantile(&serving, 0.5)),
        ms(quantile(&serving, 0.9))
    );
    println!(
        "ps:scale web=10 up   median {}  p90 {}",
        ms(quantile(&scaling, 0.5)),
        ms(quantile(&scaling, 0.9))
    );
}

/// Creates `app`, pushes `repo` to it and times the first 200 through the router; then scales
/// web to ten and times until all ten are up, and scales back to none.
fn serve_once(server: &Server, home: &Path, repo: &Path, app: &str) -> (Duration, Duration) {
    let client = reqwest::blocking::Client::new();
    let api = |method: reqwest::Method, path: String, body: serde_json::Value| {
        server.call(&client, method, &path, body)
    };
    server.create_app(&client, app, false);
    let start = Instant::now();
    ok(server.push_command(home, repo, app));
    loop {
        let r = client
            .get(format!("{}/", server.router))
            .header("Host", format!("{app}.localhost"))
            .send();
        if r.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "never served");
    }
    let serving = start.elapsed();
    let start = Instant::now();
    api(
        reqwest::Method::PATCH,
        format!("/apps/{app}/formation"),
        serde_json::json!({"updates": [{"type": "web", "quantity": 10}]}),
    );
    // Waits until the app's dynos are as `done` wants them.
    let wait_for = |done: &dyn Fn(&[serde_json::Value]) -> bool, what: &str| {
        let start = Instant::now();
        loop {
            let dynos: serde_json::Value = api(
                reqwest::Method::GET,
                format!("/apps/{app}/dynos"),
                serde_json::json!({}),
            )
            .json()
            .expect("dynos");
            if done(dynos.as_array().map_or(&[], Vec::as_slice)) {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "never {what}");
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    wait_for(
        &|dynos| dynos.iter().filter(|d| d["state"] == "up").count() == 10,
        "scaled",
    );
    let scaling = start.elapsed();
    // What follows is measured on a quiet server, as a user would meet it, not under the
    // teardown of ten dynos. They leave the dyno list at once, but run on while the router
    // drains them, then stop: the log's ten "Process exited" lines say they are gone.
    let session: serde_json::Value = api(
        reqwest::Method::POST,
        format!("/apps/{app}/log-sessions"),
        serde_json::json!({"tail": true, "lines": 0, "source": "heroku"}),
    )
    .json()
    .expect("log session");
    let mut log = std::io::BufRead::lines(std::io::BufReader::new(
        reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("client")
            .get(session["logplex_url"].as_str().expect("log url"))
            .send()
            .expect("log"),
    ));
    api(
        reqwest::Method::PATCH,
        format!("/apps/{app}/formation"),
        serde_json::json!({"updates": [{"type": "web", "quantity": 0}]}),
    );
    let mut exited = 0;
    while exited < 10 {
        let line = log.next().expect("the dynos' exits").expect("log line");
        if line.contains("heroku[web.") && line.contains("Process exited") {
            exited += 1;
        }
    }
    wait_for(&|dynos| dynos.is_empty(), "scaled down");
    // Then a moment for the platform to settle (its cleanup threads, and the networks it
    // makes ahead, 150 ms after the last was taken).
    std::thread::sleep(SETTLE);
    (serving, scaling)
}

/// How long a server is left alone before the next measurement (see `serve_once`).
const SETTLE: Duration = Duration::from_millis(500);

/// The wall's cost: the same work on a sandboxed server and on one with `--sandbox off`,
/// interleaved run by run.
fn wall() {
    const RUNS: usize = 7;
    const STARTS: usize = 30;
    let walled = Server::start();
    let open = Server::start_with(&["--sandbox", "off"]);
    let sandbox = walled
        .call(
            &reqwest::blocking::Client::new(),
            reqwest::Method::GET,
            "/health",
            serde_json::json!({}),
        )
        .json::<serde_json::Value>()
        .expect("health")["sandbox"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    println!(
        "== wall ({RUNS} interleaved runs; {sandbox}; targets: run -- true < 150 ms, a dyno's start at most 10 ms over unsandboxed, push to first 200 < 0.5 s, web=10 < 0.5 s)"
    );
    let home = tempfile::tempdir().expect("home");
    let repo = hello_repo(home.path());
    // Per server: the first one-off on an app, the next ones, push to first 200, web=10, and
    // how long after `tug run` starts a one-off's command runs (on a settled server, and the
    // first on an app).
    let mut figures: [[Vec<Duration>; 6]; 2] = Default::default();
    for i in 0..RUNS {
        for (k, server) in [&walled, &open].into_iter().enumerate() {
            let app = format!("wall-{i}");
            let (first, ten) = serve_once(server, home.path(), &repo, &app);
            // The first also says when its command ran: the start of a dyno on a new app.
            let (round_trip, started) = timed_one_off(home.path(), server, &app);
            figures[k][0].push(round_trip);
            figures[k][5].push(started);
            for _ in 1..4 {
                let start = Instant::now();
                let mut run = tug(home.path(), server);
                run.args(["run", "-a", &app, "--", "true"]);
                ok(run);
                figures[k][1].push(start.elapsed());
            }
            figures[k][2].push(first);
            figures[k][3].push(ten);
        }
    }
    // A dyno's start alone, on settled servers: one-offs taken in turns, one on each server,
    // which comes first alternating, so that both meet the same moments of this shared
    // machine. Each is also set against its partner.
    let mut over = Vec::new();
    let app = format!("wall-{}", RUNS - 1);
    for turn in 0..STARTS {
        std::thread::sleep(SETTLE / 5);
        let mut pair = [Duration::ZERO; 2];
        for k in [turn % 2, 1 - turn % 2] {
            let server = [&walled, &open][k];
            pair[k] = timed_one_off(home.path(), server, &app).1;
            figures[k][4].push(pair[k]);
        }
        over.push(pair[0].as_secs_f64() - pair[1].as_secs_f64());
    }
    over.sort_by(f64::total_cmp);
    for (k, label) in ["sandboxed", "--sandbox off"].into_iter().enumerate() {
        for f in figures[k].iter_mut() {
            f.sort();
        }
        let median = |j: usize| ms(quantile(&figures[k][j], 0.5));
        println!(
            "{label:<14} tug run -- true: first on an app {}, then {} (p90 {})   command running after {} (first on an app {})   push to first 200 {}   web=10 up {}",
            median(0),
            median(1),
            ms(quantile(&figures[k][1], 0.9)),
            median(4),
            median(5),
            median(2),
            median(3),
        );
    }
    println!(
        "a dyno's start, sandboxed less unsandboxed, {STARTS} one-offs in turns: median {:.2} ms (p10 {:.2}, p90 {:.2})",
        over[over.len() / 2] * 1e3,
        over[over.len() / 10] * 1e3,
        over[over.len() * 9 / 10] * 1e3,
    );
}

/// A one-off whose command prints the moment it runs: its round trip, and how long after
/// `tug run` started its command ran.
fn timed_one_off(home: &Path, server: &Server, app: &str) -> (Duration, Duration) {
    let mut run = tug(home, server);
    run.args(["run", "-a", app, "--", "echo $EPOCHREALTIME"]);
    let sent = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs_f64();
    let start = Instant::now();
    let out = run.output().expect("run");
    let round_trip = start.elapsed();
    assert!(out.status.success(), "{out:?}");
    let ran: f64 = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("the time the command ran");
    (round_trip, Duration::from_secs_f64((ran - sent).max(0.0)))
}

const EMIT_PY: &str =
    "import time\nwhile True:\n    print(time.time(), flush=True)\n    time.sleep(0.01)\n";
const FLOOD_PY: &str = "import sys, time\nline = 'x' * 60 + '\\n'\nend = time.time() + 5\nn = 0\nwhile time.time() < end:\n    sys.stdout.write(line * 1000)\n    sys.stdout.flush()\n    n += 1000\n    time.sleep(0.01)\nprint('flood done', n, flush=True)\ntime.sleep(600)\n";

fn logs(server: &Server) {
    use std::io::BufRead;
    println!(
        "== logs (targets: write to tail p50 < 20 ms, p99 < 100 ms; API p99 < 20 ms under a 100,000 lines/s flood)"
    );
    let home = tempfile::tempdir().expect("home");
    let repo = home.path().join("logs");
    std::fs::create_dir_all(&repo).expect("repo");
    std::fs::write(
        repo.join("Procfile"),
        "emit: python3 emit.py\nflood: python3 flood.py\n",
    )
    .expect("Procfile");
    std::fs::write(repo.join("emit.py"), EMIT_PY).expect("emit.py");
    std::fs::write(repo.join("flood.py"), FLOOD_PY).expect("flood.py");
    ok(git(&repo, home.path(), &["init", "-q", "-b", "main"]));
    ok(git(&repo, home.path(), &["add", "-A"]));
    ok(git(&repo, home.path(), &["commit", "-q", "-m", "logs"]));
    let client = reqwest::blocking::Client::new();
    let api = |method: reqwest::Method, path: &str, body: serde_json::Value| {
        server.call(&client, method, path, body)
    };
    server.create_app(&client, "logbench", true);
    ok(server.push_command(home.path(), &repo, "logbench"));
    let tail = |dyno: &str| {
        let session: serde_json::Value = api(
            reqwest::Method::POST,
            "/apps/logbench/log-sessions",
            serde_json::json!({"tail": true, "lines": 0, "dyno": dyno}),
        )
        .json()
        .expect("session");
        let url = session["logplex_url"].as_str().expect("url").to_string();
        std::io::BufReader::new(
            reqwest::blocking::Client::new()
                .get(url)
                .send()
                .expect("tail"),
        )
    };
    let mut lines = tail("emit").lines();
    api(
        reqwest::Method::PATCH,
        "/apps/logbench/formation",
        serde_json::json!({"updates": [{"type": "emit", "quantity": 1}]}),
    );
    let mut latencies = vec![];
    while latencies.len() < 300 {
        let line = lines.next().expect("a line").expect("utf-8");
        let Some(sent) = line.rsplit(' ').next().and_then(|v| v.parse::<f64>().ok()) else {
            continue;
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs_f64();
        latencies.push(Duration::from_secs_f64((now - sent).max(0.0)));
    }
    api(
        reqwest::Method::PATCH,
        "/apps/logbench/formation",
        serde_json::json!({"updates": [{"type": "emit", "quantity": 0}]}),
    );
    latencies.sort();
    println!(
        "write to tail        p50 {}  p99 {}  (300 lines)",
        ms(quantile(&latencies, 0.5)),
        ms(quantile(&latencies, 0.99))
    );

    // The flood: count what a follower gets, and what L10 notices say it missed.
    let counter = std::thread::spawn({
        let reader = tail("flood");
        move || {
            let (mut got, mut dropped, mut total) = (0u64, 0u64, None);
            for line in reader.lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.split("Error L10 (output buffer overflow): ").nth(1) {
                    dropped += rest
                        .split(' ')
                        .next()
                        .and_then(|n| n.parse::<u64>().ok())
                        .unwrap_or(0);
                } else if let Some(n) = line.split("flood done ").nth(1) {
                    total = n.trim().parse::<u64>().ok();
                    break;
                } else if line.contains(" app[flood.1]: xxxx") {
                    got += 1;
                }
            }
            (got, dropped, total)
        }
    });
    api(
        reqwest::Method::PATCH,
        "/apps/logbench/formation",
        serde_json::json!({"updates": [{"type": "flood", "quantity": 1}]}),
    );
    let start = Instant::now();
    let mut api_times = vec![];
    while start.elapsed() < Duration::from_secs(5) {
        let t = Instant::now();
        let r = api(reqwest::Method::GET, "/apps", serde_json::json!({}));
        assert!(r.status().is_success());
        let _ = r.bytes();
        api_times.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(5));
    }
    let (got, dropped, total) = counter.join().expect("counter");
    api(
        reqwest::Method::PATCH,
        "/apps/logbench/formation",
        serde_json::json!({"updates": [{"type": "flood", "quantity": 0}]}),
    );
    api_times.sort();
    println!(
        "API under the flood  p50 {}  p99 {}  ({} requests)",
        ms(quantile(&api_times, 0.5)),
        ms(quantile(&api_times, 0.99)),
        api_times.len()
    );
    let total = total.unwrap_or(0);
    println!(
        "flood lines          written {total}  delivered {got}  counted in L10 {dropped}  unaccounted {}",
        total as i64 - got as i64 - dropped as i64
    );
}

/// `tug deploy` (checks, upload, build, release) next to a plain `git push` of the same change,
/// and a push to an app whose webhooks point at a dead and a silent receiver.
fn deploy(server: &Server) {
    const RUNS: usize = 10;
    println!("== deploy ({RUNS} runs each, interleaved; null buildpack, one-line change each run)");
    let home = tempfile::tempdir().expect("home");
    let repo = hello_repo(home.path());
    std::fs::write(
        repo.join("deploy.yml"),
        "envs:\n  - name: production\n    app: dep-deploy\n    auto_merge: true\n    required_contexts: [\"ci/test\"]\n",
    )
    .expect("deploy.yml");
    ok(git(&repo, home.path(), &["add", "-A"]));
    ok(git(
        &repo,
        home.path(),
        &["commit", "-q", "-m", "deploy.yml"],
    ));
    let client = reqwest::blocking::Client::new();
    let call = |method: reqwest::Method, path: String, body: serde_json::Value| {
        let r = server.call(&client, method, &path, body);
        assert!(r.status().is_success(), "{path}: {}", r.status());
    };
    // A receiver that is not there, and one that accepts and never answers.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr")
    };
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let silent_addr = silent.local_addr().expect("addr");
    std::thread::spawn(move || {
        let mut held = vec![];
        for stream in silent.incoming() {
            held.push(stream);
        }
    });
    for app in ["dep-push", "dep-hooked", "dep-deploy"] {
        server.create_app(&client, app, true);
    }
    for addr in [dead, silent_addr] {
        call(
            reqwest::Method::POST,
            "/apps/dep-hooked/webhooks".into(),
            serde_json::json!({
                "url": format!("http://{addr}/hook"),
                "include": ["api:build", "api:release", "api:formation", "api:deployment", "dyno"],
                "level": "sync",
            }),
        );
    }
    let (mut plain, mut hooked, mut deployed) = (vec![], vec![], vec![]);
    for i in 0..RUNS {
        commit_one_line(home.path(), &repo, i);
        let sha = String::from_utf8(
            git(&repo, home.path(), &["rev-parse", "HEAD"])
                .output()
                .expect("rev-parse")
                .stdout,
        )
        .expect("utf-8")
        .trim()
        .to_string();
        call(
            reqwest::Method::POST,
            format!("/apps/dep-deploy/commit-statuses/{sha}"),
            serde_json::json!({"context": "ci/test", "state": "success"}),
        );
        for (app, into) in [("dep-push", &mut plain), ("dep-hooked", &mut hooked)] {
            let (t, _) = measure(&mut server.push_command(home.path(), &repo, app));
            into.push(t);
        }
        let mut cmd = tug(home.path(), server);
        cmd.current_dir(&repo).args(["deploy", "-e", "production"]);
        let (t, _) = measure(&mut cmd);
        deployed.push(t);
    }
    for (label, mut times) in [
        ("git push             ", plain),
        ("git push, dead hooks ", hooked),
        ("tug deploy -e prod   ", deployed),
    ] {
        times.sort();
        println!(
            "{label} median {}  p90 {}",
            ms(quantile(&times, 0.5)),
            ms(quantile(&times, 0.9))
        );
    }
}

/// What `fairness` measured on one server.
struct Fairness {
    idle: Vec<Duration>,
    burst: Vec<Duration>,
    burst_get_errors: usize,
    burst_took: Duration,
    burst_conn_errors: usize,
    burst_refused: usize,
    guessing: Vec<Duration>,
    guessing_get_errors: usize,
    /// Answers to the wrong passwords: 401, 429, other status, connection errors.
    guesses: [usize; 4],
}

/// Another account's `GET /apps`, idle, during 1000 concurrent config PATCHes from one
/// account, and during 600 wrong passwords at 100/s; on this build and, when
/// `TUG_BENCH_BASELINE` names another `tug` binary, on that one.
fn fairness() {
    println!(
        "== fairness (targets: another account's GET /apps p99 < 50 ms during 1000 concurrent config PATCHes with no connection reset, < 20 ms during 600 wrong passwords at 100/s)"
    );
    let mut runs = vec![("this build".to_string(), fairness_on(TUG))];
    if let Ok(baseline) = std::env::var("TUG_BENCH_BASELINE") {
        runs.push((format!("baseline {baseline}"), fairness_on(&baseline)));
    }
    let cell = |f: &Fairness, row: usize| -> String {
        let lat = |v: &[Duration]| {
            if v.is_empty() {
                return "no answer".to_string();
            }
            format!(
                "p50 {}  p99 {}",
                ms(quantile(v, 0.5)),
                ms(quantile(v, 0.99))
            )
        };
        match row {
            0 => lat(&f.idle),
            1 => format!("{}  errors {}", lat(&f.burst), f.burst_get_errors),
            2 => format!(
                "{:.2} s, conn errors {}, non-200 {}",
                f.burst_took.as_secs_f64(),
                f.burst_conn_errors,
                f.burst_refused
            ),
            3 => format!("{}  errors {}", lat(&f.guessing), f.guessing_get_errors),
            _ => format!(
                "401 {}  429 {}  other {}  conn errors {}",
                f.guesses[0], f.guesses[1], f.guesses[2], f.guesses[3]
            ),
        }
    };
    let labels = [
        "GET /apps idle (100/s)",
        "GET /apps, 1000 PATCHes",
        "the PATCH burst",
        "GET /apps, 600 bad passwords",
        "the bad passwords",
    ];
    print!("{:<30}", "");
    for (name, _) in &runs {
        print!("{name:<46}");
    }
    println!();
    for (row, label) in labels.iter().enumerate() {
        print!("{label:<30}");
        for (_, f) in &runs {
            print!("{:<46}", cell(f, row));
        }
        println!();
    }
}

fn fairness_on(binary: &str) -> Fairness {
    let server = Server::start_binary(binary, &[]);
    let data = server._dir.path().join("data");
    let add_user = |email: &str, password: &str| -> String {
        use std::io::Write;
        let mut child = Command::new(binary)
            .args([
                "server",
                "users:add",
                email,
                "--password-stdin",
                "--data-dir",
            ])
            .arg(&data)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("users:add");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(format!("{password}\n").as_bytes())
            .expect("password");
        let out = child.wait_with_output().expect("users:add");
        assert!(out.status.success(), "users:add {email}");
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .trim()
            .to_string()
    };
    let noisy = add_user("noisy@example.com", "noisy password");
    let quiet = add_user("quiet@example.com", "quiet password");
    add_user("victim@example.com", "victim password");
    let client = reqwest::blocking::Client::new();
    for (token, app) in [(&noisy, "burst"), (&quiet, "calm")] {
        let r = client
            .post(format!("{}/apps", server.api))
            .bearer_auth(token)
            .header("Accept", "application/vnd.heroku+json; version=3")
            .json(&serde_json::json!({ "name": app }))
            .send()
            .expect("create app");
        assert!(r.status().is_success(), "create {app}: {}", r.status());
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let api = server.api.clone();
    rt.block_on(async move {
        // Open loop: a GET every 10 ms, each timed on its own, until `stop` resolves. The
        // quiet account is another client: its own thread and runtime, so the burst's client
        // work does not delay it inside this process.
        let probe = |stop: tokio::sync::oneshot::Receiver<()>| {
            let (url, token) = (format!("{api}/apps"), quiet.clone());
            let thread = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("probe runtime");
                rt.block_on(async move {
                    let client = reqwest::Client::new();
                    let mut stop = stop;
                    let mut tasks = vec![];
                    let mut tick = tokio::time::interval(Duration::from_millis(10));
                    loop {
                        tokio::select! {
                            _ = &mut stop => break,
                            _ = tick.tick() => {}
                        }
                        let (client, url, token) = (client.clone(), url.clone(), token.clone());
                        tasks.push(tokio::spawn(async move {
                            let t = Instant::now();
                            let r = client
                                .get(&url)
                                .bearer_auth(&token)
                                .header("Accept", "application/vnd.heroku+json; version=3")
                                .send()
                                .await;
                            match r {
                                Ok(r) if r.status().is_success() => {
                                    let _ = r.bytes().await;
                                    Some(t.elapsed())
                                }
                                _ => None,
                            }
                        }));
                    }
                    let (mut times, mut errors) = (vec![], 0);
                    for t in tasks {
                        match t.await.ok().flatten() {
                            Some(d) => times.push(d),
                            None => errors += 1,
                        }
                    }
                    times.sort();
                    (times, errors)
                })
            });
            tokio::task::spawn_blocking(move || thread.join().expect("probe thread"))
        };

        let (stop, stopped) = tokio::sync::oneshot::channel();
        let idle = probe(stopped);
        tokio::time::sleep(Duration::from_secs(3)).await;
        let _ = stop.send(());
        let (idle, _) = idle.await.expect("idle probe");

        // 1000 PATCHes at once from one account, one connection each.
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let during = probe(stopped);
        tokio::time::sleep(Duration::from_millis(100)).await;
        // One client: with no idle connection to reuse, each concurrent request opens its own
        // (a client per request would spend the machine's CPU on client set-up instead).
        let burst_client = reqwest::Client::new();
        let start = Instant::now();
        let writes: Vec<_> = (0..1000)
            .map(|i| {
                let url = format!("{api}/apps/burst/config-vars");
                let token = noisy.clone();
                let client = burst_client.clone();
                tokio::spawn(async move {
                    client
                        .patch(&url)
                        .bearer_auth(&token)
                        .header("Accept", "application/vnd.heroku+json; version=3")
                        .json(&serde_json::json!({ format!("KEY_{i}"): "v" }))
                        .send()
                        .await
                        .map(|r| r.status().is_success())
                })
            })
            .collect();
        let (mut conn_errors, mut refused) = (0, 0);
        for w in writes {
            match w.await.expect("write task") {
                Ok(true) => {}
                Ok(false) => refused += 1,
                Err(_) => conn_errors += 1,
            }
        }
        let burst_took = start.elapsed();
        let _ = stop.send(());
        let (burst, burst_get_errors) = during.await.expect("burst probe");

        // 600 wrong passwords for one account at 100/s from one address.
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let during = probe(stopped);
        let guesser = reqwest::Client::new();
        let start = tokio::time::Instant::now();
        let mut guesses = vec![];
        for i in 0..600u32 {
            tokio::time::sleep_until(start + Duration::from_millis(10) * i).await;
            let (client, url) = (guesser.clone(), format!("{api}/oauth/authorizations"));
            guesses.push(tokio::spawn(async move {
                client
                    .post(&url)
                    .basic_auth("victim@example.com", Some(format!("guess {i}")))
                    .header("Accept", "application/vnd.heroku+json; version=3")
                    .json(&serde_json::json!({}))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            }));
        }
        let mut counts = [0usize; 4];
        for g in guesses {
            match g.await.expect("guess task") {
                Ok(401) => counts[0] += 1,
                Ok(429) => counts[1] += 1,
                Ok(_) => counts[2] += 1,
                Err(_) => counts[3] += 1,
            }
        }
        let _ = stop.send(());
        let (guessing, guessing_get_errors) = during.await.expect("guessing probe");
        Fairness {
            idle,
            burst,
            burst_get_errors,
            burst_took,
            burst_conn_errors: conn_errors,
            burst_refused: refused,
            guessing,
            guessing_get_errors,
            guesses: counts,
        }
    })
}

/// From revoking a token to the end of a log stream it opened (a tail on a quiet app, so only
/// the revocation ends it), over 20 tokens. Each stream is revoked at a different point of the
/// server's periodic recheck (every 400 ms): 300 to 700 ms after it opened, in 20 ms steps.
fn revoke(server: &Server) {
    use std::io::Read;
    println!("== revoke (target: an open log stream ends < 1 s after its token is revoked)");
    let client = reqwest::blocking::Client::new();
    server.call(
        &client,
        reqwest::Method::POST,
        "/apps",
        serde_json::json!({"name": "revokebench"}),
    );
    let mut times = vec![];
    for i in 0..20u64 {
        let made: serde_json::Value = server
            .call(
                &client,
                reqwest::Method::POST,
                "/oauth/authorizations",
                serde_json::json!({"description": "bench"}),
            )
            .json()
            .expect("authorization");
        let token = made["access_token"]["token"].as_str().expect("token");
        let id = made["id"].as_str().expect("id");
        let session: serde_json::Value = client
            .post(format!("{}/apps/revokebench/log-sessions", server.api))
            .bearer_auth(token)
            .header("Accept", "application/vnd.heroku+json; version=3")
            .json(&serde_json::json!({"tail": true}))
            .send()
            .expect("session")
            .json()
            .expect("session");
        let url = session["logplex_url"].as_str().expect("url");
        let mut stream = client.get(url).send().expect("stream");
        assert!(stream.status().is_success());
        std::thread::sleep(Duration::from_millis(300 + 20 * i));
        // From sending the revocation: an upper bound on the time the stream outlives it.
        let revoked = Instant::now();
        let r = server.call(
            &client,
            reqwest::Method::DELETE,
            &format!("/oauth/authorizations/{id}"),
            serde_json::json!({}),
        );
        assert!(r.status().is_success());
        let mut rest = vec![];
        let _ = stream.read_to_end(&mut rest);
        times.push(revoked.elapsed());
    }
    times.sort();
    println!(
        "revoke to stream end p50 {}  max {}  (20 tokens)",
        ms(quantile(&times, 0.5)),
        ms(*times.last().expect("runs"))
    );
}
