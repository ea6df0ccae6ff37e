//! `compile()` end to end, with real bash buildpacks from `tests/fixtures/buildpacks`, real git
//! repositories made on the fly, a tarball served over local HTTP, and the built-ins on tiny apps.

use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::TempDir;

use super::*;

mod builtins;
mod fetched_buildpacks;
mod versions;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/buildpacks/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

struct Build {
    _tmp: TempDir,
    root: PathBuf,
    req: CompileRequest,
}

impl Build {
    /// An app made of `files`, built with `buildpacks`.
    fn new(files: &[(&str, &str)], buildpacks: &[&str]) -> Build {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().to_owned();
        let app = root.join("app");
        std::fs::create_dir_all(&app).expect("mkdir");
        for (path, text) in files {
            let path = app.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let req = CompileRequest {
            source_dir: app,
            buildpacks: buildpacks.iter().map(|s| (*s).to_owned()).collect(),
            config: BTreeMap::new(),
            source_version: Some("0123456789abcdef0123456789abcdef01234567".to_owned()),
            stack: "local".to_owned(),
            cache_dir: root.join("cache"),
            buildpack_cache: root.join("buildpacks"),
            work_dir: root.join("work"),
            slug_path: root.join("slug.tgz"),
            compile_timeout: Duration::from_secs(60),
            max_slug_bytes: DEFAULT_MAX_SLUG_BYTES,
            sandbox: None,
        };
        Build {
            _tmp: tmp,
            root,
            req,
        }
    }

    fn app(&self) -> &Path {
        &self.req.source_dir
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.app().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Build again from a fresh copy of the app files, keeping the caches.
    fn rebuild_source(&mut self, files: &[(&str, &str)]) {
        let _ = std::fs::remove_dir_all(&self.req.source_dir);
        let _ = std::fs::remove_dir_all(&self.req.work_dir);
        std::fs::create_dir_all(&self.req.source_dir).expect("mkdir");
        for (path, text) in files {
            std::fs::write(self.req.source_dir.join(path), text).expect("write");
        }
    }

    async fn run(&self) -> (Result<CompileOutcome, BuildError>, Vec<String>) {
        run_request(self.req.clone()).await
    }
}

async fn run_request(req: CompileRequest) -> (Result<CompileOutcome, BuildError>, Vec<String>) {
    crate::server::outbound::allow_everything();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let result = compile(req, tx).await;
    let mut lines = Vec::new();
    while let Some(line) = rx.recv().await {
        lines.push(line);
    }
    (result, lines)
}

fn has_line(lines: &[String], wanted: &str) -> bool {
    lines.iter().any(|l| l == wanted)
}

/// Path → (is symlink, contents or link target) for every entry of a slug.
fn slug_entries(path: &Path) -> BTreeMap<String, (bool, String)> {
    let file = std::fs::File::open(path).expect("slug");
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut entries = BTreeMap::new();
    for entry in archive.entries().expect("entries") {
        let mut entry = entry.expect("entry");
        let name = entry.path().expect("path").to_string_lossy().into_owned();
        let symlink = entry.header().entry_type() == tar::EntryType::Symlink;
        let body = if symlink {
            entry
                .link_name()
                .expect("link")
                .map(|l| l.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            let mut text = String::new();
            let _ = entry.read_to_string(&mut text);
            text
        };
        entries.insert(name, (symlink, body));
    }
    entries
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=tug", "-c", "user.email=tug@localhost"])
        .args(args)
        .env_remove("GIT_DIR")
        .output()
        .expect("git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// Whether `tool` is missing, with a notice that the test is skipped.
#[allow(clippy::print_stderr)]
fn tool_missing(tool: &str) -> bool {
    let found = std::process::Command::new(tool)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        eprintln!("skipping: `{tool}` is not installed on this machine");
    }
    !found
}

#[tokio::test]
async fn compile_gets_env_dir_source_version_clean_env_and_exports() {
    let mut build = Build::new(
        &[("index.html", "hi")],
        &[&fixture("exporter"), &fixture("recorder")],
    );
    build.req.config = BTreeMap::from([
        ("DATABASE_URL".to_owned(), "postgres://db/app".to_owned()),
        ("MULTI_LINE".to_owned(), "one\ntwo\n".to_owned()),
        ("../escape".to_owned(), "ignored".to_owned()),
    ]);
    // cargo sets CARGO_MANIFEST_DIR for the test process; the build's clean environment must
    // not have it.
    assert!(std::env::var_os("CARGO_MANIFEST_DIR").is_some());

    let (result, lines) = build.run().await;
    let outcome = result.expect("build");
    assert_eq!(
        outcome.buildpacks,
        vec![fixture("exporter"), fixture("recorder")]
    );
    assert_eq!(outcome.buildpack_description.as_deref(), Some("Recorder"));
    assert!(outcome.process_types.is_empty());

    assert_eq!(lines[0], "-----> Building on the local stack");
    for wanted in [
        "-----> Using buildpacks:",
        &format!("       1. {}", fixture("exporter")),
        "-----> Exporter app detected",
        "-----> Installing the greet tool",
        "-----> Recorder app detected",
        "-----> Recording the build environment",
        "       written to stderr",
        "-----> Discovering process types",
        "       Procfile declares types -> (none)",
    ] {
        assert!(has_line(&lines, wanted), "{wanted:?} in {lines:#?}");
    }
    assert!(
        lines
            .last()
            .expect("last")
            .starts_with("-----> Compressing... done, ")
    );

    assert_eq!(build.read("recorded/env/DATABASE_URL"), "postgres://db/app");
    assert_eq!(build.read("recorded/env/MULTI_LINE"), "one\ntwo\n");
    assert!(!build.app().join("recorded/env/..").join("escape").exists());
    assert_eq!(
        build.read("recorded/source_version").trim(),
        "0123456789abcdef0123456789abcdef01234567"
    );
    let environ = build.read("recorded/environ");
    for wanted in [
        "STACK=local",
        "SOURCE_VERSION=0123456789abcdef0123456789abcdef01234567",
        "FROM_EXPORTER=hello from exporter",
        &format!("HOME={}", build.root.join("work/home").display()),
    ] {
        assert!(
            environ.lines().any(|l| l == wanted),
            "{wanted} in {environ}"
        );
    }
    assert!(!environ.contains("DATABASE_URL"), "{environ}");
    assert!(!environ.contains("CARGO_MANIFEST_DIR"), "{environ}");
    assert_eq!(
        build.read("recorded/greeting").trim(),
        "hello from the exported tool"
    );
    let work = build.root.join("work");
    assert_eq!(
        build.read("recorded/args"),
        format!(
            "{}\n{}\n{}\n",
            build.app().display(),
            build.root.join("cache").display(),
            work.join("env").display()
        )
    );
    assert_eq!(
        build.read("recorded/pwd").trim(),
        build.app().to_string_lossy()
    );
    assert_eq!(build.read("recorded/cache_count").trim(), "1");

    // The export file went into this build's copy of the buildpack, not the source.
    assert!(!Path::new(&fixture("exporter")).join("export").exists());

    let entries = slug_entries(&build.req.slug_path);
    assert!(entries.contains_key("./app/index.html"));
    assert!(entries.contains_key("./app/recorded/environ"));
    assert!(entries.keys().all(|k| k.starts_with("./app/")));
    let bytes = std::fs::read(&build.req.slug_path).expect("slug");
    assert_eq!(outcome.size, bytes.len() as u64);
    assert!(outcome.checksum.starts_with("SHA256:"));
    assert_eq!(outcome.checksum.len(), "SHA256:".len() + 64);

    // The cache dir persists between builds of the app.
    build.rebuild_source(&[("index.html", "hi again")]);
    let (result, _) = build.run().await;
    result.expect("second build");
    assert_eq!(build.read("recorded/cache_count").trim(), "2");
}

#[tokio::test]
async fn compile_failure_names_the_buildpack_and_exit_status() {
    let build = Build::new(&[("x", "")], &[&fixture("failing")]);
    let (result, lines) = build.run().await;
    let err = result.expect_err("must fail");
    assert!(
        matches!(&err, BuildError::CompileFailed { code: Some(3), .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("(exit status 3)"), "{err}");
    assert!(has_line(&lines, "-----> Failing on purpose"));
    assert!(has_line(&lines, "boom"));
    assert!(!build.req.slug_path.exists());
}

#[tokio::test]
async fn explicit_buildpack_must_detect_and_stderr_is_reported() {
    let build = Build::new(&[("x", "")], &[&fixture("picky"), &fixture("recorder")]);
    let (result, lines) = build.run().await;
    let err = result.expect_err("must fail");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "app not compatible with buildpack `{}`",
            fixture("picky")
        )),
        "{message}"
    );
    assert!(
        message.ends_with("`\n       picky needs a picky.txt"),
        "{message}"
    );
    assert!(!lines.iter().any(|l| l.contains("picky needs")));
    // Nothing compiled.
    assert!(!build.app().join("recorded").exists());

    // Each buildpack detects right before its compile, after the ones before it ran.
    let build = Build::new(&[("x", "")], &[&fixture("recorder"), &fixture("picky")]);
    let (result, lines) = build.run().await;
    assert!(matches!(result, Err(BuildError::NotCompatible { .. })));
    assert!(has_line(&lines, "-----> Recorder app detected"));
    assert!(build.app().join("recorded").exists());

    let build = Build::new(&[("picky.txt", "")], &[&fixture("picky")]);
    let (result, lines) = build.run().await;
    assert_eq!(
        result.expect("detects").buildpack_description.as_deref(),
        Some("Picky")
    );
    assert!(has_line(&lines, "-----> Picky app detected"));
}

#[tokio::test]
async fn no_buildpack_detected_lists_what_was_tried() {
    let build = Build::new(&[("README", "nothing to see")], &[]);
    let (result, _) = build.run().await;
    let err = result.expect_err("must fail");
    assert_eq!(
        err.to_string(),
        "no buildpack detected this app (tried python, node, procfile)"
    );
    assert!(err.hint().is_some());
}

#[tokio::test]
async fn procfile_wins_over_default_process_types_and_config_vars_become_a_script() {
    let build = Build::new(
        &[("Procfile", "web: ./from-procfile\n")],
        &[&fixture("releaser")],
    );
    let (result, lines) = build.run().await;
    let outcome = result.expect("build");
    assert_eq!(
        outcome.process_types,
        BTreeMap::from([
            ("web".to_owned(), "./from-procfile".to_owned()),
            (
                "worker".to_owned(),
                "./from-release worker --queue $QUEUE".to_owned()
            ),
        ])
    );
    assert!(has_line(&lines, "       Procfile declares types -> web"));
    assert!(has_line(
        &lines,
        "       Default types for buildpack -> worker"
    ));
    assert!(lines.iter().any(|l| l.contains("`bad name`")), "{lines:#?}");

    let entries = slug_entries(&build.req.slug_path);
    let script = &entries[&format!("./app/{CONFIG_VARS_SCRIPT}")].1;
    let run = |preset: Option<&str>| {
        let mut cmd = std::process::Command::new("bash");
        cmd.arg("-c")
            .arg(format!(
                "{script}\nprintf '%s|%s' \"$LEGACY_GREETING\" \"$LEGACY_PLAIN\""
            ))
            .env_remove("LEGACY_GREETING")
            .env_remove("LEGACY_PLAIN");
        if let Some(value) = preset {
            cmd.env("LEGACY_PLAIN", value);
        }
        String::from_utf8(cmd.output().expect("bash").stdout).expect("utf8")
    };
    assert_eq!(run(None), "it's a $HOME \"quoted\" value|plain");
    assert_eq!(
        run(Some("from the app")),
        "it's a $HOME \"quoted\" value|from the app"
    );

    // Without a Procfile the defaults are the process types.
    let build = Build::new(&[("x", "")], &[&fixture("releaser")]);
    let (result, lines) = build.run().await;
    assert_eq!(result.expect("build").process_types.len(), 2);
    assert!(has_line(&lines, "       Procfile declares types -> (none)"));
    assert!(has_line(
        &lines,
        "       Default types for buildpack -> web, worker"
    ));
}

#[tokio::test]
async fn bad_release_yaml_names_the_buildpack() {
    let build = Build::new(&[("x", "")], &[&fixture("bad-release")]);
    let (result, _) = build.run().await;
    let err = result.expect_err("must fail");
    assert!(
        err.to_string().starts_with(&format!(
            "buildpack `{}` printed release YAML that does not parse: ",
            fixture("bad-release")
        )),
        "{err}"
    );
}

#[tokio::test]
async fn malformed_procfile_names_the_line() {
    let build = Build::new(
        &[("Procfile", "web: ./server\r\nworker ./worker\r\n")],
        &["null"],
    );
    let (result, _) = build.run().await;
    let err = result.expect_err("must fail");
    assert_eq!(
        err.to_string(),
        "invalid Procfile: line 2: `worker ./worker`: expected `name: command`"
    );
    assert!(!build.req.slug_path.exists());
}

#[tokio::test]
async fn timeout_kills_compile_and_everything_it_started() {
    let mut build = Build::new(&[("x", "")], &[&fixture("sleeper")]);
    build.req.compile_timeout = Duration::from_secs(1);
    let started = std::time::Instant::now();
    let (result, lines) = build.run().await;
    let err = result.expect_err("must time out");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        matches!(
            &err,
            BuildError::TimedOut {
                step: "compile",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("within 1s"), "{err}");
    assert!(has_line(&lines, "-----> Sleeping"));
    let pid = build.read("background.pid");
    let stat = format!("/proc/{}/stat", pid.trim());
    let mut gone = false;
    for _ in 0..100 {
        let state = std::fs::read_to_string(&stat).unwrap_or_default();
        if state.is_empty() || state.contains(") Z ") {
            gone = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(gone, "the background process is still running");
}

#[tokio::test]
async fn slugignore_and_git_are_pruned_before_compile() {
    let build = Build::new(
        &[
            (".git/config", "[core]"),
            (".slugignore", "*.log\n/docs\n# comment\n"),
            ("keep.txt", "keep"),
            ("debug.log", "x"),
            ("src/trace.log", "x"),
            ("docs/guide.md", "x"),
            ("src/docs/inner.md", "x"),
        ],
        &[&fixture("recorder")],
    );
    let (result, lines) = build.run().await;
    result.expect("build");
    assert!(has_line(
        &lines,
        "-----> Deleting 3 files matching .slugignore patterns."
    ));
    let listing = build.read("recorded/listing");
    assert!(listing.lines().any(|l| l == "keep.txt"));
    for gone in [".git", "debug.log", "docs"] {
        assert!(!listing.lines().any(|l| l == gone), "{gone} in {listing}");
    }
    let entries = slug_entries(&build.req.slug_path);
    assert!(entries.contains_key("./app/keep.txt"));
    assert!(entries.contains_key("./app/src/docs/inner.md"));
    assert!(!entries.contains_key("./app/src/trace.log"));
    assert!(!entries.keys().any(|k| k.starts_with("./app/.git")));
}

#[tokio::test]
async fn slug_over_the_limit_is_an_error() {
    let mut build = Build::new(&[("Procfile", "web: x\n")], &["null"]);
    build.req.max_slug_bytes = 10;
    let (result, _) = build.run().await;
    let err = result.expect_err("must fail");
    assert!(
        matches!(err, BuildError::SlugTooLarge { limit: 10, size } if size > 10),
        "{err:?}"
    );
    assert!(
        err.to_string().ends_with("exceeds the limit of 10B"),
        "{err}"
    );
    assert!(!build.req.slug_path.exists());
}

#[tokio::test]
async fn unknown_and_unreachable_buildpacks() {
    let build = Build::new(&[("x", "")], &["pythn"]);
    let (result, _) = build.run().await;
    let err = result.expect_err("unknown");
    assert!(
        err.to_string().starts_with(
            "unknown buildpack `pythn`: expected a built-in name (null, procfile, python, node)"
        ),
        "{err}"
    );

    let missing = format!("file://{}/no-such-repo.git", std::env::temp_dir().display());
    let build = Build::new(&[("x", "")], &[&missing]);
    let (result, _) = build.run().await;
    let err = result.expect_err("unreachable");
    assert!(
        err.to_string()
            .starts_with(&format!("cannot fetch buildpack `{missing}`: ")),
        "{err}"
    );

    let build = Build::new(&[("x", "")], &["/no/such/dir"]);
    let (result, _) = build.run().await;
    assert!(matches!(result, Err(BuildError::Fetch { .. })));

    // A directory without bin/compile.
    let build = Build::new(&[("x", "")], &[]);
    let not_a_pack = build.root.join("not-a-pack");
    std::fs::create_dir_all(not_a_pack.join("bin")).expect("mkdir");
    std::fs::write(not_a_pack.join("bin/detect"), "#!/bin/sh\necho x\n").expect("write");
    let mut req = build.req.clone();
    req.buildpacks = vec![not_a_pack.to_string_lossy().into_owned()];
    let (result, _) = run_request(req).await;
    let err = result.expect_err("invalid");
    assert!(
        err.to_string().ends_with("it has no `bin/compile`"),
        "{err}"
    );
}
