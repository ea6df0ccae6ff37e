//! `tug builds`, `builds:info`, `builds:output` after real pushes, and `tug buildpacks` with
//! its edits and errors.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::TestServer;
use crate::common::push::{commit, git, push, repo};
use crate::common::wait::{DEADLINE, wait_until};

#[test]
fn builds_info_and_output_after_pushes() {
    let server = TestServer::start();
    let admin = server.admin();
    let dir = repo(
        &admin,
        &[("Procfile", "web: python3 -m http.server $PORT\n")],
    );
    let sha = git(&admin, &dir, &["rev-parse", "HEAD"]).trim().to_string();
    let here = server.admin().in_dir(&dir);

    here.tug(&["create", "built", "--buildpack", "null"]).ok();
    let empty = here
        .tug(&["builds"])
        .ok()
        .stderr_has("built has no builds.");
    assert_eq!(empty.stdout, "");
    assert_eq!(here.tug(&["builds", "--json"]).ok().stdout.trim(), "[]");
    here.tug(&["builds:info"])
        .code(1)
        .stderr_has("built has no builds")
        .stderr_has("git push tug main");

    let (ok, out) = push(&admin, &dir, None, &["tug", "main"]);
    assert!(ok, "{out}\n{}", server.log());

    // Piped: one tab-separated row per build, the short sha as the version.
    let list = here.tug(&["builds"]).ok();
    let fields: Vec<&str> = list.stdout.trim_end().split('\t').collect();
    assert_eq!(fields.len(), 5, "{}", list.stdout);
    let id = fields[0].to_string();
    assert_eq!(&fields[1..4], ["succeeded", &sha[..7], "admin@localhost"]);
    let json = here.tug(&["builds", "-n", "1", "--json"]).ok().json();
    assert_eq!(json[0]["id"], id.as_str());
    assert_eq!(json[0]["source_blob"]["version"], sha.as_str());

    // Info: the newest by default, by id, or by the start of the id.
    for args in [
        vec!["builds:info"],
        vec!["builds:info", id.as_str()],
        vec!["builds", "info", &id[..8]],
    ] {
        here.tug(&args)
            .ok()
            .stdout_has("Status:      succeeded")
            .stdout_has(&format!("Version:     {sha}"))
            .stdout_has("Buildpacks:  null")
            .stdout_has("Release:     v2");
    }
    let info = here
        .tug(&["builds:info", "--json", "-a", "built"])
        .ok()
        .json();
    assert_eq!(info["id"], id.as_str());
    assert_eq!(info["status"], "succeeded");

    // Output: the build's log on stdout, how it ended on stderr.
    let output = here.tug(&["builds:output"]).ok();
    assert!(
        output.stdout.contains("-----> Null app detected\n")
            && output.stdout.contains("deployed to tug\n"),
        "{}",
        output.stdout
    );
    output.stderr_has(&format!("Build {id} succeeded"));

    // A failing build: the push is refused; its output is still there, and reading it is not
    // an error.
    let failing = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildpacks/failing");
    here.tug(&["buildpacks:set", &failing.display().to_string()])
        .ok();
    commit(&admin, &dir, &[("x", "1")], "break it");
    let (ok, out) = push(&admin, &dir, None, &["tug", "main"]);
    assert!(!ok, "{out}");
    let failed = here.tug(&["builds:output"]).ok();
    assert!(
        failed.stdout.contains("Failing on purpose") && failed.stdout.contains("boom"),
        "{}",
        failed.stdout
    );
    failed.stderr_has(" failed");
    let statuses: Vec<String> = here
        .tug(&["builds", "--json"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(statuses, ["failed", "succeeded"], "newest first");
    here.tug(&["builds:info"])
        .ok()
        .stdout_has("Status:      failed");
    // The older build is still readable by id.
    here.tug(&["builds:output", &id])
        .ok()
        .stdout_has("Null app detected");

    // Ids that are not ids, and ids of no build.
    here.tug(&["builds:info", "latest"])
        .code(2)
        .stderr_has("is not a build id");
    here.tug(&["builds:info", "00000000-0000-4000-8000-000000000000"])
        .code(1)
        .stderr_has("not found");
    here.tug(&["builds:output", "ffffffff"])
        .code(1)
        .stderr_has("has no build whose id starts with `ffffffff`");
    here.tug(&["builds", "-a", "nope"])
        .code(1)
        .stderr_has("hint: run `tug apps`");
}

#[test]
fn buildpacks_set_add_remove_and_clear() {
    let server = TestServer::start();
    let admin = server.admin().with_env("TUG_APP", "packs");
    admin.tug(&["create", "packs"]).ok();

    let empty = admin
        .tug(&["buildpacks"])
        .ok()
        .stderr_has("packs has no buildpacks.");
    assert_eq!(empty.stdout, "");
    assert_eq!(
        admin.tug(&["buildpacks", "--json"]).ok().stdout.trim(),
        "[]"
    );

    admin.tug(&["buildpacks:add", "python"]).ok().stderr_has(
        "Buildpack added. Next release on packs will use:\n  1. python\n\
         Run git push tug main to create a new release using this buildpack.\n",
    );
    admin
        .tug(&["buildpacks:add", "python"])
        .code(1)
        .stderr_has("the buildpack python is already set on packs");
    admin
        .tug(&["buildpacks:add", "node", "--index", "1"])
        .ok()
        .stderr_has("  1. node\n  2. python\n")
        .stderr_has("using these buildpacks.");
    let list = admin.tug(&["buildpacks"]).ok();
    assert_eq!(list.stdout, "node\npython\n");
    let json = admin.tug(&["buildpacks", "--json"]).ok().json();
    assert_eq!(json[1]["buildpack"]["name"], "python");
    assert_eq!(json[1]["ordinal"], 1);

    // `set` replaces the first one (or the one at --index); past the end, it appends.
    admin
        .tug(&["buildpacks:set", "null"])
        .ok()
        .stderr_has("Buildpack set. Next release on packs will use:\n  1. null\n  2. python\n");
    let set = admin
        .tug(&["buildpacks:set", "heroku/nodejs", "-i", "9", "--json"])
        .ok();
    let set = set.json();
    let names: Vec<&str> = set
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["buildpack"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["null", "python", "heroku/nodejs"]);
    admin
        .tug(&["buildpacks:set", "python", "-i", "1"])
        .code(1)
        .stderr_has("the buildpack python is already set on packs");

    // Remove by name or by position; errors change nothing.
    admin.tug(&["buildpacks:remove", "python"]).ok().stderr_has(
        "Buildpack removed. Next release on packs will use:\n  1. null\n  2. heroku/nodejs\n",
    );
    admin
        .tug(&["buildpacks:remove", "ruby"])
        .code(1)
        .stderr_has("buildpack ruby is not set on packs; nothing was removed");
    admin
        .tug(&["buildpacks:remove", "-i", "3"])
        .code(1)
        .stderr_has("invalid index 3: packs has 2 buildpacks");
    admin
        .tug(&["buildpacks:add", "node", "-i", "0"])
        .code(2)
        .stderr_has("invalid index");
    admin
        .tug(&["buildpacks:remove", "null", "-i", "1"])
        .code(2)
        .stderr_has("cannot be used with");
    admin.tug(&["buildpacks:remove"]).code(2);
    admin
        .tug(&["buildpacks:add", "ruby"])
        .code(1)
        .stderr_has("is not a buildpack tug can use");
    assert_eq!(
        admin.tug(&["buildpacks"]).ok().stdout,
        "null\nheroku/nodejs\n"
    );
    admin
        .tug(&["buildpacks:remove", "--index", "2"])
        .ok()
        .stderr_has("  1. null\n");

    admin
        .tug(&["buildpacks:clear"])
        .ok()
        .stderr_has("Buildpacks cleared. Next release on packs will detect buildpacks normally.");
    assert_eq!(
        admin.tug(&["buildpacks", "--json"]).ok().stdout.trim(),
        "[]"
    );
    admin
        .tug(&["buildpacks:remove", "-i", "1"])
        .code(1)
        .stderr_has("packs has no buildpacks");

    // `create --buildpack` with one the platform refuses: the app exists, the error says how
    // to set them.
    admin
        .tug(&["create", "refused", "-b", "ruby"])
        .code(1)
        .stderr_has("refused was created, but its buildpacks were not set")
        .stderr_has("tug buildpacks:set");
    admin.tug(&["info", "refused"]).ok();
    admin
        .tug(&["create", "several", "-b", "python", "-b", "node"])
        .ok()
        .stderr_has("Setting buildpacks to python, node... done");
    assert_eq!(
        admin.tug(&["buildpacks", "-a", "several"]).ok().stdout,
        "python\nnode\n"
    );
}

#[test]
fn builds_output_follows_a_running_build_to_its_end() {
    let server = TestServer::start();
    let admin = server.admin();
    // A buildpack that takes a moment between two lines.
    let slow = admin.path().join("slow");
    std::fs::create_dir_all(slow.join("bin")).unwrap();
    std::fs::write(slow.join("bin/detect"), "#!/bin/sh\necho Slow\n").unwrap();
    std::fs::write(
        slow.join("bin/compile"),
        "#!/bin/sh\necho '-----> Step one'\nsleep 1\necho '-----> Step two'\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt as _;
        for script in ["detect", "compile"] {
            let path = slow.join("bin").join(script);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    let dir = repo(
        &admin,
        &[("Procfile", "web: python3 -m http.server $PORT\n")],
    );
    let here = server.admin().in_dir(&dir);
    here.tug(&["create", "slowly", "-b", &slow.display().to_string()])
        .ok();

    let mut cmd = Command::new("git");
    admin.apply_env(&mut cmd);
    let pushing = cmd
        .current_dir(&dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .args(["push", "tug", "main"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let builds = wait_until("a build to start", DEADLINE, || {
        let builds = here.tug(&["builds", "--json"]).ok().json();
        builds
            .as_array()
            .is_some_and(|b| !b.is_empty())
            .then_some(builds)
    });
    assert_eq!(builds[0]["status"], "pending", "caught it running");
    let output = here.tug(&["builds:output"]).ok();
    assert!(
        output.stdout.contains("-----> Step one\n")
            && output.stdout.contains("-----> Step two\n")
            && output.stdout.contains("deployed to tug"),
        "{}",
        output.stdout
    );
    output.stderr_has(" succeeded");
    let status = pushing.wait_with_output().unwrap().status;
    assert!(status.success());
}
