//! An isolated HOME in which the real `tug` binary runs, and the outcome of one run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

pub const TUG: &str = env!("CARGO_BIN_EXE_tug");

/// Environment variables a test run must not inherit from the developer's shell.
pub(super) const SCRUBBED: &[&str] = &[
    "TUG_ALLOW_PRIVATE_URLS",
    "TUG_BUILDPACK_DIRS",
    "TUG_API_URL",
    "TUG_API_KEY",
    "TUG_APP",
    "TUG_DATA_DIR",
    "TUG_SERVER_API",
    "TUG_SERVER_ROUTER",
    "TUG_DOMAIN",
    "TUG_TLS_CERT",
    "TUG_TLS_KEY",
    "TUG_MAX_QUANTITY",
    "TUG_BOOT_TIMEOUT",
    "TUG_STOP_GRACE",
    "TUG_RESTART_BACKOFF",
    "TUG_SECRET_KEY_FILE",
    "TUG_CONFIG_DIR",
    "TUG_RUNTIME",
    "TUG_REGISTRY",
    "DBUS_SESSION_BUS_ADDRESS",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "FORCE_COLOR",
    "CLICOLOR_FORCE",
];

/// An isolated HOME (config, credentials, XDG dirs) in which `tug` runs.
pub struct Home {
    pub dir: TempDir,
    env: Vec<(String, String)>,
    cwd: Option<PathBuf>,
}

impl Home {
    pub fn new(api_url: &str) -> Home {
        let dir = tempfile::tempdir().expect("temp home");
        Home {
            dir,
            env: vec![("TUG_API_URL".into(), api_url.into())],
            cwd: None,
        }
    }

    pub fn with_env(mut self, key: &str, value: &str) -> Home {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn without_env(mut self, key: &str) -> Home {
        self.env.retain(|(k, _)| k != key);
        self
    }

    /// Runs `tug` from this directory instead of HOME.
    pub fn in_dir(mut self, dir: &Path) -> Home {
        self.cwd = Some(dir.to_path_buf());
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A `tug` command with this HOME's environment, not yet run.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(TUG);
        cmd.args(args);
        self.apply_env(&mut cmd);
        cmd
    }

    /// Applies this HOME's environment to any command (git, for example).
    pub fn apply_env(&self, cmd: &mut Command) {
        let home = self.dir.path();
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        cmd.env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_RUNTIME_DIR", home.join(".run"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Ada")
            .env("GIT_AUTHOR_EMAIL", "ada@example.com")
            .env("GIT_COMMITTER_NAME", "Ada")
            .env("GIT_COMMITTER_EMAIL", "ada@example.com")
            .env("NO_COLOR", "1")
            .env("TERM", "dumb")
            .current_dir(self.cwd.as_deref().unwrap_or(home));
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
    }

    /// Runs `tug ARGS` with no stdin.
    pub fn tug(&self, args: &[&str]) -> Run {
        let mut cmd = self.cmd(args);
        cmd.stdin(Stdio::null());
        Run::from(cmd.output().expect("run tug"), args)
    }

    /// Runs `tug ARGS` with `input` on stdin.
    pub fn tug_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut cmd = self.cmd(args);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn tug");
        let written = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes());
        // A command that refuses its arguments exits without reading its input; on a busy
        // machine it may be gone before the input is written.
        if let Err(e) = written
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            panic!("write stdin: {e}");
        }
        Run::from(child.wait_with_output().expect("wait tug"), args)
    }
}

/// The outcome of one `tug` run.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output, args: &[&str]) -> Run {
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Asserts exit 0 and returns self.
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code,
            Some(0),
            "tug {:?} failed:\n{}",
            self.args,
            self.describe()
        );
        self
    }

    /// Asserts the given exit code and returns self.
    #[track_caller]
    pub fn code(self, code: i32) -> Run {
        assert_eq!(
            self.code,
            Some(code),
            "tug {:?}:\n{}",
            self.args,
            self.describe()
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.describe()
        );
        self
    }

    /// Parses stdout as one JSON document.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.describe()))
    }

    pub fn describe(&self) -> String {
        format!(
            "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs a command and asserts it succeeded (git, for example).
#[track_caller]
pub fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run command");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
