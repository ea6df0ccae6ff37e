//! Deleting one's account: refused while it owns apps; otherwise its tokens, password and
//! collaborator entries go, and the history it made on others' apps stays readable.

use serde_json::json;

use crate::common::{TestServer, add_user_with_password};

fn password_login(server: &TestServer, email: &str, password: &str) -> u16 {
    reqwest::blocking::Client::new()
        .post(format!("{}/oauth/authorizations", server.api_url))
        .basic_auth(email, Some(password))
        .header("Accept", "application/vnd.heroku+json; version=3")
        .json(&json!({}))
        .send()
        .unwrap()
        .status()
        .as_u16()
}

#[test]
fn an_account_is_deleted_once_it_owns_nothing() {
    let server = TestServer::start();
    let http = server.http();
    let admin = Some(server.admin_token.as_str());
    let pw = "long enough password";
    let dev = add_user_with_password(&server, "dev@example.com", pw);
    let eve = add_user_with_password(&server, "eve@example.com", pw);
    let d = Some(dev.as_str());
    http.call("POST", "/apps", admin, Some(json!({"name": "kept"})));
    http.call(
        "POST",
        "/apps/kept/collaborators",
        admin,
        Some(json!({"user": "dev@example.com"})),
    );
    // History made by dev on another's app: a release.
    let r = http.call(
        "PATCH",
        "/apps/kept/config-vars",
        d,
        Some(json!({"BY": "dev"})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    http.call("POST", "/apps", d, Some(json!({"name": "devs-own"})));

    // Owning an app: refused, and nothing changes.
    let r = http.call("DELETE", "/account", d, None);
    assert_eq!(r.status, 422, "{:?}", r.body);
    let message = r.body["message"].as_str().unwrap();
    assert!(message.contains("apps:destroy"), "{message}");
    assert_eq!(http.call("GET", "/account", d, None).status, 200);
    // Nobody, and another account by email or id, cannot delete it.
    assert_eq!(http.call("DELETE", "/account", None, None).status, 401);
    let dev_id = http.call("GET", "/account", d, None).body["id"].clone();
    for other in ["dev@example.com", dev_id.as_str().unwrap()] {
        let r = http.call("DELETE", &format!("/users/{other}"), Some(&eve), None);
        assert_eq!((r.status, r.body["resource"].as_str()), (404, Some("user")));
    }
    assert_eq!(http.call("GET", "/account", d, None).status, 200);

    // Owning nothing: gone, with its tokens, password and collaborator entries.
    http.call("DELETE", "/apps/devs-own", d, None);
    let r = http.call("DELETE", "/users/~", d, None);
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["email"], "dev@example.com");
    assert_eq!(http.call("GET", "/account", d, None).status, 401);
    assert_eq!(password_login(&server, "dev@example.com", pw), 401);
    let collaborators = http
        .call("GET", "/apps/kept/collaborators", admin, None)
        .body;
    assert!(
        !collaborators.to_string().contains("dev@example.com"),
        "{collaborators}"
    );
    let releases = http.call("GET", "/apps/kept/releases", admin, None);
    assert_eq!(releases.status, 200);
    assert!(
        releases.body.to_string().contains("Set BY config vars"),
        "the history stays: {:?}",
        releases.body
    );
    // The email is free again.
    let again = add_user_with_password(&server, "dev@example.com", "another good password");
    assert_eq!(http.call("GET", "/account", Some(&again), None).status, 200);
    assert_eq!(
        http.call("GET", "/apps/kept", Some(&again), None).status,
        404,
        "a new account of the same email inherits nothing"
    );

    // An account with no history at all goes entirely; others are untouched.
    let r = http.call("DELETE", "/account", Some(&eve), None);
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(http.call("GET", "/account", Some(&eve), None).status, 401);
    assert_eq!(http.call("GET", "/account", admin, None).status, 200);
}
