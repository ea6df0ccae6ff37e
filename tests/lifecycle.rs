//! `tug server` as a process: first start, restart persistence, SIGTERM, one server per data
//! dir, TLS, and the warning for a clear-text API on a public address.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::json;

use crate::common::{Reply, TUG, TestServer};

#[test]
fn first_start_writes_admin_token_and_server_json() {
    use std::os::unix::fs::PermissionsExt;
    let mut server = TestServer::start();
    let token_file = server.data_dir.join("admin.token");
    let mode = std::fs::metadata(&token_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "admin.token is private");
    let state: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(server.data_dir.join("server.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(state["pid"].as_u64(), Some(u64::from(server.pid())));
    assert!(
        state["api"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    assert!(
        state["router"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    let r = server.http().call("GET", "/health", None, None);
    assert_eq!((r.status, r.body["status"].as_str()), (200, Some("ok")));
    assert_eq!(
        server.stop(),
        Some(0),
        "SIGTERM is a clean exit:\n{}",
        server.log()
    );
    assert!(
        !server.data_dir.join("server.json").exists(),
        "server.json is removed on exit"
    );
}

#[test]
fn restart_keeps_everything() {
    let mut server = TestServer::start();
    let admin = server.admin_token.clone();
    let dev = crate::common::add_user_with_password(&server, "dev@example.com", "password1");
    let http = server.http();
    let t = Some(admin.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "keep"})));
    http.call(
        "PATCH",
        "/apps/keep/config-vars",
        t,
        Some(json!({"FOO": "bar"})),
    );
    http.call(
        "POST",
        "/apps/keep/collaborators",
        t,
        Some(json!({"user": "dev@example.com"})),
    );
    let slug = http
        .call(
            "POST",
            "/apps/keep/slugs",
            t,
            Some(json!({"process_types": {"web": "./web"}})),
        )
        .body;
    http.call(
        "POST",
        "/apps/keep/releases",
        t,
        Some(json!({"slug": slug["id"]})),
    );
    http.call(
        "PATCH",
        "/apps/keep/formation/web",
        t,
        Some(json!({"quantity": 2})),
    );
    let before = http.call("GET", "/apps/keep/releases", t, None).body;

    server.restart();
    assert_eq!(server.admin_token, admin, "the owner token survives");
    let http = server.http();
    assert_eq!(
        http.call("GET", "/apps/keep/config-vars", t, None).body,
        json!({"FOO": "bar"})
    );
    assert_eq!(
        http.call("GET", "/apps/keep/releases", t, None).body,
        before
    );
    assert_eq!(
        http.call("GET", "/apps/keep/formation/web", t, None).body["quantity"],
        2
    );
    assert_eq!(
        http.call("GET", "/apps/keep", Some(&dev), None).status,
        200,
        "collaborator and token kept"
    );
    let login = Reply::read(
        http.req("POST", "/oauth/authorizations")
            .basic_auth("dev@example.com", Some("password1"))
            .json(&json!({}))
            .send()
            .unwrap(),
    );
    assert_eq!(login.status, 201, "password kept");
}

#[test]
fn one_server_per_data_dir() {
    let server = TestServer::start();
    let out = Command::new(TUG)
        .args([
            "server",
            "--api",
            "127.0.0.1:0",
            "--router",
            "127.0.0.1:0",
            "--data-dir",
        ])
        .arg(&server.data_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already using"), "{stderr}");
    assert_eq!(
        server.http().call("GET", "/health", None, None).status,
        200,
        "the first one is unharmed"
    );
}

#[test]
fn bad_server_flags_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (vec!["--api", "nonsense"], "cannot listen on `nonsense`"),
        (vec!["--domain", "bad domain!"], "not a valid domain"),
        (vec!["--tls-cert", "/nope/cert.pem"], "--tls-key"),
        (vec!["--max-quantity", "0"], "--max-quantity"),
    ] {
        let out = Command::new(TUG)
            .args(["server", "--router", "127.0.0.1:0", "--data-dir"])
            .arg(dir.path())
            .args(&args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn clear_text_on_a_public_address_warns() {
    let server = TestServer::start_with(&["--api", "0.0.0.0:0"]);
    assert!(server.log().contains("without TLS"), "{}", server.log());
}

#[test]
fn serves_the_api_over_tls() {
    let dir = tempfile::tempdir().unwrap();
    let cert =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).unwrap();
    let server = TestServer::start_with(&[
        "--tls-cert",
        cert_path.to_str().unwrap(),
        "--tls-key",
        key_path.to_str().unwrap(),
    ]);
    assert!(server.api_url.starts_with("https://"), "{}", server.api_url);
    crate::common::install_crypto_provider();
    let client = reqwest::blocking::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).unwrap())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let r = client
        .get(format!("{}/account", server.api_url))
        .bearer_auth(&server.admin_token)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let app = client
        .post(format!("{}/apps", server.api_url))
        .bearer_auth(&server.admin_token)
        .json(&json!({"name": "secure"}))
        .send()
        .unwrap()
        .json::<serde_json::Value>()
        .unwrap();
    assert!(app["git_url"].as_str().unwrap().starts_with("https://"));
    // Plain HTTP to the TLS port does not get an answer as if nothing were wrong.
    let plain = server.api_url.replace("https://", "http://");
    let r = reqwest::blocking::Client::new()
        .get(format!("{plain}/health"))
        .send();
    assert!(r.is_err() || !r.unwrap().status().is_success());
}

#[test]
fn server_stop_never_signals_a_stranger_named_by_a_stale_state_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    let mut stranger = Command::new("sleep").arg("60").spawn().expect("sleep");
    std::fs::write(
        data.join("server.json"),
        format!(
            r#"{{"api": "http://127.0.0.1:1", "router": "http://127.0.0.1:2", "pid": {}}}"#,
            stranger.id()
        ),
    )
    .expect("server.json");
    let out = Command::new(TUG)
        .args(["server", "stop", "--data-dir"])
        .arg(&data)
        .output()
        .expect("tug server stop");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no `tug server` is running"), "{err}");
    assert!(
        stranger.try_wait().expect("wait").is_none(),
        "the stranger was signalled"
    );
    let _ = stranger.kill();
    let _ = stranger.wait();
}

#[test]
fn sigterm_finishes_pushes_and_keeps_apps_online_until_their_dynos_stop() {
    use crate::common::dynos::get;
    use crate::common::push::{deploy, push_app};
    use crate::common::wait_for;
    let mut server = TestServer::start_with(&["--stop-grace", "3", "--boot-timeout", "10"]);
    let home = server.admin();
    let http = server.http();
    let t = server.admin_token.clone();
    deploy(
        &server,
        &home,
        "online",
        &[("Procfile", "web: python3 -m http.server $PORT\n")],
    );
    assert_eq!(get(&server, "online").0, 200);

    // A build that would take a minute: the stop grace ends it.
    http.call(
        "POST",
        "/apps",
        Some(&t),
        Some(serde_json::json!({"name": "slow"})),
    );
    let sleeper =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildpacks/sleeper");
    let r = http.call(
        "PUT",
        "/apps/slow/buildpack-installations",
        Some(&t),
        Some(serde_json::json!({"updates": [{"buildpack": sleeper.to_str().unwrap()}]})),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let dir = crate::common::push::repo(&home, &[("Procfile", "web: true\n")]);
    let pushing = {
        let mut cmd = Command::new("git");
        home.apply_env(&mut cmd);
        cmd.current_dir(&dir)
            .args(["-c", &format!("http.extraHeader=Authorization: Bearer {t}")])
            .args(["push", &format!("{}/slow.git", server.api_url), "main"]);
        std::thread::spawn(move || {
            let out = cmd.output().unwrap();
            (
                out.status.success(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
    };
    wait_for("the build to run", || {
        let builds = http.call("GET", "/apps/slow/builds", Some(&t), None).body;
        builds.as_array().is_some_and(|b| !b.is_empty())
    });

    let _ = std::process::Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status();
    // While the build is given its grace: no new push, but the API and the apps still serve.
    wait_for("new pushes refused", || {
        http.auth("GET", "/online.git/info/refs?service=git-receive-pack", &t)
            .send()
            .is_ok_and(|r| r.status() == 503)
    });
    assert_eq!(get(&server, "online").0, 200, "the app is still online");
    assert_eq!(http.call("GET", "/apps/online", Some(&t), None).status, 200);
    let refused = push_app(&server, &home, &dir, "online", false);
    assert!(
        refused.contains("503") || refused.contains("shutting down"),
        "{refused}"
    );

    let (ok, out) = pushing.join().unwrap();
    assert!(!ok, "the cancelled build's push is rejected:\n{out}");
    assert!(out.contains("shutting down"), "{out}");
    // It exits cleanly, and the cancelled build is recorded as failed.
    server.restart();
    let builds = server
        .http()
        .call("GET", "/apps/slow/builds", Some(&server.admin_token), None);
    assert_eq!(builds.body[0]["status"], "failed", "{}", builds.body);
}
