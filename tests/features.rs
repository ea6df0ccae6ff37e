//! App features (labs) end to end: the API and `tug labs`, and what each switch changes in
//! the dynos of a real app: dyno metadata in the environment, preboot's order of stopping
//! and starting, runtime metrics in the log.

use std::time::Duration;

use serde_json::{Value, json};

use crate::common::dynos::{run, start};
use crate::common::push::deploy;
use crate::common::wait::wait_until;
use crate::common::{TestServer, add_user_with_password};

const WEB: &str = "web: python3 -m http.server --bind 0.0.0.0 $PORT\n";

fn feature(list: &Value, name: &str) -> Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {list}"))
        .clone()
}

#[test]
fn features_are_listed_shown_and_switched() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "labbed"})));
    let list = http.call("GET", "/apps/labbed/features", t, None);
    assert_eq!(list.status, 200, "{:?}", list.body);
    let preboot = feature(&list.body, "preboot");
    assert_eq!(preboot["enabled"], true);
    for key in [
        "id",
        "created_at",
        "updated_at",
        "description",
        "doc_url",
        "state",
        "display_name",
        "feedback_email",
    ] {
        assert!(preboot[key].is_string(), "{key}: {preboot}");
    }
    assert_eq!(
        feature(&list.body, "runtime-dyno-metadata")["enabled"],
        false
    );
    let r = http.call(
        "PATCH",
        "/apps/labbed/features/runtime-dyno-metadata",
        t,
        Some(json!({"enabled": true})),
    );
    assert_eq!(
        (r.status, &r.body["enabled"]),
        (200, &json!(true)),
        "{:?}",
        r.body
    );
    let by_id = http.call(
        "GET",
        &format!("/apps/labbed/features/{}", r.body["id"].as_str().unwrap()),
        t,
        None,
    );
    assert_eq!(by_id.body["enabled"], true);
    assert_eq!(
        http.call("GET", "/account/features", t, None).body,
        json!([])
    );

    // What is refused changes nothing.
    let r = http.call(
        "PATCH",
        "/apps/labbed/features/spaces-dns-discovery",
        t,
        Some(json!({"enabled": true})),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("Private Spaces")
    );
    let r = http.call(
        "PATCH",
        "/apps/labbed/features/spaces-dns-discovery",
        t,
        Some(json!({"enabled": false})),
    );
    assert_eq!(r.status, 200);
    for (path, body, status) in [
        ("/apps/labbed/features/nope", json!({"enabled": true}), 404),
        (
            "/apps/labbed/features/preboot",
            json!({"enabled": "yes"}),
            422,
        ),
        ("/apps/labbed/features/preboot", json!({}), 422),
        (
            "/apps/labbed/features/preboot",
            json!({"enabled": false, "extra": 1}),
            422,
        ),
        (
            "/apps/nobody/features/preboot",
            json!({"enabled": false}),
            404,
        ),
        ("/account/features/preboot", json!({"enabled": false}), 404),
    ] {
        let r = http.call("PATCH", path, t, Some(body.clone()));
        assert_eq!(r.status, status, "{path} {body}: {:?}", r.body);
    }
    let eve = add_user_with_password(&server, "eve@example.com", "pw-eve-123456");
    let r = http.call(
        "PATCH",
        "/apps/labbed/features/preboot",
        Some(&eve),
        Some(json!({"enabled": false})),
    );
    assert_eq!(r.status, 404);
    assert_eq!(
        http.call("GET", "/apps/labbed/features", Some(&eve), None)
            .status,
        404
    );
    assert_eq!(
        http.call("GET", "/apps/labbed/features/preboot", t, None)
            .body["enabled"],
        true
    );

    // The CLI.
    let home = server.admin();
    let listed = home.tug(&["labs", "-a", "labbed"]).ok();
    assert!(
        listed.stdout.contains("[+]\truntime-dyno-metadata\t"),
        "{}",
        listed.stdout
    );
    assert!(
        listed.stdout.contains("[+]\tpreboot\t"),
        "{}",
        listed.stdout
    );
    assert!(
        listed.stdout.contains("[ ]\tlog-runtime-metrics\t"),
        "{}",
        listed.stdout
    );
    home.tug(&["labs:disable", "preboot", "-a", "labbed"])
        .ok()
        .stderr_has("Disabling preboot for labbed... done");
    let info = home
        .tug(&["labs:info", "preboot", "-a", "labbed", "--json"])
        .ok()
        .json();
    assert_eq!(info["enabled"], false);
    home.tug(&["labs:info", "preboot", "-a", "labbed"])
        .ok()
        .stdout_has("no");
    home.tug(&["labs:enable", "spaces-dns-discovery", "-a", "labbed"])
        .code(1)
        .stderr_has("cannot be enabled");
    home.tug(&["labs:enable", "bogus", "-a", "labbed"])
        .code(1)
        .stderr_has("no feature `bogus`");
    let json = home.tug(&["labs", "-a", "labbed", "--json"]).ok().json();
    assert_eq!(json["account"], json!([]));
    assert_eq!(feature(&json["app"], "preboot")["enabled"], false);
}

#[test]
fn dyno_metadata_is_in_the_environment_when_enabled() {
    let server = start();
    let home = server.admin();
    deploy(
        &server,
        &home,
        "meta",
        &[("Procfile", "worker: sleep 1000\n")],
    );
    let (out, _, code) = run(&server, "meta", "env", b"");
    assert_eq!(code, 0);
    assert!(!out.contains("HEROKU_APP_ID="), "{out}");
    home.tug(&["labs:enable", "runtime-dyno-metadata", "-a", "meta"])
        .ok();
    let (out, _, code) = run(&server, "meta", "env | sort", b"");
    assert_eq!(code, 0, "{out}");
    let env: std::collections::BTreeMap<&str, &str> =
        out.lines().filter_map(|l| l.split_once('=')).collect();
    let app = server
        .http()
        .call("GET", "/apps/meta", Some(&server.admin_token), None)
        .body;
    assert_eq!(env["HEROKU_APP_ID"], app["id"].as_str().unwrap());
    assert_eq!(env["HEROKU_APP_NAME"], "meta");
    // v1 is the app's empty first release, v2 the push.
    assert_eq!(env["HEROKU_RELEASE_VERSION"], "v2");
    assert!(env["HEROKU_RELEASE_CREATED_AT"].ends_with('Z'), "{out}");
    assert_eq!(env["HEROKU_SLUG_COMMIT"].len(), 40, "{out}");
    assert!(
        env["HEROKU_SLUG_DESCRIPTION"].starts_with("Deploy "),
        "{out}"
    );
    let dyno_id = env["HEROKU_DYNO_ID"];
    assert!(uuid::Uuid::parse_str(dyno_id).is_ok(), "{out}");
    // A config var of the same name wins.
    home.tug(&["config:set", "HEROKU_APP_NAME=mine", "-a", "meta"])
        .ok();
    let (out, _, _) = run(
        &server,
        "meta",
        "echo $HEROKU_APP_NAME $HEROKU_RELEASE_VERSION",
        b"",
    );
    assert_eq!(out.trim(), "mine v3");
}

/// The log's lines for web.1 about starting and stopping, in order, after `from`.
fn web_lines(home: &crate::common::Home, app: &str) -> Vec<String> {
    home.tug(&["logs", "-n", "1500", "-d", "web.1", "-a", app])
        .ok()
        .stdout
        .lines()
        .filter(|l| l.contains("Starting process") || l.contains("Stopping all processes"))
        .map(str::to_string)
        .collect()
}

#[test]
fn without_preboot_old_web_dynos_stop_before_new_ones_start() {
    let server = start();
    let home = server.admin();
    deploy(&server, &home, "swap", &[("Procfile", WEB)]);
    wait_until("web.1 up", Duration::from_secs(30), || {
        (web_lines(&home, "swap").len() == 1).then_some(())
    });
    // With preboot (the default) the new dyno starts first.
    home.tug(&["config:set", "A=1", "-a", "swap"]).ok();
    let lines = wait_until("a preboot swap", Duration::from_secs(30), || {
        let l = web_lines(&home, "swap");
        (l.len() >= 3).then_some(l)
    });
    assert!(lines[1].contains("Starting process"), "{lines:#?}");
    assert!(lines[2].contains("Stopping all processes"), "{lines:#?}");
    home.tug(&["labs:disable", "preboot", "-a", "swap"]).ok();
    home.tug(&["config:set", "A=2", "-a", "swap"]).ok();
    let lines = wait_until("a stop-first swap", Duration::from_secs(30), || {
        let l = web_lines(&home, "swap");
        (l.len() >= 5).then_some(l)
    });
    assert!(lines[3].contains("Stopping all processes"), "{lines:#?}");
    assert!(lines[4].contains("Starting process"), "{lines:#?}");
}

#[test]
fn runtime_metrics_are_logged_every_twenty_seconds() {
    let server = start();
    let http = server.http();
    let health = http.call("GET", "/health", None, None).body;
    if !health["sandbox"]
        .as_str()
        .unwrap_or("")
        .starts_with("sandboxed")
    {
        crate::common::skip::skipped(format!(
            "runtime metrics are read from the wall's cgroup, and this server runs without it ({health})"
        ));
        return;
    }
    let home = server.admin();
    http.call(
        "POST",
        "/apps",
        Some(&server.admin_token),
        Some(json!({"name": "metered"})),
    );
    home.tug(&["labs:enable", "log-runtime-metrics", "-a", "metered"])
        .ok();
    deploy(
        &server,
        &home,
        "metered",
        &[("Procfile", "worker: sleep 1000\n")],
    );
    home.tug(&["ps:scale", "worker=1", "-a", "metered"]).ok();
    let line = wait_until("a metrics sample", Duration::from_secs(60), || {
        home.tug(&["logs", "-n", "1500", "-a", "metered"])
            .ok()
            .stdout
            .lines()
            .find(|l| l.contains("sample#memory_total="))
            .map(str::to_string)
    });
    assert!(
        line.contains("heroku[worker.1]: source=worker.1 dyno=heroku."),
        "{line}"
    );
    assert!(line.contains("sample#load_avg_1m="), "{line}");
}

/// Unsandboxed, a dyno has no cgroup to sample: turning metrics on says so rather than nothing.
#[test]
fn runtime_metrics_warn_where_nothing_can_be_sampled() {
    // Local dynos without a wall have no cgroup to read (Swarm's engine always has samples).
    let server = TestServer::start_with(&["--sandbox", "off", "--runtime", "local"]);
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "unmetered"})));
    let on = http.call(
        "PATCH",
        "/apps/unmetered/features/log-runtime-metrics",
        t,
        Some(json!({"enabled": true})),
    );
    assert_eq!(on.status, 200, "{:?}", on.body);
    assert_eq!(on.body["enabled"], true);
    let warning = on.header("warning-message").unwrap_or_default();
    assert!(warning.contains("without a cgroup"), "{:?}", on.headers);
    // Nothing to say when turning it off, or for another switch.
    for (name, enabled) in [
        ("log-runtime-metrics", false),
        ("runtime-dyno-metadata", true),
    ] {
        let r = http.call(
            "PATCH",
            &format!("/apps/unmetered/features/{name}"),
            t,
            Some(json!({"enabled": enabled})),
        );
        assert_eq!(r.status, 200);
        assert!(r.header("warning-message").is_none(), "{name}");
    }
    // The CLI shows the warning too.
    server
        .admin()
        .tug(&["labs:enable", "log-runtime-metrics", "-a", "unmetered"])
        .ok()
        .stderr_has("without a cgroup");
}
