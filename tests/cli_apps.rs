//! `tug create`, `apps`, `apps:info`, `apps:rename`, `apps:destroy`, with their git remotes.

use crate::common::{TestServer, git_remotes, git_repo};

#[test]
fn create_list_info_rename_and_destroy() {
    let server = TestServer::start();
    let admin = server.admin();
    let api = &server.api_url;

    let run = admin
        .tug(&["create", "demo"])
        .ok()
        .stderr_has("Creating demo... done");
    let (web, git) = run.stdout.trim_end().split_once(" | ").expect("web | git");
    assert!(web.starts_with("http://demo.localhost"), "{web}");
    assert_eq!(git, format!("{api}/demo.git"));

    let generated = admin.tug(&["apps:create", "--json"]).ok();
    let name = generated.json()["name"].as_str().unwrap().to_string();
    assert!(tug::api::names::check_app_name(&name).is_ok(), "{name}");
    generated.stderr_has(&format!("Creating app... done, {name}"));

    admin
        .tug(&["create", "Bad_Name"])
        .code(2)
        .stderr_has("is not a valid app name");
    let taken = admin
        .tug(&["apps", "create", "demo"])
        .code(1)
        .stderr_has("error: ");
    assert_eq!(taken.stdout, "");

    // Piped: one tab-separated line per app, sorted, no header.
    let list = admin.tug(&["apps"]).ok();
    let names: Vec<&str> = list
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    let mut sorted = vec![name.as_str(), "demo"];
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    assert!(
        list.stdout
            .contains("demo\tadmin@localhost\thttp://demo.localhost")
    );
    let json = admin.tug(&["apps:list", "--json"]).ok().json();
    let json_names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(json_names, sorted);

    // Info by positional, flag, TUG_APP, and the top-level shortcut.
    admin
        .tug(&["apps:info", "demo"])
        .ok()
        .stdout_has("Owner:")
        .stdout_has("admin@localhost");
    admin
        .tug(&["info", "-a", "demo"])
        .ok()
        .stdout_has(&format!("{api}/demo.git"));
    server
        .admin()
        .with_env("TUG_APP", "demo")
        .tug(&["apps", "info", "--json"])
        .ok()
        .stdout_has("\"name\": \"demo\"");
    let shell = admin.tug(&["apps:info", "demo", "--shell"]).ok();
    assert!(
        shell.stdout.lines().any(|l| l == "name=demo"),
        "{}",
        shell.stdout
    );
    assert!(shell.stdout.contains("maintenance=off"));

    // Rename.
    let renamed = admin
        .tug(&["apps:rename", "demo2", "-a", "demo"])
        .ok()
        .stderr_has("Renaming demo to demo2... done");
    assert!(
        renamed.stdout.ends_with(&format!("| {api}/demo2.git\n")),
        "{}",
        renamed.stdout
    );
    admin
        .tug(&["info", "demo"])
        .code(1)
        .stderr_has("hint: run `tug apps` to see the apps you can use");
    admin
        .tug(&["rename", "x", "-a", "demo2"])
        .code(2)
        .stderr_has("not a valid app name");

    // Destroy needs confirmation off a terminal, and the right one.
    admin
        .tug(&["apps:destroy", "demo2"])
        .code(2)
        .stderr_has("refusing to destroy `demo2` without confirmation")
        .stderr_has("`--confirm demo2`");
    admin
        .tug(&["destroy", "demo2", "--confirm", "demo"])
        .code(1)
        .stderr_has("does not match");
    admin.tug(&["info", "demo2"]).ok();
    let destroyed = admin
        .tug(&[
            "apps:destroy",
            "-a",
            "demo2",
            "--confirm",
            "demo2",
            "--json",
        ])
        .ok()
        .stderr_has("Destroying demo2... done");
    assert_eq!(destroyed.json()["name"], "demo2");
    admin.tug(&["info", "demo2"]).code(1);
    admin.tug(&["apps:delete", &name, "-c", &name]).ok();

    // No apps: nothing on stdout, a hint on stderr, exit 0.
    let empty = admin
        .tug(&["apps"])
        .ok()
        .stderr_has("hint: create one with `tug create`");
    assert_eq!(empty.stdout, "");
    assert_eq!(admin.tug(&["apps", "--json"]).ok().stdout.trim(), "[]");
}

#[test]
fn create_rename_and_destroy_keep_the_git_remote_in_step() {
    let server = TestServer::start();
    let api = server.api_url.clone();
    let admin = server.admin();
    let repo = git_repo(
        &admin,
        "repo",
        &[("origin", "https://github.com/ada/demo.git")],
    );
    let here = server.admin().in_dir(&repo);

    here.tug(&["create", "demo"])
        .ok()
        .stderr_has("Git remote tug added");
    assert_eq!(
        git_remotes(&admin, &repo),
        vec![
            "origin https://github.com/ada/demo.git".to_string(),
            format!("tug {api}/demo.git"),
        ]
    );
    // The app now comes from the remote.
    assert_eq!(here.tug(&["info", "--json"]).ok().json()["name"], "demo");

    // A second app leaves the existing `tug` remote alone and says so.
    here.tug(&["create", "other"])
        .ok()
        .stderr_has("warning: git remote `tug` already points at");
    here.tug(&["create", "third", "--remote", "staging"]).ok();
    here.tug(&["create", "fourth", "--no-remote"]).ok();
    assert_eq!(git_remotes(&admin, &repo).len(), 3);

    here.tug(&["apps:rename", "renamed"])
        .ok()
        .stderr_has("Git remote tug updated");
    assert!(git_remotes(&admin, &repo).contains(&format!("tug {api}/renamed.git")));
    assert_eq!(here.tug(&["info", "--json"]).ok().json()["name"], "renamed");

    here.tug(&["destroy", "--confirm", "renamed"])
        .ok()
        .stderr_has("Git remote tug removed");
    assert_eq!(
        git_remotes(&admin, &repo),
        vec![
            "origin https://github.com/ada/demo.git".to_string(),
            format!("staging {api}/third.git"),
        ]
    );
}
