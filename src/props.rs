//! Settings shared by the property tests (`mod props` beside each parser of outside input).
//!
//! `PROPTEST_CASES` sets how many cases each property runs; without it every property runs a
//! modest default so that `cargo test` stays fast. Failures are not written to
//! `proptest-regressions/` files: a failure found becomes a plain `#[test]` with the minimal
//! input, next to the parser's other tests.

use proptest::test_runner::Config;

/// The settings for one property: `PROPTEST_CASES` when set, else `default_cases`.
pub fn config(default_cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Whether every piece of `error` written between backticks is a piece of `input` or one of the
/// grammar's own `words`: an error may quote what it was given, nothing else. Backticks in the
/// input itself make the quoting ambiguous, so such inputs pass.
pub fn quotes_only(error: &str, input: &str, words: &[&str]) -> bool {
    input.contains('`')
        || error
            .split('`')
            .skip(1)
            .step_by(2)
            .all(|quoted| input.contains(quoted) || words.contains(&quoted))
}

/// Every entry under `dir`, without following symlinks: its path relative to `dir` and its own
/// metadata, sorted by path. Folders that cannot be read are skipped.
pub fn entries_under(dir: &std::path::Path) -> Vec<(String, std::fs::Metadata)> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            let Ok(rel) = entry
                .path()
                .strip_prefix(dir)
                .map(|p| p.to_string_lossy().into_owned())
            else {
                continue;
            };
            if meta.is_dir() {
                stack.push(entry.path());
            }
            out.push((rel, meta));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
