//! What other Platform API clients send and read, over real HTTP: stacks and regions with
//! Heroku's names as aliases, `maintenance` as 0/1, renaming a token.

use serde_json::json;

use crate::common::{Reply, TestServer};

#[test]
fn stacks_and_regions_are_resources_and_heroku_names_are_aliases() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let stacks = http.call("GET", "/stacks", t, None);
    assert_eq!(stacks.status, 200, "{:?}", stacks.body);
    let stack = &stacks.body[0];
    assert_eq!(stack["name"], "local");
    assert_eq!(stack["default"], true);
    assert_eq!(stack["state"], "active");
    for key in ["id", "created_at", "updated_at"] {
        assert!(stack[key].is_string(), "{key}: {stack}");
    }
    // Local processes run on this machine's system, not on an image; Swarm's run on the
    // stack's image.
    if crate::common::server::on_swarm() {
        assert!(stack["image"].is_string(), "{stack}");
    } else {
        assert!(stack.get("image").is_none(), "{stack}");
    }
    let by_id = http.call(
        "GET",
        &format!("/stacks/{}", stack["id"].as_str().unwrap()),
        t,
        None,
    );
    assert_eq!(by_id.body, *stack);
    let aliased = http.call("GET", "/stacks/heroku-24", t, None);
    assert_eq!(aliased.body, *stack);
    assert!(
        aliased
            .header("warning-message")
            .unwrap()
            .contains("`local`")
    );
    assert_eq!(http.call("GET", "/stacks/heroku-99", t, None).status, 404);
    assert_eq!(http.call("GET", "/stacks", None, None).status, 401);

    let regions = http.call("GET", "/regions", t, None);
    assert_eq!(regions.status, 200);
    let region = &regions.body[0];
    assert_eq!(region["name"], "local");
    assert_eq!(region["provider"]["name"], "tug");
    assert_eq!(region["private_capable"], false);
    assert_eq!(http.call("GET", "/regions/eu", t, None).body, *region);
    assert_eq!(http.call("GET", "/regions/mars", t, None).status, 404);

    // Create with Heroku's names: the app gets ours, and a warning says so.
    let r = http.call(
        "POST",
        "/apps",
        t,
        Some(json!({"name": "aliased", "stack": "heroku-24", "region": "eu"})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert_eq!(r.body["stack"]["name"], "local");
    assert_eq!(r.body["region"]["name"], "local");
    let warnings: Vec<&str> = r
        .headers
        .get_all("warning-message")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("heroku-24"), "{warnings:?}");
    // heroku3 sends `cedar`.
    let r = http.call(
        "POST",
        "/apps",
        t,
        Some(json!({"name": "old-school", "stack": "cedar"})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    for bad in [
        json!({"stack": "bamboo"}),
        json!({"region": "mars"}),
        json!({"stack": 7}),
    ] {
        let r = http.call("POST", "/apps", t, Some(bad.clone()));
        assert_eq!(r.status, 422, "{bad}: {:?}", r.body);
    }
    let apps = http.call("GET", "/apps", t, None);
    assert_eq!(
        apps.body.as_array().unwrap().len(),
        2,
        "a refused create made an app"
    );

    // `apps:stacks:set` is a PATCH of `build_stack`.
    let r = http.call(
        "PATCH",
        "/apps/aliased",
        t,
        Some(json!({"build_stack": "heroku-22"})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["build_stack"]["name"], "local");
    assert!(r.header("warning-message").is_some());
    let r = http.call(
        "PATCH",
        "/apps/aliased",
        t,
        Some(json!({"build_stack": "nope"})),
    );
    assert_eq!(r.status, 422);
    let listed = http.call("GET", "/apps/aliased/available-stacks", t, None);
    assert_eq!(listed.body, stacks.body);
    assert_eq!(
        http.call("GET", "/apps/nobody/available-stacks", t, None)
            .status,
        404
    );

    // The CLI shows the warning and what the app really got.
    let home = server.admin();
    let created = home
        .tug(&[
            "apps:create",
            "cli-stack",
            "--stack",
            "heroku-24",
            "--no-remote",
        ])
        .ok();
    created.stderr_has("`heroku-24` is Heroku's");
    home.tug(&["apps:stacks:set", "cedar", "-a", "cli-stack"])
        .ok()
        .stdout_has("cli-stack builds on the `local` stack")
        .stderr_has("`cedar` is Heroku's");
    home.tug(&["apps:stacks", "-a", "cli-stack"])
        .ok()
        .stdout_has("local");
    home.tug(&["apps:create", "--stack", "bamboo", "--no-remote"])
        .code(1)
        .stderr_has("unknown stack `bamboo`");
}

#[test]
fn maintenance_takes_a_bit_and_tokens_can_be_renamed() {
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "bits"})));
    for (sent, on) in [(json!(1), true), (json!(0), false), (json!(true), true)] {
        let r = http.call("PATCH", "/apps/bits", t, Some(json!({"maintenance": sent})));
        assert_eq!(r.status, 200, "{sent}: {:?}", r.body);
        assert_eq!(r.body["maintenance"], on);
    }
    for bad in [json!(2), json!("1"), json!(-1)] {
        let r = http.call("PATCH", "/apps/bits", t, Some(json!({"maintenance": bad})));
        assert_eq!(r.status, 422, "{bad}: {:?}", r.body);
    }
    assert_eq!(
        http.call("GET", "/apps/bits", t, None).body["maintenance"],
        true
    );

    let made = http.call(
        "POST",
        "/oauth/authorizations",
        t,
        Some(json!({"description": "ci"})),
    );
    let id = made.body["id"].as_str().unwrap().to_string();
    let path = format!("/oauth/authorizations/{id}");
    let r = http.call("PATCH", &path, t, Some(json!({"description": "deploys"})));
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["description"], "deploys");
    assert!(
        r.body["access_token"]["token"]
            .as_str()
            .unwrap()
            .contains('*')
    );
    assert_eq!(
        http.call("GET", &path, t, None).body["description"],
        "deploys"
    );
    for bad in [
        json!({"description": "x".repeat(201)}),
        json!({"description": "two\nlines"}),
        json!({"client": {"id": "01234567-89ab-cdef-0123-456789abcdef"}}),
    ] {
        let r = http.call("PATCH", &path, t, Some(bad.clone()));
        assert_eq!(r.status, 422, "{bad}: {:?}", r.body);
    }
    // Another account's token is not there for this one.
    let eve = crate::common::add_user_with_password(&server, "eve@example.com", "pw-eve-123456");
    let r = http.call(
        "PATCH",
        &path,
        Some(&eve),
        Some(json!({"description": "mine"})),
    );
    assert_eq!(r.status, 404);
    let r = Reply::read(
        http.auth("PATCH", "/oauth/authorizations/~", &server.admin_token)
            .json(&json!({"description": "admin token"}))
            .send()
            .unwrap(),
    );
    assert_eq!(r.body["description"], "admin token");
}

/// Writes a buildpack (`bin/detect`, `bin/compile`, and a README when given) at `dir`.
fn installed_buildpack(dir: &std::path::Path, readme: Option<&str>) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir.join("bin")).unwrap();
    for script in ["detect", "compile"] {
        let path = dir.join("bin").join(script);
        std::fs::write(&path, "#!/bin/sh\nexit 0\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    if let Some(text) = readme {
        std::fs::write(dir.join("README.md"), text).unwrap();
    }
}

#[test]
fn the_buildpack_registry_knows_built_in_and_installed_buildpacks() {
    let server = TestServer::start();
    let http = server.http();
    // The test server lists the temp dir with `--buildpack-dir`: `DIR/NAMESPACE/NAME` there is
    // installed as `NAMESPACE/NAME`.
    let listed = tempfile::Builder::new()
        .prefix("acme-")
        .tempdir_in(std::env::temp_dir())
        .unwrap();
    let namespace = listed.path().file_name().unwrap().to_str().unwrap();
    let hello = listed.path().join("hello");
    installed_buildpack(&hello, Some("# Hello\nSays hello.\n"));
    installed_buildpack(&listed.path().join("quiet"), None);
    // Half a buildpack is not one.
    std::fs::create_dir_all(listed.path().join("half/bin")).unwrap();
    std::fs::write(listed.path().join("half/bin/detect"), "").unwrap();
    // A link out of the listed directories is not followed.
    let outside = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    installed_buildpack(outside.path(), Some("secret"));
    std::os::unix::fs::symlink(outside.path(), listed.path().join("escape")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", listed.path().join("quiet/README.md")).unwrap();

    // No token: the registry is public, as Heroku's is.
    let slug = format!("{namespace}%2Fhello");
    let info = http.call("GET", &format!("/buildpacks/{slug}"), None, None);
    assert_eq!(info.status, 200, "{:?}", info.body);
    assert_eq!(info.body["namespace"], namespace);
    assert_eq!(info.body["name"], "hello");
    assert_eq!(info.body["blob_url"], hello.to_str().unwrap());
    assert!(info.body["id"].is_string() && info.body["updated_at"].is_string());
    let revisions = http.call("GET", &format!("/buildpacks/{slug}/revisions"), None, None);
    assert_eq!(revisions.status, 200);
    assert_eq!(revisions.body[0]["release"], 1);
    assert_eq!(revisions.body[0]["buildpack_id"], info.body["id"]);
    assert_eq!(revisions.body[0]["tarball"], hello.to_str().unwrap());
    let readme = http.call("GET", &format!("/buildpacks/{slug}/readme"), None, None);
    assert_eq!(readme.body["content"], "# Hello\nSays hello.\n");
    assert_eq!(readme.body["format"], "markdown");
    // A README that leads elsewhere is not read.
    let quiet = http.call(
        "GET",
        &format!("/buildpacks/{namespace}%2Fquiet/readme"),
        None,
        None,
    );
    assert_eq!(quiet.status, 200);
    assert!(
        !quiet.body["content"].as_str().unwrap().contains("root:"),
        "{:?}",
        quiet.body
    );
    // What the registry hands out, the app takes as its buildpack.
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "registered"})));
    let set = http.call(
        "PUT",
        "/apps/registered/buildpack-installations",
        t,
        Some(json!({"updates": [{"buildpack": info.body["blob_url"]}]})),
    );
    assert_eq!(set.status, 200, "{:?}", set.body);

    // The built-ins still answer by their Heroku names.
    let builtin = http.call("GET", "/buildpacks/heroku%2Fnodejs", None, None);
    assert_eq!(builtin.body["blob_url"], "heroku/nodejs");
    assert_eq!(
        http.call("GET", "/buildpacks/heroku%2Fnodejs/readme", None, None)
            .status,
        200
    );

    for missing in [
        format!("{namespace}%2Fnothing"),
        format!("{namespace}%2Fhalf"),
        format!("{namespace}%2Fescape"),
        "..%2F..%2Fetc".to_owned(),
        format!("{namespace}%2F..%2F{namespace}%2Fhello"),
        format!("%2E%2E%2F{namespace}"),
        "heroku".to_owned(),
        "heroku%2Fruby%2Fx".to_owned(),
    ] {
        for tail in ["", "/revisions", "/readme"] {
            let r = http.call("GET", &format!("/buildpacks/{missing}{tail}"), None, None);
            assert_eq!(r.status, 404, "{missing}{tail}: {:?}", r.body);
            assert_eq!(r.body["id"], "not_found");
            let message = r.body["message"].as_str().unwrap();
            assert!(message.contains("--buildpack-dir"), "{message}");
            assert!(
                !message.contains(listed.path().to_str().unwrap()),
                "{message}"
            );
        }
    }
}
