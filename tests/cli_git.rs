//! The CLI's git wiring: `tug create` and `tug git:remote` add the remote and the credential
//! helper, a plain `git push tug main` deploys with nothing but that helper, `tug git:clone`
//! clones an app ready to push back, and `tug git:credentials` speaks git's helper protocol.

use std::path::Path;
use std::process::Stdio;

use crate::common::push::{commit, git, push, repo};
use crate::common::{Home, Run, TUG, TestServer, git_remotes};

/// Runs `tug ARGS` from `dir` with `home`'s environment (the same HOME, unlike `Home::in_dir`).
fn tug_in(home: &Home, dir: &Path, args: &[&str]) -> Run {
    tug_in_stdin(home, dir, args, "")
}

fn tug_in_stdin(home: &Home, dir: &Path, args: &[&str], input: &str) -> Run {
    use std::io::Write as _;
    let mut cmd = home.cmd(args);
    cmd.current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn tug");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input.as_bytes()).expect("write stdin");
    drop(stdin);
    let out = child.wait_with_output().expect("wait tug");
    Run {
        args: args.iter().map(|s| s.to_string()).collect(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The helper line `tug` writes for itself.
fn helper_line() -> String {
    format!("helper = !'{TUG}' git:credentials")
}

fn app_files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Procfile", "web: python3 -m http.server $PORT\n"),
        ("src/web", "#!/bin/sh\n"),
    ]
}

#[test]
fn create_in_a_subdirectory_wires_git_and_a_plain_push_deploys() {
    let server = TestServer::start();
    let home = server.admin();
    // A global config with a helper of its own, which must not see the token.
    let global = home.path().join(".gitconfig");
    let global_text = "[credential]\n\thelper = store\n";
    std::fs::write(&global, global_text).unwrap();
    let dir = repo(&home, &app_files());

    let created = tug_in(
        &home,
        &dir.join("src"),
        &["create", "demo", "--buildpack", "null"],
    )
    .ok()
    .stderr_has("Creating demo... done")
    .stderr_has("Setting buildpack to null... done")
    .stderr_has("Git remote tug added");
    assert!(
        created.stdout.ends_with("/demo.git\n"),
        "{}",
        created.stdout
    );
    assert_eq!(
        git_remotes(&home, &dir),
        vec![format!("tug {}/demo.git", server.api_url)]
    );
    let config_path = dir.join(".git/config");
    let config = std::fs::read_to_string(&config_path).unwrap();
    assert!(config.contains(&helper_line()), "{config}");
    // The inherited helpers are reset first, for the platform's URL only.
    let helpers = git(
        &home,
        &dir,
        &[
            "config",
            "--local",
            "--get-all",
            &format!("credential.{}.helper", server.api_url),
        ],
    );
    assert_eq!(helpers, format!("\n!'{TUG}' git:credentials\n"));

    // Wiring again changes nothing.
    tug_in(&home, &dir, &["git:remote"])
        .ok()
        .stderr_has(&format!(
            "set git remote tug to {}/demo.git",
            server.api_url
        ));
    assert_eq!(std::fs::read_to_string(&config_path).unwrap(), config);

    let (ok, out) = push(&home, &dir, None, &["tug", "main"]);
    assert!(ok, "{out}\n{}", server.log());
    assert!(out.contains("remote: -----> Null app detected"), "{out}");
    assert!(
        out.contains("remote: -----> Launching... done, v2"),
        "{out}"
    );
    assert!(out.contains("deployed to tug"), "{out}");

    // No token anywhere in git's files, the global config untouched, nothing stored by the
    // global helper.
    let token = &server.admin_token;
    assert!(
        !std::fs::read_to_string(&config_path)
            .unwrap()
            .contains(token)
    );
    assert_eq!(std::fs::read_to_string(&global).unwrap(), global_text);
    assert!(!home.path().join(".git-credentials").exists());
    assert!(!git(&home, &dir, &["remote", "-v"]).contains(token));

    // The app now comes from the remote, from anywhere in the repository.
    let info = tug_in(&home, &dir.join("src"), &["apps:info", "--json"]).ok();
    assert_eq!(info.json()["name"], "demo");
    tug_in(&home, &dir, &["releases"])
        .ok()
        .stdout_has("Deploy ");
}

#[test]
fn a_token_stored_by_login_is_all_git_needs() {
    let server = TestServer::start();
    let home = server.anonymous();
    tug_in_stdin(
        &home,
        home.path(),
        &["login", "--with-token"],
        &format!("{}\n", server.admin_token),
    )
    .ok();
    let dir = repo(&home, &app_files());
    tug_in(&home, &dir, &["create", "stored", "-b", "null"]).ok();
    let (ok, out) = push(&home, &dir, None, &["tug", "main"]);
    assert!(ok, "{out}\n{}", server.log());
    assert!(out.contains("remote: -----> "), "{out}");
    assert!(out.contains("deployed to tug"), "{out}");
    assert!(
        !std::fs::read_to_string(dir.join(".git/config"))
            .unwrap()
            .contains(&server.admin_token)
    );

    // Logged out, git gets nothing, and the helper says why.
    tug_in(&home, &dir, &["logout"]).ok();
    commit(
        &home,
        &dir,
        &[(
            "Procfile",
            "web: python3 -m http.server $PORT --bind 0.0.0.0\n",
        )],
        "second",
    );
    let (ok, out) = push(&home, &dir, None, &["tug", "main"]);
    assert!(!ok, "{out}");
    assert!(out.contains("not logged in to"), "{out}");
}

#[test]
fn git_credentials_answers_for_the_platform_only() {
    let server = TestServer::start();
    let home = server.admin();
    let host = server.api_url.trim_start_matches("http://").to_string();
    let ask = |home: &Home, op: &str, input: &str| {
        tug_in_stdin(home, home.path(), &["git:credentials", op], input)
    };

    let got = ask(&home, "get", &format!("protocol=http\nhost={host}\n\n")).ok();
    assert_eq!(
        got.stdout,
        format!(
            "protocol=http\nhost={host}\nusername=tug\npassword={}\n",
            server.admin_token
        )
    );
    assert_eq!(got.stderr, "");
    // git sends more than that; the extra attributes change nothing.
    let got = ask(
        &home,
        "get",
        &format!("capability[]=authtype\nprotocol=http\nhost={host}\npath=demo.git\nwwwauth[]=Basic realm=\"tug\"\n\n"),
    )
    .ok();
    assert!(got.stdout.contains("username=tug\n"), "{}", got.stdout);

    // Another host, another scheme, another port, or no host: nothing at all.
    let port: u16 = host.rsplit(':').next().unwrap().parse().unwrap();
    for other in [
        "protocol=https\nhost=github.com\n".to_string(),
        format!("protocol=https\nhost={host}\n"),
        format!("protocol=http\nhost=127.0.0.1:{}\n", port.wrapping_add(1)),
        "protocol=http\n".to_string(),
        String::new(),
    ] {
        let got = ask(&home, "get", &other).ok();
        assert_eq!(got.stdout, "", "{other:?}");
    }
    // `store` and `erase` change nothing and print nothing.
    let request = format!("protocol=http\nhost={host}\nusername=tug\npassword=x\n\n");
    assert_eq!(ask(&home, "store", &request).ok().stdout, "");
    ask(&home, "erase", &request)
        .ok()
        .stderr_has("refused the token in `TUG_API_KEY`");
    assert_eq!(ask(&home, "future-op", &request).ok().stdout, "");
    // Garbage is an error, not a guess.
    let bad = ask(&home, "get", "protocol http\n").code(1);
    assert_eq!(bad.stdout, "");
    bad.stderr_has("not `key=value`");

    // TUG_API_KEY wins over the stored token, and only for the platform it goes with.
    let anon = server.anonymous();
    tug_in_stdin(
        &anon,
        anon.path(),
        &["login", "--with-token"],
        &format!("{}\n", server.admin_token),
    )
    .ok();
    let got = ask(&anon, "get", &format!("protocol=http\nhost={host}\n")).ok();
    assert!(
        got.stdout
            .ends_with(&format!("password={}\n", server.admin_token)),
        "{}",
        got.stdout
    );
    let env = anon.with_env("TUG_API_KEY", "tug_from_env");
    let got = ask(&env, "get", &format!("protocol=http\nhost={host}\n")).ok();
    assert!(
        got.stdout.ends_with("password=tug_from_env\n"),
        "{}",
        got.stdout
    );
    // A platform `tug login` stored a token for is answered even when `TUG_API_URL` points
    // elsewhere; `TUG_API_KEY` never goes there.
    let elsewhere = env.with_env("TUG_API_URL", "http://127.0.0.1:9");
    let got = ask(&elsewhere, "get", &format!("protocol=http\nhost={host}\n")).ok();
    assert!(
        got.stdout
            .ends_with(&format!("password={}\n", server.admin_token)),
        "{}",
        got.stdout
    );
    let got = ask(&elsewhere, "get", "protocol=http\nhost=127.0.0.1:9\n").ok();
    assert!(
        got.stdout.ends_with("password=tug_from_env\n"),
        "{}",
        got.stdout
    );

    // Not logged in: nothing for git, a word on stderr.
    let nobody = server.anonymous();
    ask(&nobody, "get", &format!("protocol=http\nhost={host}\n"))
        .ok()
        .stderr_has("not logged in to");
}

#[test]
fn existing_remotes_are_left_alone_and_git_remote_repoints_them() {
    let server = TestServer::start();
    let home = server.admin();
    let api = &server.api_url;
    let dir = repo(&home, &app_files());
    git(
        &home,
        &dir,
        &["remote", "add", "tug", "https://example.com/other.git"],
    );

    tug_in(&home, &dir, &["create", "kept", "-b", "null"])
        .ok()
        .stderr_has("warning: git remote `tug` already points at https://example.com/other.git")
        .stderr_has("`tug git:remote -a kept`");
    assert_eq!(
        git_remotes(&home, &dir),
        vec!["tug https://example.com/other.git".to_string()]
    );
    let config = std::fs::read_to_string(dir.join(".git/config")).unwrap();
    assert!(!config.contains("credential"), "{config}");

    tug_in(&home, &dir, &["create", "loose", "--no-remote"])
        .ok()
        .stderr_has("Creating loose... done");
    assert_eq!(git_remotes(&home, &dir).len(), 1);

    // `git:remote` points an existing remote at the app, or adds one.
    tug_in(&home, &dir, &["git:remote", "-a", "kept"])
        .ok()
        .stderr_has(&format!("set git remote tug to {api}/kept.git"));
    tug_in(&home, &dir, &["git", "remote", "loose", "-r", "staging"])
        .ok()
        .stderr_has(&format!("set git remote staging to {api}/loose.git"));
    assert_eq!(
        git_remotes(&home, &dir),
        vec![
            format!("staging {api}/loose.git"),
            format!("tug {api}/kept.git")
        ]
    );
    let (ok, out) = push(&home, &dir, None, &["tug", "main"]);
    assert!(ok, "{out}");
    assert!(out.contains("deployed to tug"), "{out}");

    // With no app given, git:remote takes the one the `tug` remote names.
    tug_in(&home, &dir, &["git:remote", "-r", "prod"])
        .ok()
        .stderr_has(&format!("set git remote prod to {api}/kept.git"));

    tug_in(&home, &dir, &["git:remote", "-a", "nope"])
        .code(1)
        .stderr_has("hint: run `tug apps`");
    tug_in(&home, &dir, &["git:remote", "-a", "kept", "-r", "bad name"])
        .code(2)
        .stderr_has("not a valid git remote name");
    tug_in(&home, home.path(), &["git:remote", "-a", "kept"])
        .code(1)
        .stderr_has("not in a git repository")
        .stderr_has("tug git:clone");
    // `tug create -r NAME` adds a remote of that name.
    tug_in(&home, &dir, &["create", "third", "-r", "qa"])
        .ok()
        .stderr_has("Git remote qa added");
}

#[test]
fn git_clone_gives_a_repository_that_can_push_again() {
    let server = TestServer::start();
    let home = server.admin();
    let dir = repo(&home, &app_files());
    tug_in(&home, &dir, &["create", "cloned", "-b", "null"]).ok();
    let (ok, out) = push(&home, &dir, None, &["tug", "main"]);
    assert!(ok, "{out}");

    let work = home.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let run = tug_in(&home, &work, &["git:clone", "-a", "cloned", "copy"]).ok();
    assert_eq!(run.stdout, "", "git's talk goes to stderr");
    let copy = work.join("copy");
    assert_eq!(
        std::fs::read_to_string(copy.join("Procfile")).unwrap(),
        "web: python3 -m http.server $PORT\n"
    );
    assert_eq!(
        git_remotes(&home, &copy),
        vec![format!("tug {}/cloned.git", server.api_url)]
    );
    let config = std::fs::read_to_string(copy.join(".git/config")).unwrap();
    assert!(config.contains(&helper_line()), "{config}");
    assert!(!config.contains(&server.admin_token));
    commit(
        &home,
        &copy,
        &[(
            "Procfile",
            "web: python3 -m http.server $PORT --bind 0.0.0.0\n",
        )],
        "again",
    );
    let (ok, out) = push(&home, &copy, None, &["tug", "main"]);
    assert!(ok, "{out}");
    assert!(out.contains("Launching... done, v3"), "{out}");
    assert_eq!(
        tug_in(&home, &copy, &["info", "--json"]).ok().json()["name"],
        "cloned"
    );

    // `git:clone APP` clones into a directory named after the app, with the remote asked for.
    tug_in(&home, &work, &["git:clone", "cloned", "-r", "prod"]).ok();
    assert_eq!(
        git_remotes(&home, &work.join("cloned")),
        vec![format!("prod {}/cloned.git", server.api_url)]
    );
    assert!(work.join("cloned/Procfile").exists());
    // Into a directory that is already there: git's refusal, and exit 1.
    tug_in(&home, &work, &["git:clone", "-a", "cloned"])
        .code(1)
        .stderr_has("already exists")
        .stderr_has("`git clone` of cloned did not succeed");
    tug_in(&home, &work, &["git:clone", "-a", "nope", "x"])
        .code(1)
        .stderr_has("hint: run `tug apps`");
    assert!(!work.join("x").exists());
    tug_in(&home, &work, &["git:clone"])
        .code(2)
        .stderr_has("--app");
}
