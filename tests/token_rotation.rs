//! Rotating a token (`POST /oauth/authorizations/{id}/actions/regenerate-tokens`): the old
//! secret is refused at once, and so are the capability URLs made for it, open streams too.

use std::io::Read;

use serde_json::json;

use crate::common::{TestServer, add_user_with_password, wait_for};

#[test]
fn a_rotated_token_and_its_capability_urls_stop_working() {
    let server = TestServer::start();
    let http = server.http();
    let admin = Some(server.admin_token.as_str());
    let made = http.call(
        "POST",
        "/oauth/authorizations",
        admin,
        Some(json!({"description": "ci"})),
    );
    assert_eq!(made.status, 201, "{:?}", made.body);
    let old = made.body["access_token"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let id = made.body["id"].as_str().unwrap().to_string();
    http.call("POST", "/apps", admin, Some(json!({"name": "rot"})));

    // URLs made for the old token: a log session to read once, and one kept open.
    let session = |tail: bool| {
        let r = http.call(
            "POST",
            "/apps/rot/log-sessions",
            Some(&old),
            Some(json!({"tail": tail})),
        );
        assert_eq!(r.status, 201, "{:?}", r.body);
        r.body["logplex_url"].as_str().unwrap().to_string()
    };
    let (once, open) = (session(false), session(true));
    let get = |url: &str| reqwest::blocking::get(url).unwrap().status().as_u16();
    assert_eq!(get(&once), 200);
    let mut stream = reqwest::blocking::Client::builder()
        .timeout(None)
        .build()
        .unwrap()
        .get(&open)
        .send()
        .unwrap();
    assert_eq!(stream.status(), 200);
    let reader = std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = stream.read_to_end(&mut sink);
    });

    // Another account cannot rotate it, nor can nobody; bad ids are 404s.
    let eve = add_user_with_password(&server, "eve@example.com", "long enough password");
    let path = format!("/oauth/authorizations/{id}/actions/regenerate-tokens");
    let r = http.call("POST", &path, Some(&eve), None);
    assert_eq!(
        (r.status, r.body["resource"].as_str()),
        (404, Some("authorization"))
    );
    assert_eq!(http.call("POST", &path, None, None).status, 401);
    for bad in ["nope", "00000000-0000-4000-8000-000000000000"] {
        let p = format!("/oauth/authorizations/{bad}/actions/regenerate-tokens");
        assert_eq!(http.call("POST", &p, admin, None).status, 404, "{bad}");
    }
    assert_eq!(http.call("GET", "/account", Some(&old), None).status, 200);

    // The CLI rotates it and prints the new token, once.
    let rotated = server.admin().tug(&["authorizations:rotate", &id]).ok();
    let new = rotated.stdout.trim().to_string();
    assert!(new.starts_with("tug_") && new != old, "{new}");
    assert_eq!(http.call("GET", "/account", Some(&old), None).status, 401);
    assert_eq!(http.call("GET", "/account", Some(&new), None).status, 200);
    assert_eq!(get(&once), 404, "a URL made for the old token");
    wait_for("the open stream to end", || reader.is_finished());
    let listed = server.admin().tug(&["authorizations"]).ok().stdout;
    assert!(listed.contains(&id) && !listed.contains(&new), "{listed}");

    // A token may rotate itself (`~`): the answer carries its successor.
    let r = http.call(
        "POST",
        "/oauth/authorizations/~/actions/regenerate-tokens",
        Some(&new),
        None,
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["id"], id.as_str());
    assert_eq!(r.body["description"], "ci");
    let newer = r.body["access_token"]["token"].as_str().unwrap();
    assert_eq!(http.call("GET", "/account", Some(&new), None).status, 401);
    assert_eq!(http.call("GET", "/account", Some(newer), None).status, 200);
    // Other tokens are untouched.
    assert_eq!(http.call("GET", "/account", admin, None).status, 200);
    assert_eq!(http.call("GET", "/account", Some(&eve), None).status, 200);
}
