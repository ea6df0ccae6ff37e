//! One-off dynos: with pipes, with a terminal, and the release phase.

use super::*;

async fn read_all(oneoff: &mut OneOff) -> (Vec<u8>, Vec<u8>) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    while let Some(chunk) = oneoff.output.recv().await {
        match chunk {
            OneOffOutput::Stdout(b) => out.extend(b),
            OneOffOutput::Stderr(b) => err.extend(b),
        }
    }
    (out, err)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_off_dynos_with_pipes() {
    let fx = Fixture::new(|_| {});
    let slug = fx.slug(&[("README", "")]);
    let mut release = fx.release(1, &slug, &[("worker", r#"echo "worker $GREETING""#)]);
    release.config.insert("GREETING".into(), "hello".into());

    let mut oneoff = fx
        .runtime
        .run_oneoff(
            &release,
            OneOffRequest {
                command: r#"read line; echo "got $line"; echo oops >&2; exit 7"#.into(),
                attached: true,
                ..Default::default()
            },
        )
        .await
        .expect("run");
    assert_eq!(oneoff.name, "run.1");
    let dynos = fx.runtime.dynos(fx.app);
    assert_eq!(dynos[0].name, "run.1");
    assert_eq!(dynos[0].kind, "run");
    let mut stdin = oneoff.stdin.take().expect("stdin");
    stdin.write_all(b"hello\n").await.expect("write");
    drop(stdin);
    let (out, err) = read_all(&mut oneoff).await;
    assert_eq!(out, b"got hello\n");
    assert_eq!(err, b"oops\n");
    assert_eq!(oneoff.wait().await, 7);

    // A process type's name stands for its command; `env` adds to the config vars.
    let mut oneoff = fx
        .runtime
        .run_oneoff(
            &release,
            OneOffRequest {
                command: "worker and more".into(),
                env: BTreeMap::from([("GREETING".into(), "from env".into())]),
                attached: true,
                ..Default::default()
            },
        )
        .await
        .expect("run");
    assert_eq!(oneoff.name, "run.2");
    assert_eq!(read_all(&mut oneoff).await.0, b"worker from env and more\n");
    assert_eq!(oneoff.wait().await, 0);

    let empty = fx
        .runtime
        .run_oneoff(
            &release,
            OneOffRequest {
                command: "  ".into(),
                attached: true,
                ..Default::default()
            },
        )
        .await;
    assert_eq!(empty.err(), Some(RuntimeError::EmptyCommand));

    // Detached: the output goes to the log.
    let mut oneoff = fx
        .runtime
        .run_oneoff(
            &release,
            OneOffRequest {
                command: "echo detached output".into(),
                ..Default::default()
            },
        )
        .await
        .expect("run detached");
    assert!(oneoff.stdin.is_none());
    assert_eq!(read_all(&mut oneoff).await, (vec![], vec![]));
    assert_eq!(oneoff.wait().await, 0);
    let name = oneoff.name.clone();
    assert_eq!(fx.logged(&format!("app[{name}]: detached output")), 1);
    assert_eq!(
        fx.logged(&format!("heroku[{name}]: Process exited with status 0")),
        1
    );

    // Hanging up stops it.
    let oneoff = fx
        .runtime
        .run_oneoff(
            &release,
            OneOffRequest {
                command: r#"echo $$ >> "$PIDS"; sleep 30"#.into(),
                attached: true,
                ..Default::default()
            },
        )
        .await
        .expect("run");
    until("it runs", Duration::from_secs(5), || !fx.pids().is_empty()).await;
    let OneOff {
        output,
        stdin,
        mut exit,
        ..
    } = oneoff;
    drop((output, stdin));
    let code = tokio::time::timeout(Duration::from_secs(5), &mut exit)
        .await
        .expect("stopped")
        .expect("code");
    assert_ne!(code, 0);
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_off_dynos_with_a_terminal() {
    let fx = Fixture::new(|_| {});
    let slug = fx.slug(&[("README", "")]);
    let release = fx.release(1, &slug, &[]);
    let mut oneoff = fx
        .runtime
        .run_oneoff(
            &release,
            OneOffRequest {
                command: "tty -s && echo is-a-tty; stty size; read x; stty size; exit 3".into(),
                tty: Some((100, 40)),
                attached: true,
                ..Default::default()
            },
        )
        .await
        .expect("run");
    let mut seen = Vec::new();
    async fn read_until(oneoff: &mut OneOff, seen: &mut Vec<u8>, what: &str) {
        while !String::from_utf8_lossy(seen).contains(what) {
            match tokio::time::timeout(Duration::from_secs(5), oneoff.output.recv()).await {
                Ok(Some(OneOffOutput::Stdout(b))) => seen.extend(b),
                other => panic!(
                    "{other:?} before {what:?} in {:?}",
                    String::from_utf8_lossy(seen)
                ),
            }
        }
    }
    read_until(&mut oneoff, &mut seen, "40 100").await;
    assert!(String::from_utf8_lossy(&seen).contains("is-a-tty"));
    oneoff.control.resize(120, 50);
    let mut stdin = oneoff.stdin.take().expect("stdin");
    stdin.write_all(b"go\n").await.expect("write");
    read_until(&mut oneoff, &mut seen, "50 120").await;
    let (rest, _) = read_all(&mut oneoff).await;
    drop(rest);
    assert_eq!(oneoff.wait().await, 3);
    drop(stdin);
    fx.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_release_phase_streams_its_output_and_returns_its_exit_code() {
    let fx = Fixture::new(|_| {});
    let slug = fx.slug(&[("README", "")]);
    let ok = fx.release(
        1,
        &slug,
        &[("release", "echo migrating $BODY; echo to stderr >&2")],
    );
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    assert_eq!(fx.runtime.release_phase(&ok, tx).await, Ok(0));
    let mut lines = Vec::new();
    while let Some(line) = rx.recv().await {
        lines.push(line);
    }
    lines.sort();
    assert_eq!(lines, ["migrating v1", "to stderr"]);
    assert_eq!(fx.logged("app[release.1]: migrating v1"), 1);

    let failing = fx.release(2, &slug, &[("release", "exit 2")]);
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    assert_eq!(fx.runtime.release_phase(&failing, tx).await, Ok(2));

    let none = fx.release(3, &slug, &[("web", WEB)]);
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    assert_eq!(
        fx.runtime.release_phase(&none, tx).await,
        Err(RuntimeError::UnknownType("release".into()))
    );
    fx.finish().await;
}
