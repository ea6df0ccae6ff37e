//! What holds for every command: app resolution from git remotes, `topic:verb` and `topic verb`,
//! `--json` purity, exit codes, a platform that is down.

use crate::common::{Home, TestServer, git_repo};

#[test]
fn the_app_comes_from_git_remotes_when_not_given() {
    let server = TestServer::start();
    let admin = server.admin();
    let api = server.api_url.clone();
    for app in ["demo", "other"] {
        admin.tug(&["create", app, "--no-remote"]).ok();
    }
    let port = api.rsplit(':').next().unwrap().to_string();

    // The remote named `tug`, even among others.
    let repo = git_repo(
        &admin,
        "named",
        &[
            ("origin", "git@github.com:ada/demo.git"),
            ("tug", &format!("{api}/demo.git")),
            ("prod", &format!("{api}/other.git")),
        ],
    );
    let here = server.admin().in_dir(&repo);
    assert_eq!(
        here.tug(&["maintenance", "--json"]).ok().json()["name"],
        "demo"
    );
    // `--remote` and `--app` win over it.
    assert_eq!(
        here.tug(&["info", "--json", "-r", "prod"]).ok().json()["name"],
        "other"
    );
    assert_eq!(
        here.tug(&["info", "--json", "-a", "other"]).ok().json()["name"],
        "other"
    );
    here.tug(&["info", "-r", "nope"])
        .code(2)
        .stderr_has("there is no git remote named `nope`")
        .stderr_has("origin");
    here.tug(&["info", "-r", "origin"])
        .code(2)
        .stderr_has("does not point at an app on");
    // From a subdirectory too.
    let sub = repo.join("src/deep");
    std::fs::create_dir_all(&sub).unwrap();
    assert_eq!(
        server
            .admin()
            .in_dir(&sub)
            .tug(&["info", "--json"])
            .ok()
            .json()["name"],
        "demo"
    );

    // No `tug` remote: the one remote pointing at this platform, however its URL is spelled.
    let repo = git_repo(
        &admin,
        "single",
        &[
            ("origin", "git@github.com:ada/demo.git"),
            ("heroku", &format!("http://localhost:{port}/other/")),
        ],
    );
    assert_eq!(
        server
            .admin()
            .in_dir(&repo)
            .tug(&["info", "--json"])
            .ok()
            .json()["name"],
        "other"
    );

    // Two apps: an error that lists the remotes and names --app (exit 2).
    let repo = git_repo(
        &admin,
        "two",
        &[
            ("prod", &format!("{api}/demo.git")),
            ("staging", &format!("{api}/other")),
        ],
    );
    server
        .admin()
        .in_dir(&repo)
        .tug(&["config"])
        .code(2)
        .stderr_has("several git remotes point at apps on")
        .stderr_has("prod")
        .stderr_has("staging")
        .stderr_has("hint: pass `--app APP`");

    // A repository without remotes, and no repository at all.
    let repo = git_repo(&admin, "bare", &[]);
    server
        .admin()
        .in_dir(&repo)
        .tug(&["releases"])
        .code(2)
        .stderr_has("no app given, and this git repository has no remotes")
        .stderr_has("`--app APP`");
    admin
        .tug(&["releases"])
        .code(2)
        .stderr_has("not in a git repository")
        .stderr_has("`--app APP`");
}

#[test]
fn topic_verb_and_space_forms_and_json_purity() {
    let server = TestServer::start();
    let admin = server.admin();
    admin.tug(&["apps:create", "demo"]).ok();
    admin.tug(&["apps", "create", "demo-two"]).ok();
    admin.tug(&["config", "set", "A=1", "-a", "demo"]).ok();
    admin.tug(&["config:set", "B=2", "-a", "demo"]).ok();
    assert_eq!(
        admin.tug(&["config", "get", "A", "-a", "demo"]).ok().stdout,
        admin.tug(&["config:get", "A", "-a", "demo"]).ok().stdout
    );
    assert_eq!(
        admin.tug(&["releases", "list", "-a", "demo"]).ok().stdout,
        admin.tug(&["releases:list", "-a", "demo"]).ok().stdout
    );

    // With --json, stdout is one JSON document, whatever the command.
    let commands: Vec<Vec<&str>> = vec![
        vec!["whoami", "--json"],
        vec!["apps", "--json"],
        vec!["apps:info", "demo", "--json"],
        vec!["config", "-a", "demo", "--json"],
        vec!["config:get", "A", "-a", "demo", "--json"],
        vec!["config:set", "C=3", "-a", "demo", "--json"],
        vec!["config:unset", "C", "-a", "demo", "--json"],
        vec!["releases", "-a", "demo", "--json"],
        vec!["releases:info", "-a", "demo", "--json"],
        vec!["access", "-a", "demo", "--json"],
        vec!["maintenance", "-a", "demo", "--json"],
        vec!["maintenance:on", "-a", "demo", "--json"],
        vec!["apps:rename", "demo-three", "-a", "demo-two", "--json"],
        vec!["apps:create", "demo-four", "--json", "--no-remote"],
        vec![
            "apps:destroy",
            "demo-four",
            "--confirm",
            "demo-four",
            "--json",
        ],
    ];
    for args in commands {
        let run = admin.tug(&args).ok();
        let _ = run.json();
    }
    admin
        .tug(&["releases:rollback", "-a", "demo", "--json"])
        .ok()
        .json();
    assert_eq!(
        admin.tug(&["apps:info", "nope", "--json"]).code(1).stdout,
        ""
    );
}

#[test]
fn usage_errors_exit_2_and_help_and_version_exit_0() {
    let server = TestServer::start();
    let home = server.anonymous();
    home.tug(&["--version"]).ok().stdout_has("tug ");
    home.tug(&["--help"]).ok().stdout_has("config");
    home.tug(&["apps:create", "--help"])
        .ok()
        .stdout_has("Usage: tug apps:create");
    home.tug(&["help", "config:set"])
        .ok()
        .stdout_has("Usage: tug config:set");
    home.tug(&[]).code(2);
    home.tug(&["frobnicate"]).code(2).stderr_has("error:");
    home.tug(&["apps", "--bogus"]).code(2);
    home.tug(&["releases", "-n", "lots", "-a", "x"]).code(2);
    home.tug(&["completions", "nushell"]).code(2);
    home.tug(&["--no-color", "apps"])
        .code(1)
        .stderr_has("not logged in");
}

#[test]
fn completions_print_a_script_for_each_shell() {
    let home = Home::new("http://127.0.0.1:9");
    for (shell, marker) in [
        ("bash", "_tug()"),
        ("zsh", "#compdef tug"),
        ("fish", "complete --keep-order --exclusive --command tug"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[tug]"),
    ] {
        let run = home.tug(&["completions", shell]).ok();
        assert!(run.stdout.contains(marker), "{shell}");
        let file = match shell {
            "bash" => "tug.bash",
            "zsh" => "_tug",
            "fish" => "tug.fish",
            "powershell" => "_tug.ps1",
            _ => "tug.elv",
        };
        let checked_in = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("completions")
                .join(file),
        )
        .unwrap_or_default();
        assert_eq!(
            run.stdout, checked_in,
            "completions/{file} matches `tug completions {shell}`"
        );
    }
}

#[test]
fn a_platform_that_is_down_is_named_with_a_hint() {
    // Nothing listens on port 9 (discard) on a test machine's loopback.
    let home = Home::new("http://127.0.0.1:9").with_env("TUG_API_KEY", "tug_x");
    let run = home
        .tug(&["apps"])
        .code(1)
        .stderr_has("error: could not reach http://127.0.0.1:9\n")
        .stderr_has("hint: start it with `tug server`");
    assert_eq!(run.stdout, "");
    home.tug(&["config:set", "A=1", "-a", "demo"])
        .code(1)
        .stderr_has("could not reach");
    Home::new("http://127.0.0.1:9")
        .tug_stdin(&["login", "--with-token"], "tug_x")
        .code(1)
        .stderr_has("could not reach http://127.0.0.1:9");
    Home::new("not a url")
        .with_env("TUG_API_KEY", "x")
        .tug(&["apps"])
        .code(1)
        .stderr_has("`TUG_API_URL` is not usable");
}

#[test]
fn a_broken_pipe_on_stdout_exits_quietly() {
    let home = Home::new("http://127.0.0.1:9");
    let mut cmd = home.cmd(&["completions", "zsh"]);
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdin(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    // Close the reading end before tug writes its script.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
