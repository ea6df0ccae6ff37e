//! Renaming an add-on: the name is the add-on's own, so its attachments and config vars keep
//! working on every app it is attached to; bad, taken and foreign renames change nothing.
//! And the add-on's log drains, which are none.

use serde_json::json;

use crate::addons::redis_installed;
use crate::common::dynos::start;
use crate::common::push::deploy;
use crate::common::{TestServer, add_user_with_password};

const IDLE: &str = "worker: sleep 1000000\n";

fn config(server: &TestServer, app: &str) -> serde_json::Value {
    let path = format!("/apps/{app}/config-vars");
    server
        .http()
        .call("GET", &path, Some(&server.admin_token), None)
        .body
}

#[test]
fn an_addon_is_renamed_and_its_attachments_keep_working() {
    if !redis_installed() {
        return;
    }
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    deploy(&server, &home, "ren", &[("Procfile", IDLE)]);
    deploy(&server, &home, "ren-other", &[("Procfile", IDLE)]);
    let created = home
        .tug(&["addons:create", "heroku-redis", "-a", "ren"])
        .ok();
    let old = created.stdout.trim().to_string();
    home.tug(&["addons:attach", &old, "--as", "CACHE", "-a", "ren-other"])
        .ok();
    let (vars, other_vars) = (config(&server, "ren"), config(&server, "ren-other"));
    let id = http.call("GET", &format!("/addons/{old}"), t, None).body["id"].clone();

    // The CLI, by the add-on's name; the API by its id.
    home.tug(&["addons:rename", &old, "cache-main"])
        .ok()
        .stderr_has("Renaming");
    let r = http.call("GET", "/apps/ren/addons/cache-main", t, None);
    assert_eq!((r.status, &r.body["id"]), (200, &id), "{:?}", r.body);
    assert_eq!(
        http.call("GET", &format!("/addons/{old}"), t, None).status,
        404
    );
    let r = http.call(
        "PATCH",
        &format!("/apps/ren/addons/{}", id.as_str().unwrap()),
        t,
        Some(json!({"name": "Cache-Primary"})),
    );
    assert_eq!(
        (r.status, r.body["name"].as_str()),
        (200, Some("cache-primary"))
    );
    assert_eq!(config(&server, "ren"), vars, "config vars stay");
    assert_eq!(config(&server, "ren-other"), other_vars);
    let attachments = http.call("GET", "/apps/ren-other/addon-attachments", t, None);
    assert_eq!(attachments.body[0]["addon"]["name"], "cache-primary");
    assert_eq!(attachments.body[0]["name"], "CACHE");
    home.tug(&["addons:info", "cache-primary"])
        .ok()
        .stdout_has("ren-other");
    let line = "redis-cli -e --no-auth-warning -u \"$CACHE_URL\" ping";
    home.tug(&["run", "-a", "ren-other", "--", line])
        .ok()
        .stdout_has("PONG");

    // Bad names, a taken one, an empty change: 422, and nothing changes.
    let second = home
        .tug(&["addons:create", "heroku-redis", "-a", "ren"])
        .ok()
        .stdout
        .trim()
        .to_string();
    let path = "/apps/ren/addons/cache-primary";
    for bad in [
        json!({"name": "9lives"}),
        json!({"name": "a b"}),
        json!({"name": "x".repeat(65)}),
        json!({"name": ""}),
        json!({"name": second}),
        json!({"name": 7}),
        json!({}),
    ] {
        let r = http.call("PATCH", path, t, Some(bad.clone()));
        assert!(
            matches!(r.status, 400 | 422),
            "{bad}: {} {:?}",
            r.status,
            r.body
        );
    }
    home.tug(&["addons:rename", "cache-primary", &second])
        .code(1)
        .stderr_has("is taken");
    // From an app that only attaches it, and from another account.
    let r = http.call(
        "PATCH",
        "/apps/ren-other/addons/cache-primary",
        t,
        Some(json!({"name": "hijacked"})),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    let eve = add_user_with_password(&server, "eve@example.com", "long enough password");
    let r = http.call("PATCH", path, Some(&eve), Some(json!({"name": "hijacked"})));
    assert_eq!((r.status, r.body["resource"].as_str()), (404, Some("app")));
    let r = http.call("GET", path, t, None);
    assert_eq!((r.status, &r.body["id"]), (200, &id), "still named so");
    assert_eq!(config(&server, "ren-other"), other_vars);

    // An add-on's log drains: none here (no add-on makes drains), for those who can see it.
    let r = http.call("GET", "/addons/cache-primary/log-drains", t, None);
    assert_eq!((r.status, &r.body), (200, &json!([])));
    let r = http.call("GET", "/addons/cache-primary/log-drains", Some(&eve), None);
    assert_eq!(
        (r.status, r.body["resource"].as_str()),
        (404, Some("addon"))
    );
    let r = http.call("GET", "/addons/no-such-addon/log-drains", t, None);
    assert_eq!(r.status, 404);
}
