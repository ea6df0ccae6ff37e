//! `git push` to the server with the real `git`: smart HTTP, the pre-receive hook, the slug
//! compiler with real buildpack scripts, releases; and the Builds API for uploads.
//! These drive git with a token header; the CLI's credential wiring is tested in `cli_git`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

use crate::common::pty::{Pty, Streams};
use crate::common::push::{commit, git, push, repo, script_buildpack};
use crate::common::wait::{DEADLINE, poll};
use crate::common::{Home, Reply, TestServer, run_ok, wait_for};

/// A buildpack fixture as a git repository of its own (buildpacks are usually git URLs).
fn buildpack_repo(home: &Home, name: &str) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/buildpacks")
        .join(name);
    let dir = home.path().join(format!("bp-{name}"));
    run_ok(Command::new("cp").arg("-a").arg(&src).arg(&dir));
    git(home, &dir, &["init", "-q", "-b", "main"]);
    git(home, &dir, &["add", "-A"]);
    git(home, &dir, &["commit", "-q", "-m", "buildpack"]);
    git(home, &dir, &["tag", "v1"]);
    dir
}

fn api(server: &TestServer, method: &str, path: &str, body: Option<serde_json::Value>) -> Reply {
    server
        .http()
        .call(method, path, Some(&server.admin_token), body)
}

/// Lists the files of a slug, and reads one.
fn slug_file(server: &TestServer, app: &str, path: &str) -> Option<String> {
    let release = &api(server, "GET", &format!("/apps/{app}/releases"), None).body;
    let slug = release.as_array()?.last()?["slug"]["id"]
        .as_str()?
        .to_string();
    let tgz = server.data_dir.join("slugs").join(format!("{slug}.tgz"));
    let out = Command::new("tar")
        .arg("-xzOf")
        .arg(&tgz)
        .arg(format!("./app/{path}"))
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn push_builds_with_a_git_buildpack_and_releases() {
    let server = TestServer::start();
    let home = server.admin();
    let bp = buildpack_repo(&home, "recorder");
    api(&server, "POST", "/apps", Some(json!({"name": "pushy"})));
    let bp_url = format!("file://{}#v1", bp.display());
    let r = api(
        &server,
        "PUT",
        "/apps/pushy/buildpack-installations",
        Some(json!({"updates": [{"buildpack": bp_url}]})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    api(
        &server,
        "PATCH",
        "/apps/pushy/config-vars",
        Some(json!({"FOO": "bar", "MULTI": "a\nb"})),
    );
    let dir = repo(
        &home,
        &[
            (
                "Procfile",
                "web: python3 -m http.server $PORT\nworker: ./work\n",
            ),
            ("web", "#!/bin/sh\n"),
        ],
    );
    let sha = git(&home, &dir, &["rev-parse", "HEAD"]).trim().to_string();
    let url = format!("{}/pushy.git", server.api_url);
    let (ok, out) = push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
    assert!(ok, "{out}\n{}", server.log());
    for line in [
        "remote: -----> Recorder app detected",
        "remote: -----> Recording the build environment",
        "remote:        written to stderr",
        "remote:        Procfile declares types -> web, worker",
        "remote: -----> Launching v3: waiting for 1 web dyno to come up",
        // What is awaited is counted as it comes up, in the push's own output.
        "remote:        web dynos up 1/1",
        "remote: -----> Launching... done, v3",
        "deployed to tug",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    let releases = api(&server, "GET", "/apps/pushy/releases", None).body;
    let last = releases.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["description"], format!("Deploy {}", &sha[..7]));
    assert_eq!(last["current"], true);
    // ENV_DIR holds the config, SOURCE_VERSION the commit, the cache persists.
    assert_eq!(
        slug_file(&server, "pushy", "recorded/env/FOO").as_deref(),
        Some("bar")
    );
    assert_eq!(
        slug_file(&server, "pushy", "recorded/env/MULTI").as_deref(),
        Some("a\nb")
    );
    assert_eq!(
        slug_file(&server, "pushy", "recorded/source_version")
            .unwrap()
            .trim(),
        sha
    );
    assert_eq!(
        slug_file(&server, "pushy", "recorded/cache_count")
            .unwrap()
            .trim(),
        "1"
    );
    let listing = slug_file(&server, "pushy", "recorded/listing").unwrap();
    assert!(!listing.contains(".git\n"), "{listing}");
    let formation = api(&server, "GET", "/apps/pushy/formation", None).body;
    let q: Vec<(String, i64)> = formation
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["type"].as_str().unwrap().into(),
                f["quantity"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(q, [("web".into(), 1), ("worker".into(), 0)]);

    // A second push is incremental and uses the cache.
    let sha2 = commit(&home, &dir, &[("web", "#!/bin/sh\necho two\n")], "second");
    let (ok, out) = push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
    assert!(ok, "{out}");
    assert!(out.contains("done, v4"), "{out}");
    assert_eq!(
        slug_file(&server, "pushy", "recorded/source_version")
            .unwrap()
            .trim(),
        sha2
    );
    assert_eq!(
        slug_file(&server, "pushy", "recorded/cache_count")
            .unwrap()
            .trim(),
        "2"
    );
    // The build is recorded, and its output is readable without a token.
    let builds = api(&server, "GET", "/apps/pushy/builds", None).body;
    let build = builds.as_array().unwrap().last().unwrap().clone();
    assert_eq!(build["status"], "succeeded");
    assert_eq!(build["source_blob"]["version"], sha2.as_str());
    let stream = build["output_stream_url"].as_str().unwrap();
    let text = reqwest::blocking::get(stream).unwrap().text().unwrap();
    assert!(text.contains("Recorder app detected"), "{text}");
    let sse = reqwest::blocking::Client::new()
        .get(stream)
        .header("Accept", "text/event-stream")
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        sse.contains("data: -----> Recorder app detected\n\n"),
        "{sse}"
    );
    // The URL's secret with its last digit changed is no URL at all.
    let last = if stream.ends_with('0') { "1" } else { "0" };
    let forged = format!("{}{last}", &stream[..stream.len() - 1]);
    assert_eq!(
        reqwest::blocking::get(&forged).unwrap().status().as_u16(),
        404
    );
}

#[test]
fn failed_builds_reject_the_push_and_leave_the_release_alone() {
    let server = TestServer::start();
    let home = server.admin();
    api(&server, "POST", "/apps", Some(json!({"name": "fails"})));
    api(
        &server,
        "PUT",
        "/apps/fails/buildpack-installations",
        Some(json!({"updates": [{"buildpack": "null"}]})),
    );
    let dir = repo(
        &home,
        &[("Procfile", "web: python3 -m http.server $PORT\n")],
    );
    let url = format!("{}/fails.git", server.api_url);
    let (ok, out) = push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
    assert!(ok, "{out}");
    let before = api(&server, "GET", "/apps/fails/releases", None).body;
    let header = format!(
        "http.extraHeader=Authorization: Bearer {}",
        server.admin_token
    );
    let head = git(&home, &dir, &["-c", &header, "ls-remote", &url]);

    // A failing buildpack, a malformed Procfile, a buildpack that does not detect.
    let failing = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildpacks/failing");
    let picky = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildpacks/picky");
    for (buildpack, files, needle) in [
        (
            failing.display().to_string(),
            vec![("x", "1")],
            "Failing on purpose",
        ),
        (
            "null".to_string(),
            vec![("Procfile", "web ./web\n")],
            "line 1",
        ),
        (
            picky.display().to_string(),
            vec![("y", "1")],
            "not compatible",
        ),
    ] {
        api(
            &server,
            "PUT",
            "/apps/fails/buildpack-installations",
            Some(json!({"updates": [{"buildpack": buildpack}]})),
        );
        commit(&home, &dir, &files, "break it");
        let (ok, out) = push(&home, &dir, Some(&server.admin_token), &[&url, "main"]);
        assert!(!ok, "{out}");
        assert!(out.contains(needle), "missing {needle:?}:\n{out}");
        assert!(out.contains("pre-receive hook declined"), "{out}");
        git(&home, &dir, &["reset", "-q", "--hard", "HEAD~1"]);
    }
    assert_eq!(
        api(&server, "GET", "/apps/fails/releases", None).body,
        before,
        "no release was made"
    );
    assert_eq!(
        git(&home, &dir, &["-c", &header, "ls-remote", &url]),
        head,
        "the branch did not move"
    );
    let builds = api(&server, "GET", "/apps/fails/builds", None).body;
    let statuses: Vec<&str> = builds
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["succeeded", "failed", "failed", "failed"]);
}

#[test]
fn pushes_that_do_not_deploy_are_kept_or_refused() {
    let server = TestServer::start();
    let home = server.admin();
    api(&server, "POST", "/apps", Some(json!({"name": "refuse"})));
    let dir = repo(
        &home,
        &[("Procfile", "web: python3 -m http.server $PORT\n")],
    );
    let url = format!("{}/refuse.git", server.api_url);
    let token = Some(server.admin_token.as_str());
    // Another branch, and a tag, are kept for `tug deploy` and the dashboard; nothing builds.
    let (ok, out) = push(&home, &dir, token, &[&url, "main:feature"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("`feature` was kept, not deployed")
            && out.contains("`tug deploy feature`")
            && out.contains("`git push tug feature:main`"),
        "{out}"
    );
    git(&home, &dir, &["tag", "v1"]);
    let (ok, out) = push(&home, &dir, token, &[&url, "v1"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("Tag `v1` was kept, not deployed") && out.contains("`tug deploy v1`"),
        "{out}"
    );
    let header = format!(
        "http.extraHeader=Authorization: Bearer {}",
        server.admin_token
    );
    let remote = git(&home, &dir, &["-c", &header, "ls-remote", &url]);
    assert!(
        remote.contains("refs/heads/feature") && remote.contains("refs/tags/v1"),
        "{remote}"
    );
    let (ok, out) = push(&home, &dir, token, &[&url, ":feature"]);
    assert!(ok, "{out}");
    assert!(out.contains("`feature` was deleted"), "{out}");
    // What is neither a branch nor a tag, and deleting what the app runs, are refused.
    let (ok, out) = push(&home, &dir, token, &[&url, "main:refs/notes/x"]);
    assert!(!ok);
    assert!(
        out.contains("Only branches and tags can be pushed here"),
        "{out}"
    );
    let (ok, out) = push(&home, &dir, None, &[&url, "main"]);
    assert!(!ok);
    assert!(
        out.contains("could not read Username") || out.contains("Authentication failed"),
        "{out}"
    );
    let (ok, _) = push(&home, &dir, Some("tug_wrong"), &[&url, "main"]);
    assert!(!ok);
    let stranger = crate::common::add_user_with_password(&server, "eve@example.com", "password1");
    let (ok, out) = push(&home, &dir, Some(&stranger), &[&url, "main"]);
    assert!(!ok);
    assert!(out.contains("not found"), "{out}");
    let nope = format!("{}/nope.git", server.api_url);
    let (ok, out) = push(&home, &dir, token, &[&nope, "main"]);
    assert!(!ok, "{out}");
    assert_eq!(
        api(&server, "GET", "/apps/refuse/builds", None).body,
        json!([]),
        "nothing was built"
    );
    // A clone of an app nobody pushed to is empty but works; after a push it has the code.
    let (ok, out) = push(&home, &dir, token, &[&url, "main"]);
    assert!(ok, "{out}");
    let clone = home.path().join("clone");
    let mut cmd = Command::new("git");
    home.apply_env(&mut cmd);
    cmd.args([
        "-c",
        &format!(
            "http.extraHeader=Authorization: Bearer {}",
            server.admin_token
        ),
        "clone",
        "-q",
        &url,
    ])
    .arg(&clone);
    run_ok(&mut cmd);
    assert!(clone.join("Procfile").exists());
}

#[test]
fn builds_api_with_an_uploaded_source() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "uploaded"})));
    let src = home.path().join("src");
    std::fs::create_dir_all(src.join("inner")).unwrap();
    std::fs::write(
        src.join("inner/Procfile"),
        "web: python3 -m http.server $PORT\n",
    )
    .unwrap();
    let tgz = home.path().join("src.tgz");
    run_ok(
        Command::new("tar")
            .arg("-czf")
            .arg(&tgz)
            .arg("-C")
            .arg(&src)
            .arg("inner"),
    );
    // The schema's app-scoped form, for someone who may deploy the app.
    let source = http.call("POST", "/apps/uploaded/sources", t, None);
    assert_eq!(source.status, 201);
    assert_eq!(
        http.call("POST", "/apps/nobodys/sources", t, None).status,
        404
    );
    let put = source.body["source_blob"]["put_url"].as_str().unwrap();
    let get = source.body["source_blob"]["get_url"].as_str().unwrap();
    let bytes = std::fs::read(&tgz).unwrap();
    let r = reqwest::blocking::Client::new()
        .put(put)
        .body(bytes.clone())
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let bad = http.call(
        "POST",
        "/apps/uploaded/builds",
        t,
        Some(json!({"source_blob": {"url": get, "checksum": "SHA256:00"}})),
    );
    assert_eq!(bad.status, 422, "{:?}", bad.body);
    let build = http.call(
        "POST",
        "/apps/uploaded/builds",
        t,
        Some(json!({"source_blob": {"url": get, "version": "v1.0"}, "buildpacks": [{"name": "null"}]})),
    );
    assert_eq!(build.status, 201, "{:?}", build.body);
    assert_eq!(build.body["status"], "pending");
    let id = build.body["id"].as_str().unwrap();
    // The stream follows the build to its end.
    let text = reqwest::blocking::get(build.body["output_stream_url"].as_str().unwrap())
        .unwrap()
        .text()
        .unwrap();
    assert!(text.contains("Launching... done, v2"), "{text}");
    let info = http
        .call("GET", &format!("/apps/uploaded/builds/{id}"), t, None)
        .body;
    assert_eq!(info["status"], "succeeded");
    assert!(info["release"]["id"].is_string() && info["slug"]["id"].is_string());
    let slug = http
        .call(
            "GET",
            &format!(
                "/apps/uploaded/slugs/{}",
                info["slug"]["id"].as_str().unwrap()
            ),
            t,
            None,
        )
        .body;
    assert_eq!(
        slug["process_types"],
        json!({"web": "python3 -m http.server $PORT"}),
        "unpacked from the lone top folder"
    );
    assert_eq!(slug["commit"], "v1.0");
    for bad in [
        json!({"source_blob": {}}),
        json!({"source_blob": {"url": "ftp://x/y.tgz"}}),
        json!({"source_blob": {"url": get}, "buildpacks": [{"url": "ruby"}]}),
    ] {
        assert_eq!(
            http.call("POST", "/apps/uploaded/builds", t, Some(bad.clone()))
                .status,
            422,
            "{bad}"
        );
    }
    let forged = put.replace("tug_", "tug_0");
    let r = reqwest::blocking::Client::new()
        .put(forged)
        .body(bytes)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
}

#[test]
fn one_build_per_app_at_a_time() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "busy"})));
    // A build that takes a while: a buildpack that sleeps briefly.
    let slow = home.path().join("slow");
    std::fs::create_dir_all(slow.join("bin")).unwrap();
    std::fs::write(slow.join("bin/detect"), "#!/bin/sh\necho Slow\n").unwrap();
    std::fs::write(slow.join("bin/compile"), "#!/bin/sh\nsleep 2\n").unwrap();
    run_ok(
        Command::new("chmod")
            .arg("+x")
            .arg(slow.join("bin/detect"))
            .arg(slow.join("bin/compile")),
    );
    http.call(
        "PUT",
        "/apps/busy/buildpack-installations",
        t,
        Some(json!({"updates": [{"buildpack": slow.display().to_string()}]})),
    );
    let dir = repo(
        &home,
        &[("Procfile", "web: python3 -m http.server $PORT\n")],
    );
    let url = format!("{}/busy.git", server.api_url);
    let token = server.admin_token.clone();
    let first = {
        let mut cmd = Command::new("git");
        home.apply_env(&mut cmd);
        cmd.current_dir(&dir)
            .args([
                "-c",
                &format!("http.extraHeader=Authorization: Bearer {token}"),
                "push",
                &url,
                "main",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Wait until the first build is running.
    wait_for("the first build to start", || {
        let builds = http.call("GET", "/apps/busy/builds", t, None).body;
        !builds.as_array().unwrap().is_empty()
    });
    let source = http.call("POST", "/sources", t, None).body;
    let put = source["source_blob"]["put_url"].as_str().unwrap();
    let tgz = home.path().join("s.tgz");
    run_ok(
        Command::new("tar")
            .arg("-czf")
            .arg(&tgz)
            .arg("-C")
            .arg(&dir)
            .arg("Procfile"),
    );
    reqwest::blocking::Client::new()
        .put(put)
        .body(std::fs::read(&tgz).unwrap())
        .send()
        .unwrap();
    let second = http.call(
        "POST",
        "/apps/busy/builds",
        t,
        Some(json!({"source_blob": {"url": put}})),
    );
    assert_eq!(second.status, 409, "{:?}", second.body);
    assert!(
        second.body["message"]
            .as_str()
            .unwrap()
            .contains("already running")
    );
    let out = first.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A buildpack's progress display (`10 %\r60 %\r`) and a line it has not finished reach the
/// pusher, and `tug builds:output` on a terminal, while the buildpack is still running, not
/// all at once at its end.
#[test]
fn progress_reaches_the_pusher_before_the_buildpack_finishes() {
    let server = TestServer::start();
    let home = server.admin();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({"name": "live"})));
    // Draws its progress, then holds until the test has seen it (or 30 s pass, where the build
    // cannot see the test's files).
    let pack = home.path().join("progress");
    let gate = pack.join("gate");
    let compile = format!(
        "#!/bin/sh\nprintf -- '-----> Fetching 10 %%\\r'\nprintf -- '-----> Fetching 60 %%\\r'\n\
         printf -- '-----> Fetching 100 %%\\n-----> Warming up'\n\
         i=0\nwhile [ ! -e '{}' ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done\n\
         printf -- ' done\\n'\n",
        gate.display()
    );
    script_buildpack(
        &server,
        "live",
        &pack,
        "#!/bin/sh\necho Progress\n",
        &compile,
    );
    let dir = repo(&home, &[("Procfile", "worker: sleep 600\n")]);
    let url = format!("{}/live.git", server.api_url);
    let mut cmd = Command::new("git");
    home.apply_env(&mut cmd);
    let mut pusher = cmd
        .current_dir(&dir)
        .args([
            "-c",
            &format!(
                "http.extraHeader=Authorization: Bearer {}",
                server.admin_token
            ),
            "push",
            &url,
            "main",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let reader = {
        let seen = seen.clone();
        let mut stderr = pusher.stderr.take().unwrap();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let text = || String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    let seen_live = poll(DEADLINE, || {
        text().contains("Fetching 60 %") && text().contains("Warming up")
    });
    assert!(
        seen_live,
        "the progress and the unfinished line did not reach the pusher:\n{:?}",
        text()
    );
    assert!(
        !text().contains("Warming up done"),
        "the build was still running:\n{}",
        text()
    );
    let builds = http.call("GET", "/apps/live/builds", t, None).body;
    assert_eq!(builds[0]["status"], "pending", "{builds}");
    // The CLI on a terminal draws the line being written as it stands.
    let mut output = Pty::spawn(&home, &["builds:output", "-a", "live"], 120, Streams::All);
    output.expect("Fetching 100 %");
    output.expect("-----> Warming up");
    assert!(!output.screen().contains("done"), "{}", output.screen());
    std::fs::write(&gate, "").unwrap();
    // Where a sandbox hides the gate the build holds its full 30 s: the push has no deadline.
    let status = pusher.wait().unwrap();
    reader.join().unwrap();
    assert_eq!(output.wait(), Some(0), "{}", output.screen());
    assert!(
        output
            .screen()
            .contains("-----> Warming up\r\x1b[K-----> Warming up done\r\n-----> Discovering"),
        "{:?}",
        output.screen()
    );
    let out = text();
    assert!(status.success(), "{out}\n{}", server.log());
    let order: Vec<usize> = [
        "Fetching 10 %",
        "Fetching 60 %",
        "Fetching 100 %",
        "Warming up done",
        "Launching...",
    ]
    .iter()
    .map(|s| out.find(s).unwrap_or_else(|| panic!("no {s:?} in:\n{out}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
}
