//! Log drains end to end: a real TCP syslog listener and a plain HTTP listener receive the app's
//! log lines in the right framing; bad URLs and unknown drains are refused and change nothing.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::{Receiver, TestServer, wait_for};

/// Reads octet-counted frames (`LEN SP MSG`) from one syslog connection.
fn syslog_receiver(listener: TcpListener, tx: mpsc::Sender<String>) {
    let (stream, _) = listener.accept().unwrap();
    let mut r = BufReader::new(stream);
    loop {
        let mut len = Vec::new();
        if r.read_until(b' ', &mut len).unwrap_or(0) == 0 {
            return;
        }
        len.pop();
        let n: usize = std::str::from_utf8(&len)
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("not an octet count: {len:?}"));
        let mut msg = vec![0; n];
        r.read_exact(&mut msg).unwrap();
        if tx.send(String::from_utf8(msg).unwrap()).is_err() {
            return;
        }
    }
}

/// Splits an octet-counted body, checking every count.
fn frames(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = body.as_bytes();
    while !rest.is_empty() {
        let sp = rest.iter().position(|b| *b == b' ').unwrap();
        let n: usize = std::str::from_utf8(&rest[..sp]).unwrap().parse().unwrap();
        let msg = &rest[sp + 1..sp + 1 + n];
        out.push(String::from_utf8(msg.to_vec()).unwrap());
        rest = &rest[sp + 1 + n..];
    }
    out
}

#[test]
fn syslog_and_http_drains_receive_framed_lines() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let r = http.call("POST", "/apps", t, Some(json!({"name": "drained"})));
    assert_eq!(r.status, 201, "{:?}", r.body);

    let syslog = TcpListener::bind("127.0.0.1:0").unwrap();
    let syslog_url = format!("syslog+tcp://{}", syslog.local_addr().unwrap());
    let (stx, srx) = mpsc::channel();
    std::thread::spawn(move || syslog_receiver(syslog, stx));
    let web = Receiver::start(&[]);
    let http_url = web.url("/logs");

    home.tug(&["drains:add", &syslog_url, "-a", "drained"])
        .ok()
        .stderr_has(&format!("Successfully added drain {syslog_url}"));
    home.tug(&["drains:add", &http_url, "-a", "drained"])
        .ok()
        .stderr_has(&format!("Successfully added drain {http_url}"));
    let list = home.tug(&["drains", "-a", "drained", "--json"]).ok().json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let token = |url: &str| {
        let d = list.iter().find(|d| d["url"] == url).unwrap();
        assert_eq!(d["app"]["name"], "drained");
        assert!(d["addon"].is_null());
        d["token"].as_str().unwrap().to_string()
    };
    let (syslog_token, http_token) = (token(&syslog_url), token(&http_url));
    assert!(syslog_token.starts_with("d.") && http_token.starts_with("d."));
    // The same URL twice is a conflict.
    let r = http.call(
        "POST",
        "/apps/drained/log-drains",
        t,
        Some(json!({"url": syslog_url})),
    );
    assert_eq!(r.status, 409, "{:?}", r.body);

    for i in 0..3 {
        let r = http.call(
            "PATCH",
            "/apps/drained/config-vars",
            t,
            Some(json!({ format!("KEY{i}"): "v" })),
        );
        assert_eq!(r.status, 200, "{:?}", r.body);
    }

    // syslog: `<190>1 TIMESTAMP d.TOKEN app api - - MESSAGE`
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut got = Vec::new();
    while !got.iter().any(|m: &String| m.contains("KEY2")) && Instant::now() < deadline {
        if let Ok(m) = srx.recv_timeout(Duration::from_millis(200)) {
            got.push(m);
        }
    }
    assert!(got.len() >= 3, "syslog received {got:?}");
    for m in &got {
        let parts: Vec<&str> = m.splitn(8, ' ').collect();
        assert_eq!(parts[0], "<190>1", "{m}");
        assert!(
            parts[1].contains('T') && parts[1].ends_with("+00:00"),
            "{m}"
        );
        assert_eq!(parts[2], syslog_token, "{m}");
        assert_eq!((parts[3], parts[4]), ("app", "api"), "{m}");
        assert_eq!((parts[5], parts[6]), ("-", "-"), "{m}");
    }
    assert!(got.iter().any(|m| m.contains("KEY2")), "{got:?}");

    // HTTP: Logplex batches.
    let mut msgs = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !msgs.iter().any(|m: &String| m.contains("KEY2")) && Instant::now() < deadline {
        let Some(req) = web.next_within(Duration::from_millis(200)) else {
            continue;
        };
        let header = |name: &str| req.header(name).unwrap_or_default().to_string();
        assert!(req.line.starts_with("POST /logs "), "{}", req.line);
        assert_eq!(header("content-type"), "application/logplex-1");
        assert_eq!(header("logplex-drain-token"), http_token);
        assert!(uuid::Uuid::parse_str(&header("logplex-frame-id")).is_ok());
        let batch = frames(&req.text());
        assert_eq!(
            header("logplex-msg-count").parse::<usize>().unwrap(),
            batch.len()
        );
        msgs.extend(batch);
    }
    assert!(msgs.len() >= 3, "HTTP received {msgs:?}");
    for m in &msgs {
        let parts: Vec<&str> = m.splitn(7, ' ').collect();
        assert_eq!(parts[0], "<190>1", "{m}");
        assert_eq!(parts[2], http_token, "{m}");
        assert_eq!((parts[3], parts[4], parts[5]), ("app", "api", "-"), "{m}");
        assert_ne!(parts[6].split(' ').next(), Some("-"), "no NILVALUE SD: {m}");
    }
    assert!(msgs.iter().any(|m| m.contains("KEY2")), "{msgs:?}");

    // Removed by token; then by URL; then nothing is left.
    home.tug(&["drains:remove", &http_token, "-a", "drained"])
        .ok()
        .stderr_has(&format!("Successfully removed drain {http_url}"));
    home.tug(&["drains:remove", &syslog_url, "-a", "drained"])
        .ok()
        .stderr_has(&format!("Successfully removed drain {syslog_url}"));
    let list = home.tug(&["drains", "-a", "drained", "--json"]).ok().json();
    assert_eq!(list.as_array().unwrap().len(), 0);
}

#[test]
fn bad_drains_are_refused_and_change_nothing() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "plain"})));
    home.tug(&["drains:add", "ftp://example.com/logs", "-a", "plain"])
        .code(1)
        .stderr_has("syslog+tcp://");
    home.tug(&["drains:add", "syslog://example.com", "-a", "plain"])
        .code(1);
    let r = http.call(
        "POST",
        "/apps/plain/log-drains",
        t,
        Some(json!({"url": "https://"})),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    let list = home.tug(&["drains", "-a", "plain", "--json"]).ok().json();
    assert_eq!(list.as_array().unwrap().len(), 0);
    home.tug(&["drains:remove", "syslog://nowhere:1", "-a", "plain"])
        .code(1)
        .stderr_has("no drain");
    // A failing drain is added, and its failures show up in the app's log.
    let failing = Receiver::always(503);
    let url = failing.url("/");
    home.tug(&["drains:add", &url, "-a", "plain"]).ok();
    let r = http.call(
        "PATCH",
        "/apps/plain/config-vars",
        t,
        Some(json!({"A": "1"})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    wait_for("a heroku[logplex] line about the 503", || {
        let logs = home.tug(&["logs", "-a", "plain", "-s", "heroku"]).ok();
        logs.stdout.contains("heroku[logplex]") && logs.stdout.contains("503")
    });
}
