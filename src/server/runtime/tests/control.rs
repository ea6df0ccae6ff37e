//! Refusals, `ps:stop`, shutdown, removing an app, and the stream of dyno changes.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_clear_errors_and_changes_nothing() {
    let fx = Fixture::new(|_| {});
    let missing = fx.release(1, &fx.tmp.path().join("nope.tgz"), &[("web", WEB)]);
    let err = fx
        .runtime
        .deploy(missing, vec![web(1)])
        .await
        .expect_err("missing");
    assert!(err.to_string().contains("does not exist"), "{err}");

    let junk = fx.tmp.path().join("junk.tgz");
    std::fs::write(&junk, "not a tarball").expect("write");
    let err = fx
        .runtime
        .deploy(fx.release(1, &junk, &[("web", WEB)]), vec![web(1)])
        .await
        .expect_err("junk");
    assert!(err.to_string().contains("cannot unpack"), "{err}");

    let appless = fx.tmp.path().join("appless.tgz");
    {
        let file = std::fs::File::create(&appless).expect("create");
        let gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        let mut header = tar::Header::new_gnu();
        header.set_size(2);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, "etc/passwd", &b"x\n"[..])
            .expect("append");
        tar.into_inner().expect("tar").finish().expect("gz");
    }
    let err = fx
        .runtime
        .deploy(fx.release(1, &appless, &[("web", WEB)]), vec![web(1)])
        .await
        .expect_err("appless");
    assert!(err.to_string().contains("no `./app/` directory"), "{err}");

    let slug = fx.slug(&[("server.py", SERVER)]);
    assert_eq!(
        fx.runtime
            .deploy(fx.release(1, &slug, &[("web", " ")]), vec![web(1)])
            .await,
        Err(RuntimeError::EmptyProcessCommand("web".into()))
    );
    assert_eq!(
        fx.runtime.scale(fx.app, vec![web(1)]).await,
        Err(RuntimeError::NotDeployed)
    );
    assert!(fx.runtime.dynos(fx.app).is_empty());

    fx.runtime
        .deploy(
            fx.release(1, &slug, &[("web", WEB)]),
            vec![web(1), scale("gone", 2)],
        )
        .await
        .expect("types the release lacks are ignored");
    assert_eq!(
        fx.runtime.scale(fx.app, vec![scale("worker", 1)]).await,
        Err(RuntimeError::UnknownType("worker".into()))
    );
    assert_eq!(
        fx.runtime.stop(fx.app, Target::Dyno("web.7".into())).await,
        Err(RuntimeError::UnknownDyno("web.7".into()))
    );
    assert_eq!(
        fx.runtime.stop(fx.app, Target::Type("nope".into())).await,
        Err(RuntimeError::UnknownType("nope".into()))
    );
    let dynos = fx.runtime.dynos(fx.app);
    assert_eq!(dynos.len(), 1);
    assert_eq!(dynos[0].state, DynoState::Up);
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ps_stop_restarts_formation_dynos_but_not_one_offs() {
    let fx = Fixture::new(|_| {});
    let slug = fx.slug(&[("README", "")]);
    let worker = r#"echo $$ >> "$PIDS"; exec sleep 30"#;
    let release = fx.release(1, &slug, &[("worker", worker)]);
    fx.runtime
        .deploy(release.clone(), vec![scale("worker", 1)])
        .await
        .expect("deploy");
    until("the worker runs", Duration::from_secs(5), || {
        fx.pids().len() == 1
    })
    .await;
    let first = fx.pids()[0];
    fx.runtime
        .stop(fx.app, Target::Dyno("worker.1".into()))
        .await
        .expect("stop");
    until("the worker is back", Duration::from_secs(5), || {
        fx.pids().len() == 2 && fx.runtime.dynos(fx.app)[0].state == DynoState::Up
    })
    .await;
    assert!(gone(first));
    assert_eq!(
        fx.logged("heroku[worker.1]: State changed from up to down"),
        1
    );
    assert_eq!(
        fx.logged("heroku[worker.1]: Process exited with status 143"),
        1
    );

    let mut oneoff = fx
        .runtime
        .run_oneoff(
            &release,
            OneOffRequest {
                command: "exec sleep 30".into(),
                ..Default::default()
            },
        )
        .await
        .expect("run");
    fx.runtime
        .stop(fx.app, Target::Dyno(oneoff.name.clone()))
        .await
        .expect("stop");
    assert_eq!(oneoff.wait().await, 143);
    let names = fx.dyno_names();
    assert_eq!(names, ["worker.1"]);
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_stops_every_process() {
    let fx = Fixture::new(|_| {});
    let slug = fx.slug(&[("server.py", SERVER)]);
    // A worker with a child of its own, which must go too.
    let worker = r#"sleep 60 & echo $! >> "$PIDS"; echo $$ >> "$PIDS"; wait"#;
    let release = fx.release(1, &slug, &[("web", WEB), ("worker", worker)]);
    fx.runtime
        .deploy(release.clone(), vec![web(2), scale("worker", 1)])
        .await
        .expect("deploy");
    let _detached = fx
        .runtime
        .run_oneoff(
            &release,
            OneOffRequest {
                command: r#"echo $$ >> "$PIDS"; sleep 60"#.into(),
                ..Default::default()
            },
        )
        .await
        .expect("run");
    until("everything runs", Duration::from_secs(5), || {
        fx.pids().len() == 5
    })
    .await;
    let runtime = fx.runtime.clone();
    let app = fx.app;
    fx.finish().await;
    assert_eq!(
        runtime.deploy(release, vec![web(1)]).await,
        Err(RuntimeError::ShuttingDown)
    );
    assert!(runtime.dynos(app).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_an_app_stops_its_dynos_and_one_offs() {
    let fx = Fixture::new(|_| {});
    let slug = fx.slug(&[("server.py", SERVER)]);
    let release = fx.release(1, &slug, &[("web", WEB)]);
    fx.runtime
        .deploy(release.clone(), vec![web(1)])
        .await
        .expect("deploy");
    let mut oneoff = fx
        .runtime
        .run_oneoff(
            &release,
            OneOffRequest {
                command: r#"echo $$ >> "$PIDS"; exec sleep 30"#.into(),
                ..Default::default()
            },
        )
        .await
        .expect("run");
    until("both run", Duration::from_secs(5), || fx.pids().len() == 2).await;
    fx.runtime.remove_app(fx.app).await;
    assert!(fx.runtime.dynos(fx.app).is_empty());
    assert!(fx.runtime.web_backends(fx.app).is_empty());
    assert_eq!(oneoff.wait().await, 143);
    for pid in fx.pids() {
        until("its processes are gone", Duration::from_secs(2), || {
            gone(pid)
        })
        .await;
    }
    assert_eq!(
        fx.runtime.scale(fx.app, vec![web(1)]).await,
        Err(RuntimeError::NotDeployed)
    );
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dyno_changes_are_broadcast() {
    let fx = Fixture::new(|_| {});
    let mut events = fx.runtime.dyno_events();
    let slug = fx.slug(&[("README", "nothing here")]);
    let command = r#"echo $$ >> "$PIDS"; exec sleep 30"#;
    let release = fx.release(1, &slug, &[("worker", command)]);
    fx.runtime
        .deploy(release, vec![scale("worker", 1)])
        .await
        .expect("deploy");
    let mut seen = Vec::new();
    let mut next = async || {
        let event = tokio::time::timeout(Duration::from_secs(10), events.recv())
            .await
            .expect("a dyno event in time")
            .expect("the runtime is there");
        assert_eq!(event.app_id, fx.app);
        assert_eq!(event.dyno.name, "worker.1");
        (event.change, event.dyno.state)
    };
    seen.push(next().await);
    seen.push(next().await);
    fx.runtime
        .scale(fx.app, vec![scale("worker", 0)])
        .await
        .expect("scale");
    seen.push(next().await);
    seen.push(next().await);
    assert_eq!(
        seen,
        [
            (DynoChange::Created, DynoState::Starting),
            (
                DynoChange::StateChanged {
                    from: DynoState::Starting
                },
                DynoState::Up
            ),
            (
                DynoChange::StateChanged {
                    from: DynoState::Up
                },
                DynoState::Down
            ),
            (DynoChange::Removed, DynoState::Down),
        ]
    );
    fx.finish().await;
}
