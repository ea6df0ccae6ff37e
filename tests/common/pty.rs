//! `tug` (or another CLI) in a pseudo-terminal, as a person runs it: the terminal is its controlling terminal
//! (so Ctrl-C typed there sends SIGINT), and the test reads the screen's bytes and types keys.

use std::fs::File;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::home::{Home, TUG};
use super::wait::{DEADLINE, poll};

/// A running `tug` (or another program) on a terminal of its own.
pub struct Pty {
    child: Child,
    master: File,
    screen: Arc<Mutex<Vec<u8>>>,
    /// Copies the terminal's output into `screen` until the last writer closes it.
    reader: std::thread::JoinHandle<()>,
    /// stderr, when it was kept off the terminal.
    stderr: Option<Arc<Mutex<Vec<u8>>>>,
}

/// Which of the standard streams are the terminal.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Streams {
    /// stdin, stdout and stderr.
    All,
    /// stdin and stdout; stderr is a pipe the test reads apart.
    StderrApart,
}

impl Pty {
    /// Starts `tug ARGS` in `home` on a new terminal of `cols` columns.
    pub fn spawn(home: &Home, args: &[&str], cols: u16, streams: Streams) -> Pty {
        Pty::spawn_program(TUG.as_ref(), args, cols, streams, |cmd| home.apply_env(cmd))
    }

    /// Starts `PROGRAM ARGS` on a new terminal of `cols` columns, its environment and
    /// directory set by `setup` (`TERM` and `COLUMNS` are the terminal's).
    pub fn spawn_program(
        program: &std::path::Path,
        args: &[&str],
        cols: u16,
        streams: Streams,
        setup: impl FnOnce(&mut Command),
    ) -> Pty {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let size = rustix::termios::Winsize {
            ws_row: 40,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        rustix::termios::tcsetwinsize(&master, size).expect("window size");
        let slave = || {
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(name.to_str().expect("pty name"))
                .expect("open pty")
        };
        // `setsid --ctty` starts a session whose controlling terminal is stdin: the terminal's
        // Ctrl-C reaches `tug` as a signal, as it does from a shell.
        let mut cmd = Command::new("setsid");
        cmd.arg("--ctty").arg(program).args(args);
        setup(&mut cmd);
        cmd.env("TERM", "xterm-256color")
            .env("COLUMNS", cols.to_string())
            .stdin(slave())
            .stdout(slave());
        let stderr = match streams {
            Streams::All => {
                cmd.stderr(slave());
                None
            }
            Streams::StderrApart => {
                cmd.stderr(Stdio::piped());
                Some(Arc::new(Mutex::new(Vec::new())))
            }
        };
        let mut child = cmd.spawn().expect("spawn a program on a terminal");
        let mut reader = File::from(master.try_clone().expect("dup pty"));
        let screen = Arc::new(Mutex::new(Vec::new()));
        let sink = screen.clone();
        let reader = std::thread::spawn(move || copy_into(&mut reader, &sink));
        if let (Some(buf), Some(mut pipe)) = (&stderr, child.stderr.take()) {
            let sink = buf.clone();
            std::thread::spawn(move || copy_into(&mut pipe, &sink));
        }
        Pty {
            child,
            master: File::from(master),
            screen,
            reader,
            stderr,
        }
    }

    /// Everything the terminal showed so far, as text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.screen.lock().expect("screen")).into_owned()
    }

    /// What went to stderr when it was kept apart.
    pub fn stderr(&self) -> String {
        let buf = self.stderr.as_ref().expect("stderr was kept apart");
        String::from_utf8_lossy(&buf.lock().expect("stderr")).into_owned()
    }

    /// Waits until the screen shows `needle`; panics with the screen after [`DEADLINE`].
    #[track_caller]
    pub fn expect(&self, needle: &str) {
        let shown = poll(DEADLINE, || self.screen().contains(needle));
        assert!(
            shown,
            "the terminal never showed {needle:?}:\n{}",
            self.screen()
        );
    }

    /// Types `keys` as a person would (`\x03` is Ctrl-C, `\r` is Enter).
    pub fn send(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).expect("type");
        self.master.flush().expect("type");
    }

    /// Waits for the exit and returns its code; panics with the screen after [`DEADLINE`].
    #[track_caller]
    pub fn wait(&mut self) -> Option<i32> {
        let mut status = None;
        let exited = poll(DEADLINE, || {
            status = self.child.try_wait().ok().flatten();
            status.is_some()
        });
        if !exited {
            let _ = self.child.kill();
            let _ = self.child.wait();
            panic!("the program did not exit:\n{}", self.screen());
        }
        // The last bytes are read once the terminal has no writer left.
        poll(Duration::from_secs(5), || self.reader.is_finished());
        status.and_then(|s| s.code())
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_into(from: &mut impl Read, sink: &Mutex<Vec<u8>>) {
    let mut buf = [0u8; 4096];
    loop {
        match from.read(&mut buf) {
            // EIO once the terminal's last user closes it.
            Ok(0) | Err(_) => return,
            Ok(n) => sink.lock().expect("sink").extend_from_slice(&buf[..n]),
        }
    }
}
