//! The log hub through log sessions: history from every source after a push, filters, a tail
//! that sees new lines, reading resumed by position with no gap and no repeat, and capability
//! URLs that need no token but cannot be forged and die with the access that made them.

use std::io::{BufRead, BufReader};
use std::time::Duration;

use serde_json::json;

use crate::common::{Reply, TestServer, add_user_with_password};

fn session(server: &TestServer, app: &str, body: serde_json::Value) -> String {
    session_as(server, &server.admin_token, app, body)
}

fn session_as(server: &TestServer, token: &str, app: &str, body: serde_json::Value) -> String {
    let r = server.http().call(
        "POST",
        &format!("/apps/{app}/log-sessions"),
        Some(token),
        Some(body),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    r.body["logplex_url"].as_str().unwrap().to_string()
}

/// A log stream read as Server-Sent Events: `(id, data)`, `id` being `None` for a notice.
/// Past its deadline (if set), a stream that still sends anything, a keep-alive included,
/// fails the test.
struct Events(
    SseLines<BufReader<reqwest::blocking::Response>>,
    Option<std::time::Instant>,
);

/// Lines as Server-Sent Events end them: at LF, CR or CRLF.
struct SseLines<R>(R);

impl<R: BufRead> Iterator for SseLines<R> {
    type Item = std::io::Result<String>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut line = Vec::new();
        loop {
            let buf = match self.0.fill_buf() {
                Ok(buf) => buf,
                Err(e) => return Some(Err(e)),
            };
            if buf.is_empty() {
                return (!line.is_empty()).then(|| Ok(String::from_utf8_lossy(&line).into()));
            }
            let Some(at) = buf.iter().position(|b| *b == b'\n' || *b == b'\r') else {
                let n = buf.len();
                line.extend_from_slice(buf);
                self.0.consume(n);
                continue;
            };
            line.extend_from_slice(&buf[..at]);
            let cr = buf[at] == b'\r';
            self.0.consume(at + 1);
            // A server that ends lines with CRLF: the LF is part of the same end.
            if cr && self.0.fill_buf().is_ok_and(|b| b.first() == Some(&b'\n')) {
                self.0.consume(1);
            }
            return Some(Ok(String::from_utf8_lossy(&line).into()));
        }
    }
}

/// Opens a capability URL as Server-Sent Events, resuming after `after` if given. A stream
/// that should end but does not fails the test after a minute instead of hanging it.
fn events(url: &str, after: Option<u64>) -> Events {
    let mut req = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
        .get(url)
        .header("Accept", "text/event-stream");
    if let Some(id) = after {
        req = req.header("Last-Event-ID", id.to_string());
    }
    let resp = req.send().unwrap();
    assert_eq!(resp.status().as_u16(), 200, "{url}");
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    Events(SseLines(BufReader::new(resp)), None)
}

impl Iterator for Events {
    type Item = (Option<u64>, String);

    fn next(&mut self) -> Option<Self::Item> {
        let (mut id, mut data): (Option<u64>, Option<String>) = (None, None);
        for line in &mut self.0 {
            let line = line.expect("the stream ended cleanly, not by a timeout");
            assert!(
                self.1.is_none_or(|d| std::time::Instant::now() < d),
                "the stream outlived its access"
            );
            if line.is_empty() {
                if let Some(data) = data.take() {
                    return Some((id, data));
                }
            } else if let Some(v) = line.strip_prefix("id: ") {
                id = Some(v.parse().expect("numeric ids"));
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = Some(match data {
                    Some(d) => format!("{d}\n{v}"),
                    None => v.to_string(),
                });
            } else {
                assert!(line.starts_with(':'), "not SSE: {line:?}");
            }
        }
        None
    }
}

/// The number a flood line carries: `… app[worker.1]: 123`.
fn number(data: &str) -> Option<u64> {
    data.split_once("app[worker.1]: ")?.1.parse().ok()
}

/// Checks numbered lines as a reader sees them: increasing by one, never repeated, with any
/// jump covered by the lost-lines notice just before it. Returns the next number expected.
fn check_sequence(
    events: &mut Events,
    mut expect: u64,
    last_id: &mut Option<u64>,
    until: u64,
) -> u64 {
    let mut excused = 0;
    for (id, data) in events {
        assert!(
            !data.contains('\r'),
            "a carriage return broke the framing: {data:?}"
        );
        if let Some(n) = data
            .split_once("Error L10 (output buffer overflow): ")
            .and_then(|(_, rest)| rest.split(' ').next()?.parse::<u64>().ok())
        {
            assert!(id.is_none(), "a notice has no position");
            excused += n;
            continue;
        }
        let Some(n) = number(&data) else { continue };
        assert!(
            n >= expect && n - expect <= excused,
            "line {n} after {}: a repeat or an unannounced gap",
            expect - 1
        );
        let id = id.expect("every line has an id");
        assert!(last_id.is_none_or(|last| id > last), "ids increase");
        *last_id = Some(id);
        expect = n + 1;
        excused = 0;
        if n >= until {
            break;
        }
    }
    expect
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
    let dir = crate::common::push::repo(&home, &files);
    let url = format!("{}/logged.git", server.api_url);
    let (ok, out) =
        crate::common::push::push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
    assert!(ok, "{out}");
    let get = |url: &str| reqwest::blocking::get(url).unwrap().text().unwrap();
    // The body is read to its end: a client that leaves before it is over is logged as H27
    // instead (under load the router may not have read the whole body by then).
    let req = || {
        let response = reqwest::blocking::Client::new()
            .get(format!("{}/", server.router_url))
            .header("Host", "logged.localhost")
            .send()
            .unwrap();
        let status = response.status().as_u16();
        let _ = response.bytes();
        status
    };
    assert_eq!(req(), 200);
    let needles = [
        "app[api]: Release v2 created by admin@localhost",
        "heroku[build]: -----> Building on the local stack",
        "heroku[web.1]: Starting process with command `python3 app.py`",
        "heroku[web.1]: State changed from starting to up",
        "app[web.1]: Serving HTTP on port",
        "heroku[router]: at=info method=GET path=\"/\" host=logged.localhost",
    ];
    // The dyno's own lines arrive through its pipes, a moment after the request is answered.
    let mut all = String::new();
    crate::common::wait::poll(crate::common::wait::DEADLINE, || {
        all = get(&session(&server, "logged", json!({"lines": 1500})));
        needles.iter().all(|n| all.contains(n))
    });
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
    // arrive first, and each event takes three lines (id, data, blank) besides keep-alives; the
    // one for this request follows.
    let line = (&mut lines)
        .take(60)
        .map(|l| l.unwrap())
        .find(|l| l.starts_with("data: ") && !l.contains("code=H27"))
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
    // A line with a carriage return first (progress output keeps them), then, once a follower
    // has surely read it (a follower that falls behind a flood loses the oldest lines, as
    // Logplex does), a numbered flood.
    let procfile = "worker: printf 'half\\rdone\\n'; sleep 3; seq 1 50000; sleep 600\n";
    let dir = crate::common::push::repo(&home, &[("Procfile", procfile)]);
    let url = format!("{}/flood.git", server.api_url);
    let (ok, out) =
        crate::common::push::push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
    assert!(ok, "{out}");
    // A follower that never reads must not hold anything up.
    let stuck = session(&server, "flood", json!({"tail": true, "lines": 0}));
    let _stuck = reqwest::blocking::Client::new().get(&stuck).send().unwrap();
    // A follower that reads, drops its connection halfway, and resumes by position.
    let tail = session(
        &server,
        "flood",
        json!({"tail": true, "lines": 0, "source": "app"}),
    );
    let mut first = events(&tail, None);
    http.call(
        "PATCH",
        "/apps/flood/formation",
        t,
        Some(json!({"updates": [{"type": "worker", "quantity": 1}]})),
    );
    let (_, progress) = first
        .find(|(_, data)| data.contains("app[worker.1]:"))
        .unwrap();
    assert!(
        progress.ends_with("app[worker.1]: half\ndone"),
        "SSE splits a line at its carriage return: {progress:?}"
    );
    let mut last_id = None;
    let expect = check_sequence(&mut first, 1, &mut last_id, 20_000);
    drop(first);
    let mut resumed = events(
        &session(&server, "flood", json!({"tail": true, "source": "app"})),
        last_id,
    );
    assert_eq!(
        check_sequence(&mut resumed, expect, &mut last_id, 50_000),
        50_001
    );
    drop(resumed);
    // The API keeps answering while the dyno floods the log.
    crate::common::wait_for("the end of the flood in the log", || {
        assert_eq!(http.call("GET", "/apps/flood", t, None).status, 200);
        let tail = reqwest::blocking::get(session(
            &server,
            "flood",
            json!({"lines": 1, "source": "app"}),
        ))
        .unwrap()
        .text()
        .unwrap();
        tail.trim_end().ends_with("app[worker.1]: 50000")
    });
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

    // Resuming after a line of history gives exactly the lines after it.
    let newest: Vec<(Option<u64>, String)> = events(
        &session(&server, "flood", json!({"lines": 1500, "source": "app"})),
        None,
    )
    .collect();
    let numbers: Vec<u64> = newest.iter().filter_map(|(_, d)| number(d)).collect();
    assert_eq!(numbers, (48_501..=50_000).collect::<Vec<_>>());
    let at_49000 = newest[499].0.unwrap();
    let rest: Vec<u64> = events(
        &session(&server, "flood", json!({"source": "app"})),
        Some(at_49000),
    )
    .filter_map(|(_, d)| number(&d))
    .collect();
    assert_eq!(rest, (49_001..=50_000).collect::<Vec<_>>());
    let bad = Reply::read(
        reqwest::blocking::Client::new()
            .get(session(&server, "flood", json!({})))
            .header("Last-Event-ID", "yesterday")
            .send()
            .unwrap(),
    );
    assert_eq!(bad.status, 400, "{:?}", bad.body);

    // The CLI prints exactly the newest 1500, in order, though many share a timestamp.
    let run = home
        .tug(&["logs", "-a", "flood", "-n", "1500", "--source", "app"])
        .ok();
    let printed: Vec<u64> = run.stdout.lines().filter_map(number).collect();
    assert_eq!(run.stdout.lines().count(), 1500, "{}", run.describe());
    assert_eq!(printed, (48_501..=50_000).collect::<Vec<_>>());
}

/// Reads a stream to its end, which must come once its access is gone.
fn ends(mut events: Events) {
    events.1 = Some(std::time::Instant::now() + Duration::from_secs(60));
    events.for_each(drop);
}

fn status(url: &str) -> u16 {
    reqwest::blocking::get(url).unwrap().status().as_u16()
}

#[test]
fn capability_urls_end_with_the_access_that_made_them() {
    let server = TestServer::start();
    let http = server.http();
    let admin = Some(server.admin_token.as_str());
    http.call("POST", "/apps", admin, Some(json!({"name": "shared"})));
    let dev = add_user_with_password(&server, "dev@example.com", "password1");
    let add = |email: &str| {
        let r = http.call(
            "POST",
            "/apps/shared/collaborators",
            admin,
            Some(json!({"user": email})),
        );
        assert_eq!(r.status, 201, "{:?}", r.body);
    };
    add("dev@example.com");
    let dev_home = crate::common::Home::new(&server.api_url).with_env("TUG_API_KEY", &dev);

    // A build the collaborator pushed: its output URL works while the collaborator may.
    http.call(
        "PUT",
        "/apps/shared/buildpack-installations",
        admin,
        Some(json!({"updates": [{"buildpack": "null"}]})),
    );
    let dir = crate::common::push::repo(&dev_home, &[("Procfile", "worker: sleep 600\n")]);
    let git_url = format!("{}/shared.git", server.api_url);
    let (ok, out) = crate::common::push::push(&dev_home, &dir, Some(&dev), &[&git_url, "main"]);
    assert!(ok, "{out}");
    // Each token that asks gets its own URL for the build's output.
    let output_url = |token: &str| {
        let builds = http.call("GET", "/apps/shared/builds", Some(token), None);
        builds.body[0]["output_stream_url"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let build_output = output_url(&dev);
    let owners_output = output_url(&server.admin_token);
    assert_ne!(build_output, owners_output);
    assert_eq!(status(&build_output), 200);
    // A URL made for one token, with another token's id put in, is no URL at all.
    let dev_auth = http.call("GET", "/oauth/authorizations", Some(&dev), None);
    let dev_auth_id = dev_auth.body[0]["access_token"]["id"].as_str().unwrap();
    assert!(build_output.contains(dev_auth_id), "{build_output}");
    let admin_auth = http.call("GET", "/oauth/authorizations", admin, None);
    let admin_auth_id = admin_auth.body[0]["access_token"]["id"].as_str().unwrap();
    assert_eq!(
        status(&build_output.replace(dev_auth_id, admin_auth_id)),
        404
    );
    // Its output as SSE numbers the lines, and resumes after one.
    let all: Vec<(Option<u64>, String)> = events(&build_output, None).collect();
    assert!(all.len() > 2, "{all:?}");
    let ids: Vec<u64> = all.iter().map(|(id, _)| id.unwrap()).collect();
    assert_eq!(ids, (1..=all.len() as u64).collect::<Vec<_>>());
    let rest: Vec<(Option<u64>, String)> = events(&build_output, Some(2)).collect();
    assert_eq!(rest, all[2..]);

    // A collaborator follows the log, through the API and through the CLI.
    let url = session_as(&server, &dev, "shared", json!({"tail": true, "lines": 0}));
    let mut dev_events = events(&url, None);
    let mut cli = dev_home
        .cmd(&["logs", "-a", "shared", "--tail"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    http.call(
        "PATCH",
        "/apps/shared/config-vars",
        admin,
        Some(json!({"SEEN": "1"})),
    );
    assert!(dev_events.any(|(_, d)| d.contains("Set SEEN config vars")));
    let mut cli_out = BufReader::new(cli.stdout.take().unwrap()).lines();
    assert!(
        cli_out.any(|l| l.unwrap().contains("Set SEEN config vars")),
        "the CLI follows the log"
    );
    // Removing the collaborator ends both streams and voids the URL.
    let r = http.call(
        "DELETE",
        "/apps/shared/collaborators/dev@example.com",
        admin,
        None,
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    ends(dev_events);
    assert_eq!(status(&url), 404);
    assert_eq!(status(&build_output), 404);
    assert_eq!(status(&owners_output), 200, "the owner's URL stands");
    let out = cli.wait_with_output().unwrap();
    assert!(
        !out.status.success(),
        "the tail stops with an error: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A second token of the owner: revoking it ends its stream and voids its URLs, source
    // uploads included; the owner's other token is unaffected.
    let made = http.call(
        "POST",
        "/oauth/authorizations",
        admin,
        Some(json!({"description": "short-lived"})),
    );
    assert_eq!(made.status, 201, "{:?}", made.body);
    let token = made.body["access_token"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let auth_id = made.body["id"].as_str().unwrap().to_string();
    let url = session_as(&server, &token, "shared", json!({"tail": true}));
    let revoked_events = events(&url, None);
    let revoked_output = output_url(&token);
    assert_eq!(status(&revoked_output), 200);
    let kept = session(&server, "shared", json!({"lines": 5}));
    let source = http.call("POST", "/sources", Some(&token), None);
    assert_eq!(source.status, 201, "{:?}", source.body);
    let put_url = source.body["source_blob"]["put_url"]
        .as_str()
        .unwrap()
        .to_string();
    let forged = put_url.replace("tug_", "tug_0");
    assert_eq!(
        reqwest::blocking::Client::new()
            .put(&forged)
            .body("x")
            .send()
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    let r = http.call(
        "DELETE",
        &format!("/oauth/authorizations/{auth_id}"),
        admin,
        None,
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    ends(revoked_events);
    assert_eq!(status(&url), 404);
    assert_eq!(status(&revoked_output), 404);
    assert_eq!(status(&owners_output), 200);
    assert_eq!(status(&put_url), 404);
    assert_eq!(
        reqwest::blocking::Client::new()
            .put(&put_url)
            .body("x")
            .send()
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    assert_eq!(status(&kept), 200);

    // Destroying the app ends its streams and voids its URLs.
    let url = session(&server, "shared", json!({"tail": true}));
    let owner_events = events(&url, None);
    assert_eq!(http.call("DELETE", "/apps/shared", admin, None).status, 200);
    ends(owner_events);
    assert_eq!(status(&url), 404);
}
