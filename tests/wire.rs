//! The Platform API wire rules, checked over real HTTP against a real server: headers, errors,
//! auth schemes, Next-Range keys, identities. Accept versions, Range paging and ETags need no
//! server process and are in `wire_in_process.rs`.

use serde_json::json;

use crate::common::{Reply, TestServer, add_user_with_password};

#[test]
fn every_response_carries_request_id_and_rate_limit() {
    let server = TestServer::start();
    let http = server.http();
    for (path, token) in [
        ("/health", None),
        ("/account", Some(server.admin_token.as_str())),
        ("/nope", None),
        // The dashboard lives at `/` for browsers; API clients get the API's answer there.
        ("/", None),
    ] {
        let r = http.call("GET", path, token, None);
        let id = r.header("request-id").expect("Request-Id");
        assert!(
            uuid::Uuid::parse_str(id.split(',').next().unwrap()).is_ok(),
            "{id}"
        );
        assert!(
            r.header("ratelimit-remaining")
                .unwrap()
                .parse::<u64>()
                .is_ok()
        );
    }
    let r = Reply::read(
        http.req("GET", "/health")
            .header("Request-Id", "client-abc-1")
            .send()
            .unwrap(),
    );
    assert!(r.header("request-id").unwrap().ends_with(",client-abc-1"));
    let r = http.call(
        "GET",
        "/account/rate-limits",
        Some(&server.admin_token),
        None,
    );
    assert_eq!(r.status, 200);
    assert!(r.body["remaining"].as_u64().unwrap() > 4000);
}

#[test]
fn auth_schemes_and_failures() {
    let server = TestServer::start();
    let http = server.http();
    let token = &server.admin_token;
    let r = http.call("GET", "/account", None, None);
    assert_eq!(
        (r.status, r.body["id"].as_str()),
        (401, Some("unauthorized"))
    );
    let r = http.call("GET", "/account", Some("tug_nope"), None);
    assert_eq!(r.status, 401);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("invalid credentials")
    );
    // Basic with the token as password, user ignored or empty.
    for user in ["", "anyone", "admin@localhost"] {
        let r = Reply::read(
            http.req("GET", "/account")
                .basic_auth(user, Some(token))
                .send()
                .unwrap(),
        );
        assert_eq!(r.status, 200, "{user}");
        assert_eq!(r.body["email"], "admin@localhost");
    }
    let r = Reply::read(
        http.req("GET", "/account")
            .header("Authorization", "Digest x")
            .send()
            .unwrap(),
    );
    assert_eq!(r.status, 401);
    let r = Reply::read(
        http.req("GET", "/account")
            .header("Authorization", "Basic !!!")
            .send()
            .unwrap(),
    );
    assert_eq!(r.status, 401);
}

#[test]
fn client_mistakes_get_json_errors_never_500s() {
    let server = TestServer::start();
    let http = server.http();
    let t = &server.admin_token;
    let send_raw = |method: &str, path: &str, body: &str| {
        Reply::read(
            http.auth(method, path, t)
                .header("Content-Type", "application/json")
                .body(body.to_string())
                .send()
                .unwrap(),
        )
    };
    let r = send_raw("POST", "/apps", "{");
    assert_eq!(
        (r.status, r.body["id"].as_str()),
        (400, Some("bad_request"))
    );
    let r = send_raw("POST", "/apps", r#"{"name": 5}"#);
    assert_eq!(
        (r.status, r.body["id"].as_str()),
        (422, Some("invalid_params"))
    );
    let r = send_raw("POST", "/apps", r#"{"name": "ok-name", "colour": "red"}"#);
    assert_eq!(r.status, 422, "unknown fields are refused: {:?}", r.body);
    let r = send_raw("POST", "/apps", r#"[1, 2]"#);
    assert_eq!(r.status, 422);
    let big = format!(r#"{{"name": "{}"}}"#, "a".repeat(2 * 1024 * 1024));
    // The server answers 413 without reading the rest and closes that connection, so the
    // oversized request goes on a client of its own rather than poisoning the shared pool.
    let r = Reply::read(
        reqwest::blocking::Client::new()
            .post(format!("{}/apps", http.base))
            .bearer_auth(t)
            .header("Content-Type", "application/json")
            .body(big)
            .send()
            .unwrap(),
    );
    assert_eq!(
        (r.status, r.body["id"].as_str()),
        (413, Some("payload_too_large"))
    );
    let r = http.call("GET", "/no/such/thing", Some(t), None);
    assert_eq!((r.status, r.body["id"].as_str()), (404, Some("not_found")));
    let r = http.call("PUT", "/account", Some(t), None);
    assert_eq!(
        (r.status, r.body["id"].as_str()),
        (405, Some("method_not_allowed"))
    );
    for name in ["Bad", "ab", "-abc", "abc-", &"a".repeat(31), "my_app"] {
        let r = http.call("POST", "/apps", Some(t), Some(json!({ "name": name })));
        assert_eq!(r.status, 422, "{name}");
        assert!(
            r.body["message"]
                .as_str()
                .unwrap()
                .contains("not a valid app name")
        );
    }
    let r = http.call("POST", "/apps", Some(t), Some(json!({"name": "taken"})));
    assert_eq!(r.status, 201);
    let r = http.call("POST", "/apps", Some(t), Some(json!({"name": "taken"})));
    assert_eq!(r.status, 422);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("already taken")
    );
    // Heroku's region names are aliases; a region nobody has is refused.
    let r = http.call("POST", "/apps", Some(t), Some(json!({"region": "mars"})));
    assert_eq!(r.status, 422);
    let r = http.call("GET", "/apps", Some(t), None);
    assert_eq!(
        r.body.as_array().unwrap().len(),
        1,
        "failed creates changed nothing"
    );
    assert!(!server.log().contains("internal error"), "{}", server.log());
}

#[test]
fn identities_by_id_name_version_and_tilde() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let app = http
        .call("POST", "/apps", t, Some(json!({"name": "ident"})))
        .body;
    let id = app["id"].as_str().unwrap();
    assert_eq!(
        http.call("GET", &format!("/apps/{id}"), t, None).body["name"],
        "ident"
    );
    assert_eq!(http.call("GET", "/apps/ident", t, None).body["id"], id);
    let rel = http.call("GET", "/apps/ident/releases/1", t, None).body;
    assert_eq!(rel["description"], "Initial release");
    let rel_id = rel["id"].as_str().unwrap();
    assert_eq!(
        http.call("GET", &format!("/apps/ident/releases/{rel_id}"), t, None)
            .body["version"],
        1
    );
    assert_eq!(
        http.call("GET", "/apps/ident/releases/v1", t, None).status,
        200
    );
    assert_eq!(
        http.call("GET", "/apps/ident/releases/9", t, None).status,
        404
    );
    let me = http.call("GET", "/users/~", t, None).body;
    assert_eq!(me["email"], "admin@localhost");
    let me_id = me["id"].as_str().unwrap();
    assert_eq!(
        http.call("GET", &format!("/users/{me_id}"), t, None).status,
        200
    );
    assert_eq!(
        http.call("GET", "/users/admin@localhost", t, None).status,
        200
    );
    assert_eq!(
        http.call("GET", "/users/~/apps", t, None)
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let collab = http
        .call("GET", "/apps/ident/collaborators/admin@localhost", t, None)
        .body;
    assert_eq!(collab["role"], "owner");
    let cid = collab["id"].as_str().unwrap();
    assert_eq!(
        http.call("GET", &format!("/apps/ident/collaborators/{cid}"), t, None)
            .status,
        200
    );
    assert_eq!(app["stack"]["name"], "local");
    assert_eq!(app["generation"]["name"], "cedar");
    assert!(app["git_url"].as_str().unwrap().ends_with("/ident.git"));
    assert!(
        app["web_url"]
            .as_str()
            .unwrap()
            .starts_with("http://ident.localhost:")
    );
    let created = app["created_at"].as_str().unwrap();
    assert!(created.ends_with('Z') && created.len() == 20, "{created}");
    assert_eq!(id, id.to_lowercase());
}

#[test]
fn config_vars_and_releases() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "conf"})));
    let r = http.call(
        "PATCH",
        "/apps/conf/config-vars",
        t,
        Some(json!({"FOO": "bar", "MSG": "hello world"})),
    );
    assert_eq!(r.body, json!({"FOO": "bar", "MSG": "hello world"}));
    let r = http.call(
        "PATCH",
        "/apps/conf/config-vars",
        t,
        Some(json!({"FOO": null})),
    );
    assert_eq!(r.body, json!({"MSG": "hello world"}));
    // Bad keys and values change nothing and make no release.
    for bad in [
        json!({"BAD-KEY": "x"}),
        json!({"N": 5}),
        json!({"": "x"}),
        json!(["FOO"]),
        json!({"NUL": "a\0b"}),
    ] {
        let r = http.call("PATCH", "/apps/conf/config-vars", t, Some(bad.clone()));
        assert_eq!(r.status, 422, "{bad}");
    }
    let big = "x".repeat(70 * 1024);
    assert_eq!(
        http.call(
            "PATCH",
            "/apps/conf/config-vars",
            t,
            Some(json!({"BIG": big}))
        )
        .status,
        422
    );
    let r = http.call("GET", "/apps/conf/releases", t, None);
    let descs: Vec<&str> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["description"].as_str().unwrap())
        .collect();
    assert_eq!(
        descs,
        [
            "Initial release",
            "Set FOO, MSG config vars",
            "Remove FOO config vars"
        ]
    );
    let current: Vec<bool> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["current"].as_bool().unwrap())
        .collect();
    assert_eq!(current, [false, false, true]);
    let r = http.call("GET", "/apps/conf/releases/2/config-vars", t, None);
    assert_eq!(r.body, json!({"FOO": "bar", "MSG": "hello world"}));
    // Rollback is a new release with the old config.
    let v2 = http.call("GET", "/apps/conf/releases/2", t, None).body;
    let r = http.call(
        "POST",
        "/apps/conf/releases",
        t,
        Some(json!({"release": v2["id"]})),
    );
    assert_eq!(r.status, 201);
    assert_eq!(
        (r.body["version"].as_i64(), r.body["description"].as_str()),
        (Some(4), Some("Rollback to v2"))
    );
    assert_eq!(
        http.call("GET", "/apps/conf/config-vars", t, None).body,
        json!({"FOO": "bar", "MSG": "hello world"})
    );
    assert_eq!(
        http.call(
            "POST",
            "/apps/conf/releases",
            t,
            Some(json!({"release": "v99"}))
        )
        .status,
        404
    );
    assert_eq!(
        http.call("POST", "/apps/conf/releases", t, Some(json!({})))
            .status,
        422
    );
}

#[test]
fn slugs_releases_and_formation() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "form"})));
    assert_eq!(
        http.call("GET", "/apps/form/formation", t, None).body,
        json!([])
    );
    let r = http.call(
        "PATCH",
        "/apps/form/formation",
        t,
        Some(json!({"updates": [{"type": "web", "quantity": 1}]})),
    );
    assert_eq!(r.status, 404, "no process types before a release");
    let slug = http.call(
        "POST",
        "/apps/form/slugs",
        t,
        Some(json!({"process_types": {"web": "python3 app.py", "worker": "python3 w.py"}, "commit": "1a2b3c4d5e"})),
    );
    assert_eq!(slug.status, 201);
    assert_eq!(
        http.call(
            "POST",
            "/apps/form/slugs",
            t,
            Some(json!({"process_types": {"we b": "x"}}))
        )
        .status,
        422
    );
    let sid = slug.body["id"].as_str().unwrap();
    assert_eq!(
        http.call("GET", &format!("/apps/form/slugs/{sid}"), t, None)
            .body["commit"],
        "1a2b3c4d5e"
    );
    let rel = http.call("POST", "/apps/form/releases", t, Some(json!({"slug": sid})));
    assert_eq!(rel.body["description"], "Deploy 1a2b3c4");
    assert_eq!(rel.body["slug"]["id"], sid);
    let f = http.call("GET", "/apps/form/formation", t, None).body;
    let q: Vec<(String, i64)> = f
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["type"].as_str().unwrap().to_string(),
                f["quantity"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(q, [("web".to_string(), 1), ("worker".to_string(), 0)]);
    // The official CLI's string quantities, relative changes, sizes.
    let r = http.call(
        "PATCH",
        "/apps/form/formation",
        t,
        Some(json!({"updates": [{"type": "web", "quantity": "+2"}, {"type": "worker", "quantity": "3", "size": "standard-2x"}]})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let r = http
        .call("GET", "/apps/form/formation/worker", t, None)
        .body;
    assert_eq!(
        (r["quantity"].as_i64(), r["size"].as_str()),
        (Some(3), Some("standard-2X"))
    );
    assert_eq!(
        http.call("GET", "/apps/form/formation/web", t, None).body["quantity"],
        3
    );
    // Bad changes are refused whole.
    for bad in [
        json!({"updates": [{"type": "web", "quantity": 1}, {"type": "worker", "quantity": -1}]}),
        json!({"updates": [{"type": "web", "quantity": 1}, {"type": "worker", "quantity": 101}]}),
        json!({"updates": [{"type": "web", "quantity": "lots"}]}),
        json!({"updates": [{"type": "web", "quantity": 1, "size": "huge"}]}),
        json!({"updates": []}),
        json!({"updates": [{"type": "web", "quantity": 1}, {"type": "web", "quantity": 2}]}),
    ] {
        let r = http.call("PATCH", "/apps/form/formation", t, Some(bad.clone()));
        assert_eq!(r.status, 422, "{bad}: {:?}", r.body);
    }
    let r = http.call(
        "PATCH",
        "/apps/form/formation",
        t,
        Some(json!({"updates": [{"type": "clock", "quantity": 1}]})),
    );
    assert_eq!(
        (r.status, r.body["resource"].as_str()),
        (404, Some("formation"))
    );
    assert_eq!(
        http.call("GET", "/apps/form/formation/web", t, None).body["quantity"],
        3
    );
    let r = http.call(
        "PATCH",
        "/apps/form/formation/web",
        t,
        Some(json!({"quantity": 0})),
    );
    assert_eq!(r.body["quantity"], 0);
}

#[test]
fn oauth_authorizations_with_password_and_tokens() {
    let server = TestServer::start();
    let http = server.http();
    add_user_with_password(&server, "dev@example.com", "correct horse");
    let login = |user: &str, pass: &str| {
        Reply::read(
            http.req("POST", "/oauth/authorizations")
                .basic_auth(user, Some(pass))
                .json(&json!({"description": "test login", "scope": ["global"]}))
                .send()
                .unwrap(),
        )
    };
    let r = login("dev@example.com", "wrong");
    assert_eq!(
        (r.status, r.body["message"].as_str()),
        (401, Some("invalid email or password"))
    );
    let r = login("nobody@example.com", "correct horse");
    assert_eq!(r.status, 401);
    let r = login("dev@example.com", "correct horse");
    assert_eq!(r.status, 201);
    let token = r.body["access_token"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let auth_id = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(r.body["user"]["email"], "dev@example.com");
    let me = http.call("GET", "/account", Some(&token), None);
    assert_eq!(me.body["email"], "dev@example.com");
    assert!(me.body["last_login"].is_string());
    let list = http
        .call("GET", "/oauth/authorizations", Some(&token), None)
        .body;
    let shown: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["access_token"]["token"].as_str().unwrap())
        .collect();
    assert_eq!(shown.len(), 2, "users:add token and the login token");
    assert!(
        shown.iter().all(|t| t.contains("**********")),
        "tokens are redacted: {shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|s| s.starts_with(&token[..12]) && s.ends_with(&token[token.len() - 4..]))
    );
    assert_eq!(
        http.call("GET", "/oauth/authorizations/~", Some(&token), None)
            .body["id"],
        auth_id.as_str()
    );
    let bad = http.call(
        "POST",
        "/oauth/authorizations",
        Some(&token),
        Some(json!({"scope": ["read"]})),
    );
    assert_eq!(bad.status, 422);
    let bad = http.call(
        "POST",
        "/oauth/authorizations",
        Some(&token),
        Some(json!({"expires_in": -5})),
    );
    assert_eq!(bad.status, 422);
    let short = http.call(
        "POST",
        "/oauth/authorizations",
        Some(&token),
        Some(json!({"expires_in": 60})),
    );
    assert_eq!(short.status, 201);
    assert!(short.body["access_token"]["expires_in"].as_i64().unwrap() <= 60);
    // The admin cannot see or delete someone else's authorization.
    assert_eq!(
        http.call(
            "GET",
            &format!("/oauth/authorizations/{auth_id}"),
            Some(&server.admin_token),
            None
        )
        .status,
        404
    );
    assert_eq!(
        http.call(
            "DELETE",
            &format!("/oauth/authorizations/{auth_id}"),
            Some(&token),
            None
        )
        .status,
        200
    );
    assert_eq!(
        http.call("GET", "/account", Some(&token), None).status,
        401,
        "revoked"
    );
    assert_eq!(
        http.call(
            "DELETE",
            "/oauth/sessions/~",
            Some(&server.admin_token),
            None
        )
        .body["resource"],
        "session"
    );
}

#[test]
fn account_update() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let r = http.call(
        "PATCH",
        "/account",
        t,
        Some(json!({"name": "Ada Lovelace", "beta": true})),
    );
    assert_eq!(
        (r.body["name"].as_str(), r.body["beta"].as_bool()),
        (Some("Ada Lovelace"), Some(true))
    );
    let r = http.call("PATCH", "/users/~", t, Some(json!({"name": null})));
    assert_eq!(r.body["name"], serde_json::Value::Null);
    assert_eq!(
        http.call("PATCH", "/account", t, Some(json!({"email": "x@y.z"})))
            .status,
        422
    );
    assert_eq!(
        http.call("GET", "/users/someone@else.com", t, None).status,
        404
    );
}

#[test]
fn next_range_carries_keys_that_hold_the_range_grammar() {
    let server = TestServer::start();
    let http = server.http();
    let t = &server.admin_token;
    let r = http.call("POST", "/apps", Some(t), Some(json!({"name": "ranged"})));
    assert_eq!(r.status, 201, "{:?}", r.body);
    // Webhook URLs are sort keys that may hold `..`, `;`, `,` and `%`: a Next-Range that
    // carried them as is was read back as another range, or refused.
    let urls = [
        "https://h.example/a..b",
        "https://h.example/a;b",
        "https://h.example/a,b",
        "https://h.example/a%2Cb",
        "https://h.example/z.",
    ];
    for url in urls {
        let r = http.call(
            "POST",
            "/apps/ranged/webhooks",
            Some(t),
            Some(json!({"include": ["api:release"], "level": "notify", "url": url})),
        );
        assert_eq!(r.status, 201, "{:?}", r.body);
    }
    let mut seen: Vec<String> = vec![];
    let mut range = "url ..; max=1".to_string();
    for _ in 0..urls.len() + 2 {
        let r = Reply::read(
            http.auth("GET", "/apps/ranged/webhooks", t)
                .header("Range", &range)
                .send()
                .unwrap(),
        );
        assert!(matches!(r.status, 200 | 206), "{range}: {:?}", r.body);
        seen.extend(
            r.body
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w["url"].as_str().unwrap().to_string()),
        );
        match r.header("next-range") {
            Some(next) => range = next.to_string(),
            None => break,
        }
    }
    let mut expected: Vec<String> = urls.iter().map(|u| u.to_string()).collect();
    expected.sort();
    assert_eq!(seen, expected);
}
