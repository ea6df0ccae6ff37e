//! Running apps: a push serves through the real router, scaling, config changes reaching the
//! dynos, crashes coming back, the release phase, one-off dynos over the attach protocol,
//! no failed request while deploys and restarts happen, and a server restart.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::json;

use crate::common::dynos::{dynos, get, run, start};
use crate::common::push::{commit, deploy, push_app};
use crate::common::{TestServer, wait_for};

/// The app the tests deploy: one line per GET.
fn app_py() -> String {
    crate::common::dynos::answering_app(
        r#"{os.environ.get('DYNO')} {os.environ.get('GREETING', '-')} {open('VERSION').read().strip()}"#,
    )
}

#[test]
fn push_serves_scales_and_follows_config() {
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    assert_eq!(get(&server, "nope").0, 404);
    deploy(
        &server,
        &home,
        "runs",
        &[
            ("Procfile", "web: python3 app.py\n"),
            ("app.py", app_py().as_str()),
            ("VERSION", "one"),
        ],
    );
    assert_eq!(
        get(&server, "runs"),
        (200, "web.1 - one\n".into()),
        "served as soon as the push ends"
    );
    assert_eq!(
        dynos(&server, "runs"),
        [("web.1".to_string(), "up".to_string())]
    );

    let r = http.call(
        "PATCH",
        "/apps/runs/formation",
        t,
        Some(json!({"updates": [{"type": "web", "quantity": 3}]})),
    );
    assert_eq!(r.status, 200);
    wait_for("three web dynos up", || {
        dynos(&server, "runs")
            .iter()
            .filter(|(_, s)| s == "up")
            .count()
            == 3
    });
    let mut seen: Vec<String> = (0..9).map(|_| get(&server, "runs").1).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen,
        ["web.1 - one\n", "web.2 - one\n", "web.3 - one\n"],
        "spread over every dyno"
    );
    http.call(
        "PATCH",
        "/apps/runs/formation",
        t,
        Some(json!({"updates": [{"type": "web", "quantity": 1}]})),
    );
    wait_for("scaled down", || dynos(&server, "runs").len() == 1);

    http.call(
        "PATCH",
        "/apps/runs/config-vars",
        t,
        Some(json!({"GREETING": "hi"})),
    );
    wait_for("config in the dyno", || {
        get(&server, "runs").1 == "web.1 hi one\n"
    });

    // A burst of config changes: every one is a release, but the dynos restart a few times,
    // not once per change, and end on the last one.
    let starts = || {
        let out = home.tug(&["logs", "-a", "runs", "-n", "1500"]).ok();
        out.stdout
            .matches("Starting process with command `python3")
            .count()
    };
    let before = starts();
    let burst: Vec<_> = (0..20)
        .map(|i| {
            let http = server.http();
            let token = server.admin_token.clone();
            std::thread::spawn(move || {
                let body = json!({ "GREETING": format!("b{i}") });
                http.call("PATCH", "/apps/runs/config-vars", Some(&token), Some(body))
                    .status
            })
        })
        .collect();
    for change in burst {
        assert_eq!(change.join().unwrap(), 200);
    }
    let last = http.call("GET", "/apps/runs/config-vars", t, None).body["GREETING"]
        .as_str()
        .unwrap()
        .to_string();
    wait_for("the last change in the dyno", || {
        get(&server, "runs").1 == format!("web.1 {last} one\n")
    });
    let restarts = starts() - before;
    assert!(
        (1..10).contains(&restarts),
        "20 changes restarted the web dyno {restarts} times"
    );

    http.call("PATCH", "/apps/runs", t, Some(json!({"maintenance": true})));
    assert_eq!(get(&server, "runs").0, 503);
    http.call(
        "PATCH",
        "/apps/runs",
        t,
        Some(json!({"maintenance": false})),
    );
    assert_eq!(get(&server, "runs").0, 200);

    let r = http.call("DELETE", "/apps/runs/dynos/web.9", t, None);
    assert_eq!(r.status, 404);
    http.call(
        "PATCH",
        "/apps/runs/formation",
        t,
        Some(json!({"updates": [{"type": "web", "quantity": 0}]})),
    );
    wait_for("no dynos", || dynos(&server, "runs").is_empty());
    assert_eq!(get(&server, "runs").0, 503, "H14");
}

#[test]
fn crashes_come_back_and_a_failed_release_keeps_the_old_one() {
    let server = start();
    let home = server.admin();
    let dir = deploy(
        &server,
        &home,
        "crashy",
        &[
            (
                "Procfile",
                "web: python3 app.py\nworker: sh -c 'sleep 0.3; exit 7'\n",
            ),
            ("app.py", app_py().as_str()),
            ("VERSION", "one"),
        ],
    );
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call(
        "PATCH",
        "/apps/crashy/formation",
        t,
        Some(json!({"updates": [{"type": "worker", "quantity": 1}]})),
    );
    wait_for("the worker crashed", || {
        dynos(&server, "crashy")
            .iter()
            .any(|(n, s)| n == "worker.1" && s == "crashed")
    });
    wait_for("the worker restarted", || {
        dynos(&server, "crashy")
            .iter()
            .any(|(n, s)| n == "worker.1" && s == "up")
    });

    // A release phase that fails: the push is refused and v-old keeps serving.
    commit(
        &home,
        &dir,
        &[
            (
                "Procfile",
                "web: python3 app.py\nrelease: sh -c 'echo migrating; exit 4'\n",
            ),
            ("VERSION", "two"),
        ],
        "release phase",
    );
    let out = push_app(&server, &home, &dir, "crashy", false);
    assert!(
        out.contains("migrating") && out.contains("exited with status 4"),
        "{out}"
    );
    assert_eq!(get(&server, "crashy").1, "web.1 - one\n");
    // A web process that never binds its port: R10, the push fails, the old one serves.
    commit(
        &home,
        &dir,
        &[("Procfile", "web: sleep 600\n"), ("VERSION", "three")],
        "never binds",
    );
    // The boot timeout (10 s here) ends the push; the message says it was that.
    let out = push_app(&server, &home, &dir, "crashy", false);
    assert!(out.contains("did not come up"), "{out}");
    assert_eq!(get(&server, "crashy").1, "web.1 - one\n");
    let releases = http.call("GET", "/apps/crashy/releases", t, None).body;
    let statuses: Vec<&str> = releases
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["succeeded", "succeeded", "failed", "failed"]);
}

#[test]
fn no_request_fails_during_deploys_and_restarts() {
    let server = start();
    let home = server.admin();
    let dir = deploy(
        &server,
        &home,
        "steady",
        &[
            ("Procfile", "web: python3 app.py\n"),
            ("app.py", app_py().as_str()),
            ("VERSION", "one"),
        ],
    );
    let stop = Arc::new(AtomicBool::new(false));
    let (ok, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let router = server.router_url.clone();
    let load = {
        let (stop, ok, failed) = (stop.clone(), ok.clone(), failed.clone());
        std::thread::spawn(move || {
            let client = reqwest::blocking::Client::new();
            let mut errors = vec![];
            while !stop.load(Ordering::Relaxed) {
                let r = client
                    .get(format!("{router}/"))
                    .header("Host", "steady.localhost")
                    .timeout(Duration::from_secs(10))
                    .send();
                match r {
                    Ok(r) if r.status().is_success() => ok.fetch_add(1, Ordering::Relaxed),
                    Ok(r) => {
                        errors.push(r.status().to_string());
                        failed.fetch_add(1, Ordering::Relaxed)
                    }
                    Err(e) => {
                        errors.push(e.to_string());
                        failed.fetch_add(1, Ordering::Relaxed)
                    }
                };
                std::thread::sleep(Duration::from_millis(5));
            }
            errors
        })
    };
    commit(&home, &dir, &[("VERSION", "two")], "two");
    push_app(&server, &home, &dir, "steady", true);
    assert_eq!(get(&server, "steady").1, "web.1 - two\n");
    let r = server.http().call(
        "DELETE",
        "/apps/steady/dynos",
        Some(&server.admin_token),
        None,
    );
    assert_eq!(r.status, 200);
    // The load goes on across the restart: a few more requests must have been answered.
    let answered = || ok.load(Ordering::Relaxed) + failed.load(Ordering::Relaxed);
    let before = answered();
    wait_for("requests after the restart", || answered() >= before + 20);
    stop.store(true, Ordering::Relaxed);
    let errors = load.join().unwrap();
    assert!(ok.load(Ordering::Relaxed) > 20, "the load ran");
    assert_eq!(
        failed.load(Ordering::Relaxed),
        0,
        "failed requests: {errors:?}"
    );
}

#[test]
fn one_off_dynos_and_a_server_restart() {
    let mut server = start();
    let home = server.admin();
    deploy(
        &server,
        &home,
        "oneoff",
        &[
            ("Procfile", "web: python3 app.py\n"),
            ("app.py", app_py().as_str()),
            ("VERSION", "one"),
        ],
    );
    let (out, err, code) = run(
        &server,
        "oneoff",
        "cat; echo \"$DYNO\"; echo oops >&2; exit 3",
        b"from stdin\n",
    );
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        ("from stdin\nrun.1\n", "oops\n", 3)
    );
    let (out, _, code) = run(&server, "oneoff", "cat VERSION", b"");
    assert_eq!((out.as_str(), code), ("one", 0), "runs in the slug");
    let http = server.http();
    let r = http.call(
        "POST",
        "/apps/oneoff/dynos",
        Some(&server.admin_token),
        Some(json!({"command": "  "})),
    );
    assert_eq!(r.status, 422);

    server.restart();
    wait_for("dynos back after a restart", || {
        get(&server, "oneoff").0 == 200
    });
    assert_eq!(get(&server, "oneoff").1, "web.1 - one\n");
    let pid = server.pid();
    assert_eq!(server.stop(), Some(0));
    // No dyno outlives the server.
    let ps = std::process::Command::new("ps")
        .args(["-eo", "ppid,args"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&ps.stdout);
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{pid} "))),
        "{text}"
    );
}

/// A release's status (`pending`, `succeeded`, `failed`).
fn release_status(server: &TestServer, app: &str, version: u64) -> String {
    let path = format!("/apps/{app}/releases/{version}");
    let r = server
        .http()
        .call("GET", &path, Some(&server.admin_token), None);
    r.body["status"].as_str().unwrap_or_default().to_owned()
}

/// The newest release's version, whatever its status.
fn latest_version(server: &TestServer, app: &str) -> u64 {
    let path = format!("/apps/{app}/releases");
    let r = server
        .http()
        .call("GET", &path, Some(&server.admin_token), None);
    r.body.as_array().unwrap().last().unwrap()["version"]
        .as_u64()
        .unwrap()
}

/// Heroku runs the release command for every new release, not only a build's: a config change
/// whose release command fails leaves the previous release running, and says why.
#[test]
fn every_release_runs_the_release_command() {
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    deploy(
        &server,
        &home,
        "phased",
        &[
            (
                "Procfile",
                "web: python3 app.py\nrelease: sh -c 'echo phase for $GREETING; test \"$GREETING\" != broken'\n",
            ),
            ("app.py", app_py().as_str()),
            ("VERSION", "one"),
        ],
    );
    let status_of = |version: u64| release_status(&server, "phased", version);
    let current = || latest_version(&server, "phased");

    // A config change: its release waits for the release command, then the dynos follow.
    let r = http.call(
        "PATCH",
        "/apps/phased/config-vars",
        t,
        Some(json!({"GREETING": "hello"})),
    );
    assert_eq!(r.status, 200);
    let good = current();
    wait_for("the good release to pass its release command", || {
        status_of(good) == "succeeded"
    });
    wait_for("the dynos to follow", || {
        get(&server, "phased").1 == "web.1 hello one\n"
    });

    // One whose release command fails: failed, and the dynos keep the previous release.
    http.call(
        "PATCH",
        "/apps/phased/config-vars",
        t,
        Some(json!({"GREETING": "broken"})),
    );
    let bad = current();
    assert_ne!(bad, good);
    wait_for("the bad release to fail", || status_of(bad) == "failed");
    assert_eq!(get(&server, "phased").1, "web.1 hello one\n");
    let logs = home.tug(&["logs", "-a", "phased", "-n", "200"]).stdout;
    assert!(logs.contains("phase for broken"), "{logs}");
    assert!(
        logs.contains(&format!(
            "Release v{bad} failed: the release command exited with status 1"
        )),
        "{logs}"
    );
    // `releases:output` shows what the command printed, through the release's stream URL.
    let output = home
        .tug(&["releases:output", &format!("v{bad}"), "-a", "phased"])
        .ok();
    assert!(
        output.stdout.contains("phase for broken"),
        "{}",
        output.stdout
    );
    assert!(
        output.stderr.contains(&format!("Release v{bad} failed")),
        "{}",
        output.stderr
    );
    let url = http
        .call("GET", &format!("/apps/phased/releases/{bad}"), t, None)
        .body["output_stream_url"]
        .as_str()
        .expect("a release that ran a release command has an output URL")
        .to_owned();
    let fetch = |url: &str| reqwest::blocking::get(url).unwrap();
    let read = fetch(&url);
    assert_eq!(read.status(), 200);
    assert!(read.text().unwrap().contains("phase for broken"));
    // The URL is the capability: a secret changed by one character opens nothing.
    let mut forged = url.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == '0' { '1' } else { '0' });
    let refused = fetch(&forged);
    assert_eq!(refused.status(), 404);
    assert!(!refused.text().unwrap().contains("phase"));
    // The first release (made with the app) ran no command: no URL, and the CLI says so.
    let first = http.call("GET", "/apps/phased/releases/1", t, None);
    assert!(first.body["output_stream_url"].is_null(), "{}", first.body);
    let none = home.tug(&["releases:output", "v1", "-a", "phased"]).ok();
    assert!(
        none.stderr.contains("no release command output"),
        "{}",
        none.stderr
    );

    // A restart still runs the last release that passed.
    home.tug(&["ps:restart", "-a", "phased"]).ok();
    wait_for("web.1 back", || get(&server, "phased").0 == 200);
    assert_eq!(get(&server, "phased").1, "web.1 hello one\n");
}

/// A rollback is a new release too: its release command runs (the target's code, with the
/// target's config), and when it fails the dynos keep what they ran.
#[test]
fn a_rollback_runs_the_release_command() {
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    // The command fails in the release whose version FAIL_AT names (dyno metadata gives it).
    let procfile = "web: python3 app.py\nrelease: sh -c 'echo phase in $HEROKU_RELEASE_VERSION; test \"${HEROKU_RELEASE_VERSION:-none}\" != \"${FAIL_AT:-unset}\"'\n";
    let files = [
        ("Procfile", procfile),
        ("app.py", &app_py()),
        ("VERSION", "one"),
    ];
    deploy(&server, &home, "rolled", &files);
    home.tug(&["labs:enable", "runtime-dyno-metadata", "-a", "rolled"])
        .ok();
    let set = |config: serde_json::Value| {
        let r = http.call("PATCH", "/apps/rolled/config-vars", t, Some(config));
        assert_eq!(r.status, 200, "{:?}", r.body);
        let version = latest_version(&server, "rolled");
        wait_for("the config release to pass", || {
            release_status(&server, "rolled", version) == "succeeded"
        });
        version
    };
    let rollback = |to: u64| {
        let r = http.call(
            "POST",
            "/apps/rolled/releases",
            t,
            Some(json!({"release": to.to_string()})),
        );
        assert_eq!(r.status, 201, "{:?}", r.body);
        r.body["version"].as_u64().unwrap()
    };
    let hello = set(json!({"GREETING": "hello"}));
    set(json!({"GREETING": "later"}));
    wait_for("the dynos on `later`", || {
        get(&server, "rolled").1 == "web.1 later one\n"
    });

    // Back to `hello`: the command runs in the new release, passes, and the dynos follow.
    let back = rollback(hello);
    wait_for("the rollback to pass its release command", || {
        release_status(&server, "rolled", back) == "succeeded"
    });
    wait_for("the dynos back on `hello`", || {
        get(&server, "rolled").1 == "web.1 hello one\n"
    });
    let output = home
        .tug(&["releases:output", &format!("v{back}"), "-a", "rolled"])
        .ok();
    assert!(
        output.stdout.contains(&format!("phase in v{back}")),
        "{}",
        output.stdout
    );

    // A target whose config makes the command fail once rolled back to: the rollback fails.
    let armed = latest_version(&server, "rolled") + 1;
    let armed_at = set(json!({"GREETING": "armed", "FAIL_AT": format!("v{}", armed + 2)}));
    assert_eq!(armed_at, armed);
    set(json!({"GREETING": "last"}));
    wait_for("the dynos on `last`", || {
        get(&server, "rolled").1 == "web.1 last one\n"
    });
    let failed = rollback(armed);
    assert_eq!(failed, armed + 2);
    wait_for("the failing rollback to fail", || {
        release_status(&server, "rolled", failed) == "failed"
    });
    assert_eq!(get(&server, "rolled").1, "web.1 last one\n");
    let logs = home.tug(&["logs", "-a", "rolled", "-n", "300"]).stdout;
    assert!(
        logs.contains(&format!(
            "Release v{failed} failed: the release command exited with status 1"
        )),
        "{logs}"
    );
    let output = home
        .tug(&["releases:output", &format!("v{failed}"), "-a", "rolled"])
        .ok();
    assert!(
        output.stdout.contains(&format!("phase in v{failed}")),
        "{}",
        output.stdout
    );
}
