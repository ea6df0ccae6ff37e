//! `compile()` end to end, with real bash buildpacks from `tests/fixtures/buildpacks`, real git
//! repositories made on the fly, a tarball served over local HTTP, and the built-ins on tiny apps.

use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::TempDir;

use super::*;

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

/// A buildpack repository with tags v1 and v2 on `main`; scripts committed without the
/// executable bit, as happens when a buildpack is written on another system.
fn buildpack_repo(root: &Path) -> (PathBuf, String) {
    let repo = root.join("bp-repo");
    std::fs::create_dir_all(repo.join("bin")).expect("mkdir");
    git(&repo, &["init", "--quiet", "-b", "main"]);
    let mut v1 = String::new();
    for version in ["v1", "v2"] {
        std::fs::write(
            repo.join("bin/detect"),
            format!("#!/usr/bin/env bash\necho \"Git {version}\"\n"),
        )
        .expect("write");
        std::fs::write(
            repo.join("bin/compile"),
            format!("#!/usr/bin/env bash\necho {version} > \"$1/git-version\"\n"),
        )
        .expect("write");
        for script in ["detect", "compile"] {
            std::fs::set_permissions(
                repo.join("bin").join(script),
                std::fs::Permissions::from_mode(0o644),
            )
            .expect("chmod");
        }
        git(&repo, &["add", "."]);
        git(&repo, &["commit", "--quiet", "-m", version]);
        git(&repo, &["tag", version]);
        if version == "v1" {
            v1 = git(&repo, &["rev-parse", "HEAD"]);
        }
    }
    (repo, v1)
}

#[tokio::test]
async fn git_buildpacks_with_refs_are_fetched_and_cached() {
    let mut build = Build::new(&[("x", "")], &[]);
    let (repo, v1_sha) = buildpack_repo(&build.root);
    let repo_path = repo.to_string_lossy().into_owned();

    for (spec, expected) in [
        (format!("file://{repo_path}#v1"), "v1"),
        (format!("{repo_path}#main"), "v2"),
        (format!("{repo_path}#{}", &v1_sha[..10]), "v1"),
        (format!("file://{repo_path}"), "v2"),
    ] {
        build.rebuild_source(&[("x", "")]);
        build.req.buildpacks = vec![spec.clone()];
        let (result, lines) = build.run().await;
        let outcome = result.unwrap_or_else(|e| panic!("{spec}: {e}"));
        assert_eq!(build.read("git-version").trim(), expected, "{spec}");
        assert_eq!(
            outcome.buildpack_description.as_deref(),
            Some(format!("Git {expected}").as_str())
        );
        assert!(has_line(
            &lines,
            &format!("-----> Fetching buildpack {spec}")
        ));
    }

    // Cached: no second fetch; a branch follows new commits.
    std::fs::write(
        repo.join("bin/compile"),
        "#!/usr/bin/env bash\necho v3 > \"$1/git-version\"\n",
    )
    .expect("write");
    git(&repo, &["commit", "--quiet", "-am", "v3"]);
    for (spec, expected) in [
        (format!("file://{repo_path}#v1"), "v1"),
        (format!("{repo_path}#main"), "v3"),
    ] {
        build.rebuild_source(&[("x", "")]);
        build.req.buildpacks = vec![spec.clone()];
        let (result, lines) = build.run().await;
        result.unwrap_or_else(|e| panic!("{spec}: {e}"));
        assert_eq!(build.read("git-version").trim(), expected, "{spec}");
        assert!(
            !lines.iter().any(|l| l.contains("Fetching buildpack")),
            "{lines:?}"
        );
    }

    // The remote is gone: the cached copy of a branch serves, with a warning.
    let moved = build.root.join("bp-repo-moved");
    std::fs::rename(&repo, &moved).expect("move");
    build.rebuild_source(&[("x", "")]);
    build.req.buildpacks = vec![format!("{repo_path}#main")];
    let (result, lines) = build.run().await;
    result.expect("cached copy");
    assert_eq!(build.read("git-version").trim(), "v3");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(" !     Could not update buildpack")
                && l.ends_with("using the cached copy")),
        "{lines:#?}"
    );
    std::fs::rename(&moved, &repo).expect("move back");

    // An unknown ref.
    build.rebuild_source(&[("x", "")]);
    build.req.buildpacks = vec![format!("{repo_path}#no-such-ref")];
    let (result, _) = build.run().await;
    let err = result.expect_err("bad ref");
    assert!(
        matches!(&err, BuildError::BadRef { git_ref, .. } if git_ref == "no-such-ref"),
        "{err:?}"
    );
    assert!(
        err.to_string().starts_with(&format!(
            "buildpack `{repo_path}#no-such-ref`: cannot check out `no-such-ref`"
        )),
        "{err}"
    );
}

/// Serve `body` at `/bp.tgz` on a loopback port until the returned handle is aborted; any other
/// path answers 404.
async fn serve_once(body: Vec<u8>) -> (String, tokio::task::JoinHandle<()>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let handle = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let found = request.starts_with(b"GET /bp.tgz ");
            let (status, payload): (&str, &[u8]) = if found {
                ("200 OK", &body)
            } else {
                ("404 Not Found", b"not found")
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                payload.len()
            );
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(payload).await;
            let _ = socket.shutdown().await;
        }
    });
    (format!("http://{addr}"), handle)
}

fn buildpack_tarball() -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    for (name, text) in [
        ("detect", "#!/usr/bin/env bash\necho Tarball\n"),
        (
            "compile",
            "#!/usr/bin/env bash\necho from-tarball > \"$1/tarball-was-here\"\n",
        ),
    ] {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, format!("bp-main/bin/{name}"), text.as_bytes())
            .expect("append");
    }
    tar.into_inner().expect("tar").finish().expect("gz")
}

#[tokio::test]
async fn tarball_buildpacks_are_downloaded_once() {
    let (base, server) = serve_once(buildpack_tarball()).await;
    let url = format!("{base}/bp.tgz");
    let mut build = Build::new(&[("x", "")], &[&url]);
    let (result, lines) = build.run().await;
    let outcome = result.expect("build");
    assert_eq!(outcome.buildpack_description.as_deref(), Some("Tarball"));
    assert_eq!(build.read("tarball-was-here").trim(), "from-tarball");
    assert!(has_line(
        &lines,
        &format!("-----> Downloading buildpack {url}")
    ));

    let missing = format!("{base}/missing.tgz");
    let mut other = Build::new(&[("x", "")], &[&missing]);
    other.req.buildpack_cache = build.req.buildpack_cache.clone();
    let (result, _) = other.run().await;
    let err = result.expect_err("404");
    // The same words as for an unreachable server: the status stays in the server's log.
    assert!(
        err.to_string()
            .ends_with(&format!("could not fetch the buildpack from {missing}")),
        "{err}"
    );

    // The server is gone; the cached copy serves.
    server.abort();
    let _ = server.await;
    build.rebuild_source(&[("x", "")]);
    let (result, lines) = build.run().await;
    result.expect("cached build");
    assert!(!lines.iter().any(|l| l.contains("Downloading")));
    assert_eq!(build.read("tarball-was-here").trim(), "from-tarball");

    let mut gone = Build::new(&[("x", "")], &[&format!("{base}/other.tgz")]);
    gone.req.compile_timeout = Duration::from_secs(10);
    let (result, _) = gone.run().await;
    assert!(
        matches!(result, Err(BuildError::Fetch { .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn builtin_null_and_procfile() {
    let build = Build::new(&[("Procfile", "web: ./serve\n"), ("serve", "")], &["null"]);
    let (result, lines) = build.run().await;
    let outcome = result.expect("build");
    assert_eq!(outcome.buildpacks, vec!["null".to_owned()]);
    assert_eq!(outcome.buildpack_description.as_deref(), Some("Null"));
    assert!(has_line(&lines, "-----> Null app detected"));
    assert!(has_line(&lines, "       Procfile declares types -> web"));

    // With no buildpack set, a Procfile-only app gets the procfile built-in.
    let build = Build::new(
        &[
            ("Procfile", "web: ./serve\nworker: ./work\n"),
            ("serve", ""),
        ],
        &[],
    );
    let (result, lines) = build.run().await;
    let outcome = result.expect("build");
    assert_eq!(outcome.buildpacks, vec!["procfile".to_owned()]);
    assert!(has_line(&lines, "-----> Procfile app detected"));
    assert!(has_line(
        &lines,
        "       Procfile declares types -> web, worker"
    ));

    // Named explicitly on an app without a Procfile, it says why it does not apply.
    let build = Build::new(&[("x", "")], &["heroku/procfile"]);
    let (result, _) = build.run().await;
    let err = result.expect_err("no Procfile");
    assert!(err.to_string().contains("There is no Procfile"), "{err}");
}

#[tokio::test]
async fn builtin_python_without_requirements_does_not_call_pip() {
    if tool_missing("python3") {
        return;
    }
    let build = Build::new(
        &[
            ("requirements.txt", "# nothing yet\n\n"),
            ("app.py", "print('hello')\n"),
        ],
        &[],
    );
    let (result, lines) = build.run().await;
    let outcome = result.unwrap_or_else(|e| panic!("{e}\n{lines:#?}"));
    assert_eq!(outcome.buildpacks, vec!["python".to_owned()]);
    assert_eq!(outcome.buildpack_description.as_deref(), Some("Python"));
    assert_eq!(
        outcome.process_types,
        BTreeMap::from([("web".to_owned(), "python app.py".to_owned())])
    );
    assert!(has_line(&lines, "-----> Python app detected"));
    assert!(has_line(
        &lines,
        "       requirements.txt lists no packages; skipping pip"
    ));
    assert!(!lines.iter().any(|l| l.contains("Installing requirements")));

    // The virtualenv is in the slug, and works from wherever the slug is unpacked.
    let entries = slug_entries(&build.req.slug_path);
    assert!(entries.contains_key("./app/.heroku/python/pyvenv.cfg"));
    assert!(entries.contains_key("./app/.profile.d/python.sh"));
    let unpacked = build.root.join("unpacked");
    std::fs::create_dir_all(&unpacked).expect("mkdir");
    let file = std::fs::File::open(&build.req.slug_path).expect("slug");
    tar::Archive::new(flate2::read::GzDecoder::new(file))
        .unpack(&unpacked)
        .expect("unpack");
    let home = unpacked.join("app");
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(". .profile.d/python.sh && python -c 'import sys; print(sys.prefix)' && python app.py")
        .current_dir(&home)
        .env("HOME", &home)
        .output()
        .expect("bash");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout,
        format!("{}\nhello\n", home.join(".heroku/python").display()),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn builtin_node_without_dependencies_needs_no_network() {
    if tool_missing("node") || tool_missing("npm") {
        return;
    }
    let build = Build::new(
        &[
            (
                "package.json",
                r#"{"name": "tiny", "version": "1.0.0", "scripts": {"start": "node index.js"}}"#,
            ),
            ("index.js", "console.log('hi')\n"),
        ],
        &["heroku/nodejs"],
    );
    let (result, lines) = build.run().await;
    let outcome = result.unwrap_or_else(|e| panic!("{e}\n{lines:#?}"));
    assert_eq!(outcome.buildpacks, vec!["heroku/nodejs".to_owned()]);
    assert_eq!(outcome.buildpack_description.as_deref(), Some("Node.js"));
    assert_eq!(
        outcome.process_types,
        BTreeMap::from([("web".to_owned(), "npm start".to_owned())])
    );
    assert!(has_line(&lines, "-----> Node.js app detected"));
    assert!(has_line(
        &lines,
        "       package.json lists no dependencies; skipping npm install"
    ));
    let entries = slug_entries(&build.req.slug_path);
    assert!(entries.contains_key("./app/.profile.d/nodejs.sh"));

    // A package.json that is not JSON fails the build with a clear line.
    let build = Build::new(&[("package.json", "{nope")], &["node"]);
    let (result, lines) = build.run().await;
    assert!(matches!(result, Err(BuildError::CompileFailed { .. })));
    assert!(
        has_line(&lines, " !     package.json is not valid JSON"),
        "{lines:#?}"
    );
}

#[tokio::test]
async fn python_is_detected_before_node_and_procfile() {
    let build = Build::new(
        &[
            ("requirements.txt", ""),
            ("package.json", "{}"),
            ("Procfile", "web: x\n"),
        ],
        &[],
    );
    // Detection alone does not need python: check which built-in was picked, whatever compile does.
    let (result, lines) = build.run().await;
    assert!(has_line(&lines, "-----> Python app detected"), "{lines:#?}");
    if let Ok(outcome) = result {
        assert_eq!(outcome.buildpacks, vec!["python".to_owned()]);
    }
}
