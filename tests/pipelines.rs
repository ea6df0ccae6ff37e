//! Pipelines end to end: apps coupled by stage through the CLI and the API, the refusals (an app
//! already coupled, an app or pipeline the caller cannot reach), and promotion: staging's exact
//! slug released on two production apps, each with its own config, through the release path
//! (release command, webhooks, `app[api]` lines, deployment records, deploy lock, required
//! commit statuses).

use serde_json::{Value, json};

use crate::common::dynos::{get, start};
use crate::common::push::deploy;
use crate::common::wait::{DEADLINE, wait_until};
use crate::common::{Home, Receiver, TestServer, wait_for};

/// The app the tests deploy: one line per GET.
pub(crate) fn app_py() -> String {
    crate::common::dynos::answering_app(
        r#"{os.environ.get('GREETING', '-')} {open('VERSION').read().strip()}"#,
    )
}

/// The promoted app's processes: its release command runs on every app it is released on.
const PROCFILE: &str = "web: python3 app.py\nrelease: echo migrating for $GREETING\n";

/// deploy.yml of the promoted repository: production requires CI on the commit.
const DEPLOY_YML: &str = "\
envs:
  - name: production
    app: shop-prod
    required_contexts: [\"ci/test\"]
  - name: staging
    app: shop-staging
";
/// Pipeline `shop`: `shop-staging` at staging, then each of `production` at production.
pub(crate) fn couple_shop(home: &Home, production: &[&str]) {
    home.tug(&[
        "pipelines:create",
        "shop",
        "-a",
        "shop-staging",
        "-s",
        "staging",
    ])
    .ok();
    for app in production {
        home.tug(&["pipelines:add", "shop", "-a", app, "-s", "production"])
            .ok();
    }
}

pub(crate) fn create_app(server: &TestServer, name: &str) {
    let r = server.http().call(
        "POST",
        "/apps",
        Some(&server.admin_token),
        Some(json!({ "name": name })),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
}

pub(crate) fn set_config(server: &TestServer, app: &str, vars: Value) {
    let r = server.http().call(
        "PATCH",
        &format!("/apps/{app}/config-vars"),
        Some(&server.admin_token),
        Some(vars),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
}

/// The app's current release, once none is still running its release phase: a config change
/// releases too, and returns before the release command has run.
pub(crate) fn current_release(home: &Home, app: &str) -> Value {
    wait_until(
        &format!("{app} to have a current release and none pending"),
        DEADLINE,
        || {
            let list = home.tug(&["releases", "-a", app, "--json"]).ok().json();
            let releases = list.as_array()?;
            if releases.iter().any(|r| r["status"] == "pending") {
                return None;
            }
            releases.iter().find(|r| r["current"] == true).cloned()
        },
    )
}

#[test]
fn apps_are_coupled_by_stage_once_and_only_by_people_who_can_reach_them() {
    let server = TestServer::start();
    let home = server.admin();
    for app in ["shop-staging", "shop-prod", "shop-dev", "elsewhere"] {
        create_app(&server, app);
    }
    home.tug(&["pipelines"])
        .ok()
        .stderr_has("You have no pipelines.");
    home.tug(&[
        "pipelines:create",
        "shop",
        "-a",
        "shop-staging",
        "--stage",
        "staging",
    ])
    .ok()
    .stderr_has("Creating shop pipeline... done")
    .stderr_has("to shop pipeline as staging... done");
    let coupling = home
        .tug(&[
            "pipelines:add",
            "shop",
            "-a",
            "shop-prod",
            "--stage",
            "production",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(coupling["stage"], "production");
    assert_eq!(coupling["app"]["name"], "shop-prod");
    assert_eq!(coupling["pipeline"]["name"], "shop");
    home.tug(&[
        "pipelines:add",
        "shop",
        "-a",
        "shop-dev",
        "-s",
        "development",
    ])
    .ok();

    let list = home.tug(&["pipelines", "--json"]).ok().json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["name"], "shop");
    assert_eq!(list[0]["owner"]["type"], "user");
    assert_eq!(list[0]["generation"]["name"], "cedar");
    let info = home.tug(&["pipelines:info", "shop", "--json"]).ok().json();
    let stages: Vec<(&str, &str)> = info["couplings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["app"]["name"].as_str().unwrap(),
                c["stage"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        stages,
        [
            ("shop-dev", "development"),
            ("shop-staging", "staging"),
            ("shop-prod", "production")
        ],
        "in stage order"
    );
    home.tug(&["pipelines:info", "shop"])
        .ok()
        .stdout_has("shop-staging\tstaging");
    home.tug(&["info", "-a", "shop-prod"])
        .ok()
        .stdout_has("shop - production");

    // The app lookup the official CLI makes.
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let r = http.call("GET", "/apps/shop-staging/pipeline-couplings", t, None);
    assert_eq!(r.status, 200);
    assert_eq!(r.body["stage"], "staging");
    let r = http.call("GET", "/apps/elsewhere/pipeline-couplings", t, None);
    assert_eq!(r.status, 404);
    assert_eq!(r.body["id"], "not_found");

    // An app is in one pipeline: 409 naming the one it is in.
    home.tug(&[
        "pipelines:create",
        "other",
        "-a",
        "elsewhere",
        "-s",
        "staging",
    ])
    .ok();
    let r = home
        .tug(&["pipelines:add", "other", "-a", "shop-prod", "-s", "staging"])
        .code(1);
    r.stderr_has("`shop-prod` is already in pipeline `shop`");
    let other = http.call("GET", "/pipelines/other", t, None).body;
    let r = http.call(
        "POST",
        "/pipeline-couplings",
        t,
        Some(json!({"app": "shop-prod", "pipeline": other["id"], "stage": "staging"})),
    );
    assert_eq!(r.status, 409);
    assert_eq!(r.body["id"], "conflict");

    // Bad input: nothing changes.
    for (body, status) in [
        (
            json!({"app": "elsewhere", "pipeline": "shop", "stage": "prod"}),
            422,
        ),
        (json!({"app": "elsewhere", "pipeline": "shop"}), 422),
        (
            json!({"app": "nope", "pipeline": "shop", "stage": "staging"}),
            404,
        ),
        (
            json!({"app": "elsewhere", "pipeline": "nope", "stage": "staging"}),
            404,
        ),
    ] {
        let r = http.call("POST", "/pipeline-couplings", t, Some(body.clone()));
        assert_eq!(r.status, status, "{body}: {:?}", r.body);
    }
    for (name, status) in [("ab", 422), ("Shop", 422), ("shop", 422)] {
        let r = http.call("POST", "/pipelines", t, Some(json!({ "name": name })));
        assert_eq!(r.status, status, "{name}: {:?}", r.body);
    }
    home.tug(&["pipelines:add", "shop", "-a", "elsewhere", "-s", "prod"])
        .code(2)
        .stderr_has("is not a pipeline stage");

    // Another account sees none of it and cannot couple an app it cannot reach.
    let ada = server.user("ada@example.com");
    ada.tug(&["pipelines", "--json"]).ok().stdout_has("[]");
    ada.tug(&["pipelines:info", "shop"])
        .code(1)
        .stderr_has("pipeline `shop` not found");
    ada.tug(&["create", "ada-app"]).ok();
    ada.tug(&["pipelines:create", "adas", "-a", "ada-app", "-s", "staging"])
        .ok();
    ada.tug(&["pipelines:add", "adas", "-a", "shop-dev", "-s", "staging"])
        .code(1)
        .stderr_has("app `shop-dev` not found");
    ada.tug(&["pipelines:add", "shop", "-a", "ada-app", "-s", "staging"])
        .code(1)
        .stderr_has("pipeline `shop` not found");
    // A collaborator of one of its apps sees the pipeline, but only its owner destroys it.
    home.tug(&["access:add", "ada@example.com", "-a", "shop-dev"])
        .ok();
    let seen = ada.tug(&["pipelines:info", "shop", "--json"]).ok().json();
    assert_eq!(seen["couplings"].as_array().unwrap().len(), 3);
    ada.tug(&["pipelines:destroy", "shop", "--confirm", "shop"])
        .code(1)
        .stderr_has("only the owner of pipeline `shop`");

    let moved = home
        .tug(&[
            "pipelines:update",
            "-a",
            "shop-dev",
            "-s",
            "review",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(moved["stage"], "review");
    home.tug(&["pipelines:update", "-a", "elsewhere", "-s", "bogus"])
        .code(2);
    home.tug(&["pipelines:rename", "shop", "store"])
        .ok()
        .stderr_has("Renaming shop pipeline to store... done");
    home.tug(&["pipelines:remove", "-a", "shop-dev"])
        .ok()
        .stderr_has("from store pipeline... done");
    let r = http.call("GET", "/apps/shop-dev/pipeline-couplings", t, None);
    assert_eq!(r.status, 404);
    home.tug(&["pipelines:destroy", "store"])
        .code(2)
        .stderr_has("--confirm store");
    home.tug(&["pipelines:destroy", "store", "--confirm", "store"])
        .ok();
    let r = http.call("GET", "/apps/shop-staging/pipeline-couplings", t, None);
    assert_eq!(r.status, 404, "the apps stay, out of any pipeline");
    let r = http.call("GET", "/apps/shop-staging", t, None);
    assert_eq!(r.status, 200);
}

#[test]
fn promotion_releases_the_staging_slug_on_each_production_app_with_its_own_config() {
    let server = start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    deploy(
        &server,
        &home,
        "shop-staging",
        &[
            ("Procfile", PROCFILE),
            ("app.py", app_py().as_str()),
            ("VERSION", "one"),
            ("deploy.yml", DEPLOY_YML),
        ],
    );
    set_config(&server, "shop-staging", json!({"GREETING": "staging"}));
    for (app, greeting) in [("shop-prod", "hello"), ("shop-eu", "hallo")] {
        create_app(&server, app);
        set_config(&server, app, json!({ "GREETING": greeting }));
    }
    // Production's own subscribers hear of the promotion as of any release.
    let receiver = Receiver::start(&[]);
    let hook = http.call(
        "POST",
        "/apps/shop-prod/webhooks",
        t,
        Some(json!({"include": ["api:release"], "level": "notify", "url": receiver.url("/hook")})),
    );
    assert_eq!(hook.status, 201, "{:?}", hook.body);
    couple_shop(&home, &["shop-prod", "shop-eu"]);
    let staging = current_release(&home, "shop-staging");
    let slug = staging["slug"]["id"].as_str().unwrap().to_string();

    // Production requires `ci/test` on the commit: refused until it passes.
    let refused = home
        .tug(&[
            "pipelines:promote",
            "-a",
            "shop-staging",
            "--to",
            "shop-prod",
        ])
        .code(1);
    refused
        .stdout_has("shop-prod: failed, deployment #1 refused: 1 required check is not successful (ci/test: missing)")
        .stderr_has("promotion to 1 of 1 app failed");
    let sha = {
        let r = http.call("GET", &format!("/apps/shop-staging/slugs/{slug}"), t, None);
        r.body["commit"].as_str().unwrap().to_string()
    };
    for app in ["shop-prod", "shop-eu"] {
        home.tug(&["statuses:set", &sha, "ci/test", "success", "-a", app])
            .ok();
    }

    // A locked target refuses; the other one is promoted.
    home.tug(&["deploy:lock", "-a", "shop-eu", "--reason", "freeze"])
        .ok();
    let out = home
        .tug(&["pipelines:promote", "-a", "shop-staging", "--json"])
        .code(1)
        .json();
    let outcome = |name: &str| {
        out.as_array()
            .unwrap()
            .iter()
            .find(|t| t["app"]["name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(outcome("shop-prod")["status"], "succeeded", "{out}");
    assert_eq!(outcome("shop-eu")["status"], "failed");
    assert!(
        outcome("shop-eu")["error_message"]
            .as_str()
            .unwrap()
            .contains("locked"),
        "{out}"
    );
    home.tug(&["deploy:unlock", "-a", "shop-eu"]).ok();
    home.tug(&["pipelines:promote", "-a", "shop-staging", "--to", "shop-eu"])
        .ok()
        .stdout_has("shop-eu: succeeded");

    // Both serve the same slug, each with its own config.
    for (app, greeting) in [("shop-prod", "hello"), ("shop-eu", "hallo")] {
        let release = current_release(&home, app);
        assert_eq!(release["slug"]["id"], slug.as_str(), "{app}: {release}");
        assert_eq!(release["status"], "succeeded");
        assert_eq!(
            release["description"],
            format!("Promote shop-staging v{}", staging["version"])
        );
        let body = wait_until(&format!("{app} serves"), DEADLINE, || {
            let (status, body) = get(&server, app);
            (status == 200).then_some(body)
        });
        assert_eq!(body, format!("{greeting} one\n"));
        let deployments = home.tug(&["deployments", "-a", app, "--json"]).ok().json();
        let last = &deployments.as_array().unwrap()[0];
        assert_eq!(last["trigger"], "promote", "{deployments}");
        assert_eq!(last["status"], "succeeded");
        assert_eq!(last["sha"], sha.as_str());
        assert_eq!(
            last["ref"],
            format!("shop-staging v{}", staging["version"]),
            "names the source app and release"
        );
    }
    assert_eq!(get(&server, "shop-staging").1, "staging one\n");
    promotion_went_through_the_release_path(&home, &receiver, &staging);

    // `pipeline-release`: each app's current release, all three on the one slug; a stranger
    // sees nothing of it.
    let pipeline = http.call("GET", "/pipelines/shop", t, None).body;
    let path = format!(
        "/pipelines/{}/latest-releases",
        pipeline["id"].as_str().unwrap()
    );
    let latest = http.call("GET", &path, t, None);
    assert_eq!(latest.status, 200, "{:?}", latest.body);
    let mut apps: Vec<&str> = latest
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r["slug"]["id"], slug.as_str(), "{r}");
            assert_eq!(r["current"], true);
            r["app"]["name"].as_str().unwrap()
        })
        .collect();
    apps.sort_unstable();
    assert_eq!(apps, ["shop-eu", "shop-prod", "shop-staging"]);
    let eve = server.user("eve@example.com");
    let eve_token = eve.tug(&["auth:token"]).ok().stdout.trim().to_string();
    let r = http.call("GET", &path, Some(&eve_token), None);
    assert_eq!(r.status, 404, "{:?}", r.body);

    // The source app can go; the slug stays with the apps that run it.
    home.tug(&["destroy", "shop-staging", "--confirm", "shop-staging"])
        .ok();
    home.tug(&["restart", "-a", "shop-prod"]).ok();
    wait_for("shop-prod serves after its source is gone", || {
        get(&server, "shop-prod") == (200, "hello one\n".into())
    });
}

/// What every release does, seen on production after a promotion: its release command ran
/// there with production's config, the webhook fired, and the log has the `app[api]` lines.
fn promotion_went_through_the_release_path(home: &Home, receiver: &Receiver, staging: &Value) {
    let description = format!("Promote shop-staging v{}", staging["version"]);
    let prod = current_release(home, "shop-prod");
    home.tug(&["releases:output", "-a", "shop-prod"])
        .ok()
        .stdout_has("migrating for hello");
    let (event, _) = receiver.until(|g| {
        let body = g.json();
        body["resource"] == "release" && body["data"]["description"] == description.as_str()
    });
    let body = event.json();
    assert_eq!(body["data"]["app"]["name"], "shop-prod", "{body}");
    assert_eq!(body["data"]["version"], prod["version"]);
    assert_eq!(body["data"]["slug"]["id"], staging["slug"]["id"]);
    let logs = home.tug(&["logs", "-a", "shop-prod", "-n", "200"]).ok();
    for line in [
        format!("app[api]: {description} by admin@localhost"),
        format!(
            "app[api]: Release v{} created by admin@localhost",
            prod["version"]
        ),
    ] {
        assert!(logs.stdout.contains(&line), "{line}\n{}", logs.stdout);
    }
}

#[test]
fn bad_promotions_are_refused_whole() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    for app in ["p-staging", "p-prod", "outside"] {
        create_app(&server, app);
    }
    home.tug(&[
        "pipelines:create",
        "pipe",
        "-a",
        "p-staging",
        "-s",
        "staging",
    ])
    .ok();
    home.tug(&["pipelines:add", "pipe", "-a", "p-prod", "-s", "production"])
        .ok();
    let id = |path: &str| http.call("GET", path, t, None).body["id"].clone();
    let (pipe, staging, prod, outside) = (
        id("/pipelines/pipe"),
        id("/apps/p-staging"),
        id("/apps/p-prod"),
        id("/apps/outside"),
    );
    let promote = |source: &Value, targets: &[&Value]| {
        let targets: Vec<Value> = targets.iter().map(|t| json!({"app": {"id": t}})).collect();
        http.call(
            "POST",
            "/pipeline-promotions",
            t,
            Some(json!({"pipeline": {"id": pipe}, "source": {"app": {"id": source}}, "targets": targets})),
        )
    };
    // No slug yet: nothing to promote.
    let r = promote(&staging, &[&prod]);
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert!(r.body["message"].as_str().unwrap().contains("no slug"));
    home.tug(&["pipelines:promote", "-a", "p-staging"])
        .code(1)
        .stderr_has("has no slug to promote");
    // Give staging a slug through the Slugs API. Its commit is later handed to `git`
    // (`pipelines:diff`), so only a commit id is taken.
    for bad in ["--output=/tmp/owned", "abc", "v1.4.0", "abcd..ef01", "HEAD"] {
        let r = http.call(
            "POST",
            "/apps/p-staging/slugs",
            t,
            Some(json!({"process_types": {"web": "true"}, "commit": bad})),
        );
        assert_eq!(r.status, 422, "{bad}: {:?}", r.body);
        assert_eq!(r.body["id"], "invalid_params");
        assert!(r.body["message"].as_str().unwrap().contains("`commit`"));
    }
    let slug = http.call(
        "POST",
        "/apps/p-staging/slugs",
        t,
        Some(json!({"process_types": {"web": "true"}, "commit": "abc1"})),
    );
    assert_eq!(slug.status, 201, "{:?}", slug.body);
    let r = http.call(
        "POST",
        "/apps/p-staging/releases",
        t,
        Some(json!({"slug": slug.body["id"]})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    for (targets, status, says) in [
        (vec![&staging], 422, "cannot be promoted to itself"),
        (vec![&outside], 422, "is not an app of pipeline `pipe`"),
        (vec![], 422, "names no app"),
    ] {
        let r = promote(&staging, &targets);
        assert_eq!(r.status, status, "{:?}", r.body);
        assert!(
            r.body["message"].as_str().unwrap().contains(says),
            "{:?}",
            r.body
        );
    }
    let r = promote(&outside, &[&prod]);
    assert_eq!(r.status, 422, "{:?}", r.body);
    home.tug(&["pipelines:promote", "-a", "p-prod"])
        .code(1)
        .stderr_has("last stage");
    // Someone with no access to the apps cannot promote, nor see the promotion.
    let ada = server.user("ada@example.com");
    let r = server.http().call(
        "POST",
        "/pipeline-promotions",
        Some(&ada_token(&ada)),
        Some(json!({"pipeline": {"id": pipe}, "source": {"app": {"id": staging}}, "targets": [{"app": {"id": prod}}]})),
    );
    assert_eq!(r.status, 404, "{:?}", r.body);
    let r = promote(&staging, &[&prod]);
    assert_eq!(r.status, 201, "{:?}", r.body);
    let promotion = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(r.body["source"]["app"]["id"], staging);
    let r = server.http().call(
        "GET",
        &format!("/pipeline-promotions/{promotion}/promotion-targets"),
        Some(&ada_token(&ada)),
        None,
    );
    assert_eq!(r.status, 404);
    let done = wait_until("the promotion completes", DEADLINE, || {
        let r = http.call("GET", &format!("/pipeline-promotions/{promotion}"), t, None);
        (r.body["status"] == "completed").then_some(r.body)
    });
    assert_eq!(done["pipeline"]["id"], pipe);

    // The official CLI's `pipelines:promote` asks for the pipeline's apps through the filters
    // API before promoting; strangers' apps are left out.
    let filtered = crate::common::Reply::read(
        http.auth("POST", "/filters/apps", &server.admin_token)
            .header("Accept", "application/vnd.heroku+json; version=3.filters")
            .header("Range", "id ..; max=1000;")
            .json(&json!({"in": {"id": [staging, prod, "not-an-id"]}}))
            .send()
            .unwrap(),
    );
    assert_eq!(filtered.status, 200, "{:?}", filtered.body);
    let mut names: Vec<&str> = filtered
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["p-prod", "p-staging"]);
    let r = server.http().call(
        "POST",
        "/filters/apps",
        Some(&ada_token(&ada)),
        Some(json!({"in": {"id": [staging]}})),
    );
    assert_eq!(r.body, json!([]));
    let r = http.call("POST", "/filters/apps", t, Some(json!({"in": {"id": 3}})));
    assert_eq!(r.status, 422);
}

fn ada_token(ada: &Home) -> String {
    ada.tug(&["auth:token"]).ok().stdout.trim().to_string()
}

#[test]
fn a_member_cannot_promote_to_an_app_out_of_their_reach() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    for app in ["m-staging", "m-prod"] {
        create_app(&server, app);
    }
    home.tug(&[
        "pipelines:create",
        "mpipe",
        "-a",
        "m-staging",
        "-s",
        "staging",
    ])
    .ok();
    home.tug(&["pipelines:add", "mpipe", "-a", "m-prod", "-s", "production"])
        .ok();
    let slug = http.call(
        "POST",
        "/apps/m-staging/slugs",
        t,
        Some(json!({"process_types": {"web": "true"}, "commit": "abc1"})),
    );
    let r = http.call(
        "POST",
        "/apps/m-staging/releases",
        t,
        Some(json!({"slug": slug.body["id"]})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    // Ada works on staging, so she sees the pipeline, but production is not hers.
    let ada = server.user("ada@example.com");
    home.tug(&["access:add", "ada@example.com", "-a", "m-staging"])
        .ok();
    let releases = || http.call("GET", "/apps/m-prod/releases", t, None).body;
    let before = releases();
    let id = |path: &str| http.call("GET", path, t, None).body["id"].clone();
    let (pipe, staging, prod) = (
        id("/pipelines/mpipe"),
        id("/apps/m-staging"),
        id("/apps/m-prod"),
    );
    for target in [prod, json!("m-prod")] {
        let r = server.http().call(
            "POST",
            "/pipeline-promotions",
            Some(&ada_token(&ada)),
            Some(json!({"pipeline": {"id": pipe}, "source": {"app": {"id": staging}}, "targets": [{"app": {"id": target}}]})),
        );
        assert_eq!(r.status, 403, "{:?}", r.body);
        assert_eq!(r.body["id"], "forbidden");
        assert!(
            r.body["message"]
                .as_str()
                .unwrap()
                .contains("you have no access to `m-prod`"),
            "{:?}",
            r.body
        );
    }
    ada.tug(&["pipelines:promote", "-a", "m-staging"])
        .code(1)
        .stderr_has("you have no access to `m-prod`");
    assert_eq!(releases(), before, "production is untouched");
}
