//! The built-in buildpacks on real framework apps, generated at test time by the frameworks' own
//! tools with packages from PyPI and the npm registry: a Django project (`django-admin
//! startproject`, WhiteNoise, gunicorn), an Express app with a `build` script (made with npm,
//! Yarn classic, Yarn berry and pnpm), and apps locked by Poetry, uv and Pipenv. Each is pushed
//! with git to a real `tug server`, must answer 200 with its static assets through the router,
//! and a second push of the unchanged app must restore its dependencies from the build cache.
//!
//! A test target of its own (`cargo test --test frameworks`) because it downloads packages and
//! takes minutes; `.ci/run` runs it, and `TUG_SKIP_FRAMEWORKS=1` skips it locally.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod common;

use std::process::Command;
use std::time::Duration;

use common::apps::{PackageManager, django_project, edit, express_app, express_app_with, vite_app};
use common::push::{commit, git, push_app};
use common::{TestServer, dynos, run_ok, wait_until};
use serde_json::json;

/// True (after a loud message) when this run should not or cannot run framework apps.
fn skip(tools: &[&str]) -> bool {
    if std::env::var_os("TUG_SKIP_FRAMEWORKS").is_some_and(|v| !v.is_empty() && v != "0") {
        common::skip::skipped("the framework tests (TUG_SKIP_FRAMEWORKS is set)");
        return true;
    }
    for tool in tools {
        let found = Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            common::skip::skipped(format!(
                "the framework tests need `{tool}`, which this machine lacks"
            ));
            return true;
        }
    }
    false
}

/// GET a path through the router: (status, content type, body).
fn get(server: &TestServer, app: &str, path: &str) -> (u16, String, String) {
    let r = reqwest::blocking::Client::new()
        .get(format!("{}{path}", server.router_url))
        .header("Host", format!("{app}.localhost"))
        .timeout(Duration::from_secs(20))
        .send();
    match r {
        Ok(r) => {
            let kind = r
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            (r.status().as_u16(), kind, r.text().unwrap_or_default())
        }
        Err(e) => (0, String::new(), e.to_string()),
    }
}

/// Waits until `path` answers 200 through the router; returns (content type, body).
fn wait_200(server: &TestServer, app: &str, path: &str) -> (String, String) {
    let mut last = (0, String::new(), String::new());
    let found = common::wait::poll(Duration::from_secs(90), || {
        last = get(server, app, path);
        last.0 == 200
    });
    assert!(
        found,
        "{path} did not answer 200: {last:?}\n{}",
        server.log()
    );
    (last.1, last.2)
}

fn create_app(server: &TestServer, app: &str) {
    let created = server.http().call(
        "POST",
        "/apps",
        Some(&server.admin_token),
        Some(json!({ "name": app })),
    );
    assert_eq!(created.status, 201, "{:?}", created.body);
}

#[test]
fn django_with_whitenoise_and_gunicorn() {
    if skip(&["python3", "git"]) {
        return;
    }
    let server = dynos::start();
    let home = server.admin();
    let dir = django_project(&home);
    create_app(&server, "djangoapp");

    let out = push_app(&server, &home, &dir, "djangoapp", true);
    assert!(out.contains("Python app detected"), "{out}");
    assert!(out.contains("Installing requirements with pip"), "{out}");
    assert!(
        out.contains("$ python manage.py collectstatic --noinput"),
        "{out}"
    );

    let (_, body) = wait_200(&server, "djangoapp", "/");
    assert!(body.contains("hello from django"), "{body}");
    // The hashed name Django's manifest storage gave the stylesheet, served by WhiteNoise.
    let css = body
        .split('"')
        .find(|s| s.starts_with("/static/site.") && s.ends_with(".css"))
        .unwrap_or_else(|| panic!("no hashed stylesheet in {body}"))
        .to_owned();
    let (kind, text) = wait_200(&server, "djangoapp", &css);
    assert!(kind.starts_with("text/css"), "{kind}");
    assert!(text.contains("teal"), "{text}");
    let (kind, _) = wait_200(&server, "djangoapp", "/static/admin/css/base.css");
    assert!(kind.starts_with("text/css"), "{kind}");

    // The same app again: the virtualenv comes from the build cache, pip installs nothing.
    commit(&home, &dir, &[], "again");
    let out = push_app(&server, &home, &dir, "djangoapp", true);
    assert!(
        out.contains("Restoring the packages of requirements.txt from the build cache"),
        "{out}"
    );
    assert!(!out.contains("Installing requirements"), "{out}");
    assert!(!out.contains("Collecting "), "{out}");
    // Nothing collectstatic reads changed either: what it wrote comes from the cache.
    assert!(
        out.contains("Restored the static files it collected last time from the build cache"),
        "{out}"
    );
    wait_for_release(&server, "djangoapp", 2);
    wait_200(&server, "djangoapp", &css);

    // A failing collectstatic fails the build with Django's message; DISABLE_COLLECTSTATIC
    // skips it.
    edit(&dir.join("mysite/settings.py"), |text| {
        text.replace("STATIC_ROOT = BASE_DIR / 'staticfiles'\n", "")
    });
    commit(&home, &dir, &[], "no STATIC_ROOT");
    let out = push_app(&server, &home, &dir, "djangoapp", false);
    // Django's own words, not only the buildpack's hint (which names STATIC_ROOT too).
    assert!(out.contains("ImproperlyConfigured"), "{out}");
    assert!(
        out.contains("without having set the STATIC_ROOT setting"),
        "{out}"
    );
    assert!(out.contains("DISABLE_COLLECTSTATIC=1"), "{out}");
    home.tug(&["config:set", "DISABLE_COLLECTSTATIC=1", "-a", "djangoapp"])
        .ok();
    let out = push_app(&server, &home, &dir, "djangoapp", true);
    assert!(out.contains("DISABLE_COLLECTSTATIC is set"), "{out}");

    // Without its Procfile the app declares no web process, and the build output says which
    // line to write: gunicorn on the project's own WSGI module.
    git(&home, &dir, &["rm", "-q", "Procfile"]);
    commit(&home, &dir, &[], "no Procfile");
    let out = push_app(&server, &home, &dir, "djangoapp", true);
    assert!(
        out.contains("this Django app has no Procfile, so it declares no web process"),
        "{out}"
    );
    assert!(
        out.contains("hint: add a Procfile with `web: gunicorn mysite.wsgi`"),
        "{out}"
    );
}

/// Waits until the app's current release is at least version `v`.
fn wait_for_release(server: &TestServer, app: &str, v: u64) {
    wait_until(
        &format!("release v{v} of {app}"),
        Duration::from_secs(60),
        || {
            let releases = server
                .http()
                .call(
                    "GET",
                    &format!("/apps/{app}/releases"),
                    Some(&server.admin_token),
                    None,
                )
                .body;
            releases
                .as_array()
                .and_then(|list| list.iter().filter_map(|r| r["version"].as_u64()).max())
                .filter(|max| *max >= v)
        },
    );
}

#[test]
fn express_with_a_build_script() {
    if skip(&["node", "npm", "git"]) {
        return;
    }
    let server = dynos::start();
    let home = server.admin();
    let dir = express_app(&home);
    create_app(&server, "expressapp");

    let out = push_app(&server, &home, &dir, "expressapp", true);
    assert!(out.contains("Node.js app detected"), "{out}");
    assert!(out.contains("Installing dependencies with npm"), "{out}");
    assert!(out.contains("Running build"), "{out}");
    assert!(out.contains("Pruning devDependencies"), "{out}");
    assert!(out.contains("Default types for buildpack -> web"), "{out}");

    let (_, body) = wait_200(&server, "expressapp", "/");
    assert!(body.contains("hello from express"), "{body}");
    let (kind, text) = wait_200(&server, "expressapp", "/app.js");
    assert!(kind.contains("javascript"), "{kind}");
    assert!(text.contains("built at"), "{text}");
    let (pruned, ..) = dynos::run(
        &server,
        "expressapp",
        "ls node_modules/left-pad 2>&1 || echo gone; echo $NODE_ENV",
        b"",
    );
    assert!(pruned.contains("gone"), "{pruned}");
    assert!(pruned.contains("production"), "{pruned}");

    commit(&home, &dir, &[], "again");
    let out = push_app(&server, &home, &dir, "expressapp", true);
    assert!(
        out.contains("Restoring node_modules from the build cache"),
        "{out}"
    );
    assert!(!out.contains("Installing dependencies"), "{out}");
    assert!(out.contains("Running build"), "{out}");
    assert!(
        out.contains("Pruning devDependencies (as the last build of the same lock file did)"),
        "{out}"
    );
    wait_for_release(&server, "expressapp", 2);
    wait_200(&server, "expressapp", "/app.js");
    // The restored node_modules had its dev dependencies; they are pruned from this slug too.
    let (pruned, ..) = dynos::run(
        &server,
        "expressapp",
        "ls node_modules/left-pad 2>&1 || echo gone; ls -d node_modules/express",
        b"",
    );
    assert!(pruned.contains("gone"), "{pruned}");
    assert!(pruned.contains("node_modules/express"), "{pruned}");
}

/// Poetry, uv and Pipenv lock files, written by the tools themselves at test time: the buildpack
/// installs the tool into the build cache, installs the locked packages (not the development
/// ones) into the slug's virtualenv, and restores them from the cache on the next push.
#[test]
fn python_lock_files_from_poetry_uv_and_pipenv() {
    if skip(&["python3", "git"]) {
        return;
    }
    let server = dynos::start();
    let home = server.admin();
    let tools = home.path().join("lock-tools");
    run_ok(Command::new("python3").arg("-m").arg("venv").arg(&tools));
    run_ok(
        Command::new(tools.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .args(["uv", "poetry", "pipenv"]),
    );
    let app_py = "import six\nprint('six', six.__version__)\n";
    for (tool, lock, file, manifest) in [
        (
            "uv",
            "uv.lock",
            "pyproject.toml",
            "[project]\nname = \"locked\"\nversion = \"0.1.0\"\nrequires-python = \">=3.9\"\ndependencies = [\"six==1.17.0\"]\n",
        ),
        (
            "poetry",
            "poetry.lock",
            "pyproject.toml",
            "[tool.poetry]\nname = \"locked\"\nversion = \"0.1.0\"\ndescription = \"\"\nauthors = []\npackage-mode = false\n\n[tool.poetry.dependencies]\npython = \">=3.9\"\nsix = \"1.17.0\"\n",
        ),
        (
            "pipenv",
            "Pipfile.lock",
            "Pipfile",
            "[[source]]\nurl = \"https://pypi.org/simple\"\nverify_ssl = true\nname = \"pypi\"\n\n[packages]\nsix = \"==1.17.0\"\n\n[dev-packages]\ntoml = \"==0.10.2\"\n\n[requires]\npython_version = \"3\"\n",
        ),
    ] {
        let dir = home.path().join(format!("with-{tool}"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join(file), manifest).expect("manifest");
        std::fs::write(dir.join("app.py"), app_py).expect("app.py");
        std::fs::write(dir.join("Procfile"), "web: python -m http.server $PORT\n")
            .expect("Procfile");
        let mut lock_cmd = Command::new(tools.join("bin").join(tool));
        home.apply_env(&mut lock_cmd);
        run_ok(
            lock_cmd
                .arg("lock")
                .current_dir(&dir)
                // The host's certificate store, as the buildpack tells uv to use.
                .env("UV_SYSTEM_CERTS", "1")
                .env("UV_NATIVE_TLS", "1")
                // Pipenv locks from a virtualenv of its own: inside the app, not in HOME.
                .env("PIPENV_VENV_IN_PROJECT", "1")
                .env("PIPENV_YES", "1"),
        );
        assert!(dir.join(lock).is_file(), "`{tool} lock` wrote no {lock}");
        let _ = std::fs::remove_dir_all(dir.join(".venv"));
        common::apps::commit_all(&home, &dir);

        let app = format!("locked-{tool}");
        create_app(&server, &app);
        let out = push_app(&server, &home, &dir, &app, true);
        let name = match tool {
            "uv" => "uv",
            "poetry" => "Poetry",
            _ => "Pipenv",
        };
        assert!(
            out.contains(&format!("Installing dependencies from {lock} with {name}")),
            "{out}"
        );
        let (stdout, stderr, code) = dynos::run(&server, &app, "python app.py", b"");
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(stdout.contains("six 1.17.0"), "{stdout}{stderr}");
        if tool == "pipenv" {
            assert!(out.contains("Python 3 asked for in Pipfile.lock"), "{out}");
            // The lock's development packages stay out of the slug.
            let (stdout, stderr, _) = dynos::run(
                &server,
                &app,
                "python -c 'import toml' 2>&1 || echo absent",
                b"",
            );
            assert!(stdout.contains("absent"), "{stdout}{stderr}");
        }

        commit(&home, &dir, &[], "again");
        let out = push_app(&server, &home, &dir, &app, true);
        assert!(
            out.contains(&format!(
                "Restoring the packages of {lock} from the build cache"
            )),
            "{out}"
        );
        assert!(!out.contains("Installing dependencies"), "{out}");
    }
}

/// Yarn classic, Yarn berry and pnpm, chosen by the lock file each writes: each tool is
/// installed from the npm registry into the build cache (none is on the host), the app's
/// dev dependency is pruned after the build, the pages answer, and the next push of the
/// unchanged app installs nothing from the registry.
#[test]
fn node_lock_files_from_yarn_and_pnpm() {
    if skip(&["node", "npm", "git"]) {
        return;
    }
    let server = dynos::start();
    let home = server.admin();
    for manager in [
        PackageManager::YarnClassic,
        PackageManager::YarnBerry,
        PackageManager::Pnpm,
    ] {
        let dir = express_app_with(&home, manager);
        let app = format!("shop-{}", manager.name());
        create_app(&server, &app);
        let out = push_app(&server, &home, &dir, &app, true);
        let tool = if manager == PackageManager::Pnpm {
            "pnpm"
        } else {
            "yarn"
        };
        assert!(
            out.contains(&format!("Installing dependencies with {tool}")),
            "{out}"
        );
        assert!(out.contains("into the build cache"), "{out}");
        assert!(out.contains("Running build"), "{out}");
        assert!(out.contains("Pruning devDependencies"), "{out}");
        let (_, body) = wait_200(&server, &app, "/");
        assert!(body.contains("hello from express"), "{body}");
        let (_, text) = wait_200(&server, &app, "/app.js");
        assert!(text.contains("built at"), "{text}");
        let (pruned, ..) = dynos::run(
            &server,
            &app,
            "ls node_modules/left-pad 2>&1 || echo gone; ls node_modules/express/package.json",
            b"",
        );
        assert!(pruned.contains("gone"), "{pruned}");
        assert!(pruned.contains("express/package.json"), "{pruned}");

        // Again: the tool comes from the build cache; Yarn classic's and pnpm's node_modules too,
        // and Yarn berry links from its package cache.
        commit(&home, &dir, &[], "again");
        let out = push_app(&server, &home, &dir, &app, true);
        assert!(!out.contains("into the build cache"), "{out}");
        if manager == PackageManager::YarnBerry {
            assert!(out.contains("Installing dependencies with yarn"), "{out}");
        } else {
            assert!(
                out.contains("Restoring node_modules from the build cache"),
                "{out}"
            );
            assert!(!out.contains("Installing dependencies"), "{out}");
        }
        wait_for_release(&server, &app, 2);
        let (pruned, ..) = dynos::run(
            &server,
            &app,
            "ls node_modules/left-pad 2>&1 || echo gone",
            b"",
        );
        assert!(pruned.contains("gone"), "{pruned}");
        wait_200(&server, &app, "/app.js");
    }
}

/// A Vite scaffold (`npm create vite`): `vite build` runs as the build script with its dev
/// dependencies, which are pruned after it; the built page and its hashed assets answer 200.
#[test]
fn vite_scaffold_built_and_served() {
    if skip(&["node", "npm", "git"]) {
        return;
    }
    let server = dynos::start();
    let home = server.admin();
    let dir = vite_app(&home);
    create_app(&server, "viteapp");

    let out = push_app(&server, &home, &dir, "viteapp", true);
    assert!(out.contains("Running build"), "{out}");
    assert!(out.contains("built in"), "{out}");
    assert!(out.contains("Pruning devDependencies"), "{out}");
    let (_, page) = wait_200(&server, "viteapp", "/");
    assert!(page.contains("<div id=\"app\">"), "{page}");
    let script = page
        .split('"')
        .find(|s| s.starts_with("/assets/index-") && s.ends_with(".js"))
        .unwrap_or_else(|| panic!("no hashed script in {page}"))
        .to_owned();
    let (kind, _) = wait_200(&server, "viteapp", &script);
    assert!(kind.contains("javascript"), "{kind}");
    let (pruned, ..) = dynos::run(
        &server,
        "viteapp",
        "ls node_modules/vite 2>&1 || echo gone",
        b"",
    );
    assert!(pruned.contains("gone"), "{pruned}");

    commit(&home, &dir, &[], "again");
    let out = push_app(&server, &home, &dir, "viteapp", true);
    assert!(
        out.contains("Restoring node_modules from the build cache"),
        "{out}"
    );
    assert!(out.contains("built in"), "{out}");
    wait_for_release(&server, "viteapp", 2);
    wait_200(&server, "viteapp", &script);
}
