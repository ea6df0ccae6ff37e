//! The dashboard in a real headless Chromium driven over WebDriver: sign in, see the apps (and
//! not another account's), scale web to 2 and watch both dynos come up (the page follows the
//! log stream, it does not poll), see a request's log line arrive in the live tail, deploy a
//! ref and watch it succeed, reveal a config var, sign out. Screenshots of each page go to
//! `target/dashboard-shots/` for a reviewer. Skips, loudly, without chromium and chromedriver.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::common::dynos::{answering_app, start};
use crate::common::push::{commit, deploy, push};
use crate::common::{Home, TestServer, add_user_with_password, wait_for};

/// chromedriver, stopped when the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn found(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// chromedriver on a free port, once it answers; None (after saying why) when it cannot run.
fn driver() -> Option<(Driver, String)> {
    crate::common::install_crypto_provider();
    if !found("chromium") || !found("chromedriver") {
        crate::common::skip::skipped(
            "the dashboard browser test needs `chromium` and `chromedriver` \
             (apt-get install chromium chromium-driver; .ci/run installs them)",
        );
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    let url = format!("http://127.0.0.1:{port}");
    wait_for("chromedriver to answer", || {
        reqwest::blocking::get(format!("{url}/status")).is_ok_and(|r| r.status().is_success())
    });
    Some((driver, url))
}

async fn browser(webdriver: &str, profile: &std::path::Path) -> Client {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ]
    .map(String::from)
    .into_iter()
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect::<Vec<_>>();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "args": args, "binary": "/usr/bin/chromium" }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(webdriver)
        .await
        .expect("a WebDriver session")
}

fn shots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("dashboard-shots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(shots_dir().join(format!("{name}.png")), png).expect("write screenshot");
}

/// Waits until the page's text holds `needle` (the page may change under it).
async fn until_text(c: &Client, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + crate::common::wait::DEADLINE;
    loop {
        let mut text = String::new();
        if let Ok(els) = c.find_all(Locator::Css(css)).await {
            for el in els {
                text.push_str(&el.text().await.unwrap_or_default());
                text.push('\n');
            }
        }
        if ok(&text) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last saw:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the live part `css` follows the app's log stream (not the fallback poll, which
/// is slow enough that the waits after this would time out without the stream's signals).
async fn until_live(c: &Client, css: &str) {
    let deadline = Instant::now() + crate::common::wait::DEADLINE;
    loop {
        let how = match c.find(Locator::Css(css)).await {
            Ok(el) => el.attr("data-live").await.ok().flatten(),
            Err(_) => None,
        };
        if how.as_deref() == Some("stream") {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {css} to follow the log stream; data-live={how:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks the element `css` finds.
async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Types `text` into the element `css` finds.
async fn type_into(c: &Client, css: &str, text: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

#[test]
fn the_dashboard_in_a_real_browser() {
    let Some((_driver, webdriver)) = driver() else {
        return;
    };
    let server = start();
    let home = server.admin();
    let app_py = answering_app("hello from {os.environ.get('DYNO')}");
    let repo = deploy(
        &server,
        &home,
        "shop",
        &[("app.py", &app_py), ("Procfile", "web: python3 app.py\n")],
    );
    require_ci_on_main(&server, &home, &repo);
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "not-yours"})));
    http.call(
        "PATCH",
        "/apps/shop/config-vars",
        t,
        Some(json!({"SECRET_TOKEN": "s3cr3t-value"})),
    );
    add_user_with_password(&server, "pat@example.com", "pat password 5");
    http.call(
        "POST",
        "/apps/shop/collaborators",
        t,
        Some(json!({"user": "pat@example.com"})),
    );
    wait_for("shop's web dyno up", || {
        crate::common::dynos::dynos(&server, "shop")
            .iter()
            .any(|(_, s)| s == "up")
    });
    let profile = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let c = rt.block_on(browser(&webdriver, profile.path()));
    rt.block_on(sign_in_and_see_the_apps(&c, &server));
    rt.block_on(scale_web_to_two(&c, &server));
    rt.block_on(follow_the_log(&c, &server));
    rt.block_on(deploy_refs(&c, &server));
    rt.block_on(settings_and_sign_out(&c, &server));
    rt.block_on(c.close()).expect("close the browser");
}

async fn sign_in_and_see_the_apps(c: &Client, server: &TestServer) {
    let base = &server.api_url;
    c.goto(&format!("{base}/")).await.unwrap();
    until_text(c, "h1", "the sign-in page", |t| t.contains("Sign in")).await;
    shot(c, "sign-in").await;
    type_into(c, "#email", "pat@example.com").await;
    type_into(c, "#password", "pat password 5").await;
    click(c, "form.signin button").await;
    let list = until_text(c, "main", "the apps list", |t| t.contains("Apps")).await;
    assert!(list.contains("shop"), "{list}");
    assert!(
        !list.contains("not-yours"),
        "another account's app is hidden: {list}"
    );
    until_text(c, "td.dynos", "shop's dyno count", |t| {
        t.contains("web 1/1 up")
    })
    .await;
    shot(c, "apps").await;
    c.set_window_size(360, 800).await.unwrap();
    shot(c, "apps-360px").await;
    c.set_window_size(1280, 900).await.unwrap();
    c.find(Locator::LinkText("shop"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let overview = until_text(c, "main", "shop's overview", |t| t.contains("Activity")).await;
    assert!(overview.contains("web=1"), "{overview}");
    assert!(
        overview.contains("Set SECRET_TOKEN config var"),
        "{overview}"
    );
    shot(c, "overview").await;
}

async fn scale_web_to_two(c: &Client, server: &TestServer) {
    c.goto(&format!("{}/dashboard/apps/shop/resources", server.api_url))
        .await
        .unwrap();
    // The dyno list follows the app's log stream; the page does not poll.
    until_live(c, "#dynos").await;
    let qty = c
        .find(Locator::Css("form[data-type='web'] input[name='quantity']"))
        .await
        .unwrap();
    qty.clear().await.unwrap();
    qty.send_keys("2").await.unwrap();
    click(c, "form[data-type='web'] button").await;
    until_text(c, "p.notice", "the scale notice", |t| t.contains("Scaled")).await;
    // The dyno list refreshes itself: no reload here.
    until_text(c, "#dynos", "web.1 and web.2 up", |t| {
        t.contains("web.1 up") && t.contains("web.2 up")
    })
    .await;
    shot(c, "resources").await;
}

async fn follow_the_log(c: &Client, server: &TestServer) {
    c.goto(&format!("{}/dashboard/apps/shop/logs", server.api_url))
        .await
        .unwrap();
    until_text(c, "#log-state", "the tail to be live", |t| {
        t.contains("live")
    })
    .await;
    // A request through the router now: its router line must arrive without a reload.
    let router = server.router_url.clone();
    let marker = format!("/seen-{}", uuid::Uuid::new_v4().simple());
    let path = marker.clone();
    tokio::task::spawn_blocking(move || {
        reqwest::blocking::Client::new()
            .get(format!("{router}{path}"))
            .header("Host", "shop.localhost")
            .send()
            .map(|r| r.status().as_u16())
    })
    .await
    .unwrap()
    .expect("a request to shop");
    until_text(c, "#log", "the router line in the live tail", |t| {
        t.contains(&marker)
    })
    .await;
    shot(c, "logs").await;
}

async fn settings_and_sign_out(c: &Client, server: &TestServer) {
    c.goto(&format!("{}/dashboard/apps/shop/settings", server.api_url))
        .await
        .unwrap();
    let row = "tr[data-key='SECRET_TOKEN']";
    let before = until_text(c, row, "the masked var", |t| t.contains("SECRET_TOKEN")).await;
    assert!(
        !before.contains("s3cr3t-value"),
        "masked until revealed: {before}"
    );
    click(c, &format!("{row} button[data-reveal]")).await;
    until_text(c, row, "the revealed var", |t| t.contains("s3cr3t-value")).await;
    shot(c, "settings").await;
    click(c, "header form button").await;
    until_text(c, "h1", "the sign-in page again", |t| t.contains("Sign in")).await;
    c.goto(&format!("{}/dashboard", server.api_url))
        .await
        .unwrap();
    until_text(c, "h1", "signed out for good", |t| t.contains("Sign in")).await;
}

/// main's deploy.yml now requires a `ci/test` status, reported `success` before the push.
fn require_ci_on_main(server: &TestServer, home: &Home, repo: &std::path::Path) {
    let deploy_yml =
        "envs:\n  - name: production\n    app: shop\n    required_contexts: [\"ci/test\"]\n";
    let sha = commit(home, repo, &[("deploy.yml", deploy_yml)], "Require CI");
    set_status(&server.api_url, &server.admin_token, &sha, "success");
    let url = format!("{}/shop.git", server.api_url);
    let (ok, out) = push(home, repo, Some(&server.admin_token), &[&url, "main"]);
    assert!(ok, "{out}");
}

/// What CI says of `sha` under `ci/test`.
fn set_status(api: &str, token: &str, sha: &str, state: &str) {
    let r = reqwest::blocking::Client::new()
        .post(format!("{api}/apps/shop/commit-statuses/{sha}"))
        .bearer_auth(token)
        .header("Accept", "application/vnd.heroku+json; version=3")
        .json(&json!({"context": "ci/test", "state": state}))
        .send()
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().unwrap_or_default());
}

async fn report(server: &TestServer, sha: &str, state: &str) {
    let (api, token) = (server.api_url.clone(), server.admin_token.clone());
    let (sha, state) = (sha.to_string(), state.to_string());
    tokio::task::spawn_blocking(move || set_status(&api, &token, &sha, &state))
        .await
        .unwrap();
}

async fn deploy_refs(c: &Client, server: &TestServer) {
    let page = format!("{}/dashboard/apps/shop/deploy", server.api_url);
    c.goto(&page).await.unwrap();
    let main = "article[data-ref='main']";
    let text = until_text(c, main, "main and its checks", |t| t.contains("Require CI")).await;
    assert!(text.contains("ci/test: success"), "{text}");
    let sha = text
        .split_whitespace()
        .find(|w| w.len() == 12 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .expect("the short sha")
        .to_string();
    shot(c, "deploy").await;
    // CI turns red: the page says so, and deploying is refused with the reason.
    let full_sha = c
        .find(Locator::Css(&format!("{main} code")))
        .await
        .unwrap()
        .attr("title")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(full_sha.starts_with(&sha), "{full_sha}");
    report(server, &full_sha, "failure").await;
    c.goto(&page).await.unwrap();
    until_text(c, main, "the failed check", |t| {
        t.contains("ci/test: failure")
    })
    .await;
    click(c, &format!("{main} button")).await;
    let refused = until_text(c, "main", "the refusal", |t| t.contains("refused")).await;
    assert!(refused.contains("ci/test"), "{refused}");
    shot(c, "deploy-refused").await;
    // Green again: main deploys, and its state moves to succeeded by itself.
    report(server, &full_sha, "success").await;
    c.goto(&page).await.unwrap();
    click(c, &format!("{main} button")).await;
    until_live(c, "#deployments").await;
    until_text(
        c,
        "#deployments article:first-child",
        "main's deployment to succeed",
        |t| t.contains("succeeded") && t.contains("main"),
    )
    .await;
    shot(c, "deployments").await;
}
