//! `tug deploy` end to end: a real repository with deploy.yml, real commit statuses, the server's
//! own re-check, deployment records from every door, and the deploy lock.

use std::path::Path;
use std::time::Duration;

use serde_json::json;

use crate::common::push::{commit, git, push, repo};
use crate::common::wait::{DEADLINE, wait_until};
use crate::common::{Home, TestServer, wait_for};

const PROCFILE: (&str, &str) = ("Procfile", "web: python3 -m http.server $PORT\n");

const DEPLOY_YML: &str = "\
envs:
  - name: production
    app: myapp
    auto_merge: true
    required_contexts: [\"ci/test\"]
  - name: staging
    app: myapp-staging
";

/// GET / through the router for `app`.
fn serve(server: &TestServer, app: &str) -> String {
    crate::common::install_crypto_provider();
    let resp = reqwest::blocking::Client::new()
        .get(format!("{}/index.html", server.router_url))
        .header("Host", format!("{app}.localhost"))
        .timeout(Duration::from_secs(10))
        .send()
        .expect("the router answers");
    assert_eq!(resp.status().as_u16(), 200, "{app}");
    resp.text().unwrap()
}

fn deployments(home: &Home, app: &str) -> Vec<serde_json::Value> {
    let list = home.tug(&["deployments", "-a", app, "--json"]).ok().json();
    list.as_array().unwrap().clone()
}

/// A repository whose tag `v1.0.0` is one commit behind `main`.
fn release_repo(home: &Home) -> (std::path::PathBuf, String, String) {
    let dir = repo(
        home,
        &[PROCFILE, ("index.html", "v1\n"), ("deploy.yml", DEPLOY_YML)],
    );
    let v1 = git(home, &dir, &["rev-parse", "HEAD"]).trim().to_string();
    git(home, &dir, &["tag", "v1.0.0"]);
    let v2 = commit(home, &dir, &[("index.html", "v2\n")], "Fix login redirect");
    (dir, v1, v2)
}

#[test]
fn deploys_only_what_passes_its_checks_and_records_every_attempt() {
    let server = TestServer::start();
    let admin = server.admin();
    let (dir, v1, v2) = release_repo(&admin);
    let here = server.admin().in_dir(&dir);
    here.tug(&["create", "myapp", "--buildpack", "null", "--no-remote"])
        .ok();
    here.tug(&[
        "create",
        "myapp-staging",
        "--buildpack",
        "null",
        "--no-remote",
    ])
    .ok();

    // A tag behind main is refused before anything is built, whatever its statuses.
    here.tug(&["deploy", "v1.0.0", "-e", "production"])
        .code(1)
        .stderr_has(&format!("Deploying {} \"initial\"", &v1[..7]))
        .stderr_has("to myapp (production)")
        .stderr_has("✗ 1 commit behind main")
        .stderr_has("✗ ci/test: missing")
        .stderr_has("deployment refused: 2 checks are not successful");

    // main itself: refused while its required status is missing, pending or failing.
    here.tug(&["deploy", "-e", "production"])
        .code(1)
        .stderr_has("Fix login redirect")
        .stderr_has("✓ not behind main")
        .stderr_has("✗ ci/test: missing")
        .stderr_has("deployment refused: 1 check is not successful");
    for state in ["pending", "failure"] {
        here.tug(&["statuses:set", "HEAD", "ci/test", state, "-a", "myapp"])
            .ok();
        here.tug(&["deploy", "-e", "production"])
            .code(1)
            .stderr_has(&format!("✗ ci/test: {state}"));
    }
    assert_eq!(builds(&here, "myapp"), 0, "a refused deploy builds nothing");

    // CI reports success: the deploy goes through, and serves the new commit.
    here.tug(&[
        "statuses:set",
        &v2[..7],
        "ci/test",
        "success",
        "-a",
        "myapp",
        "--description",
        "42 passed",
        "--target-url",
        "https://ci.example.com/runs/1",
    ])
    .ok();
    let statuses = here.tug(&["statuses", "-a", "myapp", "--json"]).ok().json();
    assert_eq!(statuses.as_array().unwrap().len(), 1, "latest per context");
    assert_eq!(statuses[0]["state"], "success");
    assert_eq!(statuses[0]["description"], "42 passed");
    let all = here
        .tug(&["statuses", "HEAD", "--all", "-a", "myapp", "--json"])
        .ok()
        .json();
    assert_eq!(all.as_array().unwrap().len(), 3);

    let done = here
        .tug(&["deploy", "-e", "production", "--json"])
        .ok()
        .stderr_has("✓ ci/test: success")
        .stderr_has("web dynos up 1/1\n")
        .stderr_has("Waiting for the web dynos... done, 1 up")
        .stderr_has("Deployed");
    let deployment = done.json();
    assert_eq!(deployment["status"], "succeeded", "{}", done.describe());
    assert_eq!(deployment["sha"], v2.as_str());
    assert_eq!(deployment["ref"], "HEAD");
    assert_eq!(deployment["environment"], "production");
    assert_eq!(deployment["trigger"], "deploy");
    assert_eq!(deployment["description"], "Fix login redirect");
    assert!(deployment["release"]["version"].as_i64().is_some());
    let states: Vec<&str> = deployment["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        ["waiting", "queued", "building", "releasing", "succeeded"]
    );
    assert_eq!(serve(&server, "myapp"), "v2\n");

    // Staging has no rules: an old tag deploys there.
    here.tug(&["deploy", "v1.0.0", "-e", "staging"])
        .ok()
        .stdout_has("http://myapp-staging.localhost");
    assert_eq!(serve(&server, "myapp-staging"), "v1\n");

    // Every refusal is on record, with its reason.
    let records = deployments(&here, "myapp");
    let summary: Vec<(&str, &str)> = records
        .iter()
        .map(|d| {
            (
                d["status"].as_str().unwrap(),
                d["status_description"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(summary.len(), 5, "{summary:?}");
    assert_eq!(summary[0].0, "succeeded");
    for (status, why) in &summary[1..] {
        assert_eq!(*status, "refused");
        assert!(why.contains("ci/test"), "{why}");
    }
    assert!(summary[4].1.contains("1 commit behind main"), "{summary:?}");
    here.tug(&["deployments:info", "1", "-a", "myapp"])
        .ok()
        .stdout_has("refused")
        .stdout_has("v1.0.0");
    let listed = here.tug(&["deployments", "-a", "myapp"]).ok();
    assert_eq!(listed.stdout.lines().count(), 5, "{}", listed.stdout);

    // The server checks for itself: a client that skips the checks is refused all the same,
    // because the source's deploy.yml requires ci/test for myapp.
    let url = format!("{}/myapp.git", server.api_url);
    let refspec = format!("{v1}:refs/heads/main");
    let (ok, out) = push(&admin, &dir, Some(&server.admin_token), &[&url, &refspec]);
    assert!(!ok, "{out}");
    assert!(out.contains("refused"), "{out}");
    assert!(out.contains("ci/test: missing"), "{out}");
    let reply = api_deploy(&server, &admin, &dir, "myapp", &v1);
    assert_eq!(reply.0, 409, "{}", reply.1);
    assert_eq!(reply.1["id"], "checks_failed");
    assert_eq!(serve(&server, "myapp"), "v2\n", "nothing changed");
    let records = deployments(&here, "myapp");
    assert_eq!(records.len(), 7);
    assert_eq!(records[0]["trigger"], "deploy");
    assert_eq!(records[1]["trigger"], "push");
    assert_eq!(records[1]["status"], "refused");
}

fn builds(home: &Home, app: &str) -> usize {
    let list = home.tug(&["builds", "-a", app, "--json"]).ok().json();
    list.as_array().unwrap().len()
}

/// Uploads a commit as a source and asks for a deployment without naming any required
/// contexts; answers the status and body.
fn api_deploy(
    server: &TestServer,
    home: &Home,
    dir: &Path,
    app: &str,
    sha: &str,
) -> (u16, serde_json::Value) {
    let mut cmd = std::process::Command::new("git");
    home.apply_env(&mut cmd);
    let tarball = cmd
        .current_dir(dir)
        .args(["archive", "--format=tar.gz", sha])
        .output()
        .unwrap()
        .stdout;
    let http = server.http();
    let token = &server.admin_token;
    let source = http.call("POST", "/sources", Some(token), None);
    let put = source.body["source_blob"]["put_url"].as_str().unwrap();
    let status = reqwest::blocking::Client::new()
        .put(put)
        .body(tarball)
        .send()
        .unwrap()
        .status();
    assert!(status.is_success());
    let reply = http.call(
        "POST",
        &format!("/apps/{app}/deployments"),
        Some(token),
        Some(json!({
            "ref": "v1.0.0",
            "sha": sha,
            "source_blob": {"url": source.body["source_blob"]["get_url"]},
        })),
    );
    (reply.status, reply.body)
}

#[test]
fn bad_input_gets_clear_errors_and_changes_nothing() {
    let server = TestServer::start();
    let admin = server.admin();
    let (dir, _v1, v2) = release_repo(&admin);
    let here = server.admin().in_dir(&dir);
    here.tug(&["create", "myapp", "--buildpack", "null"]).ok();

    // Outside a repository.
    let elsewhere = tempfile::tempdir().unwrap();
    server
        .admin()
        .in_dir(elsewhere.path())
        .tug(&["deploy", "-a", "myapp"])
        .code(2)
        .stderr_has("there is none here");
    // A ref that does not exist.
    here.tug(&["deploy", "nope", "-a", "myapp"])
        .code(2)
        .stderr_has("`nope` is not a branch, tag or commit");
    // Environments that do not exist, or name an app that does not.
    here.tug(&["deploy", "-e", "prod"])
        .code(2)
        .stderr_has("has no environment `prod`")
        .stderr_has("production, staging");
    here.tug(&["deploy", "-e", "staging"])
        .code(1)
        .stderr_has("line 7: environment `staging` deploys to `myapp-staging`");
    here.tug(&["deploy", "-e", "production", "-a", "other"])
        .code(2)
        .stderr_has("deploys to `myapp`, not `other`");
    // deploy.yml that does not parse names its line.
    std::fs::write(
        dir.join("deploy.yml"),
        "envs:\n  - name: production\n    app: myapp\n    required_context: [ci/test]\n",
    )
    .unwrap();
    here.tug(&["deploy", "-e", "production"])
        .code(1)
        .stderr_has("line 4: unknown key `required_context`");
    std::fs::remove_file(dir.join("deploy.yml")).unwrap();
    here.tug(&["deploy", "-e", "production"])
        .code(2)
        .stderr_has("this repository has none");

    // Statuses with bad input.
    here.tug(&["statuses:set", "HEAD", "ci/test", "passed"])
        .code(2)
        .stderr_has("`passed` is not a status state");
    here.tug(&["statuses:set", "1234567", "ci/test", "success"])
        .code(2);
    let http = server.http();
    let token = Some(server.admin_token.as_str());
    for (path, body) in [
        (
            format!("/apps/myapp/commit-statuses/{v2}"),
            json!({"context": "ci/test", "state": "done"}),
        ),
        (
            format!("/apps/myapp/commit-statuses/{v2}"),
            json!({"context": "", "state": "success"}),
        ),
        (
            format!("/apps/myapp/commit-statuses/{v2}"),
            json!({"context": "ci", "state": "success", "target_url": "ftp://x"}),
        ),
        (
            "/apps/myapp/commit-statuses/abc123".to_string(),
            json!({"context": "ci", "state": "success"}),
        ),
        ("/apps/myapp/deployments".to_string(), json!({"sha": "abc"})),
        (
            "/apps/myapp/deployments".to_string(),
            json!({"trigger": "push"}),
        ),
    ] {
        let reply = http.call("POST", &path, token, Some(body.clone()));
        assert_eq!(reply.status, 422, "{path} {body}: {:?}", reply.body);
    }
    let unknown = http.call(
        "POST",
        &format!("/apps/myapp/commit-statuses/{v2}"),
        token,
        Some(json!({"context": "ci", "state": "success", "colour": "blue"})),
    );
    assert!(unknown.status >= 400 && unknown.status < 500);
    assert!(
        here.tug(&["statuses", "-a", "myapp", "--json"]).ok().json() == json!([]),
        "no status was stored"
    );
    assert!(
        deployments(&here, "myapp").is_empty(),
        "nothing was recorded"
    );

    // A dirty working tree deploys its last commit, with a warning.
    git(&admin, &dir, &["checkout", "deploy.yml"]);
    here.tug(&["statuses:set", "HEAD", "ci/test", "success"])
        .ok();
    std::fs::write(dir.join("index.html"), "uncommitted\n").unwrap();
    here.tug(&["deploy"])
        .ok()
        .stderr_has("uncommitted changes")
        .stderr_has(&format!("commit {} is", &v2[..7]));
    assert_eq!(serve(&server, "myapp"), "v2\n");

    // Locking an app you cannot reach.
    let stranger = server.user("stranger@example.com").in_dir(&dir);
    stranger
        .tug(&["deploy:lock", "-a", "myapp"])
        .code(1)
        .stderr_has("not found");
    assert_eq!(
        http.call("GET", "/apps/myapp/deploy-lock", token, None)
            .status,
        404
    );
}

#[test]
fn a_locked_app_refuses_every_door_until_unlocked() {
    let server = TestServer::start();
    let admin = server.admin();
    let dir = repo(&admin, &[PROCFILE, ("index.html", "one\n")]);
    let here = server.admin().in_dir(&dir);
    here.tug(&["create", "frozen", "--buildpack", "null", "--no-remote"])
        .ok();
    let url = format!("{}/frozen.git", server.api_url);
    let token = Some(server.admin_token.as_str());
    let (ok, out) = push(&admin, &dir, token, &[&url, "main"]);
    assert!(ok, "{out}");
    commit(&admin, &dir, &[("index.html", "two\n")], "second");
    let (ok, out) = push(&admin, &dir, token, &[&url, "main"]);
    assert!(ok, "{out}");

    let lock = here
        .tug(&[
            "deploy:lock",
            "-a",
            "frozen",
            "--reason",
            "release freeze",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(lock["reason"], "release freeze");
    assert_eq!(lock["locked_by"]["email"], "admin@localhost");
    here.tug(&["apps:info", "frozen"])
        .ok()
        .stdout_has("locked by admin@localhost since")
        .stdout_has("release freeze");
    // A collaborator cannot take the lock over.
    let ada = server.user("ada@example.com");
    here.tug(&["access:add", "ada@example.com", "-a", "frozen"])
        .ok();
    ada.tug(&["deploy:lock", "-a", "frozen"])
        .code(1)
        .stderr_has("already locked by admin@localhost");
    // Nor remove it: only its holder or the app's owner may.
    ada.tug(&["deploy:unlock", "-a", "frozen"])
        .code(1)
        .stderr_has("locked by admin@localhost");
    here.tug(&["apps:info", "frozen"])
        .ok()
        .stdout_has("release freeze");

    commit(&admin, &dir, &[("index.html", "three\n")], "third");
    let (ok, out) = push(&admin, &dir, token, &[&url, "main"]);
    assert!(!ok, "{out}");
    assert!(out.contains("locked by admin@localhost"), "{out}");
    assert!(out.contains("release freeze"), "{out}");
    here.tug(&["deploy", "-a", "frozen"])
        .code(1)
        .stderr_has("locked by admin@localhost")
        .stderr_has("deploy:unlock");
    here.tug(&["releases:rollback", "-a", "frozen"])
        .code(1)
        .stderr_has("release freeze");
    here.tug(&["up", ".", "--app", "frozen"])
        .code(1)
        .stderr_has("release freeze");
    assert_eq!(serve(&server, "frozen"), "two\n", "nothing changed");
    let triggers: Vec<(String, String)> = deployments(&here, "frozen")
        .iter()
        .map(|d| {
            (
                d["trigger"].as_str().unwrap().to_string(),
                d["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let refused: Vec<&str> = triggers
        .iter()
        .filter(|(_, s)| s == "refused")
        .map(|(t, _)| t.as_str())
        .collect();
    assert_eq!(
        refused,
        ["up", "rollback", "deploy", "push"],
        "{triggers:?}"
    );

    here.tug(&["deploy:unlock", "-a", "frozen"]).ok();
    here.tug(&["deploy:unlock", "-a", "frozen"])
        .ok()
        .stderr_has("it was not locked");
    // --no-wait returns once the deployment is accepted; it ends on its own.
    let accepted = here
        .tug(&["deploy", "-a", "frozen", "--no-wait", "--json"])
        .ok()
        .json();
    assert!(
        ["queued", "building"].contains(&accepted["status"].as_str().unwrap()),
        "{accepted}"
    );
    let number = accepted["number"].to_string();
    wait_for("the deployment to succeed", || {
        let now = here
            .tug(&["deployments:info", &number, "-a", "frozen", "--json"])
            .ok()
            .json();
        assert_ne!(now["status"], "failed", "{now}");
        now["status"] == "succeeded"
    });
    assert_eq!(serve(&server, "frozen"), "three\n");
    here.tug(&["releases:rollback", "-a", "frozen"]).ok();
    let newest = &deployments(&here, "frozen")[0];
    assert_eq!(newest["trigger"], "rollback");
}

#[test]
fn tools_that_deploy_by_other_means_record_deployments_through_the_api() {
    let server = TestServer::start();
    let admin = server.admin();
    admin.tug(&["create", "elsewhere", "--no-remote"]).ok();
    let http = server.http();
    let token = Some(server.admin_token.as_str());
    let sha = "ab".repeat(20);
    let created = http.call(
        "POST",
        "/apps/elsewhere/deployments",
        token,
        Some(json!({"ref": "main", "sha": sha, "environment": "production", "description": "Ship it"})),
    );
    assert_eq!(created.status, 201, "{:?}", created.body);
    assert_eq!(created.body["status"], "waiting");
    assert_eq!(created.body["number"], 1);
    assert_eq!(created.body["build"], serde_json::Value::Null);
    for (state, description) in [("building", "image 3"), ("succeeded", "live on 3 hosts")] {
        let added = http.call(
            "POST",
            "/apps/elsewhere/deployments/1/statuses",
            token,
            Some(json!({"state": state, "description": description})),
        );
        assert_eq!(added.status, 201, "{:?}", added.body);
        assert_eq!(added.body["status"], state);
    }
    let bad = http.call(
        "POST",
        "/apps/elsewhere/deployments/1/statuses",
        token,
        Some(json!({"state": "done"})),
    );
    assert_eq!(bad.status, 422);
    let missing = http.call(
        "POST",
        "/apps/elsewhere/deployments/9/statuses",
        token,
        Some(json!({"state": "failed"})),
    );
    assert_eq!(missing.status, 404);
    admin
        .tug(&["deployments:info", "#1", "-a", "elsewhere"])
        .ok()
        .stdout_has("live on 3 hosts")
        .stdout_has("production");
    let info = admin
        .tug(&["deployments:info", "-a", "elsewhere", "--json"])
        .ok()
        .json();
    let states: Vec<&str> = info["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["waiting", "building", "succeeded"]);
    // Another account cannot see or touch them.
    let stranger = server.user("stranger@example.com");
    stranger
        .tug(&["deployments", "-a", "elsewhere"])
        .code(1)
        .stderr_has("not found");
}

#[test]
fn a_source_that_is_not_a_tarball_fails_its_build_and_its_deployment() {
    let server = TestServer::start();
    let admin = server.admin();
    admin.tug(&["create", "garbled", "--no-remote"]).ok();
    let http = server.http();
    let token = Some(server.admin_token.as_str());
    let source = http.call("POST", "/sources", token, None);
    let put = source.body["source_blob"]["put_url"].as_str().unwrap();
    reqwest::blocking::Client::new()
        .put(put)
        .body("this is not gzip")
        .send()
        .unwrap();
    let build = http.call(
        "POST",
        "/apps/garbled/builds",
        token,
        Some(json!({"source_blob": {"url": source.body["source_blob"]["get_url"]}})),
    );
    assert_eq!(build.status, 201, "{:?}", build.body);
    let deployment = wait_until("the deployment to fail", DEADLINE, || {
        let list = deployments(&admin, "garbled");
        (list[0]["status"] == "failed").then(|| list[0].clone())
    });
    assert_eq!(deployment["trigger"], "build");
    assert_eq!(deployment["build"]["id"], build.body["id"]);
    admin
        .tug(&["builds:output", "-a", "garbled"])
        .ok()
        .stdout_has("not a valid gzipped tarball");
}
