//! App setups end to end: `tug apps:setup DIR` makes an app from its app.json (config vars with
//! values, secrets and required ones, buildpacks, formation, the postdeploy script) through the
//! `app-setup` API; a bad app.json, a missing required var or a taken name changes nothing,
//! and a failed postdeploy fails the setup.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::common::dynos::{get, start};
use crate::common::{Home, TestServer, wait_for};

/// The app the tests deploy: one line per GET.
fn app_py() -> String {
    crate::common::dynos::answering_app(r#"{os.environ.get('GREETING', '-')}"#)
}

const PROCFILE: &str = "web: python3 app.py\nworker: sleep 1000\n";

/// A directory holding the app and `app_json`.
fn app_dir(home: &Home, app_json: &str) -> PathBuf {
    let dir = home.path().join(format!("app-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, body) in [
        ("app.py", app_py().as_str()),
        ("Procfile", PROCFILE),
        ("app.json", app_json),
    ] {
        std::fs::write(dir.join(name), body).unwrap();
    }
    dir
}

fn app_names(server: &TestServer) -> Vec<String> {
    let r = server
        .http()
        .call("GET", "/apps", Some(&server.admin_token), None);
    r.body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect()
}

const SHOP_JSON: &str = r#"{
  "name": "shop",
  "env": {
    "GREETING": "hello",
    "SECRET_KEY_BASE": {"generator": "secret"},
    "STRIPE_KEY": {"description": "payments", "required": true}
  },
  "formation": {"web": {"quantity": 1}, "worker": {"quantity": 1, "size": "basic"}},
  "buildpacks": [{"url": "null"}],
  "addons": ["papertrail"],
  "scripts": {"postdeploy": "echo seeded $GREETING $STRIPE_KEY", "pr-predestroy": "echo bye $GREETING"}
}"#;

#[test]
fn app_json_makes_the_app_with_its_config_formation_and_postdeploy() {
    let server = start();
    let home = server.admin();
    let dir = app_dir(&home, SHOP_JSON);
    let dir = dir.to_str().unwrap();

    // A required var without a value: an error naming it, and no app.
    home.tug(&["apps:setup", dir, "--name", "shop"])
        .code(1)
        .stderr_has("config var `STRIPE_KEY` is required (payments)")
        .stderr_has("--env KEY=VALUE");
    assert!(!app_names(&server).contains(&"shop".to_string()));

    let run = home
        .tug(&[
            "apps:setup",
            dir,
            "--name",
            "shop",
            "--env",
            "STRIPE_KEY=sk_test_1",
            "--json",
        ])
        .ok()
        .stderr_has("`papertrail` is not offered here and was skipped")
        .stderr_has("seeded hello sk_test_1");
    let setup = run.json();
    assert_eq!(setup["status"], "succeeded", "{setup}");
    assert_eq!(setup["app"]["name"], "shop");
    assert_eq!(setup["postdeploy"]["exit_code"], 0);
    assert!(
        setup["postdeploy"]["output"]
            .as_str()
            .unwrap()
            .contains("seeded hello sk_test_1"),
        "{setup}"
    );
    assert_eq!(setup["build"]["status"], "succeeded");
    assert!(
        setup["resolved_success_url"]
            .as_str()
            .unwrap()
            .contains("shop")
    );
    assert_eq!(setup["manifest_errors"], json!([]));

    let config = home.tug(&["config", "-a", "shop", "--json"]).ok().json();
    assert_eq!(config["GREETING"], "hello");
    assert_eq!(config["STRIPE_KEY"], "sk_test_1");
    let secret = config["SECRET_KEY_BASE"].as_str().unwrap();
    assert!(
        secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit()),
        "a generated secret: {secret}"
    );
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let buildpacks = http
        .call("GET", "/apps/shop/buildpack-installations", t, None)
        .body;
    assert_eq!(buildpacks[0]["buildpack"]["url"], "null", "{buildpacks}");

    wait_for("shop to answer", || {
        get(&server, "shop") == (200, "hello\n".into())
    });
    let formation = http.call("GET", "/apps/shop/formation", t, None).body;
    let worker = formation
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["type"] == "worker")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(worker["quantity"], 1, "{formation}");
    assert_eq!(worker["size"], "basic", "{formation}");

    // The setup is seen by those who see its app, and no one else.
    let id = setup["id"].as_str().unwrap();
    let r = http.call("GET", &format!("/app-setups/{id}"), t, None);
    assert_eq!(r.status, 200);
    assert_eq!(r.body["status"], "succeeded");
    let eve = server.user("eve@example.com");
    let eve_token = eve_token(&eve);
    for path in [format!("/app-setups/{id}"), "/app-setups/nope".to_string()] {
        let r = http.call("GET", &path, Some(&eve_token), None);
        assert_eq!(r.status, 404, "{path}: {:?}", r.body);
        assert_eq!(r.body["id"], "not_found");
    }

    // pr-predestroy runs before the app goes, with the app's config.
    home.tug(&["apps:destroy", "shop", "--confirm", "shop"])
        .ok();
    assert!(
        server
            .log()
            .contains("the pr-predestroy script of `shop` exited with status 0: bye hello"),
        "{}",
        server.log()
    );
    let r = http.call("GET", &format!("/app-setups/{id}"), t, None);
    assert_eq!(r.status, 404, "the setup goes with its app");
}

fn eve_token(home: &Home) -> String {
    home.tug(&["auth:token"]).ok().stdout.trim().to_string()
}

#[test]
fn bad_app_json_changes_nothing_and_a_failed_postdeploy_fails_the_setup() {
    let server = start();
    let home = server.admin();
    let before = app_names(&server);
    for (app_json, want) in [
        (
            "{\n  \"env\": {\n    \"BAD-KEY\": \"x\"\n  }\n}",
            "app.json: line 3: `env.BAD-KEY`",
        ),
        (
            "{\"formaton\": {}}",
            "app.json: line 1: `formaton`: unknown key",
        ),
        (
            "{\"formation\": {\"web\": {\"size\": \"huge\"}}}",
            "`formation.web`: unknown dyno size `huge`",
        ),
        (
            "{\"addons\": [\"heroku-postgresql:gigantic\"]}",
            "unknown plan `gigantic`",
        ),
        ("{\"env\": ", "app.json: line 1: not valid JSON"),
    ] {
        let dir = app_dir(&home, app_json);
        home.tug(&["apps:setup", dir.to_str().unwrap(), "--name", "bad"])
            .code(1)
            .stderr_has(want);
    }
    assert_eq!(app_names(&server), before, "no app was left behind");

    let http = server.http();
    let t = Some(server.admin_token.as_str());
    for body in [json!({}), json!({"source_blob": {}})] {
        let r = http.call("POST", "/app-setups", t, Some(body.clone()));
        assert_eq!(r.status, 422, "{body}: {:?}", r.body);
    }
    let r = http.call(
        "POST",
        "/app-setups",
        t,
        Some(json!({"source_blob": {"url": "ftp://example.com/x.tgz"}})),
    );
    assert_eq!(r.status, 422);

    // A taken name: refused, the app that has it untouched.
    let r = http.call("POST", "/apps", t, Some(json!({"name": "taken"})));
    assert_eq!(r.status, 201);
    let simple = r#"{"buildpacks": [{"url": "null"}], "env": {"GREETING": "x"}}"#;
    let dir = app_dir(&home, simple);
    home.tug(&["apps:setup", dir.to_str().unwrap(), "--name", "taken"])
        .code(1)
        .stderr_has("the name `taken` is already taken");
    let config = home.tug(&["config", "-a", "taken", "--json"]).ok().json();
    assert_eq!(config, json!({}));

    let failing =
        r#"{"buildpacks": [{"url": "null"}], "scripts": {"postdeploy": "echo oops; exit 3"}}"#;
    let dir = app_dir(&home, failing);
    home.tug(&["apps:setup", dir.to_str().unwrap(), "--name", "seedless"])
        .code(1)
        .stderr_has("oops")
        .stderr_has("the setup of seedless failed: the postdeploy script exited with status 3")
        .stderr_has("tug logs -a seedless");
}

/// app.json's add-ons are provisioned through the providers before the build, so the
/// postdeploy script can seed the database; they go with the app.
#[test]
fn app_json_addons_are_provisioned_for_postdeploy_and_go_with_the_app() {
    if tug::server::addons::postgres::bin_dir().is_none() {
        crate::common::skip::skipped(
            "PostgreSQL is not installed (no `initdb`/`pg_ctl` on PATH or in /usr/lib/postgresql/*/bin): `apt-get install -y postgresql`",
        );
        return;
    }
    let server = start();
    let home = server.admin();
    let app_json = r#"{
  "buildpacks": [{"url": "null"}],
  "addons": [{"plan": "heroku-postgresql"}],
  "scripts": {"postdeploy": "psql \"$DATABASE_URL\" -X -q -v ON_ERROR_STOP=1 -c 'CREATE TABLE seeded (x int); INSERT INTO seeded VALUES (42)'"}
}"#;
    let dir = app_dir(&home, app_json);
    let setup = home
        .tug(&[
            "apps:setup",
            dir.to_str().unwrap(),
            "-n",
            "seeded",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(setup["status"], "succeeded", "{setup}");
    let config = home.tug(&["config", "-a", "seeded", "--json"]).ok().json();
    assert!(
        config["DATABASE_URL"]
            .as_str()
            .is_some_and(|u| u.starts_with("postgres")),
        "{config}"
    );
    home.tug(&[
        "run",
        "-a",
        "seeded",
        "--",
        "psql \"$DATABASE_URL\" -X -A -t -c 'SELECT x FROM seeded'",
    ])
    .ok()
    .stdout_has("42");

    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let addons = http.call("GET", "/apps/seeded/addons", t, None).body;
    let name = addons[0]["name"].as_str().unwrap().to_string();
    home.tug(&["apps:destroy", "seeded", "--confirm", "seeded"])
        .ok();
    let r = http.call("GET", &format!("/addons/{name}"), t, None);
    assert_eq!(r.status, 404, "the add-on went with its app: {:?}", r.body);
}
