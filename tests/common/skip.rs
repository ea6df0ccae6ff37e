//! The one way a test says it could not run here. cargo shows nothing a passing test prints,
//! so besides printing, each skip is appended as a line to a file (`TUG_SKIPS_FILE`, else
//! `skipped.txt` in cargo's tmp dir for integration tests); `.ci/run` empties it before the
//! tests and prints every line of it at the end.

use std::io::Write;
use std::path::PathBuf;

/// Where skips are listed: `TUG_SKIPS_FILE` when set (`.ci/run` sets it), else
/// `target/tmp/skipped.txt`.
pub fn skips_file() -> PathBuf {
    match std::env::var_os("TUG_SKIPS_FILE") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("skipped.txt"),
    }
}

/// Says that the running test (or a part of it, as `why` tells) did not run, and why. The test
/// is named by its thread, which the test harness names after it.
pub fn skipped(why: impl std::fmt::Display) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let line = format!("{test}: {why}");
    eprintln!("\n!!!!! SKIPPED {line} !!!!!\n");
    let path = skips_file();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // One short write per line under O_APPEND: tests skipping at once do not interleave.
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(format!("{}\n", line.replace('\n', " ")).as_bytes()));
    if let Err(e) = written {
        eprintln!("cannot list the skip in {}: {e}", path.display());
    }
}
