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

mod control;
mod formation;
mod oneoff;

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
    /// The names of the app's dynos, in order.
    fn dyno_names(&self) -> Vec<String> {
        self.runtime
            .dynos(self.app)
            .into_iter()
            .map(|d| d.name)
            .collect()
    }

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
            switches: Default::default(),
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
        switches: Default::default(),
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
