//! `cargo bench --bench secrets` prints what sealing secrets at rest costs, against a real
//! `tug server` in a temp dir: reading an app's config (each read opens a sealed snapshot), a
//! start on a database of many sealed releases (the start checks that every value opens) next
//! to a start on an empty one, and `tug server secrets:rotate` on that database.
//! The machine may be noisy: compare within a run.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

const TUG: &str = env!("CARGO_BIN_EXE_tug");

/// Config changes made before measuring: each one is a release holding a sealed snapshot.
const RELEASES: usize = 1000;
/// Config vars in each snapshot.
const VARS: usize = 20;
/// `GET /config-vars` requests timed.
const READS: usize = 300;

/// Starts `tug server` on `data` and waits for `server.json`; answers the child, the API URL
/// and how long the start took.
fn boot(data: &Path) -> (Child, String, Duration) {
    let _ = std::fs::remove_file(data.join("server.json"));
    let start = Instant::now();
    let child = Command::new(TUG)
        .args(["server", "--api", "127.0.0.1:0", "--router", "127.0.0.1:0"])
        .arg("--data-dir")
        .arg(data)
        .env("RUST_LOG", "tug=warn")
        .env_remove("TUG_SECRET_KEY_FILE")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start tug server");
    let deadline = Instant::now() + Duration::from_secs(60);
    let state: serde_json::Value = loop {
        if let Ok(t) = std::fs::read_to_string(data.join("server.json"))
            && let Ok(v) = serde_json::from_str(&t)
        {
            break v;
        }
        assert!(Instant::now() < deadline, "tug server did not start");
        std::thread::sleep(Duration::from_millis(2));
    };
    let api = state["api"].as_str().expect("api url").to_string();
    (child, api, start.elapsed())
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().expect("wait");
    assert!(status.success(), "tug server exit: {status}");
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn main() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    println!(
        "== secrets (targets: GET config-vars p99 < 5 ms; a start with {RELEASES} sealed releases at most 0.5 s over an empty one; secrets:rotate < 2 s)"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let (child, api, empty_start) = boot(&data);
    let token = std::fs::read_to_string(data.join("admin.token"))
        .expect("admin.token")
        .trim()
        .to_string();
    let client = reqwest::blocking::Client::new();
    let call = |method: reqwest::Method, path: &str, body: Option<serde_json::Value>| {
        let mut req = client
            .request(method, format!("{api}{path}"))
            .bearer_auth(&token)
            .header("Accept", "application/vnd.heroku+json; version=3");
        if let Some(body) = body {
            req = req.json(&body);
        }
        let r = req.send().expect("api");
        assert!(r.status().is_success(), "{path}: {}", r.status());
        r.bytes().expect("body")
    };
    call(
        reqwest::Method::POST,
        "/apps",
        Some(json!({ "name": "sealed" })),
    );
    let vars: serde_json::Map<String, serde_json::Value> = (0..VARS)
        .map(|i| (format!("VAR_{i}"), json!("x".repeat(40))))
        .collect();
    call(
        reqwest::Method::PATCH,
        "/apps/sealed/config-vars",
        Some(serde_json::Value::Object(vars)),
    );
    for i in 0..RELEASES {
        call(
            reqwest::Method::PATCH,
            "/apps/sealed/config-vars",
            Some(json!({ "N": i.to_string() })),
        );
    }

    let mut reads = Vec::with_capacity(READS);
    for _ in 0..READS {
        let t = Instant::now();
        call(reqwest::Method::GET, "/apps/sealed/config-vars", None);
        reads.push(t.elapsed());
    }
    reads.sort();
    println!(
        "GET config-vars        p50 {}  p99 {}  ({READS} requests, {} vars)",
        ms(quantile(&reads, 0.5)),
        ms(quantile(&reads, 0.99)),
        VARS + 1
    );
    stop(child);

    let (child, _, sealed_start) = boot(&data);
    stop(child);
    println!(
        "start                  empty data dir {}   {} sealed releases {}",
        ms(empty_start),
        RELEASES + 2,
        ms(sealed_start)
    );

    let t = Instant::now();
    let out = Command::new(TUG)
        .args(["server", "secrets:rotate", "--data-dir"])
        .arg(&data)
        .env_remove("TUG_SECRET_KEY_FILE")
        .output()
        .expect("secrets:rotate");
    let rotate = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "secrets:rotate         {}  ({} sealed releases)",
        ms(rotate),
        RELEASES + 2
    );
}
