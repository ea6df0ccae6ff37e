//! Dyno sizes as resources: each size its own id and limits, the same ids in formations, and
//! a size nobody offers refused with the list of those there are.

use serde_json::json;

use crate::common::dynos;
use crate::common::push::deploy;
use crate::common::server::add_user_with_password;

#[test]
fn dyno_sizes_are_listed_with_their_own_ids_and_formations_use_them() {
    let server = dynos::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());

    let sizes = http.call("GET", "/dyno-sizes", t, None);
    assert_eq!(sizes.status, 200, "{:?}", sizes.body);
    let sizes = sizes.body.as_array().unwrap().clone();
    assert_eq!(sizes.len(), 9);
    let mut ids: Vec<&str> = sizes.iter().map(|s| s["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 9, "every size has its own id");
    let two = sizes.iter().find(|s| s["name"] == "standard-2X").unwrap();
    assert_eq!(two["memory"], 1.0);
    assert_eq!(two["compute"], 2);
    assert_eq!(two["generation"]["name"], "cedar");
    for key in [
        "architecture",
        "dedicated",
        "private_space_only",
        "precise_dyno_units",
    ] {
        assert!(!two[key].is_null(), "{key}: {two}");
    }
    assert!(two.get("cost").is_some_and(|c| c.is_null()));
    let one = sizes.iter().find(|s| s["name"] == "standard-1X").unwrap();
    assert_eq!(one["memory"], 0.5);

    // Info by name in any case, or by id; the same answer each time.
    let two_id = two["id"].as_str().unwrap();
    for ident in ["standard-2X", "STANDARD-2x", two_id] {
        let r = http.call("GET", &format!("/dyno-sizes/{ident}"), t, None);
        assert_eq!((r.status, &r.body), (200, two), "{ident}");
    }
    let r = http.call("GET", "/dyno-sizes/huge", t, None);
    assert_eq!(
        (r.status, r.body["resource"].as_str()),
        (404, Some("dyno-size"))
    );
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("performance-M")
    );
    assert_eq!(http.call("GET", "/dyno-sizes", None, None).status, 401);

    // Formation sizes by name or by id; the answer names the size's own id.
    deploy(
        &server,
        &server.admin(),
        "sized",
        &[("Procfile", "clock: sleep 600\nworker: sleep 600\n")],
    );
    let r = http.call(
        "PATCH",
        "/apps/sized/formation",
        t,
        Some(json!({"updates": [
            {"type": "clock", "dyno_size": {"name": "standard-2x"}},
            {"type": "worker", "dyno_size": {"id": one["id"]}},
        ]})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let clock = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["type"] == "clock")
        .unwrap();
    assert_eq!(
        clock["dyno_size"],
        json!({"id": two_id, "name": "standard-2X"})
    );
    assert_eq!(clock["size"], "standard-2X");
    let r = http.call(
        "PATCH",
        "/apps/sized/formation/worker",
        t,
        Some(json!({"dyno_size": {"id": two_id}})),
    );
    assert_eq!(r.body["dyno_size"]["name"], "standard-2X", "{:?}", r.body);

    // Sizes nobody offers: 422 with the list, and nothing changes.
    let before = http.call("GET", "/apps/sized/formation", t, None).body;
    for bad in [
        json!({"updates": [{"type": "clock", "dyno_size": {"name": "standard-3X"}}]}),
        json!({"updates": [{"type": "clock", "size": "huge\nline"}]}),
        json!({"updates": [{"type": "clock", "dyno_size": {"id": "00000000-0000-4000-8000-000000000000"}}]}),
    ] {
        let r = http.call("PATCH", "/apps/sized/formation", t, Some(bad.clone()));
        assert_eq!(r.status, 422, "{bad}: {:?}", r.body);
        let message = r.body["message"].as_str().unwrap();
        assert!(message.contains("standard-2X, performance-M"), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
    let r = http.call(
        "POST",
        "/apps/sized/dynos",
        t,
        Some(json!({"command": "true", "size": "mega"})),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert_eq!(
        http.call("GET", "/apps/sized/formation", t, None).body,
        before
    );

    // The app's available sizes: its collaborators see them, strangers get the app's 404.
    let listed = http.call("GET", "/apps/sized/available-dyno-sizes", t, None);
    assert_eq!(listed.body, json!(sizes));
    let dev = add_user_with_password(&server, "dev@example.com", "long enough password");
    let eve = add_user_with_password(&server, "eve@example.com", "long enough password");
    http.call(
        "POST",
        "/apps/sized/collaborators",
        t,
        Some(json!({"user": "dev@example.com"})),
    );
    let r = http.call("GET", "/apps/sized/available-dyno-sizes", Some(&dev), None);
    assert_eq!(r.status, 200);
    let r = http.call("GET", "/apps/sized/available-dyno-sizes", Some(&eve), None);
    assert_eq!((r.status, r.body["resource"].as_str()), (404, Some("app")));
    let r = http.call(
        "PATCH",
        "/apps/sized/formation",
        Some(&eve),
        Some(json!({"updates": [{"type": "clock", "dyno_size": {"name": "eco"}}]})),
    );
    assert_eq!(r.status, 404);

    // The CLI keeps resizing by name, and its list shows each size's limits.
    let home = server.admin();
    home.tug(&["ps:type", "clock=performance-m", "-a", "sized"])
        .ok();
    home.tug(&["ps:scale", "clock=1:standard-2x", "-a", "sized"])
        .ok()
        .stderr_has("clock at 1:standard-2X");
    home.tug(&["ps:type", "clock=tiny", "-a", "sized"])
        .code(1)
        .stderr_has("standard-1X");
    home.tug(&["dyno-sizes"])
        .ok()
        .stdout_has("performance-L-RAM")
        .stdout_has("30");
    let listed = home.tug(&["dyno-sizes", "--json"]).ok().json();
    assert_eq!(listed, json!(sizes));
}
