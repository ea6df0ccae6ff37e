//! Platform API wire rules that need only the HTTP layer, checked against the platform served
//! inside the test process (`InProcess`): version negotiation in Accept, Range paging, ETags.
//! The rest of the wire rules, which read the server's log or need a process, are in `wire.rs`.

use serde_json::json;

use crate::common::{InProcess, Reply};

#[test]
fn accept_header_versions() {
    let server = InProcess::start();
    let http = server.http();
    for (accept, status) in [
        ("application/vnd.heroku+json; version=3", 200),
        ("application/vnd.heroku+json; version=3.sdk", 200),
        ("application/json", 200),
        ("*/*", 200),
        ("application/vnd.heroku+json; version=2", 406),
    ] {
        let r = Reply::read(
            http.client
                .get(format!("{}/account", http.base))
                .header("Accept", accept)
                .bearer_auth(&server.admin_token)
                .send()
                .unwrap(),
        );
        assert_eq!(r.status, status, "{accept}");
        if status == 406 {
            assert_eq!(r.body["id"], "not_acceptable");
        }
    }
}

#[test]
fn ranges_page_through_lists() {
    let server = InProcess::start();
    let http = server.http();
    let t = &server.admin_token;
    for i in 0..7 {
        let r = http.call(
            "POST",
            "/apps",
            Some(t),
            Some(json!({ "name": format!("app-{i}") })),
        );
        assert_eq!(r.status, 201);
    }
    let get = |range: &str| {
        Reply::read(
            http.auth("GET", "/apps", t)
                .header("Range", range)
                .send()
                .unwrap(),
        )
    };
    let mut names = vec![];
    let mut range = "name ..; max=3".to_string();
    let mut pages = 0;
    loop {
        let r = get(&range);
        pages += 1;
        names.extend(
            r.body
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["name"].as_str().unwrap().to_string()),
        );
        assert!(r.header("accept-ranges").unwrap().contains("name"));
        match r.header("next-range") {
            Some(next) => {
                assert_eq!(r.status, 206);
                range = next.to_string();
            }
            None => {
                assert_eq!(r.status, 200);
                break;
            }
        }
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = (0..7).map(|i| format!("app-{i}")).collect();
    assert_eq!(names, expected);
    // Descending, the forms real clients send, and an empty header.
    let r = get("name ..; order=desc,max=2;");
    let first: Vec<&str> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(first, ["app-6", "app-5"]);
    assert_eq!(get("").status, 200);
    assert_eq!(get("name ..; max=5000").body.as_array().unwrap().len(), 7);
    // No Next-Range when the page holds everything.
    let r = get("name ..; max=7");
    assert_eq!((r.status, r.header("next-range")), (200, None));
    for bad in [
        "name ..; max=abc",
        "name ..; order=up",
        "colour ..",
        "name ..; max=0",
    ] {
        let r = get(bad);
        assert_eq!(
            (r.status, r.body["id"].as_str()),
            (400, Some("bad_request")),
            "{bad}"
        );
        assert!(r.body["message"].as_str().unwrap().contains("Range"));
    }
}

#[test]
fn etags_answer_304_when_unchanged() {
    let server = InProcess::start();
    let http = server.http();
    let t = &server.admin_token;
    http.call("POST", "/apps", Some(t), Some(json!({"name": "cached"})));
    let r = http.call("GET", "/apps/cached", Some(t), None);
    let etag = r.header("etag").unwrap().to_string();
    let r = Reply::read(
        http.auth("GET", "/apps/cached", t)
            .header("If-None-Match", &etag)
            .send()
            .unwrap(),
    );
    assert_eq!(r.status, 304);
    assert_eq!(r.body, serde_json::Value::Null);
    http.call(
        "PATCH",
        "/apps/cached",
        Some(t),
        Some(json!({"maintenance": true})),
    );
    let r = Reply::read(
        http.auth("GET", "/apps/cached", t)
            .header("If-None-Match", &etag)
            .send()
            .unwrap(),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.body["maintenance"], true);
}
