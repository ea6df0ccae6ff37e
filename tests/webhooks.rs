//! App webhooks end to end: a real server, the real CLI and a real HTTP receiver started here
//! that records what it gets and answers with scripted statuses. Signatures are checked with
//! HMAC-SHA256 computed here; retries, one-shot `notify` deliveries, dead and slow receivers,
//! bad input and a restart in the middle of a delivery are covered.

use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::common::wait::{DEADLINE, wait_until};
use crate::common::{Got, Home, Receiver, Reply, TestServer};

const WEBHOOKS_ACCEPT: &str = "application/vnd.heroku+json; version=3.webhooks";

/// A server whose `sync` retries wait 50 ms, 100 ms, … instead of 15 s, 30 s, …
fn start() -> TestServer {
    TestServer::start_with(&["--webhook-retry-base-ms", "50"])
}

fn hmac_base64(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Asserts the request carries a valid signature of its exact body.
#[track_caller]
fn assert_signed(got: &Got, secret: &str) {
    let header = got
        .header("heroku-webhook-hmac-sha256")
        .expect("a signature header");
    assert_eq!(header, hmac_base64(secret, &got.body));
    assert_ne!(header, hmac_base64("wrong secret", &got.body));
}

fn create_app(server: &TestServer, name: &str) {
    let r = server.http().call(
        "POST",
        "/apps",
        Some(&server.admin_token),
        Some(json!({ "name": name })),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
}

/// `tug webhooks:add`; returns the webhook's id and the secret printed on stdout.
fn add_webhook(home: &Home, app: &str, url: &str, extra: &[&str]) -> (String, String) {
    let mut args = vec!["webhooks:add", "--url", url, "-a", app];
    args.extend_from_slice(extra);
    let run = home.tug(&args).ok();
    let secret = run.stdout.trim().to_string();
    let list = home.tug(&["webhooks", "-a", app, "--json"]).ok().json();
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["url"] == url)
        .unwrap_or_else(|| panic!("no webhook to {url}: {list}"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        run.stderr
            .contains(&format!("Adding webhook to {app}... done, {id}")),
        "{}",
        run.describe()
    );
    (id, secret)
}

/// Polls the deliveries API (oldest first) until `done` holds for the list.
#[track_caller]
pub fn wait_deliveries(
    server: &TestServer,
    app: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let http = server.http();
    wait_until(&format!("the deliveries of `{app}`"), DEADLINE, || {
        let r = http.call(
            "GET",
            &format!("/apps/{app}/webhook-deliveries"),
            Some(&server.admin_token),
            None,
        );
        assert_eq!(r.status, 200, "{:?}", r.body);
        let list = r.body.as_array().cloned().unwrap_or_default();
        (!list.is_empty() && done(&list)).then_some(list)
    })
}

/// Polls until `done` holds for the newest delivery, and returns it.
#[track_caller]
fn wait_delivery(server: &TestServer, app: &str, done: impl Fn(&Value) -> bool) -> Value {
    let list = wait_deliveries(server, app, |l| l.last().is_some_and(&done));
    list[list.len() - 1].clone()
}

#[test]
fn webhooks_are_managed_from_the_cli_and_the_api() {
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    create_app(&server, "hooked");

    home.tug(&["webhooks", "-a", "hooked"])
        .ok()
        .stderr_has("`hooked` has no webhooks")
        .stderr_has("tug webhooks:add");
    assert_eq!(
        home.tug(&["webhooks", "-a", "hooked", "--json"])
            .ok()
            .json(),
        json!([])
    );

    // Added from the CLI: the platform makes the secret and stdout carries it alone.
    let (id, secret) = add_webhook(
        &home,
        "hooked",
        "http://127.0.0.1:9/hook",
        &["--include", "api:release, api:build"],
    );
    assert_eq!(secret.len(), 64, "{secret}");
    assert!(secret.bytes().all(|b| b.is_ascii_hexdigit()));
    let list = home
        .tug(&["webhooks", "-a", "hooked", "--json"])
        .ok()
        .json();
    let w = &list[0];
    assert_eq!(w["include"], json!(["api:release", "api:build"]));
    assert_eq!(w["level"], "sync", "sync is tug's default");
    assert_eq!(w["app"]["name"], "hooked");
    assert!(w.get("secret").is_none() && w.get("authorization").is_none());
    let table = home.tug(&["webhooks", "-a", "hooked"]).ok();
    assert_eq!(
        table.stdout,
        format!("{id}\thttp://127.0.0.1:9/hook\tapi:release,api:build\tsync\n")
    );
    home.tug(&["webhooks:info", &id, "-a", "hooked"])
        .ok()
        .stdout_has("http://127.0.0.1:9/hook")
        .stdout_has("api:release,api:build");

    // `topic verb` works as well as `topic:verb`.
    let updated = home
        .tug(&[
            "webhooks",
            "update",
            &id,
            "--level",
            "notify",
            "--include",
            "dyno",
            "-a",
            "hooked",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        (&updated["level"], &updated["include"]),
        (&json!("notify"), &json!(["dyno"]))
    );
    home.tug(&["webhooks:update", &id, "-a", "hooked"])
        .code(2)
        .stderr_has("nothing to change");

    // The API, as the official CLI calls it.
    let r = crate::common::Reply::read(
        http.auth(
            "GET",
            &format!("/apps/hooked/webhooks/{id}"),
            &server.admin_token,
        )
        .header("Accept", WEBHOOKS_ACCEPT)
        .send()
        .unwrap(),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["id"], id.as_str());
    let r = http.call(
        "POST",
        "/apps/hooked/webhooks",
        t,
        Some(json!({
            "include": ["api:formation"],
            "level": "sync",
            "url": "https://example.com/hooks",
            "secret": "s3cret",
            "authorization": "Bearer abc"
        })),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert_eq!(r.header("heroku-webhook-secret"), Some("s3cret"));
    let second = r.body["id"].as_str().unwrap().to_string();
    let r = http.call(
        "PATCH",
        &format!("/apps/hooked/webhooks/{second}"),
        t,
        Some(json!({"secret": null, "authorization": null})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let fresh = r.header("heroku-webhook-secret").unwrap();
    assert!(fresh.len() == 64 && fresh != "s3cret", "{fresh}");
    let r = http.call(
        "PATCH",
        &format!("/apps/hooked/webhooks/{second}"),
        t,
        Some(json!({"level": "notify"})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.header("heroku-webhook-secret"), None);

    home.tug(&["webhooks:remove", &id, "-a", "hooked"])
        .ok()
        .stderr_has(&format!("Removing webhook {id} from hooked... done"));
    let r = http.call(
        "DELETE",
        &format!("/apps/hooked/webhooks/{second}"),
        t,
        None,
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["url"], "https://example.com/hooks");
    assert_eq!(
        home.tug(&["webhooks", "-a", "hooked", "--json"])
            .ok()
            .json(),
        json!([])
    );
    home.tug(&["webhooks:info", &id, "-a", "hooked"])
        .code(1)
        .stderr_has("no webhook");
}

#[test]
fn bad_webhooks_are_refused_and_change_nothing() {
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    create_app(&server, "strict");

    home.tug(&[
        "webhooks:add",
        "--url",
        "ftp://example.com/",
        "--include",
        "api:release",
        "-a",
        "strict",
    ])
    .code(2)
    .stderr_has("is not a webhook URL");
    home.tug(&[
        "webhooks:add",
        "--url",
        "https://example.com/",
        "--include",
        "api:nope",
        "-a",
        "strict",
    ])
    .code(2)
    .stderr_has("unknown entity `api:nope`")
    .stderr_has("api:formation");
    home.tug(&[
        "webhooks:add",
        "--url",
        "https://example.com/",
        "--include",
        "dyno",
        "--level",
        "often",
        "-a",
        "strict",
    ])
    .code(2);

    let base =
        json!({"include": ["api:release"], "level": "notify", "url": "https://example.com/"});
    let with = |key: &str, value: Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    let mut extra = base.clone();
    extra["nope"] = json!(1);
    let mut no_url = base.clone();
    no_url.as_object_mut().unwrap().remove("url");
    for (body, needle) in [
        (
            with("url", json!("ftp://example.com/")),
            "not a webhook URL",
        ),
        (with("url", json!("http://")), "not a webhook URL"),
        (with("url", json!("not a url")), "not a webhook URL"),
        (with("include", json!(["api:nope"])), "api:build"),
        (with("include", json!([])), "empty"),
        (with("include", json!(["dyno", "dyno"])), "twice"),
        (with("level", json!("often")), "`often`"),
        (with("secret", json!("")), "secret"),
        (with("authorization", json!("Bearer a\nb")), "authorization"),
        (extra, "nope"),
        (no_url, "url"),
    ] {
        let r = http.call("POST", "/apps/strict/webhooks", t, Some(body.clone()));
        assert_eq!(r.status, 422, "{body}: {:?}", r.body);
        assert_eq!(r.body["id"], "invalid_params");
        let message = r.body["message"].as_str().unwrap();
        assert!(message.contains(needle), "{body}: {message}");
    }

    // One webhook per URL and app.
    let r = http.call("POST", "/apps/strict/webhooks", t, Some(base.clone()));
    assert_eq!(r.status, 201, "{:?}", r.body);
    let id = r.body["id"].as_str().unwrap().to_string();
    let r = http.call("POST", "/apps/strict/webhooks", t, Some(base.clone()));
    assert_eq!(r.status, 422, "{:?}", r.body);
    let r = http.call(
        "PATCH",
        &format!("/apps/strict/webhooks/{id}"),
        t,
        Some(json!({"url": "gopher://x", "level": "sync"})),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    let r = http.call("GET", "/apps/strict/webhooks/not-an-id", t, None);
    assert_eq!(r.status, 404, "{:?}", r.body);

    // Strangers see nothing; collaborators manage webhooks like drains.
    let eve = server.user("eve@example.com");
    eve.tug(&["webhooks", "-a", "strict"])
        .code(1)
        .stderr_has("not found");
    eve.tug(&[
        "webhooks:add",
        "--url",
        "https://evil.example/",
        "--include",
        "api:release",
        "-a",
        "strict",
    ])
    .code(1);
    eve.tug(&["webhooks:remove", &id, "-a", "strict"]).code(1);
    eve.tug(&["webhooks:deliveries", "-a", "strict"]).code(1);
    let dev = server.user("dev@example.com");
    home.tug(&["access:add", "dev@example.com", "-a", "strict"])
        .ok();
    let seen = dev.tug(&["webhooks", "-a", "strict", "--json"]).ok().json();
    assert_eq!(seen.as_array().unwrap().len(), 1);

    // Nothing changed: the one webhook as it was, and no events.
    let list = home
        .tug(&["webhooks", "-a", "strict", "--json"])
        .ok()
        .json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        (&list[0]["url"], &list[0]["level"]),
        (&json!("https://example.com/"), &json!("notify"))
    );
    home.tug(&["webhooks:events", "-a", "strict"])
        .ok()
        .stderr_has("`strict` has no webhook events");
}

#[test]
fn releases_and_scaling_are_delivered_signed() {
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    create_app(&server, "signed");
    let receiver = Receiver::start(&[]);
    let (id, secret) = add_webhook(
        &home,
        "signed",
        &receiver.url("/hook"),
        &[
            "--include",
            "api:release,api:formation",
            "--authorization",
            "Bearer letmein",
        ],
    );

    // A config change is a release.
    home.tug(&["config:set", "FOO=bar", "-a", "signed"]).ok();
    let got = receiver.next();
    assert_signed(&got, &secret);
    let body = got.json();
    assert_eq!(got.header("content-type"), Some("application/json"));
    assert_eq!(got.header("authorization"), Some("Bearer letmein"));
    assert!(
        got.header("user-agent")
            .is_some_and(|ua| ua.starts_with("tug-webhooks/")),
        "{:?}",
        got.headers
    );
    assert_eq!(
        got.header("heroku-webhook-id"),
        body["webhook_metadata"]["delivery"]["id"].as_str()
    );
    assert_eq!(body["action"], "create");
    assert_eq!(body["resource"], "release");
    assert_eq!(body["version"], "application/vnd.heroku+json; version=3");
    assert_eq!(body["actor"]["email"], "admin@localhost");
    assert_eq!(body["data"]["version"], 2);
    assert_eq!(body["data"]["app"]["name"], "signed");
    assert!(
        body["data"]["description"]
            .as_str()
            .unwrap()
            .contains("FOO"),
        "{body}"
    );
    assert_eq!(body["previous_data"], json!({}));
    assert!(body["sequence"].is_null());
    assert_eq!(body["id"], body["webhook_metadata"]["event"]["id"]);
    assert_eq!(body["webhook_metadata"]["event"]["include"], "api:release");
    assert_eq!(body["webhook_metadata"]["webhook"]["id"], id.as_str());
    for key in ["created_at", "updated_at", "published_at"] {
        assert!(body[key].as_str().unwrap().ends_with('Z'), "{key}: {body}");
    }

    // A slug makes the `web` process type; scaling it is a formation update.
    let slug = http.call(
        "POST",
        "/apps/signed/slugs",
        t,
        Some(json!({"process_types": {"web": "./web"}})),
    );
    assert_eq!(slug.status, 201, "{:?}", slug.body);
    let r = http.call(
        "POST",
        "/apps/signed/releases",
        t,
        Some(json!({"slug": slug.body["id"]})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    let release = receiver.next();
    assert_signed(&release, &secret);
    assert_eq!(release.json()["data"]["version"], 3);
    home.tug(&["ps:scale", "web=2", "-a", "signed"]).ok();
    let (scaled, others) = receiver.until(|g| g.json()["resource"] == "formation");
    assert!(others.is_empty(), "{others:?}");
    assert_signed(&scaled, &secret);
    let body = scaled.json();
    assert_eq!(body["action"], "update");
    assert_eq!(body["data"]["type"], "web");
    assert_eq!(body["data"]["quantity"], 2);
    assert_eq!(body["previous_data"], json!({"quantity": 1}));
    assert_eq!(
        body["webhook_metadata"]["event"]["include"],
        "api:formation"
    );

    // What the platform recorded.
    let events = home
        .tug(&["webhooks:events", "-a", "signed", "--json"])
        .ok()
        .json();
    let includes: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["include"].as_str().unwrap())
        .collect();
    assert_eq!(includes, ["api:formation", "api:release", "api:release"]);
    assert_eq!(
        events[0]["payload"]["previous_data"],
        json!({"quantity": 1})
    );
    let event = http.call(
        "GET",
        &format!(
            "/apps/signed/webhook-events/{}",
            events[2]["id"].as_str().unwrap()
        ),
        t,
        None,
    );
    assert_eq!(event.status, 200, "{:?}", event.body);
    assert_eq!(event.body["payload"]["data"]["version"], 2);
    assert!(
        event.body["payload"]["published_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z')),
        "{:?}",
        event.body
    );
    let all = wait_deliveries(&server, "signed", |l| {
        l.len() == 3 && l.iter().all(|d| d["status"] == "succeeded")
    });
    // What `heroku webhooks:deliveries` sends: newest first by `seq`, `,` between the options.
    let r = Reply::read(
        http.auth(
            "GET",
            "/apps/signed/webhook-deliveries",
            &server.admin_token,
        )
        .header("Range", "seq ..; order=desc,max=2")
        .send()
        .unwrap(),
    );
    assert_eq!(r.status, 206, "{:?}", r.body);
    assert_eq!(r.body.as_array().unwrap().len(), 2);
    assert!(r.header("next-range").unwrap().starts_with("seq "));
    for d in &all {
        assert_eq!(d["num_attempts"], 1, "{d}");
        assert_eq!(d["last_attempt"]["code"], 200, "{d}");
        assert_eq!(d["webhook"]["id"], id.as_str(), "{d}");
    }
    let table = home.tug(&["webhooks:deliveries", "-a", "signed"]).ok();
    assert_eq!(table.stdout.lines().count(), 3, "{}", table.stdout);
    assert!(
        table
            .stdout
            .lines()
            .all(|l| l.contains("\tsucceeded\t1\t200\t") && l.ends_with("\t-")),
        "{}",
        table.stdout
    );

    // A new secret, made by the platform: later deliveries are signed with it.
    let rotated = home
        .tug(&["webhooks:update", &id, "--new-secret", "-a", "signed"])
        .ok();
    let new_secret = rotated.stdout.trim().to_string();
    assert_eq!(new_secret.len(), 64, "{}", rotated.describe());
    assert_ne!(new_secret, secret);
    home.tug(&["config:set", "FOO=baz", "-a", "signed"]).ok();
    let got = receiver.next();
    assert_signed(&got, &new_secret);
    home.tug(&[
        "webhooks:update",
        &id,
        "--new-secret",
        "--secret",
        "x",
        "-a",
        "signed",
    ])
    .code(2);
}

#[test]
fn sync_deliveries_are_retried_and_notify_ones_are_not() {
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    create_app(&server, "retried");
    let flaky = Receiver::start(&[500, 200]);
    let (_, secret) = add_webhook(
        &home,
        "retried",
        &flaky.url("/hook"),
        &["--include", "api:release", "--level", "sync"],
    );
    home.tug(&["config:set", "A=1", "-a", "retried"]).ok();
    let (first, second) = (flaky.next(), flaky.next());
    for got in [&first, &second] {
        assert_signed(got, &secret);
    }
    let (a, b) = (first.json(), second.json());
    assert_eq!(a["id"], b["id"], "one event");
    assert_eq!(
        a["webhook_metadata"]["delivery"],
        b["webhook_metadata"]["delivery"]
    );
    assert_ne!(
        a["webhook_metadata"]["attempt"]["id"],
        b["webhook_metadata"]["attempt"]["id"]
    );
    let delivery = wait_delivery(&server, "retried", |d| d["status"] == "succeeded");
    assert_eq!(delivery["num_attempts"], 2);
    let codes: Vec<&Value> = delivery["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["code"])
        .collect();
    assert_eq!(codes, [&json!(500), &json!(200)]);
    assert_eq!(delivery["attempts"][0]["status"], "failed");
    assert_eq!(delivery["last_attempt"]["code"], 200);
    assert_eq!(delivery["last_attempt"]["status"], "succeeded");
    assert!(delivery["last_attempt_duration_ms"].is_i64(), "{delivery}");
    assert!(delivery["next_attempt_at"].is_null());
    let id = delivery["id"].as_str().unwrap();
    let one = http.call(
        "GET",
        &format!("/apps/retried/webhook-deliveries/{id}"),
        t,
        None,
    );
    assert_eq!(one.status, 200, "{:?}", one.body);
    assert_eq!(one.body["attempts"], delivery["attempts"]);
    assert!(flaky.more(Duration::from_millis(300)).is_empty());

    // `notify`: one attempt, whatever the answer.
    create_app(&server, "notified");
    let failing = Receiver::start(&[500, 500, 500]);
    add_webhook(
        &home,
        "notified",
        &failing.url("/hook"),
        &["--include", "api:release", "--level", "notify"],
    );
    home.tug(&["config:set", "B=1", "-a", "notified"]).ok();
    failing.next();
    let delivery = wait_delivery(&server, "notified", |d| d["status"] == "failed");
    assert_eq!(delivery["num_attempts"], 1);
    assert_eq!(delivery["last_attempt"]["code"], 500);
    assert_eq!(delivery["webhook"]["level"], "notify");
    assert!(
        failing.more(Duration::from_millis(500)).is_empty(),
        "notify never retries"
    );
    home.tug(&[
        "webhooks:deliveries",
        "-a",
        "notified",
        "--status",
        "failed",
    ])
    .ok()
    .stdout_has("\tfailed\t1\t500\t");
    home.tug(&[
        "webhooks:deliveries",
        "-a",
        "notified",
        "--status",
        "succeeded",
    ])
    .ok()
    .stderr_has("has no webhook deliveries with status `succeeded`");
}

#[test]
fn dead_and_slow_receivers_hold_nothing_up() {
    let server = start();
    let home = server.admin();
    create_app(&server, "patient");
    let dead = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/hook", listener.local_addr().unwrap())
    };
    // Accepts connections and never answers.
    let slow = TcpListener::bind("127.0.0.1:0").unwrap();
    let slow_url = format!("http://{}/hook", slow.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in slow.incoming() {
            held.push(stream);
        }
    });
    add_webhook(&home, "patient", &dead, &["--include", "api:release"]);
    add_webhook(&home, "patient", &slow_url, &["--include", "api:release"]);
    for i in 0..3 {
        home.tug(&["config:set", &format!("K{i}=v"), "-a", "patient"])
            .ok();
    }
    home.tug(&["config", "-a", "patient"]).ok().stdout_has("K2");
    let refused = |d: &Value| {
        d["attempts"]
            .as_array()
            .and_then(|a| a.first())
            .is_some_and(|a| a["error_class"] == "connection_refused" && a["code"].is_null())
    };
    wait_deliveries(&server, "patient", |l| l.iter().any(refused));
}

#[test]
fn a_deploy_publishes_build_release_and_dyno_events() {
    let server = TestServer::start_with(&["--webhook-retry-base-ms", "50", "--stop-grace", "2"]);
    let home = server.admin();
    create_app(&server, "deployed");
    let receiver = Receiver::start(&[]);
    let (_, secret) = add_webhook(
        &home,
        "deployed",
        &receiver.url("/hook"),
        &["--include", "api:build,api:release,dyno"],
    );
    let hello = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hello");
    home.tug(&["up", hello.to_str().unwrap(), "-a", "deployed"])
        .ok();
    let mut seen: Vec<(String, String, Value)> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    // Build created, release created, build updated, web.1 created and up. Deliveries run side
    // by side, so they may arrive in any order.
    while !seen
        .iter()
        .any(|(r, a, d)| r == "dyno" && a == "update" && d["state"] == "up")
        || !seen.iter().any(|(r, a, _)| r == "build" && a == "update")
        || !seen.iter().any(|(r, a, _)| r == "build" && a == "create")
        || !seen.iter().any(|(r, _, _)| r == "release")
        || !seen.iter().any(|(r, a, _)| r == "dyno" && a == "create")
    {
        assert!(Instant::now() < deadline, "events so far: {seen:?}");
        let got = receiver.next();
        assert_signed(&got, &secret);
        let body = got.json();
        seen.push((
            body["resource"].as_str().unwrap().to_string(),
            body["action"].as_str().unwrap().to_string(),
            body["data"].clone(),
        ));
    }
    let build_created = seen
        .iter()
        .position(|(r, a, _)| r == "build" && a == "create")
        .expect("build create");
    let build_done = seen
        .iter()
        .position(|(r, a, _)| r == "build" && a == "update")
        .unwrap();
    assert_eq!(seen[build_created].2["status"], "pending");
    assert_eq!(seen[build_done].2["status"], "succeeded");
    assert!(seen[build_done].2["release"]["id"].is_string());
    let release = seen
        .iter()
        .find(|(r, _, _)| r == "release")
        .expect("release create");
    assert_eq!(release.2["status"], "succeeded");
    assert_eq!(release.2["id"], seen[build_done].2["release"]["id"]);
    let web = seen
        .iter()
        .find(|(r, a, _)| r == "dyno" && a == "create")
        .expect("dyno create");
    assert_eq!(web.2["name"], "web.1");
    assert_eq!(web.2["app"]["name"], "deployed");

    // Scaling to zero stops the dyno: it goes down, then away.
    home.tug(&["ps:scale", "web=0", "-a", "deployed"]).ok();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "events so far: {seen:?}");
        let body = receiver.next().json();
        if body["resource"] == "dyno"
            && body["action"] == "destroy"
            && body["data"]["name"] == "web.1"
        {
            assert_eq!(body["previous_data"], json!({}));
            break;
        }
        seen.push((
            body["resource"].as_str().unwrap().to_string(),
            body["action"].as_str().unwrap().to_string(),
            body["data"].clone(),
        ));
    }
}

#[test]
fn unfinished_deliveries_resume_after_a_restart() {
    // The retry is due 4 s after the first attempt: well after the restart.
    let mut server = TestServer::start_with(&["--webhook-retry-base-ms", "4000"]);
    let home = server.admin();
    create_app(&server, "resumed");
    let receiver = Receiver::start(&[500]);
    let (_, secret) = add_webhook(
        &home,
        "resumed",
        &receiver.url("/hook"),
        &["--include", "api:release"],
    );
    home.tug(&["config:set", "A=1", "-a", "resumed"]).ok();
    assert_eq!(receiver.next().json()["resource"], "release");
    let scheduled = wait_delivery(&server, "resumed", |d| d["status"] == "scheduled");
    assert!(scheduled["next_attempt_at"].is_string(), "{scheduled}");
    server.restart();
    // The server says it is ready (server.json) a moment before it resumes its work.
    wait_until("the resumed deliveries in the log", DEADLINE, || {
        server
            .log()
            .contains("resuming 1 webhook deliveries")
            .then_some(())
    });
    let retried = receiver.next();
    assert_signed(&retried, &secret);
    let delivery = wait_delivery(&server, "resumed", |d| d["status"] == "succeeded");
    assert_eq!(delivery["num_attempts"], 2);
    assert_eq!(delivery["id"], scheduled["id"]);
}

#[test]
fn deployments_are_published_at_every_step() {
    let server = start();
    let home = server.admin();
    create_app(&server, "watched");
    let receiver = Receiver::start(&[]);
    let (_, secret) = add_webhook(
        &home,
        "watched",
        &receiver.url("/hook"),
        &["--include", "api:deployment"],
    );
    let hello = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hello");
    home.tug(&["up", hello.to_str().unwrap(), "-a", "watched"])
        .ok();
    home.tug(&["deploy:lock", "-a", "watched", "--reason", "freeze"])
        .ok();
    home.tug(&["up", hello.to_str().unwrap(), "-a", "watched"])
        .code(1);
    // Deliveries run side by side, so they may arrive in any order; each event's data carries
    // the deployment's history, whose length orders them.
    let mut seen: Vec<(u64, usize, String, String, String)> = Vec::new();
    while !seen.iter().any(|(n, ..)| *n == 2) || seen.len() < 7 {
        let got = receiver.next();
        assert_signed(&got, &secret);
        let body = got.json();
        assert_eq!(body["resource"], "deployment");
        assert_eq!(body["data"]["app"]["name"], "watched");
        assert_eq!(body["data"]["trigger"], "up");
        seen.push((
            body["data"]["number"].as_u64().unwrap(),
            body["data"]["statuses"].as_array().unwrap().len(),
            body["action"].as_str().unwrap().to_string(),
            body["data"]["status"].as_str().unwrap().to_string(),
            body["previous_data"]["status"]
                .as_str()
                .unwrap_or("")
                .to_string(),
        ));
    }
    seen.sort();
    let got: Vec<(u64, &str, &str, &str)> = seen
        .iter()
        .map(|(n, _, a, s, p)| (*n, a.as_str(), s.as_str(), p.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (1, "create", "waiting", ""),
            (1, "update", "queued", "waiting"),
            (1, "update", "building", "queued"),
            (1, "update", "releasing", "building"),
            (1, "update", "succeeded", "releasing"),
            (2, "create", "waiting", ""),
            (2, "update", "refused", "waiting"),
        ]
    );
    assert!(receiver.more(Duration::from_millis(300)).is_empty());
}
