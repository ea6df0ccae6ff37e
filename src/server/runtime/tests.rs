//! Real processes, real sockets: tiny slugs built on the fly (python and bash web servers and
//! workers), run through the runtime, and checked for leftovers at the end of every test.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

use super::*;

/// A web server that answers `BODY` on `/`, its environment on `/env`, exits on `/exit`, and
/// finishes the requests it has when told to stop.
const SERVER: &str = r#"
import http.server, os, signal, threading

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/exit":
            os._exit(1)
        if self.path == "/env":
            body = "".join(f"{k}={v}\n" for k, v in sorted(os.environ.items()))
            body += f"CWD={os.getcwd()}\n"
        else:
            body = os.environ.get("BODY", "ok") + "\n"
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass

class Server(http.server.ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True

server = Server(("127.0.0.1", int(os.environ["PORT"])), Handler)
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
print("listening on", os.environ["PORT"], flush=True)
server.serve_forever()
server.server_close()
"#;

/// Every command first records its process group (`$$` survives the `exec`s that start it).
const WEB: &str = r#"echo $$ >> "$PIDS"; exec python3 server.py"#;

struct Fixture {
    tmp: tempfile::TempDir,
    logs: LogHub,
    runtime: Runtime,
    app: Uuid,
    pids: PathBuf,
}

fn config(root: PathBuf) -> RuntimeConfig {
    RuntimeConfig {
        root,
        boot_timeout: Duration::from_secs(10),
        stop_grace: Duration::from_secs(2),
        restart_backoff: Duration::from_millis(200),
        max_backoff: Duration::from_millis(400),
        stable_after: Duration::from_secs(10),
        // The wall needs the `tug` binary; the end-to-end tests cover it.
        wall: crate::server::sandbox::Wall::off(),
    }
}

impl Fixture {
    fn new(tune: impl FnOnce(&mut RuntimeConfig)) -> Fixture {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut config = config(tmp.path().join("runtime"));
        tune(&mut config);
        let logs = LogHub::default();
        let runtime = Runtime::new(config, logs.clone());
        let pids = tmp.path().join("pids");
        Fixture {
            tmp,
            logs,
            runtime,
            app: Uuid::new_v4(),
            pids,
        }
    }

    /// A slug made by the slug compiler's writer from `files` (path, contents).
    fn slug(&self, files: &[(&str, &str)]) -> PathBuf {
        let build = self.tmp.path().join(format!("build-{}", Uuid::new_v4()));
        for (path, contents) in files {
            let path = build.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, contents).expect("write");
        }
        std::fs::create_dir_all(&build).expect("mkdir");
        let slug = self.tmp.path().join(format!("{}.tgz", Uuid::new_v4()));
        crate::server::build::slug::write(&build, &slug).expect("slug");
        slug
    }

    fn release(&self, version: i64, slug: &Path, types: &[(&str, &str)]) -> ReleaseSpec {
        ReleaseSpec {
            app_id: self.app,
            app_name: "demo".into(),
            version,
            slug_id: Uuid::new_v4(),
            slug_path: slug.to_path_buf(),
            config: BTreeMap::from([
                ("PIDS".to_owned(), self.pids.to_string_lossy().into_owned()),
                ("BODY".to_owned(), format!("v{version}")),
            ]),
            process_types: types
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn log(&self) -> Vec<String> {
        self.logs
            .history(self.app, 1500)
            .iter()
            .map(|l| format!("{}[{}]: {}", l.source, l.dyno, l.message))
            .collect()
    }

    fn logged(&self, line: &str) -> usize {
        self.log().iter().filter(|l| l.as_str() == line).count()
    }

    fn pids(&self) -> Vec<i32> {
        std::fs::read_to_string(&self.pids)
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect()
    }

    /// Shuts down and checks that no process any dyno started is left.
    async fn finish(self) {
        let started = Instant::now();
        self.runtime.shutdown().await;
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "shutdown took too long"
        );
        assert!(self.runtime.dynos(self.app).is_empty());
        let pids = self.pids();
        until("every process is gone", Duration::from_secs(3), || {
            pids.iter().all(|&pid| gone(pid))
        })
        .await;
    }
}

/// Neither the process nor anything in its group is alive (zombies count as gone).
fn gone(pid: i32) -> bool {
    let Some(pid) = rustix::process::Pid::from_raw(pid) else {
        return true;
    };
    let stat =
        std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero())).unwrap_or_default();
    let process_gone = stat.is_empty() || stat.contains(") Z ");
    process_gone && rustix::process::test_kill_process_group(pid).is_err()
}

async fn until(what: &str, timeout: Duration, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn web(quantity: u32) -> FormationSpec {
    scale("web", quantity)
}

fn scale(kind: &str, quantity: u32) -> FormationSpec {
    FormationSpec {
        kind: kind.into(),
        quantity,
        size: "standard-1X".into(),
    }
}

async fn get(addr: SocketAddr, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(addr).await?;
    stream
        .write_all(format!("GET {path} HTTP/1.0\r\nHost: demo\r\n\r\n").as_bytes())
        .await?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await?;
    match response.split_once("\r\n\r\n") {
        Some((head, body)) if head.starts_with("HTTP/1.0 200") => Ok(body.to_owned()),
        _ => Err(std::io::Error::other(format!("bad response: {response:?}"))),
    }
}

async fn get_any(rt: &Runtime, app: Uuid, path: &str) -> String {
    let backends = rt.web_backends(app);
    assert!(!backends.is_empty(), "no web backend");
    get(backends[0].1, path).await.expect("GET")
}

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
    let names: Vec<String> = fx
        .runtime
        .dynos(fx.app)
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(names, ["web.1", "web.2", "web.3"]);
    for (_, addr) in fx.runtime.web_backends(fx.app) {
        assert_eq!(get(addr, "/").await.expect("GET"), "v1\n");
    }

    let first = fx.runtime.dynos(fx.app)[0].id;
    fx.runtime
        .scale(fx.app, vec![web(1)])
        .await
        .expect("scale down");
    let names: Vec<String> = fx
        .runtime
        .dynos(fx.app)
        .into_iter()
        .map(|d| d.name)
        .collect();
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
    let names: Vec<String> = fx
        .runtime
        .dynos(fx.app)
        .into_iter()
        .map(|d| d.name)
        .collect();
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

#[test]
fn backoff_grows_and_is_capped() {
    let (first, max) = (Duration::from_secs(2), Duration::from_secs(300));
    let delays: Vec<u64> = (1..=12)
        .map(|n| dyno::backoff(first, max, n).as_secs())
        .collect();
    assert_eq!(delays, [0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
    assert_eq!(dyno::backoff(first, max, u32::MAX), max);
}

#[test]
fn a_process_type_name_stands_for_its_command() {
    let release = ReleaseSpec {
        app_id: Uuid::nil(),
        app_name: "demo".into(),
        version: 1,
        slug_id: Uuid::nil(),
        slug_path: PathBuf::new(),
        config: BTreeMap::new(),
        process_types: BTreeMap::from([
            ("worker".into(), "python3 worker.py".into()),
            ("blank".into(), "".into()),
        ]),
    };
    assert_eq!(
        expand_command(&release, "worker").unwrap(),
        "python3 worker.py"
    );
    assert_eq!(
        expand_command(&release, " worker --once ").unwrap(),
        "python3 worker.py --once"
    );
    assert_eq!(expand_command(&release, "bash").unwrap(), "bash");
    assert_eq!(expand_command(&release, "blank").unwrap(), "blank");
    assert_eq!(
        expand_command(&release, "\t \n"),
        Err(RuntimeError::EmptyCommand)
    );
}

#[tokio::test]
async fn output_lines_survive_invalid_utf8_and_long_lines() {
    use crate::server::logs::MAX_LINE;
    let mut input = b"one\r\ntwo \xff\n".to_vec();
    // A long line that ends is passed on whole (the log hub splits it); one that does not end
    // is not buffered without limit.
    input.extend(std::iter::repeat_n(b'x', MAX_LINE + 5));
    input.push(b'\n');
    input.extend(std::iter::repeat_n(b'y', MAX_LINE + 5));
    let mut lines = Vec::new();
    output::lines(&input[..], |line| lines.push(line)).await;
    assert_eq!(lines[0], "one");
    assert_eq!(lines[1], "two \u{fffd}");
    assert_eq!(lines[2], "x".repeat(MAX_LINE + 5));
    assert_eq!(lines[3], "y".repeat(MAX_LINE));
    assert_eq!(lines[4], "yyyyy");
    assert_eq!(lines.len(), 5);
}
