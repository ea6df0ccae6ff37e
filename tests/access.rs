//! Access control between accounts: an app is visible to its owner and collaborators only;
//! strangers get 404 (never the data), collaborators get 403 for owner-only actions.

use serde_json::json;

use crate::common::TestServer;

#[test]
fn strangers_see_nothing_and_collaborators_cannot_do_owner_things() {
    let server = TestServer::start();
    let http = server.http();
    let owner = Some(server.admin_token.as_str());
    let eve = users_token(&server, "eve2@example.com");
    let dev = users_token(&server, "dev2@example.com");
    http.call("POST", "/apps", owner, Some(json!({"name": "secret"})));
    http.call(
        "PATCH",
        "/apps/secret/config-vars",
        owner,
        Some(json!({"PASSWORD": "hunter2"})),
    );
    for path in [
        "/apps/secret",
        "/apps/secret/config-vars",
        "/apps/secret/releases",
        "/apps/secret/collaborators",
        "/apps/secret/formation",
    ] {
        let r = http.call("GET", path, Some(&eve), None);
        assert_eq!(
            (r.status, r.body["resource"].as_str()),
            (404, Some("app")),
            "{path}"
        );
        assert!(!r.body.to_string().contains("hunter2"));
    }
    assert_eq!(
        http.call(
            "PATCH",
            "/apps/secret/config-vars",
            Some(&eve),
            Some(json!({"X": "1"}))
        )
        .status,
        404
    );
    assert_eq!(
        http.call("DELETE", "/apps/secret", Some(&eve), None).status,
        404
    );
    assert_eq!(http.call("GET", "/apps", Some(&eve), None).body, json!([]));
    // The same 404 as an app that does not exist: names do not leak.
    let missing = http.call("GET", "/apps/missing", Some(&eve), None).body;
    assert_eq!(missing["id"], "not_found");

    // A collaborator sees the app and works on it, but cannot destroy, rename or share it.
    let r = http.call(
        "POST",
        "/apps/secret/collaborators",
        owner,
        Some(json!({"user": "dev2@example.com"})),
    );
    assert_eq!(r.status, 201);
    assert_eq!(r.body["role"], "collaborator");
    assert_eq!(
        http.call(
            "POST",
            "/apps/secret/collaborators",
            owner,
            Some(json!({"user": "dev2@example.com"}))
        )
        .status,
        409
    );
    assert_eq!(
        http.call(
            "POST",
            "/apps/secret/collaborators",
            owner,
            Some(json!({"user": "ghost@example.com"}))
        )
        .status,
        404
    );
    assert_eq!(
        http.call("GET", "/apps/secret/config-vars", Some(&dev), None)
            .body["PASSWORD"],
        "hunter2"
    );
    assert_eq!(
        http.call(
            "PATCH",
            "/apps/secret/config-vars",
            Some(&dev),
            Some(json!({"X": "1"}))
        )
        .status,
        200
    );
    assert_eq!(
        http.call("GET", "/apps", Some(&dev), None)
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    for (method, path, body) in [
        ("DELETE", "/apps/secret", None),
        ("PATCH", "/apps/secret", Some(json!({"name": "stolen"}))),
        (
            "POST",
            "/apps/secret/collaborators",
            Some(json!({"user": "eve2@example.com"})),
        ),
        ("DELETE", "/apps/secret/collaborators/admin@localhost", None),
    ] {
        let r = http.call(method, path, Some(&dev), body);
        assert!(
            r.status == 403 || r.status == 422,
            "{method} {path}: {}",
            r.status
        );
    }
    assert_eq!(
        http.call("GET", "/apps/secret", owner, None).status,
        200,
        "still there"
    );
    // Maintenance is not owner-only.
    assert_eq!(
        http.call(
            "PATCH",
            "/apps/secret",
            Some(&dev),
            Some(json!({"maintenance": true}))
        )
        .status,
        200
    );
    // A collaborator may leave; then the app is gone for them.
    assert_eq!(
        http.call(
            "DELETE",
            "/apps/secret/collaborators/dev2@example.com",
            Some(&dev),
            None
        )
        .status,
        200
    );
    assert_eq!(
        http.call("GET", "/apps/secret", Some(&dev), None).status,
        404
    );
    // The owner cannot be removed.
    assert_eq!(
        http.call(
            "DELETE",
            "/apps/secret/collaborators/admin@localhost",
            owner,
            None
        )
        .status,
        422
    );
}

/// Adds an account through `tug server users:add` and returns its token.
fn users_token(server: &TestServer, email: &str) -> String {
    let out = std::process::Command::new(crate::common::TUG)
        .args(["server", "users:add", email, "--data-dir"])
        .arg(&server.data_dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}
