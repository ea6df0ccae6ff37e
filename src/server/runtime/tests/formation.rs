//! Formation dynos: serving, scaling, crashing and coming back, boot timeouts, graceful stops
//! and their environment.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_web_dyno_serves_and_scales() {
    let fx = Fixture::new(|_| {});
    let slug = fx.slug(&[("server.py", SERVER)]);
    let release = fx.release(1, &slug, &[("web", WEB)]);
    fx.runtime
        .deploy(release, vec![web(1)])
        .await
        .expect("deploy");
    assert_eq!(get_any(&fx.runtime, fx.app, "/").await, "v1\n");
    let dynos = fx.runtime.dynos(fx.app);
    assert_eq!(dynos.len(), 1);
    assert_eq!(dynos[0].name, "web.1");
    assert_eq!(dynos[0].state, DynoState::Up);
    assert_eq!(dynos[0].release_version, 1);
    assert_eq!(dynos[0].command, WEB);
    assert_eq!(
        dynos[0].port,
        Some(fx.runtime.web_backends(fx.app)[0].1.port())
    );
    assert_eq!(
        fx.logged(&format!(
            "heroku[web.1]: Starting process with command `{WEB}`"
        )),
        1
    );
    assert_eq!(
        fx.logged("heroku[web.1]: State changed from starting to up"),
        1
    );
    until(
        "the dyno's output is logged",
        Duration::from_secs(2),
        || {
            fx.log()
                .iter()
                .any(|l| l.starts_with("app[web.1]: listening on"))
        },
    )
    .await;

    fx.runtime
        .scale(fx.app, vec![web(3)])
        .await
        .expect("scale up");
    until("three web dynos are up", Duration::from_secs(5), || {
        fx.runtime.web_backends(fx.app).len() == 3
    })
    .await;
    let names = fx.dyno_names();
    assert_eq!(names, ["web.1", "web.2", "web.3"]);
    for (_, addr) in fx.runtime.web_backends(fx.app) {
        assert_eq!(get(addr, "/").await.expect("GET"), "v1\n");
    }

    let first = fx.runtime.dynos(fx.app)[0].id;
    fx.runtime
        .scale(fx.app, vec![web(1)])
        .await
        .expect("scale down");
    let names = fx.dyno_names();
    assert_eq!(names, ["web.1"], "the highest numbers stop");
    assert_eq!(fx.runtime.dynos(fx.app)[0].id, first);
    assert_eq!(fx.runtime.web_backends(fx.app).len(), 1);
    until("the stopped dynos exit", Duration::from_secs(5), || {
        fx.logged("heroku[web.3]: Stopping all processes with SIGTERM") == 1
            && fx
                .log()
                .iter()
                .any(|l| l.starts_with("heroku[web.3]: Process exited with status"))
    })
    .await;
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crashing_worker_comes_back_with_growing_backoff() {
    let fx = Fixture::new(|_| {});
    let slug = fx.slug(&[("README", "nothing here")]);
    let command = r#"echo $$ >> "$PIDS"; echo boom; exit 3"#;
    let release = fx.release(1, &slug, &[("worker", command)]);
    let started = Instant::now();
    fx.runtime
        .deploy(release, vec![scale("worker", 1), web(1)])
        .await
        .expect("deploy");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "no web to wait for"
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let starts = fx.logged(&format!(
        "heroku[worker.1]: Starting process with command `{command}`"
    ));
    // At 0 and at once after the first crash, then 200, 400, 400, 400 ms apart.
    assert!((4..=8).contains(&starts), "{starts} starts in 1.5 s");
    assert!(fx.logged("heroku[worker.1]: Process exited with status 3") >= 3);
    assert!(fx.logged("heroku[worker.1]: State changed from up to crashed") >= 3);
    assert!(fx.logged("app[worker.1]: boom") >= 3);
    assert!(!fx.runtime.crashed(fx.app), "no web formation");
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_web_dyno_that_never_binds_fails_the_deploy_and_the_old_release_keeps_serving() {
    let fx = Fixture::new(|c| c.boot_timeout = Duration::from_secs(1));
    let slug = fx.slug(&[("server.py", SERVER)]);
    fx.runtime
        .deploy(fx.release(1, &slug, &[("web", WEB)]), vec![web(1)])
        .await
        .expect("deploy v1");

    let started = Instant::now();
    let never = r#"echo $$ >> "$PIDS"; exec sleep 30"#;
    let err = fx
        .runtime
        .deploy(fx.release(2, &slug, &[("web", never)]), vec![web(1)])
        .await
        .expect_err("v2 never binds");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(
        matches!(&err, RuntimeError::BootFailed { dyno, reason } if dyno == "web.1" && reason.contains("R10")),
        "{err}"
    );
    assert_eq!(
        fx.logged("heroku[web.1]: Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 1 seconds of launch"),
        1
    );
    assert_eq!(get_any(&fx.runtime, fx.app, "/").await, "v1\n");
    let dynos = fx.runtime.dynos(fx.app);
    assert!(dynos.iter().all(|d| d.release_version == 1), "{dynos:?}");

    let crash = r#"echo $$ >> "$PIDS"; exit 1"#;
    let err = fx
        .runtime
        .deploy(fx.release(3, &slug, &[("web", crash)]), vec![web(2)])
        .await
        .expect_err("v3 crashes");
    assert!(err.to_string().contains("status 1"), "{err}");
    assert_eq!(get_any(&fx.runtime, fx.app, "/").await, "v1\n");
    until("the failed dynos are gone", Duration::from_secs(5), || {
        let dynos = fx.runtime.dynos(fx.app);
        dynos.len() == 1 && dynos[0].release_version == 1
    })
    .await;
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crashed_app_is_reported_and_a_restart_brings_it_back() {
    let fx = Fixture::new(|c| {
        c.restart_backoff = Duration::from_secs(30);
        c.max_backoff = Duration::from_secs(30);
    });
    let flag = fx.tmp.path().join("crash");
    let slug = fx.slug(&[("server.py", SERVER)]);
    let command = format!(
        r#"echo $$ >> "$PIDS"; test -e "{}" && exit 1; exec python3 server.py"#,
        flag.display()
    );
    fx.runtime
        .deploy(fx.release(1, &slug, &[("web", &command)]), vec![web(1)])
        .await
        .expect("deploy");
    assert!(!fx.runtime.crashed(fx.app));
    std::fs::write(&flag, "").expect("flag");
    let (_, addr) = fx.runtime.web_backends(fx.app)[0];
    let _ = get(addr, "/exit").await;
    until("the app is crashed", Duration::from_secs(5), || {
        fx.runtime.crashed(fx.app)
    })
    .await;
    assert!(fx.runtime.web_backends(fx.app).is_empty());
    assert_eq!(fx.runtime.dynos(fx.app)[0].state, DynoState::Crashed);
    // The state changes before its log line is written: wait for the line, then count.
    until(
        "the second crash's log line",
        Duration::from_secs(5),
        || fx.logged("heroku[web.1]: State changed from starting to crashed") > 0,
    )
    .await;
    assert_eq!(
        fx.logged("heroku[web.1]: State changed from up to crashed"),
        1
    );
    assert_eq!(
        fx.logged("heroku[web.1]: State changed from starting to crashed"),
        1,
        "restarted at once, crashed again, now waiting"
    );

    std::fs::remove_file(&flag).expect("unflag");
    fx.runtime
        .restart(fx.app, Target::All)
        .await
        .expect("restart");
    fx.runtime.settled(fx.app).await;
    assert!(!fx.runtime.crashed(fx.app));
    assert_eq!(get_any(&fx.runtime, fx.app, "/").await, "v1\n");
    assert_eq!(fx.logged("heroku[web.1]: Restarting"), 1);

    assert_eq!(
        fx.runtime
            .restart(fx.app, Target::Dyno("web.9".into()))
            .await,
        Err(RuntimeError::UnknownDyno("web.9".into()))
    );
    assert_eq!(
        fx.runtime
            .restart(fx.app, Target::Type("nope".into()))
            .await,
        Err(RuntimeError::UnknownType("nope".into()))
    );
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deploys_and_restarts_drop_no_request() {
    let fx = Fixture::new(|_| {});
    let slow = r#"echo $$ >> "$PIDS"; sleep 0.3; exec python3 server.py"#;
    let slug1 = fx.slug(&[("server.py", SERVER)]);
    let v1 = fx.release(1, &slug1, &[("web", slow)]);
    let slug1_dir = fx
        .tmp
        .path()
        .join("runtime/slugs")
        .join(v1.slug_id.to_string());
    fx.runtime.deploy(v1, vec![web(2)]).await.expect("v1");
    assert!(slug1_dir.join("app/server.py").is_file());

    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(AtomicUsize::new(0));
    let empty = Arc::new(AtomicUsize::new(0));
    let load = {
        let (rt, app) = (fx.runtime.clone(), fx.app);
        let (stop, failures, empty) = (stop.clone(), failures.clone(), empty.clone());
        tokio::spawn(async move {
            let mut bodies = std::collections::BTreeSet::new();
            let mut n = 0usize;
            while !stop.load(Ordering::SeqCst) {
                // Like the router: pick a backend per request; try another on a failed connection.
                let mut answered = false;
                for _ in 0..3 {
                    let backends = rt.web_backends(app);
                    if backends.is_empty() {
                        empty.fetch_add(1, Ordering::SeqCst);
                        break;
                    }
                    n += 1;
                    if let Ok(body) = get(backends[n % backends.len()].1, "/").await {
                        bodies.insert(body);
                        answered = true;
                        break;
                    }
                }
                if !answered {
                    failures.fetch_add(1, Ordering::SeqCst);
                }
            }
            bodies
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let slug2 = fx.slug(&[("server.py", SERVER)]);
    fx.runtime
        .deploy(fx.release(2, &slug2, &[("web", slow)]), vec![web(2)])
        .await
        .expect("v2");
    for (_, addr) in fx.runtime.web_backends(fx.app) {
        assert_eq!(get(addr, "/").await.expect("GET"), "v2\n");
    }
    fx.runtime
        .restart(fx.app, Target::Type("web".into()))
        .await
        .expect("restart");
    fx.runtime.settled(fx.app).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::SeqCst);
    let bodies = load.await.expect("load");
    assert_eq!(failures.load(Ordering::SeqCst), 0, "failed requests");
    assert_eq!(empty.load(Ordering::SeqCst), 0, "moments without a backend");
    assert!(
        bodies.contains("v1\n") && bodies.contains("v2\n"),
        "{bodies:?}"
    );
    until("the old slug is deleted", Duration::from_secs(5), || {
        !slug1_dir.exists()
    })
    .await;
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_ignoring_sigterm_gets_sigkill_after_the_grace_period() {
    let fx = Fixture::new(|c| c.stop_grace = Duration::from_millis(500));
    let slug = fx.slug(&[("README", "")]);
    let stubborn = r#"trap "" TERM; echo $$ >> "$PIDS"; while true; do sleep 0.1; done"#;
    fx.runtime
        .deploy(
            fx.release(1, &slug, &[("worker", stubborn)]),
            vec![scale("worker", 1)],
        )
        .await
        .expect("deploy");
    until("the worker runs", Duration::from_secs(5), || {
        !fx.pids().is_empty()
    })
    .await;
    let started = Instant::now();
    fx.runtime
        .scale(fx.app, vec![scale("worker", 0)])
        .await
        .expect("scale");
    assert!(fx.runtime.dynos(fx.app).is_empty());
    until("the worker is killed", Duration::from_secs(5), || {
        fx.logged("heroku[worker.1]: Process exited with status 137") == 1
    })
    .await;
    assert!(started.elapsed() >= Duration::from_millis(500));
    assert_eq!(
        fx.logged("heroku[worker.1]: Error R12 (Exit timeout) -> At least one process failed to exit within 0.5 seconds of SIGTERM"),
        1
    );
    let pid = fx.pids()[0];
    until("its group is gone", Duration::from_secs(2), || gone(pid)).await;
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dynos_get_their_environment_and_the_profile_scripts() {
    let fx = Fixture::new(|_| {});
    let slug = fx.slug(&[
        ("server.py", SERVER),
        (
            ".profile.d/test.sh",
            "export FROM_PROFILE_D=yes\nexport SEEN_LANG=$LANG\n",
        ),
        (
            ".profile",
            "export FROM_PROFILE=\"after-$FROM_PROFILE_D\"\n",
        ),
    ]);
    let mut release = fx.release(1, &slug, &[("web", WEB), ("worker", "sleep 1")]);
    for (k, v) in [
        ("GREETING", "hello there"),
        ("PORT", "1"),
        ("DYNO", "bogus"),
    ] {
        release.config.insert(k.into(), v.into());
    }
    fx.runtime
        .deploy(release, vec![web(1), scale("worker", 0)])
        .await
        .expect("deploy");
    let (_, addr) = fx.runtime.web_backends(fx.app)[0];
    let env: BTreeMap<String, String> = get(addr, "/env")
        .await
        .expect("GET")
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(env["PORT"], addr.port().to_string());
    assert_eq!(env["DYNO"], "web.1");
    assert_eq!(env["GREETING"], "hello there");
    assert_eq!(env["FROM_PROFILE_D"], "yes");
    assert_eq!(
        env["FROM_PROFILE"], "after-yes",
        ".profile comes after .profile.d"
    );
    assert_eq!(env["LANG"], "C.UTF-8");
    assert_eq!(env["SEEN_LANG"], "C.UTF-8");
    assert!(env["HOME"].ends_with("/app"), "{}", env["HOME"]);
    assert!(Path::new(&env["HOME"]).join("server.py").is_file());
    assert_eq!(env["CWD"], env["HOME"]);
    assert!(env["PATH"].starts_with("/usr/local/sbin:/usr/local/bin:"));
    assert!(
        !env.contains_key("CARGO_PKG_NAME"),
        "the server's environment stays out"
    );
    assert!(!env.contains_key("PS1"));
    fx.finish().await;
}
