//! `tug server stop`: finding the running server by its data dir, and stopping it in order.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use crate::server::default_data_dir;

/// `tug server stop`: SIGTERM to the server recorded in `DIR/server.json`, then wait for it.
#[allow(clippy::print_stderr)]
pub fn stop(data_dir: Option<PathBuf>) -> anyhow::Result<crate::ExitStatus> {
    use rustix::process::{Pid, Signal, kill_process, test_kill_process};
    let data_dir = match data_dir {
        Some(d) => d,
        None => default_data_dir()?,
    };
    let state_file = data_dir.join("server.json");
    let text = match fs::read_to_string(&state_file) {
        Ok(t) => t,
        Err(_) => anyhow::bail!(
            "no `tug server` is running with the data dir `{}`",
            data_dir.display()
        ),
    };
    let pid = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v["pid"].as_i64())
        .and_then(|p| i32::try_from(p).ok())
        .and_then(Pid::from_raw)
        .ok_or_else(|| anyhow::anyhow!("`{}` has no valid pid", state_file.display()))?;
    // Only the process that holds the data dir's lock is the server: a stale `server.json`
    // may name a pid that now belongs to anything else.
    if !holds_lock(pid.as_raw_nonzero().get(), &data_dir.join("server.lock")) {
        let _ = fs::remove_file(&state_file);
        anyhow::bail!(
            "no `tug server` is running with the data dir `{}` (`server.json` was left by one that is gone)",
            data_dir.display()
        );
    }
    if kill_process(pid, Signal::TERM).is_err() {
        let _ = fs::remove_file(&state_file);
        anyhow::bail!(
            "the server recorded in `{}` (pid {}) is not running",
            state_file.display(),
            pid.as_raw_nonzero()
        );
    }
    // The server lets running builds finish, then dynos stop, each within its grace; past
    // both (and a margin for the rest), it is stuck and gets SIGKILL.
    let grace = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v["stop_grace"].as_f64())
        .filter(|g| g.is_finite() && (0.0..=86_400.0).contains(g))
        .unwrap_or(30.0);
    let limit = std::time::Duration::from_secs_f64(2.0 * grace + 15.0);
    eprintln!(
        "Stopping the tug server (pid {}): waiting for running builds to finish and dynos to stop (up to {} s, then SIGKILL)…",
        pid.as_raw_nonzero(),
        limit.as_secs()
    );
    let deadline = std::time::Instant::now() + limit;
    while test_kill_process(pid).is_ok() {
        if std::time::Instant::now() > deadline {
            let _ = kill_process(pid, Signal::KILL);
            let _ = fs::remove_file(&state_file);
            anyhow::bail!(
                "the server (pid {}) did not stop within {} s and was killed",
                pid.as_raw_nonzero(),
                limit.as_secs()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    eprintln!("Stopped the tug server (pid {}).", pid.as_raw_nonzero());
    Ok(crate::ExitStatus::Success)
}

/// Whether process `pid` holds the lock on `path` (from `/proc/locks`). Without `/proc/locks`,
/// whether anyone holds it.
fn holds_lock(pid: i32, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let Ok(file) = File::open(path) else {
        return false;
    };
    if file.try_lock().is_ok() {
        return false;
    }
    let (Ok(meta), Ok(locks)) = (file.metadata(), fs::read_to_string("/proc/locks")) else {
        return true;
    };
    // `1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF`: pid, then major:minor:inode.
    locks.lines().any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let owner = fields.get(4).and_then(|p| p.parse::<i32>().ok());
        let inode = fields
            .get(5)
            .and_then(|d| d.rsplit(':').next())
            .and_then(|i| i.parse::<u64>().ok());
        fields.get(1) == Some(&"FLOCK") && owner == Some(pid) && inode == Some(meta.ino())
    })
}
