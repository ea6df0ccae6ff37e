//! The built-in buildpacks on tiny apps.

use super::*;

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

#[tokio::test]
async fn builtin_python_runs_the_app_hooks_and_writes_its_environment() {
    if tool_missing("python3") {
        return;
    }
    let build = Build::new(
        &[
            ("app.py", "print('hello')\n"),
            (
                "bin/pre_compile",
                "#!/bin/sh\necho before > pre.txt\necho pre ran\n",
            ),
            (
                "bin/post_compile",
                "#!/bin/sh\necho \"$VIRTUAL_ENV\" > post.txt\n",
            ),
        ],
        &[],
    );
    let (result, lines) = build.run().await;
    result.unwrap_or_else(|e| panic!("{e}\n{lines:#?}"));
    assert!(
        has_line(&lines, "-----> Running bin/pre_compile"),
        "{lines:#?}"
    );
    assert!(has_line(&lines, "       pre ran"), "{lines:#?}");
    assert!(
        has_line(&lines, "-----> Running bin/post_compile"),
        "{lines:#?}"
    );
    assert_eq!(build.read("pre.txt"), "before\n");
    assert!(build.read("post.txt").trim().ends_with("/.heroku/python"));

    // The app's environment: the virtualenv first, unbuffered output, no PYTHONHOME, and a
    // WEB_CONCURRENCY for gunicorn unless the app sets one.
    let profile = |prelude: &str| {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "{prelude}; . .profile.d/python.sh; echo \"${{PYTHONHOME-none}} $WEB_CONCURRENCY $PYTHONUNBUFFERED $VIRTUAL_ENV\""
            ))
            .env("HOME", "/app")
            .env_remove("PYTHONUNBUFFERED")
            .env_remove("WEB_CONCURRENCY")
            .current_dir(build.app())
            .output()
            .expect("bash");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    let got = profile("export PYTHONHOME=/somewhere");
    let fields: Vec<&str> = got.split(' ').collect();
    assert_eq!(fields[0], "none", "{got}");
    assert!(fields[1].parse::<u32>().expect("a number") >= 2, "{got}");
    assert_eq!(fields[2], "true");
    assert_eq!(fields[3], "/app/.heroku/python");
    assert!(profile("export WEB_CONCURRENCY=7").contains(" 7 "));

    // A failing hook fails the build.
    let build = Build::new(
        &[("app.py", ""), ("bin/post_compile", "#!/bin/sh\nexit 4\n")],
        &[],
    );
    let (result, lines) = build.run().await;
    assert!(matches!(result, Err(BuildError::CompileFailed { .. })));
    assert!(
        has_line(
            &lines,
            " !     bin/post_compile failed: the build stops here"
        ),
        "{lines:#?}"
    );

    // A Pipfile without its lock says what to run.
    let build = Build::new(&[("Pipfile", "[packages]\nsix = \"*\"\n")], &[]);
    let (result, lines) = build.run().await;
    assert!(matches!(result, Err(BuildError::CompileFailed { .. })));
    assert!(
        has_line(
            &lines,
            " !     hint: run `pipenv lock` and commit Pipfile.lock"
        ),
        "{lines:#?}"
    );
}

#[tokio::test]
async fn builtin_python_says_a_django_app_needs_a_procfile() {
    if tool_missing("python3") {
        return;
    }
    let build = Build::new(
        &[
            ("manage.py", "import sys\n"),
            ("mysite/__init__.py", ""),
            ("mysite/wsgi.py", "application = None\n"),
        ],
        &[],
    );
    let (result, lines) = build.run().await;
    let outcome = result.unwrap_or_else(|e| panic!("{e}\n{lines:#?}"));
    assert!(
        outcome.process_types.is_empty(),
        "{:?}",
        outcome.process_types
    );
    assert!(
        has_line(
            &lines,
            " !     this Django app has no Procfile, so it declares no web process"
        ),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("PROJECT.wsgi")),
        "{lines:#?}"
    );
}

#[tokio::test]
async fn builtin_node_runs_the_heroku_scripts_in_production_mode() {
    if tool_missing("node") || tool_missing("npm") {
        return;
    }
    let scripts = r#"{"name": "tiny", "version": "1.0.0", "scripts": {
        "heroku-prebuild": "echo pre:$NODE_ENV > pre.txt",
        "build": "echo build > build.txt",
        "heroku-postbuild": "echo post:$NODE_ENV > post.txt"}}"#;
    let build = Build::new(&[("package.json", scripts)], &["node"]);
    let (result, lines) = build.run().await;
    let outcome = result.unwrap_or_else(|e| panic!("{e}\n{lines:#?}"));
    assert_eq!(build.read("pre.txt"), "pre:production\n");
    assert_eq!(build.read("post.txt"), "post:production\n");
    // heroku-postbuild runs instead of build, as on Heroku.
    assert!(!build.app().join("build.txt").exists());
    // No start script and no server.js: no web process, and the output says what to add.
    assert!(outcome.process_types.is_empty());
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(" !     this app has no Procfile, no `start` script")),
        "{lines:#?}"
    );

    // Two package managers' lock files: refused before anything runs.
    let build = Build::new(
        &[
            ("package.json", scripts),
            ("package-lock.json", "{}"),
            ("yarn.lock", ""),
        ],
        &["node"],
    );
    let (result, lines) = build.run().await;
    assert!(matches!(result, Err(BuildError::CompileFailed { .. })));
    assert!(
        has_line(
            &lines,
            " !     the app has more than one lock file: package-lock.json yarn.lock"
        ),
        "{lines:#?}"
    );
    assert!(!build.app().join("pre.txt").exists());
}
