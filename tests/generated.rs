//! `completions/` and `man/` are generated from the clap command tree and checked in. This test
//! renders them in memory and compares byte for byte; with `TUG_UPDATE_GENERATED=1` it writes
//! them instead.

use std::path::{Path, PathBuf};

use tug::cli::commands::completions::{completion_files, man_pages};

const UPDATE: &str = "TUG_UPDATE_GENERATED";

fn check(dir: &Path, files: Vec<(String, Vec<u8>)>, stale: &mut Vec<String>) {
    let update = std::env::var_os(UPDATE).is_some();
    if update {
        std::fs::create_dir_all(dir).expect("create dir");
    }
    for (name, contents) in &files {
        let path = dir.join(name);
        if std::fs::read(&path).ok().as_ref() != Some(contents) {
            if update {
                std::fs::write(&path, contents).expect("write generated file");
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    // Files for commands that no longer exist.
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !files.iter().any(|(n, _)| *n == name) {
            if update {
                std::fs::remove_file(entry.path()).expect("remove stale file");
            } else {
                stale.push(format!("{} (no longer generated)", entry.path().display()));
            }
        }
    }
}

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    check(&root.join("completions"), completion_files(), &mut stale);
    check(
        &root.join("man"),
        man_pages().expect("render man pages"),
        &mut stale,
    );
    assert!(
        stale.is_empty(),
        "generated files are stale:\n  {}\nrun `TUG_UPDATE_GENERATED=1 cargo test --test integration generated`",
        stale.join("\n  ")
    );
}
