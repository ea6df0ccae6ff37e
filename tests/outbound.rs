//! What the server reaches on a user's behalf: build sources, buildpacks, drains and webhooks
//! keep to public addresses on a server started without `--allow-private-urls`, local
//! buildpacks come only from `--buildpack-dir` directories, a failure to fetch reads the same
//! whatever happened on the network, and credentials in those URLs never show.

use std::net::TcpListener;
use std::path::Path;

use serde_json::json;

use crate::common::push::{push, repo};
use crate::common::wait::{DEADLINE, wait_until};
use crate::common::{Receiver, Reply, TestServer};

/// No connection came to `listener` (the requests that could have made one have all been
/// answered, so any connection would be waiting in its backlog).
fn nobody_connected(listener: &TcpListener) -> bool {
    listener.set_nonblocking(true).unwrap();
    matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

fn build_from(server: &TestServer, app: &str, url: &str) -> Reply {
    server.http().call(
        "POST",
        &format!("/apps/{app}/builds"),
        Some(&server.admin_token),
        Some(json!({"source_blob": {"url": url}, "buildpacks": [{"name": "null"}]})),
    )
}

fn create_app(server: &TestServer, name: &str) {
    let r = server.http().call(
        "POST",
        "/apps",
        Some(&server.admin_token),
        Some(json!({ "name": name })),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
}

#[test]
fn a_strict_server_fetches_no_source_from_loopback_and_says_the_same_for_any_port() {
    let server = TestServer::start_strict(&[]);
    create_app(&server, "probe");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/src.tgz");

    let open = build_from(&server, "probe", &url);
    assert_eq!(open.status, 422, "{:?}", open.body);
    assert_eq!(
        open.body["message"],
        format!("could not fetch the source from {url}")
    );
    for other in [
        format!("http://localhost:{port}/src.tgz"),
        format!("http://[::ffff:127.0.0.1]:{port}/src.tgz"),
        format!("http://2130706433:{port}/src.tgz"),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
    ] {
        let r = build_from(&server, "probe", &other);
        assert_eq!(r.status, 422, "{other}: {:?}", r.body);
        let message = r.body["message"].as_str().unwrap();
        assert!(
            message.starts_with("could not fetch the source from http://"),
            "{message}"
        );
    }
    assert!(
        nobody_connected(&listener),
        "the server connected to loopback"
    );
    drop(listener);
    let closed = build_from(&server, "probe", &url);
    assert_eq!(closed.status, 422);
    assert_eq!(open.body, closed.body);
    // Nothing was recorded.
    let builds = server
        .http()
        .call("GET", "/apps/probe/builds", Some(&server.admin_token), None);
    assert_eq!(builds.body, json!([]));
}

#[test]
fn an_open_and_a_closed_port_give_the_same_error_even_where_private_urls_are_allowed() {
    let server = TestServer::start();
    create_app(&server, "ports");
    let answering = Receiver::always(404);
    let port = answering.addr.port();
    let url = format!("http://fetcher:s3cret@127.0.0.1:{port}/src.tgz?token=t0k3n");
    let open = build_from(&server, "ports", &url);
    assert_eq!(open.status, 422, "{:?}", open.body);
    assert_eq!(
        open.body["message"],
        format!(
            "could not fetch the source from http://fetcher:***@127.0.0.1:{port}/src.tgz?token=***"
        )
    );
    // The receiver answers for the rest of the run: take a fresh free port for "closed".
    let closed_port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let closed_url = url.replace(&port.to_string(), &closed_port.to_string());
    let closed = build_from(&server, "ports", &closed_url);
    assert_eq!(closed.status, 422);
    let closed_message = closed.body["message"].as_str().unwrap();
    assert_eq!(
        closed_message.replace(&closed_port.to_string(), &port.to_string()),
        open.body["message"].as_str().unwrap()
    );
    assert!(!server.log().contains("s3cret") && !server.log().contains("t0k3n"));
}

#[test]
fn a_strict_server_refuses_loopback_webhooks_and_drains() {
    let server = TestServer::start_strict(&[]);
    create_app(&server, "hooks");
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    for url in [
        format!("http://127.0.0.1:{port}/hook"),
        format!("http://localhost:{port}/hook"),
        format!("http://[::1]:{port}/hook"),
        "http://10.0.0.1/hook".to_owned(),
        "http://169.254.169.254/hook".to_owned(),
    ] {
        let r = http.call(
            "POST",
            "/apps/hooks/webhooks",
            t,
            Some(json!({"include": ["api:release"], "level": "notify", "url": url})),
        );
        assert_eq!(r.status, 422, "{url}: {:?}", r.body);
        let message = r.body["message"].as_str().unwrap();
        assert!(
            message.contains("is not a URL this server may deliver to"),
            "{message}"
        );
    }
    for url in [
        format!("syslog+tcp://127.0.0.1:{port}"),
        format!("syslog://localhost:{port}"),
        format!("https://user:s3cret@127.0.0.1:{port}/logs"),
        "http://192.168.1.10/logs".to_owned(),
    ] {
        let r = http.call(
            "POST",
            "/apps/hooks/log-drains",
            t,
            Some(json!({ "url": url })),
        );
        assert_eq!(r.status, 422, "{url}: {:?}", r.body);
        let message = r.body["message"].as_str().unwrap();
        assert!(
            message.contains("is not a URL this server may drain to"),
            "{message}"
        );
        assert!(!message.contains("s3cret"), "{message}");
    }
    let hooks = http.call("GET", "/apps/hooks/webhooks", t, None);
    assert_eq!(hooks.body, json!([]));
    let drains = http.call("GET", "/apps/hooks/log-drains", t, None);
    assert_eq!(drains.body, json!([]));
    // A public target is still welcome.
    let r = http.call(
        "POST",
        "/apps/hooks/webhooks",
        t,
        Some(json!({"include": ["api:release"], "level": "notify", "url": "https://203.0.112.7/hook"})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert!(nobody_connected(&listener));
}

fn set_buildpack(server: &TestServer, app: &str, buildpack: &str) {
    let r = server.http().call(
        "PUT",
        &format!("/apps/{app}/buildpack-installations"),
        Some(&server.admin_token),
        Some(json!({"updates": [{ "buildpack": buildpack }]})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
}

/// A copy of the `failing` fixture outside the fixtures directory.
fn outside_copy(home: &crate::common::Home) -> std::path::PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildpacks");
    let outside = home.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(fixtures.join("failing"))
        .arg(outside.join("failing"))
        .status()
        .unwrap();
    assert!(copied.success());
    outside.join("failing")
}

#[test]
fn local_buildpacks_come_only_from_the_listed_directories() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildpacks");
    let server = TestServer::start_strict(&["--buildpack-dir", fixtures.to_str().unwrap()]);
    let home = server.admin();
    create_app(&server, "packs");
    let outside_pack = outside_copy(&home);
    for buildpack in [
        outside_pack.display().to_string(),
        format!("file://{}", outside_pack.display()),
        format!("file://{}#main", outside_pack.display()),
        format!("{}/../../../../../../etc", fixtures.display()),
        "/etc/does-not-exist".to_owned(),
        "/etc".to_owned(),
    ] {
        let r = server.http().call(
            "PUT",
            "/apps/packs/buildpack-installations",
            Some(&server.admin_token),
            Some(json!({"updates": [{ "buildpack": buildpack }]})),
        );
        assert_eq!(r.status, 422, "{buildpack}: {:?}", r.body);
        let message = r.body["message"].as_str().unwrap();
        assert!(
            message.contains("is not in a buildpack directory this server allows"),
            "{message}"
        );
    }
    let installed = server.http().call(
        "GET",
        "/apps/packs/buildpack-installations",
        Some(&server.admin_token),
        None,
    );
    assert_eq!(installed.body, json!([]));
    // Inside the listed directory, the buildpack runs (and fails as it is meant to).
    let dir = repo(&home, &[("Procfile", "worker: sleep 1\n")]);
    let url = format!("{}/packs.git", server.api_url);
    set_buildpack(
        &server,
        "packs",
        &fixtures.join("failing").display().to_string(),
    );
    let (ok, out) = push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
    assert!(!ok);
    assert!(out.contains("Failing on purpose"), "{out}");
    // Built-ins need no directory.
    set_buildpack(&server, "packs", "null");
    let (ok, out) = push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
    assert!(ok, "{out}");
}

#[test]
fn a_local_buildpack_set_before_its_directory_was_delisted_is_refused_at_build_time() {
    let mut server = TestServer::start();
    let home = server.admin();
    create_app(&server, "delisted");
    let outside_pack = outside_copy(&home);
    set_buildpack(
        &server,
        "delisted",
        &format!("file://{}", outside_pack.display()),
    );
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildpacks");
    server.restart_strict(&["--buildpack-dir", fixtures.to_str().unwrap()]);
    let home = server.admin();
    let dir = repo(&home, &[("Procfile", "worker: sleep 1\n")]);
    let url = format!("{}/delisted.git", server.api_url);
    let (ok, out) = push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("is not in a buildpack directory this server allows"),
        "{out}"
    );
    assert!(!out.contains("Failing on purpose"), "{out}");
}

#[test]
fn buildpack_urls_with_credentials_are_redacted_in_the_build_output() {
    let server = TestServer::start();
    let home = server.admin();
    create_app(&server, "secretive");
    let dir = repo(&home, &[("Procfile", "worker: sleep 1\n")]);
    let url = format!("{}/secretive.git", server.api_url);
    let closed_port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    for (buildpack, shown) in [
        (
            format!("http://deploy:s3cret@127.0.0.1:{closed_port}/bp.tgz"),
            format!("http://deploy:***@127.0.0.1:{closed_port}/bp.tgz"),
        ),
        (
            format!("http://s3cret@127.0.0.1:{closed_port}/bp.git"),
            format!("http://***@127.0.0.1:{closed_port}/bp.git"),
        ),
    ] {
        set_buildpack(&server, "secretive", &buildpack);
        let (ok, out) = push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
        assert!(!ok, "{out}");
        assert!(out.contains(&shown), "{out}");
        assert!(!out.contains("s3cret"), "{out}");
        let builds = server.http().call(
            "GET",
            "/apps/secretive/builds",
            Some(&server.admin_token),
            None,
        );
        let last = builds.body.as_array().unwrap().last().unwrap().clone();
        let output = reqwest::blocking::get(last["output_stream_url"].as_str().unwrap())
            .unwrap()
            .text()
            .unwrap();
        assert!(output.contains(&shown), "{output}");
        assert!(!output.contains("s3cret"), "{output}");
    }
    assert!(!server.log().contains("s3cret"), "{}", server.log());
}

#[test]
fn webhooks_and_drains_made_before_a_strict_restart_deliver_nothing_to_loopback() {
    let mut server = TestServer::start();
    create_app(&server, "before");
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let receiver = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = receiver.local_addr().unwrap();
    let r = http.call(
        "POST",
        "/apps/before/webhooks",
        t,
        Some(json!({"include": ["api:release"], "level": "notify", "url": format!("http://{addr}/hook")})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    let r = http.call(
        "POST",
        "/apps/before/log-drains",
        t,
        Some(json!({"url": format!("http://user:s3cret@{addr}/logs")})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    server.restart_strict(&[]);
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let r = http.call(
        "PATCH",
        "/apps/before/config-vars",
        t,
        Some(json!({"A": "1"})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    // The webhook's delivery fails as if the receiver were unreachable.
    let list = crate::webhooks::wait_deliveries(&server, "before", |l| {
        l.iter().any(|d| d["status"] == "failed")
    });
    let failed = list.iter().find(|d| d["status"] == "failed").unwrap();
    assert_eq!(
        failed["last_attempt"]["error_class"], "connection_failed",
        "{failed}"
    );
    // The drain says in the app's log that it cannot deliver, without the password.
    let home = server.admin();
    let logs = wait_until("the drain's failure in the log", DEADLINE, || {
        let logs = home.tug(&["logs", "-a", "before", "-s", "heroku"]).ok();
        logs.stdout
            .contains("could not deliver")
            .then_some(logs.stdout)
    });
    assert!(logs.contains("user:***@"), "{logs}");
    assert!(!logs.contains("s3cret"), "{logs}");
    assert!(nobody_connected(&receiver), "a delivery reached loopback");
}
