//! The CLI in a person's hands: a pseudo-terminal for Ctrl-C and prompts, and a tail that
//! outlives the server it follows.

use std::process::Stdio;

use crate::common::pty::{Pty, Streams};
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
    assert_eq!(server.stop(), Some(0), "{}", server.log());
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
