//! How the built-in buildpacks read the version an app asks for, and what they say about it:
//! the helpers in `buildpacks/*/lib` run on small app directories, then whole builds that stop
//! before installing anything.

use super::*;

/// Runs `program helper check APP AVAILABLE` on an app made of `files`: (exit code, stdout).
fn check(program: &str, helper: &str, files: &[(&str, &str)], available: &str) -> (i32, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pack = tmp.path().join("pack");
    let name = if program == "node" { "node" } else { "python" };
    builtin::lookup(name)
        .expect("builtin")
        .write_to(&pack)
        .expect("write");
    let app = tmp.path().join("app");
    std::fs::create_dir_all(&app).expect("mkdir");
    for (path, text) in files {
        std::fs::write(app.join(path), text).expect("write");
    }
    let out = std::process::Command::new(program)
        .arg(pack.join(helper))
        .arg("check")
        .arg(&app)
        .arg(available)
        .output()
        .expect("run the helper");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn python(files: &[(&str, &str)]) -> (i32, String) {
    check("python3", "lib/version.py", files, "3.11.2")
}

fn node(files: &[(&str, &str)]) -> (i32, String) {
    check("node", "lib/version.js", files, "v20.11.1")
}

#[test]
fn python_versions_in_heroku_order() {
    if tool_missing("python3") {
        return;
    }
    let (code, out) = python(&[]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Using Python 3.11.2 from the stack"),
        "{out}"
    );

    // Satisfied: a series, the exact version, a specifier, Pipfile.lock's field.
    for files in [
        vec![(".python-version", "3.11\n")],
        vec![("runtime.txt", "python-3.11.2\n")],
        vec![(
            "pyproject.toml",
            "[project]\nrequires-python = \">=3.9, <4\"\n",
        )],
        vec![(
            "Pipfile.lock",
            r#"{"_meta": {"requires": {"python_version": "3.11"}}}"#,
        )],
        vec![(
            "pyproject.toml",
            "[tool.poetry.dependencies]\npython = \"^3.10\"\n",
        )],
    ] {
        let (code, out) = python(&files);
        assert_eq!(code, 0, "{files:?}: {out}");
        assert!(out.contains("using the stack's Python 3.11.2"), "{out}");
        assert!(!out.starts_with(" !"), "{out}");
    }

    // Close: the same series with another patch warns and goes on.
    let (code, out) = python(&[("runtime.txt", "python-3.11.9")]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(
            " !     Python 3.11.9 asked for in runtime.txt; the stack has Python 3.11.2"
        ),
        "{out}"
    );

    // Mismatch: wanted, available and the fix, and a failure.
    let (code, out) = python(&[
        (".python-version", "3.13\n"),
        ("runtime.txt", "python-3.11.2"),
    ]);
    assert_eq!(code, 3, "{out}");
    assert!(
        out.contains("Python 3.13 asked for in .python-version, but this stack has Python 3.11.2"),
        "{out}"
    );
    assert!(
        out.contains("hint: write `3.11` to .python-version"),
        "{out}"
    );
    assert!(out.contains("`tug buildpacks:set https://github.com/heroku/heroku-buildpack-python`"));
    let (code, out) = python(&[(
        "pyproject.toml",
        "[project]\nrequires-python = \">=3.12\"\n",
    )]);
    assert_eq!(code, 3, "{out}");
    assert!(
        out.contains("change `requires-python` in pyproject.toml"),
        "{out}"
    );
    let (code, out) = python(&[(
        "Pipfile.lock",
        r#"{"_meta": {"requires": {"python_full_version": "3.10.4"}}}"#,
    )]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("[requires] in the Pipfile"), "{out}");

    // Hostile or odd input: a clear message, never a traceback.
    for files in [
        vec![(".python-version", "banana\n")],
        vec![("pyproject.toml", "[project]\nrequires-python = \"~=3\"\n")],
    ] {
        let (code, out) = python(&files);
        assert_eq!(code, 3, "{files:?}: {out}");
        assert!(
            out.contains("not a version this buildpack understands"),
            "{out}"
        );
    }
    for files in [
        vec![("Pipfile.lock", "{not json")],
        vec![("pyproject.toml", "this is = = not toml")],
        vec![("Pipfile.lock", "[1, 2]")],
    ] {
        let (code, out) = python(&files);
        assert_eq!(code, 0, "{files:?}: {out}");
        assert!(
            out.starts_with("Using Python 3.11.2 from the stack"),
            "{out}"
        );
    }
}

#[test]
fn node_versions_from_engines_and_nvmrc() {
    if tool_missing("node") {
        return;
    }
    let pkg = |range: &str| format!(r#"{{"engines": {{"node": "{range}"}}}}"#);
    let (code, out) = node(&[("package.json", "{}")]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Using Node.js 20.11.1 from the stack"),
        "{out}"
    );

    for range in [
        "20.x",
        ">=18",
        "^20.1.0",
        "18 || 20",
        ">= 18 < 21",
        "16.0.0 - 20.x",
        "~20.11",
        "*",
    ] {
        let (code, out) = node(&[("package.json", &pkg(range))]);
        assert_eq!(code, 0, "{range}: {out}");
        assert!(
            out.contains("using the stack's Node.js 20.11.1"),
            "{range}: {out}"
        );
    }
    for line in ["v20.11.1", "20", "lts/*", "lts/iron", "node"] {
        let (code, out) = node(&[("package.json", "{}"), (".nvmrc", line)]);
        assert_eq!(code, 0, "{line}: {out}");
        assert!(out.contains("asked for in .nvmrc"), "{line}: {out}");
    }

    let (code, out) = node(&[("package.json", &pkg("20.11.0"))]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with(" !     Node.js 20.11.0 asked for in package.json (engines.node); the stack has Node.js 20.11.1"), "{out}");

    for range in ["22.x", "^18.0.0", "<20", ">=20.12"] {
        let (code, out) = node(&[("package.json", &pkg(range))]);
        assert_eq!(code, 3, "{range}: {out}");
        assert!(out.contains("but this stack has Node.js 20.11.1"), "{out}");
        assert!(
            out.contains(r#"hint: set `"engines": {"node": "20.x"}` in package.json"#),
            "{out}"
        );
    }
    // engines.node wins over .nvmrc.
    let (code, out) = node(&[("package.json", &pkg("22")), (".nvmrc", "20")]);
    assert_eq!(code, 3, "{out}");
    let (code, out) = node(&[("package.json", "{}"), (".nvmrc", "lts/jod")]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("hint: write `20` to .nvmrc"), "{out}");

    for range in ["banana", "lts/unknown"] {
        let (code, out) = node(&[("package.json", "{}"), (".nvmrc", range)]);
        assert_eq!(code, 3, "{range}: {out}");
        assert!(
            out.contains("not a version range this buildpack understands"),
            "{out}"
        );
    }
    // Not JSON, or engines of the wrong shape: as if nothing were asked.
    for text in [
        "{nope",
        r#"{"engines": "20"}"#,
        r#"{"engines": {"node": 20}}"#,
        "[]",
    ] {
        let (code, out) = node(&[("package.json", text)]);
        assert_eq!(code, 0, "{text}: {out}");
        assert!(out.starts_with("Using Node.js"), "{out}");
    }
}

#[tokio::test]
async fn builds_stop_before_installing_a_version_the_stack_lacks() {
    if tool_missing("python3") || tool_missing("node") {
        return;
    }
    let build = Build::new(
        &[
            ("requirements.txt", "this-package-does-not-exist==1.0\n"),
            (".python-version", "3.4\n"),
        ],
        &[],
    );
    let (result, lines) = build.run().await;
    assert!(
        matches!(result, Err(BuildError::CompileFailed { .. })),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(
            " !     Python 3.4 asked for in .python-version, but this stack has Python 3."
        )),
        "{lines:#?}"
    );
    assert!(!lines.iter().any(|l| l.contains("pip")), "{lines:#?}");
    assert!(!build.app().join(".heroku").exists());

    let build = Build::new(
        &[(
            "package.json",
            r#"{"engines": {"node": "0.8.x"}, "dependencies": {"left-pad": "1.3.0"}}"#,
        )],
        &[],
    );
    let (result, lines) = build.run().await;
    assert!(
        matches!(result, Err(BuildError::CompileFailed { .. })),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(" !     Node.js 0.8.x asked for in package.json (engines.node), but this stack has Node.js")),
        "{lines:#?}"
    );
    assert!(!build.app().join("node_modules").exists());
}

/// Runs a built-in's helper with `args` (`APP` stands for the app made of `files`): (exit
/// code, stdout).
fn helper(program: &str, pack: &str, args: &[&str], files: &[(&str, &str)]) -> (i32, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("pack");
    builtin::lookup(pack)
        .expect("builtin")
        .write_to(&dir)
        .expect("write");
    let app = tmp.path().join("app");
    std::fs::create_dir_all(&app).expect("mkdir");
    for (path, text) in files {
        std::fs::write(app.join(path), text).expect("write");
    }
    let out = std::process::Command::new(program)
        .args(args.iter().map(|a| match *a {
            "APP" => app.clone().into_os_string(),
            other if other.starts_with("lib/") => dir.join(other).into_os_string(),
            other => other.into(),
        }))
        .output()
        .expect("run the helper");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// One start of Python picks the interpreter, says its version and checks it against what the
/// app asks for (compile reads the first line, then prints the rest).
#[test]
fn python_resolve_names_the_interpreter_then_checks_it() {
    if tool_missing("python3") {
        return;
    }
    let (code, out) = helper(
        "python3",
        "python",
        &["lib/version.py", "resolve", "APP"],
        &[],
    );
    assert_eq!(code, 0, "{out}");
    let mut lines = out.lines();
    let (exe, version) = lines
        .next()
        .and_then(|l| l.split_once('\t'))
        .unwrap_or_else(|| panic!("no interpreter line in {out:?}"));
    assert!(Path::new(exe).is_absolute(), "{out}");
    assert!(version.starts_with("3."), "{out}");
    let rest: Vec<&str> = lines.collect();
    assert!(
        rest.first()
            .is_some_and(|l| l.starts_with(&format!("Using Python {version} from the stack"))),
        "{out}"
    );

    // A version the stack lacks: the interpreter line, then the refusal (exit 3).
    let (code, out) = helper(
        "python3",
        "python",
        &["lib/version.py", "resolve", "APP"],
        &[(".python-version", "3.4\n")],
    );
    assert_eq!(code, 3, "{out}");
    assert!(
        out.contains("Python 3.4 asked for in .python-version, but this stack has Python 3."),
        "{out}"
    );
}

/// One start of node checks the version and reads package.json and npm's version.
#[test]
fn node_facts_check_the_version_and_read_package_json() {
    if tool_missing("node") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let npm = tmp.path().join("npm/bin/npm-cli.js");
    std::fs::create_dir_all(npm.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        tmp.path().join("npm/package.json"),
        r#"{"name": "npm", "version": "10.2.3"}"#,
    )
    .expect("write");
    let npm = npm.to_string_lossy().into_owned();
    let pkg = r#"{"engines": {"node": ">=18"}, "packageManager": "pnpm@9.1.0+sha256.abc",
        "dependencies": {"a": "1", "b": "2"}, "optionalDependencies": {"c": "3"},
        "devDependencies": {"d": "4"}, "scripts": {"build": "x", "heroku-postbuild": "y"}}"#;
    let (code, out) = helper(
        "node",
        "node",
        &["lib/facts.js", "APP", &npm],
        &[("package.json", pkg)],
    );
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("asked for in package.json"), "{out}");
    let facts: Vec<&str> = lines[1].split(' ').collect();
    assert_eq!(facts[..6], ["3", "1", "0", "1", "1", "pnpm@9.1.0"], "{out}");
    assert!(facts[6].starts_with('v'), "{out}");
    assert_eq!(facts[7], "10.2.3", "{out}");

    // Not npm's own script: npm's version is left to `npm --version`.
    let (code, out) = helper(
        "node",
        "node",
        &["lib/facts.js", "APP", "/usr/bin/npm"],
        &[("package.json", "{}")],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.trim_end().ends_with(" -"), "{out}");

    // Not JSON: exit 4 with node's message as the last line, after the version verdict.
    let (code, out) = helper(
        "node",
        "node",
        &["lib/facts.js", "APP", &npm],
        &[("package.json", "{nope")],
    );
    assert_eq!(code, 4, "{out}");
    assert!(out.starts_with("Using Node.js"), "{out}");
    assert!(out.lines().count() == 2, "{out}");

    // A version the stack lacks stops there (exit 3), package.json unread.
    let (code, out) = helper(
        "node",
        "node",
        &["lib/facts.js", "APP", &npm],
        &[("package.json", r#"{"engines": {"node": "0.8.x"}}"#)],
    );
    assert_eq!(code, 3, "{out}");
    assert!(!out.contains(" 10.2.3"), "{out}");
}
