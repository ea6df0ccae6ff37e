//! Review apps end to end: with review apps on, a pushed branch gets its own app in the
//! pipeline's review stage from the branch's app.json (env, postdeploy) and the review stage's
//! config vars; a second push updates it, deleting the branch destroys it (pr-predestroy
//! first), and staging never changes. The refusals: another account cannot turn review apps
//! on, list or destroy them; a branch that cannot become an app name fails the push in words.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::dynos::{get, start};
use crate::common::push::{commit, deploy, git, push};
use crate::common::{Home, TestServer, wait_for};

/// One line per GET: app.json's greeting, the review stage's var, and the code's version.
fn app_py() -> String {
    crate::common::dynos::answering_app(
        r#"{os.environ.get('GREETING', '-')} {os.environ.get('STAGE_NOTE', '-')} {open('VERSION').read().strip()}"#,
    )
}

const APP_JSON: &str = r#"{
  "env": {"GREETING": "hello from review", "SECRET": {"generator": "secret"}},
  "buildpacks": [{"url": "null"}],
  "scripts": {"postdeploy": "echo seeded $GREETING", "pr-predestroy": "echo bye $GREETING"}
}"#;

/// `shop-staging` running version one, coupled to pipeline `shop` at staging; the repository.
fn staging(server: &TestServer, home: &Home) -> std::path::PathBuf {
    let dir = deploy(
        server,
        home,
        "shop-staging",
        &[
            ("Procfile", "web: python3 app.py\n"),
            ("app.py", app_py().as_str()),
            ("VERSION", "one"),
        ],
    );
    crate::pipelines::couple_shop(home, &[]);
    dir
}

fn push_branch(server: &TestServer, home: &Home, dir: &Path, refspec: &str) -> (bool, String) {
    let url = format!("{}/shop-staging.git", server.api_url);
    push(home, dir, Some(&server.admin_token), &[&url, refspec])
}

fn answers(server: &TestServer, app: &str, wanted: &str) {
    wait_for(&format!("{app} to answer `{wanted}`"), || {
        let (status, body) = get(server, app);
        status == 200 && body.trim() == wanted
    });
}

fn review_apps(home: &Home) -> Vec<Value> {
    home.tug(&["reviewapps", "-p", "shop", "--json"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_pushed_branch_gets_a_review_app_that_updates_and_goes_with_the_branch() {
    let server = start();
    let home = server.admin();
    let dir = staging(&server, &home);
    home.tug(&[
        "reviewapps:enable",
        "-p",
        "shop",
        "--autodeploy",
        "--autodestroy",
        "5d",
        "--env",
        "STAGE_NOTE=review",
    ])
    .ok()
    .stderr_has("Enabling review apps on pipeline shop... done");
    let config = server.http().call(
        "GET",
        "/pipelines/shop/review-app-config",
        Some(&server.admin_token),
        None,
    );
    assert_eq!(config.status, 200, "{:?}", config.body);
    assert_eq!(config.body["automatic_review_apps"], true);
    assert_eq!(config.body["destroy_stale_apps"], true);
    assert_eq!(config.body["stale_days"], 5);

    git(&home, &dir, &["checkout", "-q", "-b", "feature-x"]);
    commit(&home, &dir, &[("app.json", APP_JSON)], "app.json");
    let (ok, out) = push_branch(&server, &home, &dir, "feature-x");
    assert!(ok, "{out}\n{}", server.log());
    assert!(
        out.contains("Creating review app shop-pr-feature-x"),
        "{out}"
    );
    assert!(
        out.contains(
            "Review app shop-pr-feature-x deployed to http://shop-pr-feature-x.localhost:"
        ),
        "{out}"
    );
    answers(&server, "shop-pr-feature-x", "hello from review review one");
    wait_for("the review app to be created", || {
        review_apps(&home)
            .first()
            .is_some_and(|a| a["status"] == "created")
    });
    let listed = review_apps(&home);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["branch"], "feature-x");
    assert_eq!(listed[0]["app"]["name"], "shop-pr-feature-x");
    // Without `-p`, the pipeline is the app's.
    let by_app = home
        .tug(&["reviewapps", "-a", "shop-staging", "--json"])
        .ok()
        .json();
    assert_eq!(by_app, Value::Array(listed.clone()));
    let from_review_app = home
        .tug(&["reviewapps", "-a", "shop-pr-feature-x", "--json"])
        .ok()
        .json();
    assert_eq!(from_review_app, Value::Array(listed.clone()));
    home.tug(&["apps:create", "loner"]).ok();
    home.tug(&["reviewapps", "-a", "loner"])
        .code(2)
        .stderr_has("loner is in no pipeline");
    let t = Some(server.admin_token.as_str());
    let http = server.http();
    let own = http.call("GET", "/apps/shop-pr-feature-x/review-app", t, None);
    assert_eq!(own.body["id"], listed[0]["id"], "{:?}", own.body);
    let coupling = http.call("GET", "/apps/shop-pr-feature-x/pipeline-couplings", t, None);
    assert_eq!(coupling.body["stage"], "review", "{:?}", coupling.body);
    // app.json's postdeploy ran once, with app.json's env.
    let setup_id = listed[0]["app_setup"]["id"].as_str().unwrap().to_string();
    wait_for("the postdeploy script", || {
        let setup = http.call("GET", &format!("/app-setups/{setup_id}"), t, None);
        setup.body["status"] == "succeeded"
    });
    let setup = http.call("GET", &format!("/app-setups/{setup_id}"), t, None);
    assert_eq!(setup.body["postdeploy"]["exit_code"], 0, "{:?}", setup.body);
    assert!(
        setup.body["postdeploy"]["output"]
            .as_str()
            .unwrap()
            .contains("seeded hello from review"),
        "{:?}",
        setup.body
    );

    // A second push updates the same app; staging still runs its own code.
    commit(&home, &dir, &[("VERSION", "two")], "two");
    let (ok, out) = push_branch(&server, &home, &dir, "feature-x");
    assert!(ok, "{out}\n{}", server.log());
    assert!(
        out.contains("Updating review app shop-pr-feature-x"),
        "{out}"
    );
    answers(&server, "shop-pr-feature-x", "hello from review review two");
    answers(&server, "shop-staging", "- - one");
    assert_eq!(review_apps(&home).len(), 1);

    // Deleting the branch destroys the app, after its pr-predestroy script.
    let (ok, out) = push_branch(&server, &home, &dir, ":feature-x");
    assert!(ok, "{out}\n{}", server.log());
    assert!(
        out.contains("Destroyed review app `shop-pr-feature-x`"),
        "{out}"
    );
    let gone = http.call("GET", "/apps/shop-pr-feature-x", t, None);
    assert_eq!(gone.status, 404, "{:?}", gone.body);
    assert!(review_apps(&home).is_empty());
    assert!(
        server
            .log()
            .contains("the pr-predestroy script of `shop-pr-feature-x` exited with status 0"),
        "{}",
        server.log()
    );
    answers(&server, "shop-staging", "- - one");
}

#[test]
fn review_apps_are_made_on_request_and_only_for_people_who_can_reach_the_pipeline() {
    let server = start();
    let home = server.admin();
    let eve = server.user("eve@example.com");
    let dir = staging(&server, &home);

    // Another account sees none of it, and changes nothing.
    eve.tug(&["reviewapps:enable", "-p", "shop", "--autodeploy"])
        .code(1)
        .stderr_has("pipeline `shop` not found");
    home.tug(&["reviewapps:enable", "-p", "shop"]).ok();
    eve.tug(&["reviewapps", "-p", "shop"])
        .code(1)
        .stderr_has("pipeline `shop` not found");

    // Without --autodeploy a pushed branch is kept, and built on request.
    git(&home, &dir, &["checkout", "-q", "-b", "feature-y"]);
    commit(&home, &dir, &[("app.json", APP_JSON)], "app.json");
    let (ok, out) = push_branch(&server, &home, &dir, "feature-y");
    assert!(ok, "{out}\n{}", server.log());
    assert!(
        out.contains("tug reviewapps:create feature-y -p shop"),
        "{out}"
    );
    assert!(review_apps(&home).is_empty());
    eve.tug(&["reviewapps:create", "feature-y", "-p", "shop"])
        .code(1)
        .stderr_has("pipeline `shop` not found");
    home.tug(&["reviewapps:create", "feature-y", "-p", "shop"])
        .ok()
        .stdout_has("shop-pr-feature-y http://shop-pr-feature-y.localhost:");
    answers(&server, "shop-pr-feature-y", "hello from review - one");
    home.tug(&["reviewapps:create", "feature-y", "-p", "shop"])
        .code(1)
        .stderr_has("already has a review app");

    // Another account cannot read or destroy it by id either.
    let id = review_apps(&home)[0]["id"].as_str().unwrap().to_string();
    let eve_token = token_of(&eve);
    let http = server.http();
    for (method, path) in [
        ("GET", format!("/review-apps/{id}")),
        ("DELETE", format!("/review-apps/{id}")),
        ("GET", "/apps/shop-pr-feature-y/review-app".to_string()),
        ("GET", "/pipelines/shop/review-app-config".to_string()),
        ("DELETE", "/pipelines/shop/review-app-config".to_string()),
    ] {
        let r = http.call(method, &path, Some(&eve_token), None);
        assert_eq!(r.status, 404, "{method} {path}: {:?}", r.body);
    }
    let r = http.call("GET", "/review-apps", Some(&eve_token), None);
    assert_eq!(r.body, json!([]));
    eve.tug(&[
        "reviewapps:destroy",
        "feature-y",
        "-p",
        "shop",
        "--confirm",
        "shop-pr-feature-y",
    ])
    .code(1);
    answers(&server, "shop-pr-feature-y", "hello from review - one");

    // A branch with nothing that can name an app fails the push in words; nothing is made.
    let (ok, out) = push_branch(&server, &home, &dir, "HEAD:refs/heads/__");
    assert!(!ok, "{out}");
    assert!(
        out.contains("the branch `__` cannot become an app name"),
        "{out}"
    );
    let t = Some(server.admin_token.as_str());
    let bad = http.call(
        "POST",
        "/review-apps",
        t,
        Some(
            json!({"branch": "--upload-pack=touch /tmp/x", "pipeline": "shop", "source_blob": {}}),
        ),
    );
    assert_eq!(bad.status, 422, "{:?}", bad.body);
    assert_eq!(review_apps(&home).len(), 1);
    // Waiting for CI is not built: asking for it is refused, not silently ignored.
    let ci = http.call(
        "PATCH",
        "/pipelines/shop/review-app-config",
        t,
        Some(json!({"wait_for_ci": true})),
    );
    assert_eq!(ci.status, 422, "{:?}", ci.body);
    assert!(
        ci.body["message"]
            .as_str()
            .unwrap_or("")
            .contains("wait_for_ci"),
        "{:?}",
        ci.body
    );

    // The owner destroys it, once its name is confirmed.
    home.tug(&["reviewapps:destroy", "feature-y", "-p", "shop"])
        .code(2)
        .stderr_has("--confirm shop-pr-feature-y");
    home.tug(&[
        "reviewapps:destroy",
        "feature-y",
        "-p",
        "shop",
        "--confirm",
        "shop-pr-feature-y",
    ])
    .ok();
    let gone = http.call("GET", "/apps/shop-pr-feature-y", t, None);
    assert_eq!(gone.status, 404, "{:?}", gone.body);
    home.tug(&["reviewapps:disable", "-p", "shop"]).ok();
    let off = http.call("GET", "/pipelines/shop/review-app-config", t, None);
    assert_eq!(off.status, 404, "{:?}", off.body);
}

/// Eve's API token, as her CLI has it.
fn token_of(home: &Home) -> String {
    home.tug(&["auth:token"]).ok().stdout.trim().to_string()
}

#[test]
fn a_failed_review_app_touches_no_other_stage_and_its_add_ons_go_with_it() {
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let dir = staging(&server, &home);
    home.tug(&["reviewapps:enable", "-p", "shop", "--autodeploy"])
        .ok();

    // A build that fails rejects the push and marks the review app; staging runs on.
    let failing = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildpacks/failing");
    let app_json = json!({"buildpacks": [{"url": failing.to_str().unwrap()}]}).to_string();
    let releases = || {
        http.call("GET", "/apps/shop-staging/releases", t, None)
            .body
    };
    let before = releases();
    git(&home, &dir, &["checkout", "-q", "-b", "broken"]);
    commit(&home, &dir, &[("app.json", app_json.as_str())], "broken");
    let (ok, out) = push_branch(&server, &home, &dir, "broken");
    assert!(!ok, "{out}");
    assert!(out.contains("Creating review app shop-pr-broken"), "{out}");
    wait_for("the review app to be marked errored", || {
        review_apps(&home)
            .first()
            .is_some_and(|a| a["status"] == "errored")
    });
    answers(&server, "shop-staging", "- - one");
    assert_eq!(releases(), before);
    home.tug(&[
        "reviewapps:destroy",
        "broken",
        "-p",
        "shop",
        "--confirm",
        "shop-pr-broken",
    ])
    .ok();
    assert!(review_apps(&home).is_empty());

    if tug::server::addons::postgres::bin_dir().is_none() {
        crate::common::skip::skipped(
            "the add-on half: PostgreSQL is not installed (no `initdb`/`pg_ctl`): `apt-get install -y postgresql`",
        );
        return;
    }
    let app_json = r#"{"buildpacks": [{"url": "null"}], "addons": ["heroku-postgresql"]}"#;
    git(&home, &dir, &["checkout", "-q", "-b", "with-db", "main"]);
    commit(&home, &dir, &[("app.json", app_json)], "a database");
    let (ok, out) = push_branch(&server, &home, &dir, "with-db");
    assert!(ok, "{out}\n{}", server.log());
    let config = home
        .tug(&["config", "-a", "shop-pr-with-db", "--json"])
        .ok()
        .json();
    assert!(
        config["DATABASE_URL"]
            .as_str()
            .is_some_and(|u| u.starts_with("postgres")),
        "{config}"
    );
    let addons = http
        .call("GET", "/apps/shop-pr-with-db/addons", t, None)
        .body;
    let name = addons[0]["name"].as_str().unwrap().to_string();
    let staging_addons = http.call("GET", "/apps/shop-staging/addons", t, None).body;
    assert_eq!(staging_addons, json!([]));
    let (ok, out) = push_branch(&server, &home, &dir, ":with-db");
    assert!(ok, "{out}");
    let r = http.call("GET", &format!("/addons/{name}"), t, None);
    assert_eq!(r.status, 404, "the add-on went with its app: {:?}", r.body);
    answers(&server, "shop-staging", "- - one");
}

#[test]
fn a_review_app_left_stale_days_without_a_push_is_destroyed() {
    let mut server = start();
    let home = server.admin();
    let dir = staging(&server, &home);
    home.tug(&[
        "reviewapps:enable",
        "-p",
        "shop",
        "--autodeploy",
        "--autodestroy",
        "2d",
    ])
    .ok();
    for branch in ["old", "fresh"] {
        git(&home, &dir, &["checkout", "-q", "-b", branch, "main"]);
        commit(&home, &dir, &[("app.json", APP_JSON)], branch);
        let (ok, out) = push_branch(&server, &home, &dir, branch);
        assert!(ok, "{out}\n{}", server.log());
    }
    wait_for("both review apps to be created", || {
        let apps = review_apps(&home);
        apps.len() == 2 && apps.iter().all(|a| a["status"] == "created")
    });

    // Three days pass without a push of `old`: the server, down meanwhile, sweeps at start.
    assert_eq!(server.stop(), Some(0), "{}", server.log());
    let db = rusqlite::Connection::open(server.data_dir.join("tug.db")).unwrap();
    let aged = db
        .execute(
            "UPDATE review_apps SET pushed_at = pushed_at - 3 * 86400 WHERE branch = 'old'",
            [],
        )
        .unwrap();
    assert_eq!(aged, 1);
    drop(db);
    server.start_again();
    let home = server.admin();
    wait_for("the stale review app to go", || {
        let apps = review_apps(&home);
        apps.len() == 1 && apps[0]["branch"] == "fresh"
    });
    let t = Some(server.admin_token.as_str());
    let gone = server.http().call("GET", "/apps/shop-pr-old", t, None);
    assert_eq!(gone.status, 404, "{:?}", gone.body);
    answers(&server, "shop-pr-fresh", "hello from review - one");
}
