//! The CLI in a person's hands: a pseudo-terminal for Ctrl-C and prompts, and a tail that
//! outlives the server it follows.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::pty::{Pty, Streams};
use crate::common::push::{repo, script_buildpack};
use crate::common::{TestServer, wait_for};

/// Stopping the server with a `tug logs --tail` attached: the tail is told, the server
/// finishes within its grace, and the tail picks up where it was once the server is back.
#[test]
fn shutdown_with_a_tail_attached() {
    let mut server = TestServer::start_with(&["--stop-grace", "2"]);
    let admin = server.admin();
    admin.tug(&["create", "calm"]).ok();
    admin.tug(&["config:set", "FIRST=1", "-a", "calm"]).ok();
    let out_path = admin.path().join("tail.out");
    let err_path = admin.path().join("tail.err");
    let mut tail = admin
        .cmd(&["logs", "-a", "calm", "--tail"])
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap_or_default();
    wait_for("the tail to show the history", || {
        read(&out_path).contains("Set FIRST config vars")
    });

    // SIGTERM with the tail still reading: the server ends the stream and exits, well within
    // the minute it used to hang for.
    let api = server.api_url.trim_start_matches("http://").to_string();
    let asked = Instant::now();
    assert_eq!(server.stop(), Some(0), "{}", server.log());
    // Within the 2 s grace, with a wide margin for a loaded machine: the old hang lasted until
    // the tail let go (over a minute).
    let took = asked.elapsed();
    assert!(
        took < Duration::from_secs(2 + 10),
        "the server took {took:?} to stop:\n{}",
        server.log()
    );
    wait_for("the tail to notice", || {
        read(&err_path).contains("connection lost, reconnecting…")
    });
    assert!(
        read(&out_path).contains("the server is stopping"),
        "the stream's last line says why it ends:\n{}",
        read(&out_path)
    );
    assert!(tail.try_wait().unwrap().is_none(), "the tail keeps trying");

    // Back on the same address: the tail reconnects and shows what came after, once.
    server.start_again_with(&["--api", &api]);
    admin.tug(&["config:set", "SECOND=2", "-a", "calm"]).ok();
    wait_for("the tail to resume", || {
        read(&out_path).contains("Set SECOND config vars")
    });
    let _ = tail.kill();
    let _ = tail.wait();
    let shown = read(&out_path);
    assert_eq!(shown.matches("Set FIRST config vars").count(), 1, "{shown}");
    assert!(
        read(&err_path).contains("reconnected"),
        "{}",
        read(&err_path)
    );
}

/// Stopping the server while a build runs: `tug builds:output` following it ends with a line
/// saying why rather than just stopping. Here the stop cancels the build after its grace, and
/// the build's last line says so; a stream still open when the API closes ends with the log
/// tail's line instead (see `output_streams`' unit tests).
#[test]
fn shutdown_ends_a_followed_build_output_saying_why() {
    let mut server = TestServer::start_with(&["--stop-grace", "1"]);
    let admin = server.admin();
    admin.tug(&["create", "slow"]).ok();
    script_buildpack(
        &server,
        "slow",
        &admin.path().join("stuck"),
        "#!/bin/sh\necho Stuck\n",
        "#!/bin/sh\necho '-----> Waiting for the stop'\nexec sleep 600\n",
    );
    let dir = repo(&admin, &[("Procfile", "worker: sleep 600\n")]);
    let auth = format!(
        "http.extraHeader=Authorization: Bearer {}",
        server.admin_token
    );
    let mut pusher = std::process::Command::new("git");
    admin.apply_env(&mut pusher);
    let mut pusher = pusher
        .current_dir(&dir)
        .args([
            "-c",
            &auth,
            "push",
            &format!("{}/slow.git", server.api_url),
            "main",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the build to start", || {
        let builds = admin.tug(&["builds", "-a", "slow", "--json"]).ok().json();
        builds.as_array().is_some_and(|b| !b.is_empty())
    });
    let out_path = admin.path().join("output.out");
    let mut follower = admin
        .cmd(&["builds:output", "-a", "slow"])
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let read = || std::fs::read_to_string(&out_path).unwrap_or_default();
    wait_for("the output to be followed", || {
        read().contains("Waiting for the stop")
    });

    assert_eq!(server.stop(), Some(0), "{}", server.log());
    wait_for("the follower to end", || {
        follower.try_wait().unwrap().is_some()
    });
    let shown = read();
    assert!(
        shown.contains("the server is shutting down and could not wait for it to finish"),
        "the output says why it ends:\n{shown}"
    );
    let _ = pusher.kill();
    let _ = pusher.wait();
}

/// Ctrl-C on a tail is what the user meant: exit 130, no `error:`, nothing on stderr.
#[test]
fn ctrl_c_on_a_tail_is_quiet() {
    let server = TestServer::start();
    let admin = server.admin();
    admin.tug(&["create", "hush"]).ok();
    admin.tug(&["config:set", "A=1", "-a", "hush"]).ok();
    let mut pty = Pty::spawn(
        &admin,
        &["logs", "-a", "hush", "--tail"],
        120,
        Streams::StderrApart,
    );
    pty.expect("Set A config vars");
    pty.send("\x03");
    assert_eq!(pty.wait(), Some(130), "{}", pty.screen());
    assert_eq!(pty.stderr(), "", "nothing on stderr");

    // With stderr on the terminal too: a line end after `^C`, and no error.
    let mut pty = Pty::spawn(&admin, &["logs", "-a", "hush", "--tail"], 120, Streams::All);
    pty.expect("Set A config vars");
    pty.send("\x03");
    assert_eq!(pty.wait(), Some(130));
    let screen = pty.screen();
    assert!(!screen.contains("error"), "{screen}");
    assert!(screen.ends_with('\n'), "{screen:?}");
}

/// Mistyped commands and flags get the command people meant, by its `topic:verb` name.
#[test]
fn suggestions_name_the_full_command() {
    let server = TestServer::start();
    let admin = server.admin();
    let run = admin.tug(&["ps:scael", "web=1"]).code(2);
    assert!(
        run.stderr.contains("did you mean `tug ps:scale`?"),
        "{}",
        run.stderr
    );
    let run = admin.tug(&["relases"]).code(2);
    assert!(
        run.stderr.contains("did you mean `tug releases`?") && !run.stderr.contains("rename"),
        "{}",
        run.stderr
    );
    let run = admin.tug(&["ps", "--tail"]).code(2);
    assert!(
        run.stderr.contains("`--tail` is a flag of `tug logs`")
            && !run.stderr.contains("-- --tail"),
        "{}",
        run.stderr
    );
    // `--follow` and `-f` are `--tail`.
    admin.tug(&["create", "follow"]).ok();
    admin
        .tug(&["logs", "-a", "follow", "--follow", "--help"])
        .ok();
    admin.tug(&["logs", "-a", "follow", "-f", "--help"]).ok();
}

/// Once an app runs code, a release without code (v1, made with the app) cannot be rolled
/// back to: its release would say `v3` while the dynos kept running the current code.
#[test]
fn rollback_to_a_codeless_release_is_refused() {
    let server = TestServer::start();
    let admin = server.admin();
    crate::common::push::deploy(
        &server,
        &admin,
        "bare",
        &[("Procfile", "worker: sleep 600\n")],
    );
    admin
        .tug(&["releases:rollback", "v1", "-a", "bare"])
        .code(1)
        .stderr_has("v1 has no code to run");
    let r = server.http().call(
        "POST",
        "/apps/bare/releases",
        Some(&server.admin_token),
        Some(serde_json::json!({"release": "1"})),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert_eq!(r.body["id"], "invalid_params");
    // Nothing changed: the build's release is still the newest.
    let releases = admin.tug(&["releases", "-a", "bare", "--json"]).ok().json();
    assert_eq!(releases.as_array().map(Vec::len), Some(2), "{releases}");
}

/// Bash completion asks `tug` what fits: app names from the platform after `-a`, and the
/// `topic:verb` forms people type.
#[test]
fn bash_completes_app_names_and_topic_verbs() {
    let server = TestServer::start();
    let admin = server.admin();
    admin.tug(&["create", "alpha"]).ok();
    admin.tug(&["create", "beta"]).ok();
    let Some((script, path)) = completion_setup(&admin, "bash") else {
        return;
    };
    let complete = |words: &[&str]| -> Vec<String> {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let cword = words.len() - 1;
        let line = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={cword}; COMP_TYPE=9; \
             _clap_complete_tug tug '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            quoted.join(" "),
            words[cword],
            words[cword.saturating_sub(1)],
        );
        let mut cmd = std::process::Command::new("bash");
        admin.apply_env(&mut cmd);
        let out = cmd
            .args(["--norc", "--noprofile", "-c", &line])
            .env("PATH", &path)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let apps = complete(&["tug", "ps:scale", "-a", ""]);
    assert!(
        apps.contains(&"alpha".to_string()) && apps.contains(&"beta".to_string()),
        "{apps:?}"
    );
    let destroy = complete(&["tug", "apps:destroy", "al"]);
    assert_eq!(destroy, ["alpha"]);
    let verbs = complete(&["tug", "ps:sc"]);
    assert_eq!(verbs, ["ps:scale"]);
    // Three levels deep, too.
    let deep = complete(&["tug", "pg:backups:"]);
    assert!(deep.contains(&"pg:backups:capture".to_string()), "{deep:?}");
    // Every name offered at the top level is a command that runs: no alias of a verb (`add`)
    // offered as if it were one of `tug`'s.
    let top = complete(&["tug", ""]);
    assert!(top.contains(&"config:set".to_string()), "{top:?}");
    assert!(!top.contains(&"add".to_string()), "{top:?}");
    for candidate in top.iter().filter(|c| !c.starts_with('-')) {
        admin.tug(&[candidate, "--help"]).ok();
    }
    // No platform to ask: nothing offered, nothing printed.
    let mut cmd = std::process::Command::new("bash");
    let away = crate::common::Home::new("http://127.0.0.1:9").with_env("TUG_API_KEY", "x");
    away.apply_env(&mut cmd);
    let out = cmd
        .args([
            "--norc",
            "-c",
            &format!(
                "source '{}'; COMP_WORDS=(tug logs -a ''); COMP_CWORD=3; COMP_TYPE=9; \
                 _clap_complete_tug tug '' -a; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                script.display()
            ),
        ])
        .env("PATH", &path)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "");
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "");
}

/// A completion script of `tug`'s for `shell`, written into `home`, and a `PATH` that finds the
/// `tug` under test first. `None`, said loudly, where the machine has no such shell.
fn completion_setup(
    home: &crate::common::Home,
    shell: &str,
) -> Option<(std::path::PathBuf, String)> {
    let found = std::process::Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .stdin(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        crate::common::skip::skipped(format!(
            "`{shell}` is not installed, so its completions are not tested"
        ));
        return None;
    }
    let script = home.path().join(format!("tug.{shell}"));
    std::fs::write(&script, home.tug(&["completions", shell]).ok().stdout).unwrap();
    let bin_dir = std::path::Path::new(crate::common::TUG).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Some((script, path))
}

/// Runs `script` in `shell` as `home`; answers the lines it printed, each up to a tab (fish's
/// descriptions follow one).
fn shell_lines(home: &crate::common::Home, shell: &str, path: &str, script: &str) -> Vec<String> {
    let mut cmd = std::process::Command::new(shell);
    home.apply_env(&mut cmd);
    let flag = if shell == "fish" { "--no-config" } else { "-f" };
    let out = cmd
        .args([flag, "-c", script])
        .env("PATH", path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Fish completes app names from the platform through the generated script, asked as fish's
/// own `complete -C` asks when Tab is pressed.
#[test]
fn fish_completes_app_names() {
    let server = TestServer::start();
    let admin = server.admin();
    let Some((script, path)) = completion_setup(&admin, "fish") else {
        return;
    };
    admin.tug(&["create", "alpha"]).ok();
    admin.tug(&["create", "beta"]).ok();
    let complete = |line: &str| {
        let run = format!("source '{}'; complete -C '{line}'", script.display());
        shell_lines(&admin, "fish", &path, &run)
    };
    let apps = complete("tug ps:scale -a ");
    assert!(
        apps.contains(&"alpha".to_string()) && apps.contains(&"beta".to_string()),
        "{apps:?}"
    );
    assert_eq!(complete("tug apps:destroy al"), ["alpha"]);
}

/// Zsh completes app names from the platform through the generated script. Zsh's completion
/// widgets need a line editor, so `_describe`, which would offer the candidates, prints them.
#[test]
fn zsh_completes_app_names() {
    let server = TestServer::start();
    let admin = server.admin();
    let Some((script, path)) = completion_setup(&admin, "zsh") else {
        return;
    };
    admin.tug(&["create", "alpha"]).ok();
    admin.tug(&["create", "beta"]).ok();
    let complete = |words: &str, current: usize| {
        let run = format!(
            "compdef() {{ : }}; _describe() {{ local name=${{@[-1]}}; print -rl -- ${{(P)name}} }}; \
             source '{}'; words=({words}); CURRENT={current}; _clap_dynamic_completer_tug",
            script.display()
        );
        shell_lines(&admin, "zsh", &path, &run)
    };
    let apps = complete("tug ps:scale -a ''", 4);
    assert!(
        apps.contains(&"alpha".to_string()) && apps.contains(&"beta".to_string()),
        "{apps:?}"
    );
    assert_eq!(complete("tug apps:destroy al", 3), ["alpha"]);
}

/// Ctrl-C at a prompt: exit 130, the shell's next line starts clean, no error, nothing done.
#[test]
fn ctrl_c_at_the_destroy_prompt_is_quiet() {
    let server = TestServer::start();
    let admin = server.admin();
    admin.tug(&["create", "keep"]).ok();
    let mut pty = Pty::spawn(&admin, &["apps:destroy", "-a", "keep"], 120, Streams::All);
    pty.expect("To proceed, type keep");
    pty.send("\x03");
    assert_eq!(pty.wait(), Some(130), "{}", pty.screen());
    let screen = pty.screen();
    assert!(!screen.contains("error"), "{screen}");
    assert!(screen.ends_with('\n'), "{screen:?}");
    admin.tug(&["apps:info", "-a", "keep"]).ok();
}

/// `tug server users:add --password-stdin` on a terminal asks twice and shows nothing typed.
#[test]
fn users_add_asks_for_the_password_twice_hidden() {
    let data = tempfile::tempdir().unwrap();
    let home = crate::common::Home::new("http://127.0.0.1:9");
    let dir = data.path().display().to_string();
    let mut pty = Pty::spawn(
        &home,
        &[
            "server",
            "users:add",
            "dev@example.com",
            "--password-stdin",
            "--data-dir",
            &dir,
        ],
        120,
        Streams::All,
    );
    pty.expect("Password");
    pty.send("sekrit-pass-1\r");
    pty.expect("Password again");
    pty.send("sekrit-pass-1\r");
    assert_eq!(pty.wait(), Some(0), "{}", pty.screen());
    let screen = pty.screen();
    assert!(
        !screen.contains("sekrit"),
        "the password was echoed:\n{screen}"
    );
    assert!(screen.contains("Added dev@example.com"), "{screen}");
}

/// A one-off that the server stops on its way down: the client is told why its command ended.
#[test]
fn a_one_off_stopped_by_the_server_says_why() {
    let mut server = crate::common::dynos::start();
    let admin = server.admin();
    crate::common::push::deploy(
        &server,
        &admin,
        "brief",
        &[("Procfile", "web: python3 -m http.server $PORT\n")],
    );
    let out_path = admin.path().join("run.out");
    let err_path = admin.path().join("run.err");
    let mut run = admin
        .cmd(&["run", "-a", "brief", "--", "echo started; sleep 600"])
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap_or_default();
    wait_for("the one-off to start", || {
        read(&out_path).contains("started")
    });
    assert_eq!(server.stop(), Some(0), "{}", server.log());
    let status = crate::common::wait::wait_until(
        "the one-off's client to end",
        crate::common::wait::DEADLINE,
        || run.try_wait().unwrap(),
    );
    assert!(!status.success());
    assert!(
        read(&err_path).contains("tug server is stopping: the one-off dyno was stopped"),
        "{}",
        read(&err_path)
    );
}
