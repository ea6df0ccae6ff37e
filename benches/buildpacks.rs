//! `cargo bench --bench buildpacks` prints how long the built-in buildpacks take on real
//! framework apps: a Django project (WhiteNoise, gunicorn) and an Express app with a `build`
//! script, generated as the framework tests make them (packages from PyPI and npm). For each, the
//! first `git push` to a fresh app (everything downloaded and installed) and the median of three
//! pushes of the unchanged app after it (dependencies restored from the build cache), each timed
//! from the start of `git push` to its end (the build, slug and release). Groups: `django`,
//! `node`. Targets: a second build under 3 s for each.

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::apps::{django_project, express_app};
use common::push::{commit, push};
use common::{Home, TestServer};

fn main() {
    let groups: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let want = |g: &str| groups.is_empty() || groups.iter().any(|x| x == g);
    let server = TestServer::start();
    let home = server.admin();
    if want("django") {
        let dir = django_project(&home);
        report("django", &server, &home, &dir, "benchdjango");
    }
    if want("node") {
        let dir = express_app(&home);
        report("node (express)", &server, &home, &dir, "benchnode");
    }
}

fn timed_push(server: &TestServer, home: &Home, dir: &Path, app: &str) -> Duration {
    let url = format!("{}/{app}.git", server.api_url);
    let started = Instant::now();
    let (ok, out) = push(home, dir, Some(&server.admin_token), &[&url, "main"]);
    let took = started.elapsed();
    assert!(ok, "push to {app} failed:\n{out}");
    took
}

fn report(name: &str, server: &TestServer, home: &Home, dir: &Path, app: &str) {
    let created = server.http().call(
        "POST",
        "/apps",
        Some(&server.admin_token),
        Some(serde_json::json!({ "name": app })),
    );
    assert_eq!(created.status, 201, "{:?}", created.body);
    let first = timed_push(server, home, dir, app);
    let mut again: Vec<Duration> = (0..3)
        .map(|i| {
            commit(home, dir, &[], &format!("unchanged {i}"));
            timed_push(server, home, dir, app)
        })
        .collect();
    again.sort();
    println!(
        "{name:<16} first build {:>7.2} s   second build (unchanged app, median of 3) {:>6.2} s   (runs: {})",
        first.as_secs_f64(),
        again[1].as_secs_f64(),
        again
            .iter()
            .map(|d| format!("{:.2}", d.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ")
    );
}
