//! What one account can make the server hold: a gzip bomb in a git request, quotas on apps,
//! dynos, process types and config, and disk left behind by destroyed apps and interrupted
//! pushes and builds.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use serde_json::json;

use crate::common::TestServer;
use crate::common::push::{commit, deploy, push_app};
use crate::common::wait::{DEADLINE, poll, wait_for};

/// The server's peak resident memory in MB, from `/proc/PID/status`.
fn peak_rss_mb(server: &TestServer) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb / 1024
}

#[test]
fn a_gzip_bomb_is_refused_without_inflating_it() {
    let server = TestServer::start();
    let http = server.http();
    let t = server.admin_token.clone();
    assert_eq!(
        http.call("POST", "/apps", Some(&t), Some(json!({"name": "bomb"})))
            .status,
        201
    );
    // 512 MB of zeros: about 500 KB on the wire.
    let mut gz = flate2::write::GzEncoder::new(vec![], flate2::Compression::best());
    let chunk = vec![0u8; 1024 * 1024];
    for _ in 0..512 {
        gz.write_all(&chunk).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1024 * 1024);
    let before = peak_rss_mb(&server);
    let resp = http
        .auth("POST", "/bomb.git/git-upload-pack", &t)
        .header("Content-Type", "application/x-git-upload-pack-request")
        .header("Content-Encoding", "gzip")
        .body(bomb)
        .send()
        .unwrap();
    assert_eq!(resp.status(), 413);
    let text = resp.text().unwrap();
    assert!(text.contains("too large"), "{text}");
    let after = peak_rss_mb(&server);
    assert!(
        after < 100 && after < before + 40,
        "peak RSS went from {before} MB to {after} MB"
    );

    // Not gzip at all, though it says so: a clear 400, and the server carries on.
    let resp = http
        .auth("POST", "/bomb.git/git-upload-pack", &t)
        .header("Content-Encoding", "gzip")
        .body("not gzip")
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(http.call("GET", "/apps/bomb", Some(&t), None).status, 200);
    // No scratch file is left behind.
    let builds: Vec<_> = std::fs::read_dir(server.data_dir.join("builds"))
        .unwrap()
        .collect();
    assert!(builds.is_empty(), "{builds:?}");
}

fn procfile(types: &[&str]) -> String {
    types.iter().map(|t| format!("{t}: sleep 600\n")).collect()
}

fn scale(server: &TestServer, app: &str, updates: serde_json::Value) -> (u16, String) {
    let r = server.http().call(
        "PATCH",
        &format!("/apps/{app}/formation"),
        Some(&server.admin_token),
        Some(json!({ "updates": updates })),
    );
    (
        r.status,
        r.body["message"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn quotas_refuse_with_the_limit_and_the_flag_that_raises_it() {
    let server = TestServer::start_with(&[
        "--stop-grace",
        "1",
        "--max-apps",
        "2",
        "--max-quantity",
        "2",
        "--max-app-dynos",
        "3",
        "--max-account-dynos",
        "4",
        "--max-process-types",
        "3",
        "--max-config-size",
        "100",
    ]);
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let three = procfile(&["worker", "clock", "other"]);
    deploy(&server, &home, "quota-a", &[("Procfile", &three)]);
    let dir = deploy(&server, &home, "quota-b", &[("Procfile", &three)]);

    let r = http.call("POST", "/apps", t, Some(json!({"name": "quota-c"})));
    assert_eq!(r.status, 422);
    let msg = r.body["message"].as_str().unwrap();
    assert!(
        msg.contains("2 apps per account") && msg.contains("--max-apps"),
        "{msg}"
    );
    assert_eq!(http.call("GET", "/apps/quota-c", t, None).status, 404);

    let (status, msg) = scale(
        &server,
        "quota-a",
        json!([{"type": "worker", "quantity": 3}]),
    );
    assert_eq!(status, 422);
    assert!(msg.contains("--max-quantity"), "{msg}");
    let (status, msg) = scale(
        &server,
        "quota-a",
        json!([{"type": "worker", "quantity": 2}, {"type": "clock", "quantity": 2}]),
    );
    assert_eq!(status, 422);
    assert!(
        msg.contains("would run 4 dynos") && msg.contains("--max-app-dynos"),
        "{msg}"
    );
    let (status, _) = scale(
        &server,
        "quota-a",
        json!([{"type": "worker", "quantity": 2}, {"type": "clock", "quantity": 1}]),
    );
    assert_eq!(status, 200);
    let (status, msg) = scale(
        &server,
        "quota-b",
        json!([{"type": "worker", "quantity": 2}]),
    );
    assert_eq!(status, 422);
    assert!(
        msg.contains("would run 5 dynos") && msg.contains("--max-account-dynos"),
        "{msg}"
    );
    assert_eq!(
        scale(
            &server,
            "quota-b",
            json!([{"type": "worker", "quantity": 1}])
        )
        .0,
        200
    );

    // A one-off counts too: quota-a runs 3 of its 3.
    let r = http.call(
        "POST",
        "/apps/quota-a/dynos",
        t,
        Some(json!({"command": "true"})),
    );
    assert_eq!(r.status, 422);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("--max-app-dynos"),
        "{}",
        r.body
    );
    let counts: Vec<serde_json::Value> =
        serde_json::from_value(http.call("GET", "/apps/quota-a/formation", t, None).body).unwrap();
    let total: i64 = counts.iter().map(|f| f["quantity"].as_i64().unwrap()).sum();
    assert_eq!(total, 3, "a refusal changes nothing");

    // Config over the size, and a release with one process type too many.
    let r = http.call(
        "PATCH",
        "/apps/quota-b/config-vars",
        t,
        Some(json!({"BIG": "x".repeat(120)})),
    );
    assert_eq!(r.status, 422);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("--max-config-size"),
        "{}",
        r.body
    );
    assert!(http.call("GET", "/apps/quota-b/config-vars", t, None).body["BIG"].is_null());
    commit(
        &home,
        &dir,
        &[("Procfile", &procfile(&["a", "b", "c", "d"]))],
        "four",
    );
    let out = push_app(&server, &home, &dir, "quota-b", false);
    assert!(
        out.contains("4 process types") && out.contains("--max-process-types"),
        "{out}"
    );
    let r = http.call(
        "POST",
        "/apps/quota-b/slugs",
        t,
        Some(json!({"process_types": {"a": "x", "b": "x", "c": "x", "d": "x"}})),
    );
    assert_eq!(r.status, 422);
    commit(
        &home,
        &dir,
        &[("Procfile", &procfile(&["a", "b", "c"]))],
        "three",
    );
    push_app(&server, &home, &dir, "quota-b", true);
}

/// Every file under `dir`, relative, leaving out the database (it keeps its own pages).
fn files(dir: &Path) -> BTreeSet<String> {
    files_in(dir, &[""])
}

/// Every file under the given subdirectories of `dir`.
fn files_in(dir: &Path, under: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<_> = under.iter().map(|u| dir.join(u)).collect();
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel.starts_with("tug.db") {
                continue;
            }
            // A dyno's scratch fills while it starts: count the dyno, not its files.
            if let Some(dyno) = rel.strip_prefix("sandboxes/") {
                let name = dyno.split('/').next().unwrap();
                // Networks made ahead of time belong to no app; they are taken and made anew
                // in the background (the dyno's own scratch space still counts).
                if !name.starts_with("net-") {
                    out.insert(format!("sandboxes/{name}"));
                }
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                out.insert(rel);
            }
        }
    }
    out
}

#[test]
fn destroy_and_restart_leave_nothing_behind() {
    let mut server = crate::common::dynos::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.clone());
    let t = t.as_deref();
    // A first app stays throughout, so the comparison is not of an empty server.
    let stays_dir = deploy(
        &server,
        &home,
        "stays",
        &[("Procfile", "worker: sleep 600\n")],
    );
    assert_eq!(
        scale(&server, "stays", json!([{"type": "worker", "quantity": 1}])).0,
        200
    );
    wait_for("the first app's dyno", || {
        crate::common::dynos::dynos(&server, "stays").len() == 1
    });
    let baseline = files(&server.data_dir);

    deploy(
        &server,
        &home,
        "goes",
        &[("Procfile", "worker: sleep 600\n")],
    );
    assert_eq!(
        scale(&server, "goes", json!([{"type": "worker", "quantity": 1}])).0,
        200
    );
    wait_for("its dyno up", || {
        crate::common::dynos::dynos(&server, "goes") == [("worker.1".to_string(), "up".to_string())]
    });
    assert_ne!(files(&server.data_dir), baseline);
    assert_eq!(http.call("DELETE", "/apps/goes", t, None).status, 200);
    // On a timeout the assertion below names the files left behind.
    poll(DEADLINE, || files(&server.data_dir) == baseline);
    let now = files(&server.data_dir);
    assert_eq!(
        (
            now.difference(&baseline).collect::<Vec<_>>(),
            baseline.difference(&now).collect::<Vec<_>>()
        ),
        (vec![], vec![]),
        "everything of the app gone from disk (left: new files, right: files gone)"
    );

    // What interrupted pushes and builds leave, and files nothing refers to.
    let stays = http.call("GET", "/apps/stays", t, None).body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let d = &server.data_dir;
    let leftovers = [
        d.join(format!(
            "repos/{stays}.git/objects/tmp_objdir-incoming-abc123"
        )),
        d.join("builds/00000000-0000-4000-8000-000000000000/src"),
        d.join(format!("repos/{}.git/objects", uuid::Uuid::new_v4())),
    ];
    for dir in &leftovers {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("junk"), "x").unwrap();
    }
    std::fs::write(d.join(format!("slugs/{}.tgz", uuid::Uuid::new_v4())), "x").unwrap();
    std::fs::write(d.join(format!("sources/{}.tgz", uuid::Uuid::new_v4())), "x").unwrap();
    std::fs::create_dir_all(d.join(format!("cache/{}", uuid::Uuid::new_v4()))).unwrap();
    // Dynos get new scratch dirs on a restart: compare what builds and pushes keep.
    let kept = ["repos", "slugs", "sources", "cache", "builds"];
    let kept_baseline: BTreeSet<String> = baseline
        .iter()
        .filter(|f| kept.iter().any(|k| f.starts_with(k)))
        .cloned()
        .collect();
    assert_ne!(files_in(d, &kept), kept_baseline);
    server.restart();
    wait_for("the app back up", || {
        crate::common::dynos::dynos(&server, "stays").len() == 1
    });
    assert_eq!(files_in(&server.data_dir, &kept), kept_baseline);
    // The app that stays still deploys from its repository.
    commit(
        &home,
        &stays_dir,
        &[("Procfile", "worker: sleep 601\n")],
        "again",
    );
    push_app(&server, &home, &stays_dir, "stays", true);
}
