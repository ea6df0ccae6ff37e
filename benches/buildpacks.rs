//! `cargo bench --bench buildpacks` prints how long the built-in buildpacks take on real
//! framework apps: a Django project (WhiteNoise, gunicorn) and an Express app with a `build`
//! script, generated as the framework tests make them (packages from PyPI and npm). For each, the
//! first `git push` to a fresh app (everything downloaded and installed) and the median of three
//! pushes of the unchanged app after it (dependencies restored from the build cache). Each push
//! gives two figures: the build, from the start of `git push` until the slug is written (what
//! the targets are about), and the whole push, which adds the release and waiting for its web
//! dyno to come up. Groups: `django`, `node`. Targets: a second build under 3 s for each.
//!
//! `--against DIR` measures, side by side in the same run, the same app built by the buildpacks
//! in DIR (`DIR/python`, `DIR/node`: another version of `buildpacks/`, for example
//! `git archive main buildpacks | tar -x -C /tmp/before`), set as local buildpacks (DIR must be
//! under the temp dir, which the bench's server allows). The pushes alternate between the two
//! apps, so both see the same load. The built-in side also runs the detection the other skips,
//! so the comparison leans against it.

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::apps::{django_project, express_app};
use common::push::commit;
use common::{Home, TestServer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let against = args
        .iter()
        .position(|a| a == "--against")
        .and_then(|i| args.get(i + 1))
        .map(|dir| std::path::absolute(dir).unwrap_or_else(|e| panic!("--against {dir}: {e}")));
    let groups: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with('-') && (*i == 0 || args[i - 1] != "--against"))
        .map(|(_, a)| a)
        .collect();
    let want = |g: &str| groups.is_empty() || groups.iter().any(|x| *x == g);
    let server = TestServer::start();
    let home = server.admin();
    let variants = |app: &str, lang: &str| {
        let mut all = vec![Variant {
            label: "built-in".to_owned(),
            app: app.to_owned(),
            buildpack: None,
        }];
        if let Some(dir) = &against {
            let pack = dir.join(lang);
            assert!(
                pack.join("bin/compile").is_file(),
                "no {}/bin/compile",
                pack.display()
            );
            all.push(Variant {
                label: format!("{}", pack.display()),
                app: format!("{app}against"),
                buildpack: Some(pack.display().to_string()),
            });
        }
        all
    };
    if want("django") {
        let dir = django_project(&home);
        report(
            "django",
            &server,
            &home,
            &dir,
            &variants("benchdjango", "python"),
        );
    }
    if want("node") {
        let dir = express_app(&home);
        report(
            "node (express)",
            &server,
            &home,
            &dir,
            &variants("benchnode", "node"),
        );
    }
}

/// One way of building the app: the built-in buildpacks, or the local buildpack at `buildpack`.
struct Variant {
    label: String,
    app: String,
    buildpack: Option<String>,
}

/// One push's figures: the build (from the start of `git push` until the slug is written, as
/// `-----> Compressing... done` says) and the whole push (the release and its web dynos coming up
/// included).
#[derive(Clone, Copy)]
struct Timing {
    build: Duration,
    total: Duration,
}

/// `git push`, reading its output as it streams to time the moment the slug is written.
fn timed_push(server: &TestServer, home: &Home, dir: &Path, app: &str) -> Timing {
    let url = format!("{}/{app}.git", server.api_url);
    let mut cmd = Command::new("git");
    home.apply_env(&mut cmd);
    cmd.current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .args([
            "-c",
            &format!(
                "http.extraHeader=Authorization: Bearer {}",
                server.admin_token
            ),
        ])
        .args(["push", "--progress", &url, "main"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("git push");
    let mut stderr = child.stderr.take().expect("stderr");
    let (mut output, mut chunk, mut build) = (Vec::new(), [0u8; 8192], None);
    loop {
        let n = stderr.read(&mut chunk).expect("read git's output");
        if n == 0 {
            break;
        }
        output.extend_from_slice(&chunk[..n]);
        if build.is_none() && contains(&output, b"-----> Compressing") {
            build = Some(started.elapsed());
        }
    }
    let ok = child.wait().expect("git push").success();
    let total = started.elapsed();
    let text = String::from_utf8_lossy(&output);
    assert!(ok, "push to {app} failed:\n{text}");
    Timing {
        build: build.unwrap_or_else(|| panic!("no `Compressing` line in:\n{text}")),
        total,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn report(name: &str, server: &TestServer, home: &Home, dir: &Path, variants: &[Variant]) {
    let load_before = load();
    for v in variants {
        create_app(server, v);
    }
    let firsts: Vec<Timing> = variants
        .iter()
        .map(|v| timed_push(server, home, dir, &v.app))
        .collect();
    let mut again: Vec<Vec<Timing>> = variants.iter().map(|_| Vec::new()).collect();
    for i in 0..3 {
        commit(home, dir, &[], &format!("unchanged {i}"));
        for (v, runs) in variants.iter().zip(again.iter_mut()) {
            runs.push(timed_push(server, home, dir, &v.app));
        }
    }
    for ((v, first), runs) in variants.iter().zip(&firsts).zip(&again) {
        print_line(name, v, first, runs);
    }
    println!(
        "{name:<16} load average (1, 5, 15 min) before: {load_before}; after: {}",
        load()
    );
}

/// The machine's load averages, as `uptime` prints them: the figures mean little without them
/// on shared cores.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn create_app(server: &TestServer, v: &Variant) {
    let created = server.http().call(
        "POST",
        "/apps",
        Some(&server.admin_token),
        Some(serde_json::json!({ "name": v.app })),
    );
    assert_eq!(created.status, 201, "{:?}", created.body);
    if let Some(pack) = &v.buildpack {
        let set = server.http().call(
            "PUT",
            &format!("/apps/{}/buildpack-installations", v.app),
            Some(&server.admin_token),
            Some(serde_json::json!({ "updates": [{ "buildpack": pack }] })),
        );
        assert_eq!(set.status, 200, "{:?}", set.body);
    }
}

fn print_line(name: &str, v: &Variant, first: &Timing, again: &[Timing]) {
    let median = |pick: fn(&Timing) -> Duration| {
        let mut all: Vec<Duration> = again.iter().map(pick).collect();
        all.sort();
        all[1]
    };
    let secs = |pick: fn(&Timing) -> Duration| {
        again
            .iter()
            .map(|t| format!("{:.2}", pick(t).as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "{name:<16} [{}] first build {:>6.2} s (push {:>6.2} s)   second build, unchanged (median of 3) {:>5.2} s (push {:>6.2} s)   builds: {}   pushes: {}",
        v.label,
        first.build.as_secs_f64(),
        first.total.as_secs_f64(),
        median(|t| t.build).as_secs_f64(),
        median(|t| t.total).as_secs_f64(),
        secs(|t| t.build),
        secs(|t| t.total),
    );
}
