//! The official CLI on the links the schema audit found last: rotating a token.

use crate::official_cli::{Heroku, tls_http, tls_server};

#[test]
fn the_official_cli_rotates_a_token() {
    let tls = tls_server();
    let Some(heroku) = Heroku::find(&tls) else {
        return;
    };
    let http = tls_http(&tls);
    let api = &tls.server.api_url;
    let made: serde_json::Value = http
        .post(format!("{api}/oauth/authorizations"))
        .bearer_auth(&tls.server.admin_token)
        .json(&serde_json::json!({"description": "deploy bot"}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let old = made["access_token"]["token"].as_str().unwrap();
    let id = made["id"].as_str().unwrap();
    let status = |token: &str| {
        http.get(format!("{api}/account"))
            .bearer_auth(token)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(status(old), 200);
    let (out, err) = heroku.ok(&["authorizations:rotate", id]);
    assert!(out.contains("deploy bot"), "{out}\n{err}");
    assert_eq!(status(old), 401, "the old token is refused at once");
    let (out, _) = heroku.ok(&["authorizations:info", id, "--json"]);
    let info: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(info["description"], "deploy bot");
}
