//! Cancelling a running build: its buildpack processes die, it ends failed with a line saying
//! so, nothing is released, and the push that started it is rejected.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::json;

use crate::common::push::{repo, script_buildpack};
use crate::common::{TestServer, add_user_with_password, wait_for};

/// Whether a process whose command line holds `pattern` runs on this machine.
fn running(pattern: &str) -> bool {
    let out = Command::new("pgrep")
        .args(["-f", pattern])
        .output()
        .expect("pgrep");
    !out.stdout.is_empty()
}

#[test]
fn a_running_build_is_cancelled_and_its_push_rejected() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "stopme"})));
    script_buildpack(
        &server,
        "stopme",
        &home.path().join("stuck"),
        "#!/bin/sh\necho Stuck\n",
        "#!/bin/sh\necho '-----> Waiting forever'\nsleep 4747 &\nsleep 4747\n",
    );
    let releases_before = http.call("GET", "/apps/stopme/releases", t, None).body;

    let dir = repo(&home, &[("Procfile", "worker: sleep 600\n")]);
    let mut cmd = Command::new("git");
    home.apply_env(&mut cmd);
    let auth = format!(
        "http.extraHeader=Authorization: Bearer {}",
        server.admin_token
    );
    let url = format!("{}/stopme.git", server.api_url);
    let mut pusher = cmd
        .current_dir(&dir)
        .args(["-c", &auth, "push", &url, "main"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let seen = seen.clone();
        let mut stderr = pusher.stderr.take().unwrap();
        std::thread::spawn(move || {
            let _ = stderr.read_to_end(&mut seen.lock().unwrap());
        })
    };
    wait_for("the buildpack to start", || running("sleep 4747"));
    let builds = http.call("GET", "/apps/stopme/builds", t, None).body;
    assert_eq!(builds[0]["status"], "pending", "{builds}");
    let id = builds[0]["id"].as_str().unwrap().to_string();
    let path = format!("/apps/stopme/builds/{id}");

    // A stranger cannot even see it; a bad id is a 404; the build keeps running.
    let eve = add_user_with_password(&server, "eve@example.com", "long enough password");
    let r = http.call("DELETE", &path, Some(&eve), None);
    assert_eq!((r.status, r.body["resource"].as_str()), (404, Some("app")));
    for bad in [
        "nope",
        "00000000-0000-4000-8000-000000000000",
        "..%2F..%2Fx",
    ] {
        let r = http.call("DELETE", &format!("/apps/stopme/builds/{bad}"), t, None);
        assert_eq!(r.status, 404, "{bad}: {:?}", r.body);
    }
    assert!(running("sleep 4747"));

    // A collaborator may stop it (they may push too): with the CLI, no id needed.
    let dev = server.user("dev@example.com");
    http.call(
        "POST",
        "/apps/stopme/collaborators",
        t,
        Some(json!({"user": "dev@example.com"})),
    );
    dev.tug(&["builds:cancel", "-a", "stopme"])
        .ok()
        .stderr_has("Cancelling build");
    let build = http.call("GET", &path, t, None).body;
    assert_eq!(build["status"], "failed", "{build}");
    assert!(build["release"].is_null(), "{build}");
    wait_for("the buildpack's processes to end", || {
        !running("sleep 4747")
    });

    let status = pusher.wait().unwrap();
    reader.join().unwrap();
    let pushed = String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    assert!(!status.success(), "{pushed}");
    assert!(
        pushed.contains("the build was cancelled by dev@example.com"),
        "{pushed}"
    );
    let output = home
        .tug(&["builds:output", &id, "-a", "stopme"])
        .ok()
        .stdout;
    let last = output.lines().last().unwrap_or_default();
    assert!(last.contains("cancelled"), "{output}");
    assert_eq!(
        http.call("GET", "/apps/stopme/releases", t, None).body,
        releases_before,
        "nothing was released"
    );

    // A finished build cannot be cancelled, and the CLI says no build runs.
    let r = http.call("DELETE", &path, t, None);
    assert_eq!((r.status, r.body["id"].as_str()), (409, Some("conflict")));
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("already ended")
    );
    home.tug(&["builds:cancel", "-a", "stopme"])
        .code(1)
        .stderr_has("no build of stopme is running");
    home.tug(&["builds:cancel", &id, "-a", "stopme"])
        .code(1)
        .stderr_has("already ended");
}
