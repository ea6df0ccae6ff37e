//! `tug pipelines:diff` end to end: the commits staging runs that production lacks, from the
//! local repository (human and `--json`), what it says when nothing differs or an app runs no
//! build, and a collaborator's attempt to hand `git` an option through a slug's commit.

use serde_json::{Value, json};

use crate::common::push::{commit, deploy, git, push_app};
use crate::common::{Home, TestServer};

/// Creates APP with the `null` buildpack, so that pushing the repository deploys it as it is.
fn null_app(server: &TestServer, app: &str) {
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let r = http.call("POST", "/apps", t, Some(json!({ "name": app })));
    assert_eq!(r.status, 201, "{:?}", r.body);
    let r = http.call(
        "PUT",
        &format!("/apps/{app}/buildpack-installations"),
        t,
        Some(json!({"updates": [{"buildpack": "null"}]})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
}

/// `shop-staging` deployed from a new repository, `shop-prod` (nothing deployed) after it in
/// pipeline `shop`; returns the repository.
fn shop(server: &TestServer, home: &Home) -> std::path::PathBuf {
    let dir = deploy(server, home, "shop-staging", &[("VERSION", "one")]);
    null_app(server, "shop-prod");
    crate::pipelines::couple_shop(home, &["shop-prod"]);
    dir
}

#[test]
fn diff_lists_the_commits_staging_runs_that_production_lacks() {
    let server = TestServer::start();
    let home = server.admin();
    let dir = shop(&server, &home);
    let first = git(&home, &dir, &["rev-parse", "HEAD"]).trim().to_string();
    let here = server.admin().in_dir(&dir);
    let diff = |json: bool| {
        let mut args = vec!["pipelines:diff", "-a", "shop-staging"];
        if json {
            args.push("--json");
        }
        here.tug(&args).ok()
    };

    // Production runs nothing yet.
    diff(false).stdout_has("shop-prod runs no build of a commit yet");
    let none = diff(true).json();
    assert_eq!(none[0]["app"]["name"], "shop-prod", "{none}");
    assert_eq!(none[0]["commit"], Value::Null);
    assert_eq!(none[0]["commits"], json!([]));

    // Both run the first commit: nothing differs.
    push_app(&server, &home, &dir, "shop-prod", true);
    diff(false).stdout_has(&format!(
        "shop-staging and shop-prod run the same commit ({})",
        &first[..7]
    ));
    assert_eq!(diff(true).json()[0]["commits"], json!([]));

    // Two commits pushed to staging, one of them to production too: the diff is the other.
    let second = commit(&home, &dir, &[("VERSION", "two")], "Second change");
    push_app(&server, &home, &dir, "shop-prod", true);
    let third = commit(&home, &dir, &[("VERSION", "three")], "Third change");
    push_app(&server, &home, &dir, "shop-staging", true);
    let human = diff(false).stdout_has(&format!("{} Third change", &third[..7]));
    assert!(!human.stdout.contains("Second change"), "{}", human.stdout);
    let json = diff(true).json();
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json[0]["app"]["name"], "shop-prod");
    assert_eq!(json[0]["commit"], second.as_str());
    let commits = json[0]["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 1, "{json}");
    assert_eq!(commits[0]["sha"], third.as_str());
    assert_eq!(commits[0]["subject"], "Third change");
    assert!(commits[0]["author"].as_str().is_some_and(|a| !a.is_empty()));
    let date = commits[0]["date"].as_str().unwrap();
    assert!(date.len() == 20 && date.ends_with('Z'), "{date}");

    // Production ahead of staging: staging has nothing production lacks.
    let fourth = commit(&home, &dir, &[("VERSION", "four")], "Fourth change");
    push_app(&server, &home, &dir, "shop-prod", true);
    diff(false).stdout_has("shop-staging has no commits that shop-prod lacks");
    assert_eq!(diff(true).json()[0]["commit"], fourth.as_str());

    // What cannot be compared says why and what to do.
    null_app(&server, "shop-dev");
    home.tug(&[
        "pipelines:add",
        "shop",
        "-a",
        "shop-dev",
        "-s",
        "development",
    ])
    .ok();
    here.tug(&["pipelines:diff", "-a", "shop-dev"])
        .code(1)
        .stderr_has("`shop-dev` runs no build of a commit, so there is nothing to compare")
        .stderr_has("hint:");
    here.tug(&["pipelines:diff", "-a", "shop-prod", "--json"])
        .code(1)
        .stderr_has("last stage");
    // Outside the repository the commits are unknown.
    home.tug(&["pipelines:diff", "-a", "shop-staging"])
        .code(1)
        .stderr_has("this repository does not have commits")
        .stderr_has("git fetch");
}

#[test]
fn a_slug_commit_never_reaches_git_as_an_option() {
    let server = TestServer::start();
    let home = server.admin();
    let dir = shop(&server, &home);
    push_app(&server, &home, &dir, "shop-prod", true);
    let ada = server.user("ada@example.com");
    home.tug(&["access:add", "ada@example.com", "-a", "shop-prod"])
        .ok();
    let ada_token = ada.tug(&["auth:token"]).ok().stdout.trim().to_string();
    let http = server.http();
    let owned = home.path().join("owned");
    let evil = format!("--output={}", owned.display());

    // The Slugs API takes only a commit id, and says which field was wrong.
    let r = http.call(
        "POST",
        "/apps/shop-prod/slugs",
        Some(&ada_token),
        Some(json!({"process_types": {"web": "true"}, "commit": evil})),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert!(
        r.body["message"].as_str().unwrap().contains("`commit`"),
        "{:?}",
        r.body
    );

    // A build's version is free-form, as on Heroku: the collaborator deploys production with one
    // that reads as an option.
    let tarball = {
        let mut cmd = std::process::Command::new("git");
        home.apply_env(&mut cmd);
        let out = cmd
            .current_dir(&dir)
            .args(["archive", "--format=tar.gz", "HEAD"])
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let source = http.call("POST", "/apps/shop-prod/sources", Some(&ada_token), None);
    assert_eq!(source.status, 201, "{:?}", source.body);
    let put = source.body["source_blob"]["put_url"].as_str().unwrap();
    let put = reqwest::blocking::Client::new()
        .put(put)
        .body(tarball)
        .send()
        .unwrap();
    assert!(put.status().is_success());
    let build = http.call(
        "POST",
        "/apps/shop-prod/builds",
        Some(&ada_token),
        Some(
            json!({"source_blob": {"url": source.body["source_blob"]["get_url"], "version": evil}}),
        ),
    );
    assert_eq!(build.status, 201, "{:?}", build.body);
    // The stream follows the build to its end.
    reqwest::blocking::get(build.body["output_stream_url"].as_str().unwrap())
        .unwrap()
        .text()
        .unwrap();
    let id = build.body["id"].as_str().unwrap();
    let done = http.call(
        "GET",
        &format!("/apps/shop-prod/builds/{id}"),
        Some(&ada_token),
        None,
    );
    assert_eq!(done.body["status"], "succeeded", "{:?}", done.body);

    let here = server.admin().in_dir(&dir);
    for json in [false, true] {
        let mut args = vec!["pipelines:diff", "-a", "shop-staging"];
        if json {
            args.push("--json");
        }
        here.tug(&args)
            .code(1)
            .stderr_has("was not built from a git commit id");
    }
    assert!(!owned.exists(), "git wrote {}", owned.display());
}
