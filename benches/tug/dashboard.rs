//! `dashboard`: each dashboard page's response time on loopback (an upper bound of its server
//! time) and size, with 100 apps on the account (targets: under 50 ms, under 100 KB), then each
//! page's first paint in headless Chromium (target: under 200 ms).

use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use reqwest::redirect::Policy;

use super::{Server, ms, quantile};

#[path = "first_paint.rs"]
mod first_paint;

/// How many times each page is fetched.
const RUNS: usize = 40;

pub fn run() {
    println!("== dashboard (targets: each page < 50 ms server time with 100 apps, < 100 KB)");
    let server = Server::start();
    let client = Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client");
    for i in 0..100 {
        let name = format!("dash-{i:03}");
        let made = client
            .post(format!("{}/apps", server.api))
            .bearer_auth(&server.token)
            .json(&serde_json::json!({ "name": name }))
            .send()
            .expect("create app");
        assert!(
            made.status().is_success(),
            "create {name}: {}",
            made.status()
        );
    }
    let config: serde_json::Map<String, serde_json::Value> = (0..20)
        .map(|i| (format!("VAR_{i}"), format!("value-{i}").into()))
        .collect();
    let set = client
        .patch(format!("{}/apps/dash-000/config-vars", server.api))
        .bearer_auth(&server.token)
        .json(&config)
        .send()
        .expect("config");
    assert!(set.status().is_success());
    let cookie = sign_in(&client, &server);
    let pages = [
        "/dashboard",
        "/dashboard/apps/dash-000",
        "/dashboard/apps/dash-000/deploy",
        "/dashboard/apps/dash-000/deployments",
        "/dashboard/apps/dash-000/resources",
        "/dashboard/apps/dash-000/settings",
        "/dashboard/apps/dash-000/logs",
    ];
    for page in pages {
        let (mut times, size) = fetch(&client, &server, &cookie, page);
        times.sort();
        println!(
            "{page:<40} p50 {}  p90 {}  max {}  {:.1} KB",
            ms(quantile(&times, 0.5)),
            ms(quantile(&times, 0.9)),
            ms(*times.last().expect("times")),
            size as f64 / 1024.0
        );
    }
    first_paint::measure(&link(&client, &server), &server.api, &pages);
}

/// A single-use sign-in link, as `tug dashboard` opens.
fn link(client: &Client, server: &Server) -> String {
    let link: serde_json::Value = client
        .post(format!("{}/dashboard/links", server.api))
        .bearer_auth(&server.token)
        .json(&serde_json::json!({}))
        .send()
        .expect("link")
        .json()
        .expect("link json");
    link["url"].as_str().expect("url").to_string()
}

/// A session cookie, through the same single-use link `tug dashboard` opens.
fn sign_in(client: &Client, server: &Server) -> String {
    let used = client.get(link(client, server)).send().expect("use link");
    let set = used
        .headers()
        .get("set-cookie")
        .expect("session cookie")
        .to_str()
        .expect("cookie text");
    set.split(';').next().expect("cookie").to_string()
}

fn fetch(client: &Client, server: &Server, cookie: &str, page: &str) -> (Vec<Duration>, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut size = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let resp = client
            .get(format!("{}{page}", server.api))
            .header("Cookie", cookie)
            .send()
            .expect("page");
        assert_eq!(resp.status(), 200, "{page}");
        size = resp.bytes().expect("body").len();
        times.push(t.elapsed());
    }
    (times, size)
}
