//! Git working trees and the one way tests `git push` to the server.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::json;

use super::home::{Home, run_ok};
use super::server::TestServer;

/// A git repository (in a new directory under `home`) with the given remotes.
pub fn git_repo(home: &Home, name: &str, remotes: &[(&str, &str)]) -> PathBuf {
    let dir = home.path().join(name);
    std::fs::create_dir_all(&dir).expect("repo dir");
    let git = |args: &[&str]| {
        let mut cmd = Command::new("git");
        cmd.args(args);
        home.apply_env(&mut cmd);
        cmd.current_dir(&dir);
        run_ok(&mut cmd)
    };
    git(&["init", "-q"]);
    for (remote, url) in remotes {
        git(&["remote", "add", remote, url]);
    }
    dir
}

/// The remotes of a repository as `name url` lines (fetch URLs), sorted.
pub fn git_remotes(home: &Home, dir: &Path) -> Vec<String> {
    let mut cmd = Command::new("git");
    cmd.args(["remote", "-v"]);
    home.apply_env(&mut cmd);
    cmd.current_dir(dir);
    let out = run_ok(&mut cmd);
    let mut lines: Vec<String> = out
        .lines()
        .filter(|l| l.ends_with("(fetch)"))
        .map(|l| l.trim_end_matches(" (fetch)").replace('\t', " "))
        .collect();
    lines.sort();
    lines
}

/// A git working tree with the given files, committed on `main`.
pub fn repo(home: &Home, files: &[(&str, &str)]) -> PathBuf {
    let dir = home.path().join(format!("repo-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    git(home, &dir, &["init", "-q", "-b", "main"]);
    commit(home, &dir, files, "initial");
    dir
}

/// Writes `files` into `dir` and commits everything; returns the new commit's id.
pub fn commit(home: &Home, dir: &Path, files: &[(&str, &str)], message: &str) -> String {
    for (name, body) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    git(home, dir, &["add", "-A"]);
    git(home, dir, &["commit", "-q", "--allow-empty", "-m", message]);
    git(home, dir, &["rev-parse", "HEAD"]).trim().to_string()
}

/// Runs `git ARGS` in `dir` with `home`'s environment and asserts it succeeded.
pub fn git(home: &Home, dir: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new("git");
    home.apply_env(&mut cmd);
    cmd.current_dir(dir).args(args);
    run_ok(&mut cmd)
}

/// `git push ARGS` from `dir`. With a token it goes in an `Authorization` header; without one only
/// the credential helper configured in the repository can authenticate, because git may not ask
/// anyone for a password. Returns (success, stdout and stderr).
pub fn push(home: &Home, dir: &Path, token: Option<&str>, args: &[&str]) -> (bool, String) {
    let mut cmd = Command::new("git");
    home.apply_env(&mut cmd);
    cmd.current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_ASKPASS")
        .env_remove("SSH_ASKPASS")
        .stdin(Stdio::null());
    if let Some(t) = token {
        cmd.args(["-c", &format!("http.extraHeader=Authorization: Bearer {t}")]);
    }
    let out = cmd.arg("push").args(args).output().expect("git push");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Pushes `main` to APP as the admin and asserts the outcome; returns git's output.
#[track_caller]
pub fn push_app(
    server: &TestServer,
    home: &Home,
    dir: &Path,
    app: &str,
    expect_ok: bool,
) -> String {
    let url = format!("{}/{app}.git", server.api_url);
    let (ok, out) = push(home, dir, Some(&server.admin_token), &[&url, "main"]);
    assert_eq!(ok, expect_ok, "{out}\n{}", server.log());
    out
}

/// Creates APP with the `null` buildpack (the repository is the slug).
pub fn null_app(server: &TestServer, app: &str) {
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({ "name": app })));
    http.call(
        "PUT",
        &format!("/apps/{app}/buildpack-installations"),
        t,
        Some(json!({"updates": [{"buildpack": "null"}]})),
    );
}

/// Creates APP with the `null` buildpack and pushes `files` to it.
pub fn deploy(server: &TestServer, home: &Home, app: &str, files: &[(&str, &str)]) -> PathBuf {
    null_app(server, app);
    let dir = repo(home, files);
    push_app(server, home, &dir, app, true);
    dir
}

/// A buildpack in `dir` made of two shell scripts, `bin/detect` and `bin/compile`, set as the
/// only buildpack of `app`.
pub fn script_buildpack(server: &TestServer, app: &str, dir: &Path, detect: &str, compile: &str) {
    std::fs::create_dir_all(dir.join("bin")).expect("buildpack dir");
    std::fs::write(dir.join("bin/detect"), detect).expect("bin/detect");
    std::fs::write(dir.join("bin/compile"), compile).expect("bin/compile");
    run_ok(
        Command::new("chmod")
            .arg("+x")
            .arg(dir.join("bin/detect"))
            .arg(dir.join("bin/compile")),
    );
    let set = server.http().call(
        "PUT",
        &format!("/apps/{app}/buildpack-installations"),
        Some(&server.admin_token),
        Some(json!({"updates": [{"buildpack": dir.display().to_string()}]})),
    );
    assert_eq!(set.status, 200, "{:?}", set.body);
}
