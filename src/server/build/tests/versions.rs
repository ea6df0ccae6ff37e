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
