//! The log hub through log sessions: history from every source after a push, filters, a tail
//! that sees new lines, and capability URLs that need no token but cannot be forged.

use std::io::{BufRead, BufReader};
use std::time::Duration;

use serde_json::json;

use crate::common::TestServer;

fn session(server: &TestServer, app: &str, body: serde_json::Value) -> String {
    let r = server.http().call(
        "POST",
        &format!("/apps/{app}/log-sessions"),
        Some(&server.admin_token),
        Some(body),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    r.body["logplex_url"].as_str().unwrap().to_string()
}

#[test]
fn history_filters_and_tail() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "logged"})));
    http.call(
        "PUT",
        "/apps/logged/buildpack-installations",
        t,
        Some(json!({"updates": [{"buildpack": "null"}]})),
    );
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hello");
    let files: Vec<(String, String)> = ["Procfile", "app.py"]
        .iter()
        .map(|f| {
            (
                f.to_string(),
                std::fs::read_to_string(example.join(f)).unwrap(),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = crate::git_push::repo(&home, &files);
    let url = format!("{}/logged.git", server.api_url);
    let (ok, out) = crate::git_push::push(&home, &dir, &url, Some(&server.admin_token), "main");
    assert!(ok, "{out}");
    let get = |url: &str| reqwest::blocking::get(url).unwrap().text().unwrap();
    let req = || {
        reqwest::blocking::Client::new()
            .get(format!("{}/", server.router_url))
            .header("Host", "logged.localhost")
            .send()
            .unwrap()
    };
    assert_eq!(req().status().as_u16(), 200);
    let needles = [
        "app[api]: Release v2 created by admin@localhost",
        "heroku[build]: -----> Building on the local stack",
        "heroku[web.1]: Starting process with command `python3 app.py`",
        "heroku[web.1]: State changed from starting to up",
        "app[web.1]: Serving HTTP on port",
        "heroku[router]: at=info method=GET path=\"/\" host=logged.localhost",
    ];
    // The dyno's own lines arrive through its pipes, a moment after the request is answered.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let all = loop {
        let all = get(&session(&server, "logged", json!({"lines": 1500})));
        if needles.iter().all(|n| all.contains(n)) || std::time::Instant::now() > deadline {
            break all;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    for needle in needles {
        assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
    }
    let first = all.lines().next().unwrap();
    assert!(
        first.len() > 33 && &first[26..32] == "+00:00",
        "microsecond UTC timestamps: {first}"
    );
    let router = get(&session(&server, "logged", json!({"dyno": "router"})));
    assert!(
        router.lines().all(|l| l.contains("heroku[router]:")) && !router.is_empty(),
        "{router}"
    );
    let web = get(&session(
        &server,
        "logged",
        json!({"dyno": "web", "source": "app"}),
    ));
    assert!(
        web.lines().all(|l| l.contains(" app[web.1]:")) && !web.is_empty(),
        "{web}"
    );
    assert_eq!(
        get(&session(&server, "logged", json!({"lines": 2})))
            .lines()
            .count(),
        2
    );
    for bad in [
        json!({"source": "syslog"}),
        json!({"dyno": "web..1"}),
        json!({"lines": 5000}),
    ] {
        let r = http.call("POST", "/apps/logged/log-sessions", t, Some(bad.clone()));
        assert_eq!(r.status, 422, "{bad}");
    }

    // A tail sees lines that arrive after it started, as plain text or as SSE.
    let url = session(
        &server,
        "logged",
        json!({"tail": true, "lines": 0, "dyno": "router"}),
    );
    let resp = reqwest::blocking::Client::new()
        .get(&url)
        .header("Accept", "text/event-stream")
        .send()
        .unwrap();
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    let mut lines = BufReader::new(resp).lines();
    req();
    // A router line of an earlier request (an interrupted one logs H27 when it ends) may still
    // arrive first; the one for this request follows.
    let line = (&mut lines)
        .take(5)
        .map(|l| l.unwrap())
        .find(|l| !l.contains("code=H27"))
        .unwrap();
    assert!(
        line.starts_with("data: ") && line.contains("heroku[router]: at=info"),
        "{line}"
    );

    // The CLI: plain lines, NDJSON, filters, and usage errors.
    let run = home.tug(&["logs", "-a", "logged", "-n", "1500"]).ok();
    assert!(
        run.stdout.contains("app[api]: Release v2 created"),
        "{}",
        run.describe()
    );
    let run = home
        .tug(&["logs", "-a", "logged", "--dyno", "router", "--json"])
        .ok();
    for line in run.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("NDJSON");
        assert_eq!(
            (v["source"].as_str(), v["dyno"].as_str()),
            (Some("heroku"), Some("router"))
        );
    }
    assert!(!run.stdout.is_empty());
    assert_eq!(
        home.tug(&["logs", "-a", "logged", "-n", "3"])
            .ok()
            .stdout
            .lines()
            .count(),
        3
    );
    home.tug(&["logs", "-a", "logged", "--source", "syslog"])
        .code(2);
    home.tug(&["logs", "-a", "logged", "--dyno", "web..1"])
        .code(1);

    let forged = url.replace("tug_", "tug_0");
    assert_eq!(
        reqwest::blocking::get(&forged).unwrap().status().as_u16(),
        404
    );
}

#[test]
fn a_flood_of_lines_keeps_the_api_responsive_and_the_newest_history() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "flood"})));
    http.call(
        "PUT",
        "/apps/flood/buildpack-installations",
        t,
        Some(json!({"updates": [{"buildpack": "null"}]})),
    );
    let dir = crate::git_push::repo(&home, &[("Procfile", "worker: seq 1 50000; sleep 600\n")]);
    let url = format!("{}/flood.git", server.api_url);
    let (ok, out) = crate::git_push::push(&home, &dir, &url, Some(&server.admin_token), "main");
    assert!(ok, "{out}");
    // A follower that never reads must not hold anything up.
    let stuck = session(&server, "flood", json!({"tail": true, "lines": 0}));
    let _stuck = reqwest::blocking::Client::new().get(&stuck).send().unwrap();
    http.call(
        "PATCH",
        "/apps/flood/formation",
        t,
        Some(json!({"updates": [{"type": "worker", "quantity": 1}]})),
    );
    // The API keeps answering while the dyno floods the log.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        assert_eq!(http.call("GET", "/apps/flood", t, None).status, 200);
        let tail = reqwest::blocking::get(session(
            &server,
            "flood",
            json!({"lines": 1, "source": "app"}),
        ))
        .unwrap()
        .text()
        .unwrap();
        if tail.trim_end().ends_with("app[worker.1]: 50000") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the flood never ended: {tail}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let history = reqwest::blocking::get(session(
        &server,
        "flood",
        json!({"lines": 1500, "source": "app"}),
    ))
    .unwrap()
    .text()
    .unwrap();
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 1500, "the history holds the newest 1500");
    assert!(lines[0].ends_with("app[worker.1]: 48501"), "{}", lines[0]);
}
