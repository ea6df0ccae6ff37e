//! The web dashboard: sessions (password sign-in, `tug dashboard` links, sign-out), CSRF and
//! access over plain HTTP with hostile requests, and the main scenarios in a real headless
//! Chromium (`dashboard/browser.rs`).

mod browser;

use reqwest::blocking::{Client, Response};
use reqwest::redirect::Policy;
use serde_json::json;

use crate::common::{TestServer, add_user_with_password, wait_for};

/// A browser without a browser: no redirects followed, the session cookie sent by hand.
struct Visitor {
    base: String,
    client: Client,
    cookie: Option<String>,
}

impl Visitor {
    fn new(server: &TestServer) -> Visitor {
        crate::common::install_crypto_provider();
        Visitor {
            base: server.api_url.clone(),
            client: Client::builder().redirect(Policy::none()).build().unwrap(),
            cookie: None,
        }
    }

    fn get(&self, path: &str) -> Response {
        let mut req = self
            .client
            .get(format!("{}{path}", self.base))
            .header("Accept", "text/html");
        if let Some(c) = &self.cookie {
            req = req.header("Cookie", format!("tug_session={c}"));
        }
        req.send().unwrap()
    }

    fn post(&self, path: &str, form: &[(&str, &str)], origin: Option<&str>) -> Response {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(form).unwrap());
        if let Some(c) = &self.cookie {
            req = req.header("Cookie", format!("tug_session={c}"));
        }
        if let Some(o) = origin {
            req = req.header("Origin", o);
        }
        req.send().unwrap()
    }

    /// Signs in with a password; panics unless it worked.
    fn sign_in(&mut self, email: &str, password: &str) {
        let resp = self.post(
            "/dashboard/sign-in",
            &[("email", email), ("password", password)],
            None,
        );
        assert_eq!(resp.status(), 303, "{}", resp.text().unwrap_or_default());
        self.take_cookie(&resp);
    }

    fn take_cookie(&mut self, resp: &Response) {
        let set = resp
            .headers()
            .get("set-cookie")
            .expect("a session cookie")
            .to_str()
            .unwrap();
        let value = set
            .strip_prefix("tug_session=")
            .and_then(|v| v.split(';').next())
            .unwrap();
        self.cookie = Some(value.to_string());
    }

    /// The CSRF token of the signed-in session, read from a page as a script would.
    fn csrf(&self) -> String {
        let page = self.get("/dashboard").text().unwrap();
        let at = page
            .find("name=\"csrf-token\" content=\"")
            .expect("csrf meta")
            + 27;
        page[at..at + 64].to_string()
    }
}

fn location(resp: &Response) -> String {
    resp.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

fn config_of(server: &TestServer, app: &str) -> serde_json::Value {
    server
        .http()
        .call(
            "GET",
            &format!("/apps/{app}/config-vars"),
            Some(&server.admin_token),
            None,
        )
        .body
}

#[test]
fn password_sign_in_gives_a_safe_cookie_and_sign_out_revokes_it() {
    let server = TestServer::start();
    add_user_with_password(&server, "ann@example.com", "correct horse 1");
    let mut v = Visitor::new(&server);
    // Signed out, pages send the browser to sign in; `/` is the dashboard for browsers only.
    assert_eq!(location(&v.get("/dashboard")), "/dashboard/sign-in");
    assert_eq!(location(&v.get("/")), "/dashboard");
    let api_root = server.http().req("GET", "/").send().unwrap();
    assert_eq!(api_root.status(), 404);
    let wrong = v.post(
        "/dashboard/sign-in",
        &[("email", "ann@example.com"), ("password", "nope")],
        None,
    );
    assert_eq!(wrong.status(), 401);
    assert!(wrong.headers().get("set-cookie").is_none());
    assert!(wrong.text().unwrap().contains("invalid email or password"));

    let resp = v.post(
        "/dashboard/sign-in",
        &[
            ("email", "ann@example.com"),
            ("password", "correct horse 1"),
        ],
        None,
    );
    assert_eq!(resp.status(), 303);
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    for part in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "no Secure flag over plain HTTP: {cookie}"
    );
    v.take_cookie(&resp);
    let page = v.get("/dashboard");
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let html = page.text().unwrap();
    assert!(html.contains("ann@example.com"));
    assert!(!html.contains("<script>"), "no inline script");

    let csrf = v.csrf();
    let out = v.post("/dashboard/sign-out", &[("_csrf", &csrf)], None);
    assert_eq!(out.status(), 303);
    assert!(
        out.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    // The old cookie is worth nothing now, on the dashboard and on the API.
    assert_eq!(location(&v.get("/dashboard")), "/dashboard/sign-in");
    let as_token = server
        .http()
        .auth("GET", "/account", v.cookie.as_deref().unwrap())
        .send()
        .unwrap();
    assert_eq!(as_token.status(), 401);
}

#[test]
fn password_sign_in_is_throttled_like_the_api() {
    let server = TestServer::start();
    add_user_with_password(&server, "bo@example.com", "right password 2");
    let v = Visitor::new(&server);
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let r = v.post(
            "/dashboard/sign-in",
            &[("email", "bo@example.com"), ("password", "guess")],
            None,
        );
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses[0], 401);
    assert_eq!(*statuses.last().unwrap(), 429, "{statuses:?}");
    let last = v.post(
        "/dashboard/sign-in",
        &[("email", "bo@example.com"), ("password", "guess")],
        None,
    );
    assert!(last.text().unwrap().contains("too many failed logins"));
}

#[test]
fn a_forged_form_is_refused_and_changes_nothing() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "forge"})));
    add_user_with_password(&server, "cy@example.com", "cy password 3");
    http.call(
        "POST",
        "/apps/forge/collaborators",
        t,
        Some(json!({"user": "cy@example.com"})),
    );
    let mut v = Visitor::new(&server);
    v.sign_in("cy@example.com", "cy password 3");
    let csrf = v.csrf();
    let path = "/dashboard/apps/forge/config";
    let set = [("key", "EVIL"), ("value", "1"), ("op", "set")];
    // No token, a wrong token, the right token from another site, no session at all.
    let no_token = v.post(path, &set, None);
    assert_eq!(no_token.status(), 403);
    assert!(
        no_token
            .text()
            .unwrap()
            .contains("not sent from a dashboard page")
    );
    let zeros = "0".repeat(64);
    let wrong = [("_csrf", zeros.as_str()), ("key", "EVIL"), ("value", "1")];
    assert_eq!(v.post(path, &wrong, None).status(), 403);
    let good = [("_csrf", csrf.as_str()), ("key", "EVIL"), ("value", "1")];
    assert_eq!(
        v.post(path, &good, Some("http://evil.example")).status(),
        403
    );
    let anon = Visitor::new(&server);
    assert_eq!(
        location(&anon.post(path, &good, None)),
        "/dashboard/sign-in"
    );
    assert!(config_of(&server, "forge").get("EVIL").is_none());
    // The same form with its token goes through the API and makes a release.
    let ok = v.post(path, &good, None);
    assert_eq!(ok.status(), 303);
    assert_eq!(config_of(&server, "forge")["EVIL"], "1");
    // What the API refuses, the dashboard refuses with the API's reason.
    let bad_key = [("_csrf", csrf.as_str()), ("key", "1 bad"), ("value", "x")];
    let refused = v.post(path, &bad_key, None);
    assert_eq!(refused.status(), 422);
    assert!(refused.text().unwrap().contains("role=\"alert\""));
}

#[test]
fn a_collaborator_sees_only_the_apps_they_can_use() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "private-one"})));
    http.call("POST", "/apps", t, Some(json!({"name": "shared-one"})));
    add_user_with_password(&server, "di@example.com", "di password 4");
    http.call(
        "POST",
        "/apps/shared-one/collaborators",
        t,
        Some(json!({"user": "di@example.com"})),
    );
    let mut v = Visitor::new(&server);
    v.sign_in("di@example.com", "di password 4");
    let list = v.get("/dashboard").text().unwrap();
    assert!(list.contains("shared-one"), "{list}");
    assert!(!list.contains("private-one"), "{list}");
    for page in [
        "",
        "/deploy",
        "/resources",
        "/settings",
        "/logs",
        "/deployments",
    ] {
        let r = v.get(&format!("/dashboard/apps/private-one{page}"));
        assert_eq!(r.status(), 404, "{page}");
        assert!(!r.text().unwrap().contains("admin@localhost"), "{page}");
    }
    let csrf = v.csrf();
    let scale = v.post(
        "/dashboard/apps/private-one/maintenance",
        &[("_csrf", &csrf), ("on", "true")],
        None,
    );
    assert_eq!(scale.status(), 404);
    let app = http.call("GET", "/apps/private-one", t, None);
    assert_eq!(app.body["maintenance"], false);
    let deploy = v.post(
        "/dashboard/apps/private-one/deploy",
        &[("_csrf", &csrf), ("refname", "refs/heads/main")],
        None,
    );
    assert_eq!(deploy.status(), 404);
    // On an app they can use, only a ref the server holds deploys: no path or option tricks.
    let odd = v.post(
        "/dashboard/apps/shared-one/deploy",
        &[("_csrf", &csrf), ("refname", "--upload-pack=sh")],
        None,
    );
    assert_eq!(odd.status(), 422);
    assert!(
        odd.text()
            .unwrap()
            .contains("is not a branch or tag pushed to shared-one")
    );
    let deployments = http.call("GET", "/apps/shared-one/deployments", t, None);
    assert_eq!(deployments.body, json!([]));
    // A name that tries to reach another API path stays one path segment.
    let sneaky = v.get("/dashboard/apps/shared-one%2Fconfig-vars");
    assert_eq!(sneaky.status(), 404);
}

#[test]
fn a_sign_in_link_works_once_and_not_after_a_minute() {
    let server = TestServer::start();
    let http = server.http();
    http.call(
        "POST",
        "/apps",
        Some(&server.admin_token),
        Some(json!({"name": "linked"})),
    );
    let home = server.admin();
    let url = home
        .tug(&["dashboard", "--print", "-a", "linked"])
        .ok()
        .stdout;
    let url = url.trim();
    assert!(
        url.starts_with(&format!("{}/dashboard/link/", server.api_url)),
        "{url}"
    );
    assert!(
        !url.contains(&server.admin_token),
        "the token is never in the link"
    );
    let path = url.strip_prefix(&server.api_url).unwrap();
    let mut v = Visitor::new(&server);
    let first = v.get(path);
    assert_eq!(first.status(), 303);
    assert_eq!(location(&first), "/dashboard/apps/linked");
    v.take_cookie(&first);
    assert_eq!(v.get("/dashboard/apps/linked").status(), 200);
    // Used once: a second visit (someone who saw the link) gets nothing.
    let again = Visitor::new(&server).get(path);
    assert_eq!(again.status(), 404);
    assert!(again.headers().get("set-cookie").is_none());
    assert!(
        again
            .text()
            .unwrap()
            .contains("run `tug dashboard` for a new link")
    );
    // A link left waiting past its minute is refused too (aged in the store, not slept on).
    let late = home.tug(&["dashboard", "--print"]).ok().stdout;
    let db = rusqlite::Connection::open(server.data_dir.join("tug.db")).unwrap();
    db.execute(
        "UPDATE dashboard_links SET expires_at = expires_at - 61",
        [],
    )
    .unwrap();
    let late_path = late
        .trim()
        .strip_prefix(&server.api_url)
        .unwrap()
        .to_string();
    assert_eq!(Visitor::new(&server).get(&late_path).status(), 404);
    // A link to an app the caller cannot see is not made.
    let other = server.user("eve@example.com");
    other
        .tug(&["dashboard", "--print", "-a", "linked"])
        .code(1)
        .stderr_has("linked");
    // Garbage links are the same 404.
    assert_eq!(Visitor::new(&server).get("/dashboard/link/x").status(), 404);
}

#[test]
fn live_parts_follow_the_log_and_each_deployment_state_is_a_log_line() {
    let server = TestServer::start();
    let home = server.admin();
    crate::common::push::deploy(&server, &home, "followed", &[("README", "hi\n")]);
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "unfollowed"})));
    add_user_with_password(&server, "ed@example.com", "ed password 6");
    http.call(
        "POST",
        "/apps/followed/collaborators",
        t,
        Some(json!({"user": "ed@example.com"})),
    );
    // Each step of the push's deployment wrote one `app[api]` line, the signal pages follow.
    let history = http.call(
        "POST",
        "/apps/followed/log-sessions",
        t,
        Some(json!({"lines": 1500})),
    );
    let url = history.body["logplex_url"].as_str().unwrap().to_string();
    let mut log = String::new();
    wait_for("the deployment's state lines", || {
        log = reqwest::blocking::get(&url).unwrap().text().unwrap();
        log.contains("app[api]: Deployment 1: succeeded")
    });
    let states: Vec<&str> = log
        .lines()
        .filter_map(|l| l.split_once(" app[api]: Deployment 1: ").map(|(_, s)| s))
        .collect();
    assert_eq!(
        states,
        ["waiting", "queued", "building", "releasing", "succeeded"],
        "{log}"
    );

    let mut v = Visitor::new(&server);
    v.sign_in("ed@example.com", "ed password 6");
    let follow = "data-follow=\"/dashboard/apps/followed/log-session\"";
    for page in ["/resources", "/deployments"] {
        let html = v
            .get(&format!("/dashboard/apps/followed{page}"))
            .text()
            .unwrap();
        assert!(html.contains(follow), "{page}: {html}");
    }
    let csrf = v.csrf();
    let open = |app: &str, lines: &str| {
        v.post(
            &format!("/dashboard/apps/{app}/log-session"),
            &[("_csrf", &csrf), ("lines", lines)],
            None,
        )
    };
    let ok = open("followed", "0");
    assert_eq!(ok.status(), 200);
    let stream: serde_json::Value = ok.json().unwrap();
    assert!(
        stream["url"]
            .as_str()
            .unwrap()
            .starts_with("/streams/logs/"),
        "{stream}"
    );
    let words = open("followed", "lots");
    assert_eq!(words.status(), 422);
    assert!(words.text().unwrap().contains("must be a whole number"));
    let too_many = open("followed", "5000");
    assert_eq!(too_many.status(), 422);
    assert!(too_many.text().unwrap().contains("between 0 and 1500"));
    assert_eq!(open("unfollowed", "0").status(), 404);
    let forged = v.post(
        "/dashboard/apps/followed/log-session",
        &[("lines", "0")],
        None,
    );
    assert_eq!(forged.status(), 403);
}

#[test]
fn a_pushed_branch_and_tag_show_on_the_deploy_tab_and_deploy() {
    use crate::common::push::{commit, deploy, git, push};
    let server = TestServer::start();
    let home = server.admin();
    let dir = deploy(&server, &home, "tagged", &[("README", "one\n")]);
    git(&home, &dir, &["checkout", "-q", "-b", "feature"]);
    let deploy_yml =
        "envs:\n  - name: staging\n    app: tagged\n  - name: elsewhere\n    app: other\n";
    let files = [("README", "two\n"), ("deploy.yml", deploy_yml)];
    let sha = commit(&home, &dir, &files, "Second take");
    git(&home, &dir, &["tag", "-a", "v2", "-m", "v2"]);
    let url = format!("{}/tagged.git", server.api_url);
    let token = Some(server.admin_token.as_str());
    for refspec in ["feature", "v2"] {
        let (ok, out) = push(&home, &dir, token, &[&url, refspec]);
        assert!(ok && out.contains("was kept, not deployed"), "{out}");
    }
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let deployments = || http.call("GET", "/apps/tagged/deployments", t, None).body;
    assert_eq!(
        deployments().as_array().unwrap().len(),
        1,
        "nothing deployed"
    );
    add_user_with_password(&server, "fay@example.com", "fay password 7");
    http.call(
        "POST",
        "/apps/tagged/collaborators",
        t,
        Some(json!({"user": "fay@example.com"})),
    );
    let mut v = Visitor::new(&server);
    v.sign_in("fay@example.com", "fay password 7");
    let page = v.get("/dashboard/apps/tagged/deploy").text().unwrap();
    for name in ["main", "feature", "v2"] {
        assert!(
            page.contains(&format!("data-ref=\"{name}\"")),
            "{name}: {page}"
        );
    }
    assert!(page.contains("Second take"), "{page}");
    // The environments come from the ref's deploy.yml (only those of this app); main has none
    // and asks in free text.
    assert!(page.contains("<option value=\"staging\">"), "{page}");
    assert!(!page.contains("elsewhere"), "{page}");
    assert!(
        page.contains("type=\"text\" name=\"environment\""),
        "{page}"
    );
    let csrf = v.csrf();
    let deployed = v.post(
        "/dashboard/apps/tagged/deploy",
        &[
            ("_csrf", &csrf),
            ("refname", "refs/tags/v2"),
            ("environment", "staging"),
        ],
        None,
    );
    assert_eq!(deployed.status(), 303);
    assert_eq!(location(&deployed), "/dashboard/apps/tagged/deployments");
    let mut newest = json!(null);
    wait_for("the tag's deployment to succeed", || {
        newest = deployments().as_array().unwrap().last().unwrap().clone();
        newest["status"] == "succeeded"
    });
    assert_eq!(newest["ref"], "v2", "{newest}");
    assert_eq!(newest["environment"], "staging", "{newest}");
    assert_eq!(newest["sha"], sha.as_str(), "{newest}");
}

#[test]
fn the_deploy_lock_toggles_from_settings_with_the_apis_rules() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "frozen"})));
    add_user_with_password(&server, "gus@example.com", "gus password 8");
    http.call(
        "POST",
        "/apps/frozen/collaborators",
        t,
        Some(json!({"user": "gus@example.com"})),
    );
    let mut v = Visitor::new(&server);
    v.sign_in("gus@example.com", "gus password 8");
    let csrf = v.csrf();
    let path = "/dashboard/apps/frozen/deploy-lock";
    let lock_of = || http.call("GET", "/apps/frozen/deploy-lock", t, None);
    let page = || v.get("/dashboard/apps/frozen/settings").text().unwrap();
    assert!(page().contains("Lock deploys"));
    // Without the CSRF token nothing changes; a bad value is refused in words.
    assert_eq!(v.post(path, &[("on", "true")], None).status(), 403);
    assert_eq!(lock_of().status, 404);
    let odd = v.post(path, &[("_csrf", &csrf), ("on", "maybe")], None);
    assert_eq!(odd.status(), 400);
    assert!(odd.text().unwrap().contains("turned on (`true`) or off"));
    let locked = v.post(
        path,
        &[
            ("_csrf", &csrf),
            ("on", "true"),
            ("reason", "release freeze"),
        ],
        None,
    );
    assert_eq!(
        location(&locked),
        "/dashboard/apps/frozen/settings?done=deploy-lock"
    );
    let lock = lock_of();
    assert_eq!(lock.status, 200);
    assert_eq!(lock.body["reason"], "release freeze");
    assert_eq!(lock.body["locked_by"]["email"], "gus@example.com");
    let shown = page();
    assert!(
        shown.contains("Deploys are locked by gus@example.com: release freeze"),
        "{shown}"
    );
    assert!(shown.contains("Unlock deploys"), "{shown}");
    let unlocked = v.post(path, &[("_csrf", &csrf), ("on", "false")], None);
    assert_eq!(unlocked.status(), 303);
    assert_eq!(lock_of().status, 404);
    // The owner's lock is not the collaborator's to lift.
    http.call("PUT", "/apps/frozen/deploy-lock", t, Some(json!({})));
    let theirs = v.post(path, &[("_csrf", &csrf), ("on", "false")], None);
    assert_eq!(theirs.status(), 403);
    assert!(theirs.text().unwrap().contains("only they or the app"));
    assert_eq!(lock_of().status, 200);
}
