//! Custom domains end to end: the router picks the app by exact host, then wildcard, then
//! `APP.DOMAIN`; the CLI adds, lists, inspects, waits for, removes and clears them; bad
//! hostnames, taken hostnames and other accounts are refused and change nothing.

use std::time::Duration;

use serde_json::json;

use crate::common::TestServer;
use crate::common::dynos::start;
use crate::common::push::deploy;

/// The app the tests deploy: one line per GET.
fn host_py() -> String {
    crate::common::dynos::answering_app(
        r#"{os.environ.get('APP_LABEL')} {self.headers.get('Host')}"#,
    )
}

/// GET / through the router with the given Host header.
fn get_host(server: &TestServer, host: &str) -> (u16, String) {
    let r = reqwest::blocking::Client::new()
        .get(format!("{}/", server.router_url))
        .header("Host", host)
        .timeout(Duration::from_secs(10))
        .send();
    match r {
        Ok(r) => (r.status().as_u16(), r.text().unwrap_or_default()),
        Err(e) => (0, e.to_string()),
    }
}

fn deploy_labelled(server: &TestServer, app: &str) {
    let home = server.admin();
    deploy(
        server,
        &home,
        app,
        &[
            ("Procfile", "web: python3 app.py\n"),
            ("app.py", host_py().as_str()),
        ],
    );
    let r = server.http().call(
        "PATCH",
        &format!("/apps/{app}/config-vars"),
        Some(&server.admin_token),
        Some(json!({"APP_LABEL": app})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    crate::common::wait_for("the labelled release to serve", || {
        crate::common::dynos::get(server, app).1.starts_with(app)
    });
}

#[test]
fn custom_domains_route_by_host_exact_then_wildcard() {
    let server = start();
    let home = server.admin();
    deploy_labelled(&server, "shop");
    deploy_labelled(&server, "blog");

    home.tug(&["domains:add", "www.Example.test", "-a", "shop"])
        .ok()
        .stderr_has("Adding www.Example.test to shop... done")
        .stderr_has("at the DNS target shop.localhost")
        .stderr_has("tug domains:wait www.example.test -a shop");
    let wild = home
        .tug(&["domains:add", "*.example.test", "-a", "blog", "--json"])
        .ok()
        .json();
    assert_eq!(wild["hostname"], "*.example.test");
    assert_eq!(wild["kind"], "custom");
    assert_eq!(wild["cname"], "blog.localhost");
    assert_eq!(wild["app"]["name"], "blog");
    assert_eq!(wild["status"], "pending");
    assert!(wild["sni_endpoint"].is_null() && wild["acm_status"].is_null());

    // Exact first, then the wildcard one label up, then APP.DOMAIN; the dyno sees the Host.
    assert_eq!(
        get_host(&server, "www.example.test"),
        (200, "shop www.example.test\n".into())
    );
    assert_eq!(
        get_host(&server, "WWW.example.test.:80"),
        (200, "shop WWW.example.test.:80\n".into())
    );
    assert_eq!(
        get_host(&server, "api.example.test"),
        (200, "blog api.example.test\n".into())
    );
    assert_eq!(get_host(&server, "deep.api.example.test").0, 404);
    assert_eq!(get_host(&server, "example.test").0, 404);
    assert_eq!(
        get_host(&server, "shop.localhost").1,
        "shop shop.localhost\n"
    );

    // The list: the app's own domain first, then the custom ones; --json is the API objects.
    let list = home.tug(&["domains", "-a", "shop", "--json"]).ok().json();
    let mut list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    list.sort_by_key(|d| d["kind"].as_str().unwrap() != "heroku");
    assert_eq!(
        (list[0]["kind"].as_str(), list[0]["hostname"].as_str()),
        (Some("heroku"), Some("shop.localhost"))
    );
    assert!(list[0]["cname"].is_null());
    assert_eq!(list[1]["hostname"], "www.example.test");
    let text = home.tug(&["domains", "-a", "shop"]).ok();
    assert!(
        text.stdout.contains("shop.localhost"),
        "{}",
        text.describe()
    );
    assert!(
        text.stdout.contains("www.example.test") && text.stdout.contains("CNAME"),
        "{}",
        text.describe()
    );
    let info = home
        .tug(&["domains:info", "www.example.test", "-a", "shop", "--json"])
        .ok()
        .json();
    assert_eq!(info["id"], list[1]["id"]);
    home.tug(&["domains:info", "www.example.test", "-a", "shop"])
        .ok()
        .stdout_has("pending");

    // DNS does not point here (the name does not resolve): the wait gives up and says why.
    home.tug(&[
        "domains:wait",
        "www.example.test",
        "-a",
        "shop",
        "--timeout",
        "1",
    ])
    .code(1)
    .stderr_has("does not point at `shop.localhost`")
    .stderr_has("hint:");

    // A rename moves the app's own domain; custom domains stay with the app.
    home.tug(&["apps:rename", "store", "-a", "shop"]).ok();
    let list = home.tug(&["domains", "-a", "store", "--json"]).ok().json();
    let hostnames: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["hostname"].as_str().unwrap())
        .collect();
    assert!(hostnames.contains(&"store.localhost"), "{list}");
    assert!(!hostnames.contains(&"shop.localhost"), "{list}");
    let custom = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "custom")
        .unwrap();
    assert_eq!(custom["cname"], "store.localhost");
    assert_eq!(get_host(&server, "www.example.test").0, 200);

    // The app's own domain cannot be removed; a custom one can, and stops routing there at
    // once: the wildcard of the other app takes the name.
    home.tug(&["domains:remove", "store.localhost", "-a", "store"])
        .code(1)
        .stderr_has("cannot be removed");
    home.tug(&["domains:remove", "www.example.test", "-a", "store"])
        .ok()
        .stderr_has("Removing www.example.test from store... done");
    assert_eq!(
        get_host(&server, "www.example.test"),
        (200, "blog www.example.test\n".into())
    );

    // Clearing needs the app's name.
    home.tug(&["domains:clear", "-a", "blog"])
        .code(2)
        .stderr_has("--confirm blog");
    assert_eq!(get_host(&server, "api.example.test").0, 200);
    let gone = home
        .tug(&["domains:clear", "-a", "blog", "--confirm", "blog", "--json"])
        .ok()
        .json();
    assert_eq!(gone.as_array().unwrap().len(), 1);
    assert_eq!(get_host(&server, "api.example.test").0, 404);
    assert_eq!(get_host(&server, "www.example.test").0, 404);
    home.tug(&["domains", "-a", "blog"])
        .ok()
        .stderr_has("blog has no custom domains");
}

#[test]
fn domains_refuse_bad_names_taken_names_and_strangers() {
    let server = TestServer::start();
    let http = server.http();
    let admin = Some(server.admin_token.as_str());
    for app in ["mine", "other"] {
        let r = http.call("POST", "/apps", admin, Some(json!({ "name": app })));
        assert_eq!(r.status, 201, "{:?}", r.body);
    }
    let r = http.call(
        "POST",
        "/apps/mine/domains",
        admin,
        Some(json!({"hostname": "www.example.test", "sni_endpoint": null})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    let id = r.body["id"].as_str().unwrap().to_string();

    // Bad hostnames: 422, nothing added.
    for bad in [
        "",
        "localhost",
        "under_score.example.test",
        "-x.example.test",
        "a..example.test",
        "http://x.example.test",
        "x.example.test:8080",
        "www.*.example.test",
        "10.1.2.3",
        "app.localhost",
        "*.localhost",
    ] {
        let r = http.call(
            "POST",
            "/apps/mine/domains",
            admin,
            Some(json!({ "hostname": bad })),
        );
        assert_eq!(r.status, 422, "{bad}: {:?}", r.body);
        assert_eq!(r.body["id"], "invalid_params", "{bad}");
    }
    let long = format!("{}.example.test", "a".repeat(64));
    let r = http.call(
        "POST",
        "/apps/mine/domains",
        admin,
        Some(json!({ "hostname": long })),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    for body in [
        json!({}),
        json!({"hostname": 5}),
        json!({"hostname": "a.b", "x": 1}),
    ] {
        let r = http.call("POST", "/apps/mine/domains", admin, Some(body.clone()));
        assert!(
            r.status == 400 || r.status == 422,
            "{body}: {} {:?}",
            r.status,
            r.body
        );
    }

    // Taken on another app: 409 that does not name the app holding it, in any spelling.
    for taken in ["www.example.test", "WWW.EXAMPLE.TEST.", " www.example.test"] {
        let r = http.call(
            "POST",
            "/apps/other/domains",
            admin,
            Some(json!({ "hostname": taken })),
        );
        assert_eq!(r.status, 409, "{taken}: {:?}", r.body);
        assert!(!r.body.to_string().contains("mine"), "{:?}", r.body);
    }

    // Another account: the app is not found, whatever it asks; nothing changes.
    let stranger = server.user("eve@example.com");
    let eve = stranger_token(&stranger);
    let e = Some(eve.as_str());
    for (method, path, body) in [
        ("GET", "/apps/mine/domains".to_string(), None),
        (
            "GET",
            "/apps/mine/domains/www.example.test".to_string(),
            None,
        ),
        ("GET", format!("/apps/mine/domains/{id}"), None),
        (
            "POST",
            "/apps/mine/domains".to_string(),
            Some(json!({"hostname": "evil.example.test"})),
        ),
        (
            "DELETE",
            "/apps/mine/domains/www.example.test".to_string(),
            None,
        ),
        ("DELETE", "/apps/mine/domains".to_string(), None),
    ] {
        let r = http.call(method, &path, e, body);
        assert_eq!(r.status, 404, "{method} {path}: {:?}", r.body);
        assert!(
            !r.body.to_string().contains("www.example.test"),
            "{:?}",
            r.body
        );
    }
    stranger
        .tug(&["domains:remove", "www.example.test", "-a", "mine"])
        .code(1);
    // A domain of one app is not reachable through another.
    let r = http.call("GET", &format!("/apps/other/domains/{id}"), admin, None);
    assert_eq!(r.status, 404, "{:?}", r.body);
    let r = http.call("GET", "/apps/mine/domains", admin, None);
    let hostnames: Vec<&str> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["hostname"].as_str().unwrap())
        .collect();
    assert_eq!(hostnames.len(), 2, "{:?}", r.body);
    assert!(hostnames.contains(&"www.example.test"), "{:?}", r.body);

    // The CLI refuses a bad name before asking the platform.
    server
        .admin()
        .tug(&["domains:add", "bad_name.example.test", "-a", "mine"])
        .code(2)
        .stderr_has("is not a valid hostname");
}

/// The token a `TestServer::user` HOME carries.
fn stranger_token(home: &crate::common::Home) -> String {
    home.tug(&["auth:token"]).ok().stdout.trim().to_string()
}
