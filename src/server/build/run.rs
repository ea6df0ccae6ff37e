//! Running buildpack scripts and git: each child leads its own process group, reads nothing from
//! stdin, and is killed with everything it started when the deadline passes. When it exits, the
//! rest of its group is killed too, so a build never leaves processes behind.

use std::io;
use std::pin::Pin;
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use rustix::process::{Pid, Signal, kill_process_group};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

use crate::server::lines::each_line_live;
use crate::server::sandbox;

/// How long to wait for output still in the pipes once the process group is gone.
const DRAIN_GRACE: Duration = Duration::from_secs(2);

/// A line longer than this is passed on in pieces.
const MAX_LINE: usize = 16 * 1024;

/// How often a line still being written is passed on as it stands.
const UNFINISHED_EVERY: Duration = Duration::from_millis(100);

/// How a child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    Exited(ExitStatus),
    TimedOut,
}

/// What a captured child printed.
#[derive(Debug)]
pub struct Captured {
    pub finished: Finished,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Kills a process group once: explicitly, or when dropped (the build was cancelled).
struct Group(Option<i32>);

impl Group {
    fn kill(&mut self) {
        if let Some(raw) = self.0.take() {
            // Never signal init or "every process": only a real child's group.
            if raw > 1
                && let Some(pid) = Pid::from_raw(raw)
            {
                let _ = kill_process_group(pid, Signal::KILL);
            }
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

/// What a build runs: a plain command, or one inside the wall.
pub enum Script {
    Plain(Command),
    Walled(sandbox::Launch),
}

impl From<Command> for Script {
    fn from(cmd: Command) -> Script {
        Script::Plain(cmd)
    }
}

type Output = Pin<Box<dyn AsyncRead + Send>>;

/// A script that started, with its output (and its error output when asked for).
struct Started {
    child: sandbox::Child,
    group: Group,
    stdout: Option<Output>,
    stderr: Option<Output>,
}

/// Starts `script` in a process group of its own, reading nothing; its error output goes
/// nowhere unless `errors`.
async fn start(script: Script, errors: bool) -> io::Result<Started> {
    let (child, stdout, stderr) = match script {
        Script::Plain(mut cmd) => {
            cmd.process_group(0)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(if errors {
                    Stdio::piped()
                } else {
                    Stdio::null()
                })
                .kill_on_drop(true);
            let mut child = spawn(&mut cmd).await?;
            let stdout = child.stdout.take().map(|s| Box::pin(s) as Output);
            let stderr = child.stderr.take().map(|s| Box::pin(s) as Output);
            (sandbox::Child::Direct(child), stdout, stderr)
        }
        // The helper leads a group of its own; killing it ends everything inside.
        Script::Walled(launch) => {
            let streams = sandbox::Streams::piped(false, errors)?;
            let process = launch.spawn(streams.fds()).await?;
            let stdout = streams.stdout.map(|s| Box::pin(s) as Output);
            let stderr = streams.stderr.map(|s| Box::pin(s) as Output);
            (sandbox::Child::Walled(process), stdout, stderr)
        }
    };
    let group = Group(child.id().and_then(|id| i32::try_from(id).ok()));
    Ok(Started {
        child,
        group,
        stdout,
        stderr,
    })
}

/// Spawn, retrying while the program is "text file busy": a script written moments ago can
/// still be open for writing in a child that another thread forked but has not yet exec'd.
async fn spawn(cmd: &mut Command) -> io::Result<tokio::process::Child> {
    let busy = rustix::io::Errno::TXTBSY.raw_os_error();
    let mut attempts = 0;
    loop {
        match cmd.spawn() {
            Err(e) if e.raw_os_error() == Some(busy) && attempts < 100 => {
                attempts += 1;
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            other => return other,
        }
    }
}

/// Wait for the child until `deadline`, then kill its whole group either way.
async fn finish(
    child: &mut sandbox::Child,
    group: &mut Group,
    deadline: Instant,
) -> io::Result<Finished> {
    let finished = match tokio::time::timeout_at(deadline, child.wait()).await {
        Ok(status) => Finished::Exited(status?),
        Err(_) => {
            group.kill();
            let _ = child.wait().await;
            Finished::TimedOut
        }
    };
    group.kill();
    Ok(finished)
}

async fn read_limited<R: AsyncRead + Unpin>(reader: Option<R>, limit: usize) -> Vec<u8> {
    let mut buf = Vec::new();
    let Some(mut reader) = reader else {
        return buf;
    };
    let mut chunk = [0u8; 8192];
    loop {
        match reader.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = limit.saturating_sub(buf.len());
                buf.extend_from_slice(&chunk[..n.min(room)]);
            }
        }
    }
    buf
}

/// Run to completion, keeping at most `limit` bytes of stdout and of stderr.
pub async fn capture(
    script: impl Into<Script>,
    deadline: Instant,
    limit: usize,
) -> io::Result<Captured> {
    let Started {
        mut child,
        mut group,
        stdout,
        stderr,
    } = start(script.into(), true).await?;
    let mut readers = tokio::spawn(async move {
        tokio::join!(read_limited(stdout, limit), read_limited(stderr, limit))
    });
    let finished = finish(&mut child, &mut group, deadline).await?;
    let (stdout, stderr) = match tokio::time::timeout(DRAIN_GRACE, &mut readers).await {
        Ok(Ok(out)) => out,
        _ => {
            readers.abort();
            (Vec::new(), Vec::new())
        }
    };
    Ok(Captured {
        finished,
        stdout,
        stderr,
    })
}

/// Run to completion, sending each line of stdout to `out` as it comes (the caller merges stderr
/// into stdout, for instance with `exec 2>&1` in a wrapper script).
pub async fn stream(
    script: impl Into<Script>,
    deadline: Instant,
    out: &UnboundedSender<String>,
) -> io::Result<Finished> {
    let Started {
        mut child,
        mut group,
        stdout,
        ..
    } = start(script.into(), false).await?;
    let tx = out.clone();
    let mut reader = tokio::spawn(async move {
        if let Some(stdout) = stdout {
            forward_lines(stdout, &tx).await;
        }
    });
    let finished = finish(&mut child, &mut group, deadline).await?;
    if tokio::time::timeout(DRAIN_GRACE, &mut reader)
        .await
        .is_err()
    {
        reader.abort();
    }
    Ok(finished)
}

/// Split a byte stream into lines for the build output (see [`crate::server::lines`]). A line
/// still being written (a progress display, `10 %\r60 %\r`, or a row of dots) is passed on as
/// it stands every [`UNFINISHED_EVERY`], marked by a final `\r` (see [`unfinished`]), so the
/// pusher sees it as it is drawn; the finished line follows whole.
async fn forward_lines<R: AsyncRead + Unpin>(reader: R, out: &UnboundedSender<String>) {
    each_line_live(
        reader,
        MAX_LINE,
        UNFINISHED_EVERY,
        |piece, is_unfinished| {
            let mut text = clean_line(piece);
            if is_unfinished {
                text.push('\r');
            }
            let _ = out.send(text);
        },
    )
    .await;
}

/// What there is so far of a line still being written, for a piece [`stream`] passed on with
/// a final `\r` (it will be drawn again); `None` for a finished line, which never ends in `\r`.
pub fn unfinished(piece: &str) -> Option<&str> {
    piece.strip_suffix('\r')
}

pub fn clean_line(bytes: &[u8]) -> String {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    let visible = match bytes.iter().rposition(|&b| b == b'\r') {
        Some(pos) => &bytes[pos + 1..],
        None => bytes,
    };
    String::from_utf8_lossy(visible).into_owned()
}

/// `exit status 3`, `killed by signal 9`.
pub fn describe(status: &ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        (None, None) => "unknown exit status".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_lines() {
        assert_eq!(clean_line(b"plain"), "plain");
        assert_eq!(clean_line(b"crlf\r"), "crlf");
        assert_eq!(clean_line(b"10%\r20%\r30%"), "30%");
        assert_eq!(clean_line(b"\xff ok"), "\u{fffd} ok");
    }

    #[tokio::test]
    async fn streams_lines_and_long_lines_in_pieces() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg("exec 2>&1; echo one; echo two >&2; printf 'x%.0s' $(seq 1 20000); printf 'tail'");
        let finished = stream(cmd, Instant::now() + Duration::from_secs(10), &tx)
            .await
            .expect("run");
        assert!(matches!(finished, Finished::Exited(s) if s.success()));
        drop(tx);
        let mut lines = Vec::new();
        while let Some(line) = rx.recv().await {
            lines.push(line);
        }
        assert_eq!(lines[0], "one");
        assert_eq!(lines[1], "two");
        assert_eq!(lines[2].len(), MAX_LINE);
        assert!(lines.last().expect("last").ends_with("tail"));
    }

    #[tokio::test]
    async fn deadline_kills_the_whole_group() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pidfile = dir.path().join("bg.pid");
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg("sleep 30 & echo $! > \"$1\"; echo started; sleep 30")
            .arg("bash")
            .arg(&pidfile);
        let started = std::time::Instant::now();
        let captured = capture(cmd, Instant::now() + Duration::from_millis(500), 1024)
            .await
            .expect("run");
        assert_eq!(captured.finished, Finished::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(captured.stdout, b"started\n");
        let pid = std::fs::read_to_string(&pidfile).expect("pid");
        let proc_dir = format!("/proc/{}", pid.trim());
        // Killed processes are reaped by init shortly after.
        for _ in 0..50 {
            if !std::path::Path::new(&proc_dir).exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let state = std::fs::read_to_string(format!("{proc_dir}/stat")).unwrap_or_default();
        assert!(state.is_empty() || state.contains(" Z "), "{state}");
    }

    #[tokio::test]
    async fn captures_exit_status_and_limits_output() {
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg("head -c 5000 /dev/zero; echo err >&2; exit 3");
        let captured = capture(cmd, Instant::now() + Duration::from_secs(10), 100)
            .await
            .expect("run");
        match captured.finished {
            Finished::Exited(status) => assert_eq!(describe(&status), "exit status 3"),
            other => panic!("{other:?}"),
        }
        assert_eq!(captured.stdout.len(), 100);
        assert_eq!(captured.stderr, b"err\n");
    }
}
