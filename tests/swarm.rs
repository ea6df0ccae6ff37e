//! Dynos on Docker Swarm (`tug server --runtime swarm`): a push becomes an image in the
//! registry and a service on the swarm that serves through the router, scales, logs, crashes and
//! comes back, runs one-offs with their exit code and rolls back to the same image. These need
//! a running `dockerd` that manages a swarm and a registry; without them they skip, loudly.

mod nodes;

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::json;

use crate::common::dynos::{dynos, get, run};
use crate::common::push::{commit, deploy, push_app};
use crate::common::server::{TestServer, registry};
use crate::common::wait::{poll, wait_until};
use crate::common::{TUG, wait_for};

const DOCKER_SOCKET: &str = "/var/run/docker.sock";

/// A GET to the Docker API over its socket; the body.
fn docker_get(path: &str) -> Option<String> {
    let mut s = std::os::unix::net::UnixStream::connect(DOCKER_SOCKET).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: docker\r\n\r\n").ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    text.split_once("\r\n\r\n").map(|(_, body)| body.to_owned())
}

/// Why the swarm tests cannot run here, if they cannot.
fn unavailable() -> Option<String> {
    let Some(info) = docker_get("/info") else {
        return Some(format!("no Docker engine answers on {DOCKER_SOCKET}"));
    };
    if !info.contains("\"ControlAvailable\":true") {
        return Some("the Docker engine is not a swarm manager (`docker swarm init`)".into());
    }
    let registry = registry();
    if std::net::TcpStream::connect(&registry).is_err() {
        return Some(format!("no registry answers at {registry}"));
    }
    too_little_disk()
}

/// The first run on a machine makes the stack image (about 1.4 GB, and as much again in the
/// registry): without the room for it, the tests cannot run here.
fn too_little_disk() -> Option<String> {
    let made = docker_get("/images/json").is_some_and(|list| list.contains("/tug/stack:"));
    if made {
        return None;
    }
    let df = Command::new("df")
        .args(["-Pk", "/var/lib/docker"])
        .output()
        .ok()?;
    let free_kb: u64 = String::from_utf8_lossy(&df.stdout)
        .lines()
        .nth(1)?
        .split_whitespace()
        .nth(3)?
        .parse()
        .ok()?;
    (free_kb < 4 * 1024 * 1024).then(|| {
        format!(
            "only {} MB free for Docker's data, and making the stack image needs about 3 GB",
            free_kb / 1024
        )
    })
}

/// A server whose dynos are Swarm services, or `None` (said loudly) when Docker is missing.
/// The first one may make the stack image, which takes longer than a server usually may.
fn swarm_server() -> Option<TestServer> {
    swarm_server_booting_in("30")
}

/// `swarm_server` with `--boot-timeout SECS`.
fn swarm_server_booting_in(secs: &str) -> Option<TestServer> {
    if let Some(why) = unavailable() {
        crate::common::skip::skipped(format!("the Swarm tests cannot run: {why}"));
        return None;
    }
    static STACK: std::sync::Once = std::sync::Once::new();
    STACK.call_once(make_stack);
    Some(TestServer::start_with(&[
        "--runtime",
        "swarm",
        "--registry",
        &registry(),
        "--restart-backoff",
        "0.1",
        "--stop-grace",
        "2",
        "--boot-timeout",
        secs,
    ]))
}

/// Starts a server once and waits (minutes, the first time on a machine) until its stack image
/// is in the registry.
fn make_stack() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(TUG)
        .args(["server", "--runtime", "swarm", "--registry", &registry()])
        .args([
            "--api",
            "127.0.0.1:0",
            "--router",
            "127.0.0.1:0",
            "--data-dir",
        ])
        .arg(dir.path().join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tug server");
    let state = dir.path().join("data/server.json");
    let started = poll(Duration::from_secs(900), || {
        state.exists() || child.try_wait().ok().flatten().is_some()
    });
    let _ = child.kill();
    let output = child.wait_with_output().expect("wait");
    assert!(
        started && state.exists(),
        "the stack image was not made:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A web app that binds every interface (as on any container platform), answers GET with its
/// dyno and version, says it booted, and exits on `/crash`.
fn app_py() -> String {
    r#"import os, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        if self.path == "/crash":
            os._exit(3)
        body = f"{os.environ['DYNO']} {open('VERSION').read().strip()}\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
print(f"booted {os.environ['DYNO']} on {os.environ['PORT']}", flush=True)
ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), H).serve_forever()
"#
    .to_owned()
}

/// Deploys `app_py` as `name`'s web process, at version `one`; the app's repository.
fn deploy_web(
    server: &TestServer,
    home: &crate::common::home::Home,
    name: &str,
) -> std::path::PathBuf {
    let app = app_py();
    let files = [
        ("Procfile", "web: python3 app.py\n"),
        ("app.py", app.as_str()),
        ("VERSION", "one"),
    ];
    deploy(server, home, name, &files)
}

/// This server's services on the swarm.
fn services(server: &TestServer) -> usize {
    let filter = format!(
        "{{\"label\":[\"io.tug.data-dir={}\"]}}",
        server.data_dir.display()
    );
    let body = docker_get(&format!("/services?filters={}", urlencode(&filter))).unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.as_array().map(Vec::len))
        .unwrap_or(0)
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The tags of slug images in the registry.
fn slug_tags() -> Vec<String> {
    let url = format!("http://{}/v2/tug/slug/tags/list", registry());
    let body: serde_json::Value = reqwest::blocking::get(url)
        .and_then(|r| r.json())
        .unwrap_or_default();
    let mut tags: Vec<String> = body["tags"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    tags.sort();
    tags
}

fn scale(server: &TestServer, app: &str, quantity: u32) {
    let r = server.http().call(
        "PATCH",
        &format!("/apps/{app}/formation"),
        Some(&server.admin_token),
        Some(json!({"updates": [{"type": "web", "quantity": quantity}]})),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
}

fn up(server: &TestServer, app: &str) -> usize {
    dynos(server, app).iter().filter(|(_, s)| s == "up").count()
}

#[test]
fn swarm_push_serves_scales_logs_crashes_and_rolls_back() {
    let Some(mut server) = swarm_server() else {
        return;
    };
    let home = server.admin();
    let dir = deploy_web(&server, &home, "swarmapp");
    assert_eq!(
        get(&server, "swarmapp"),
        (200, "web.1 one\n".into()),
        "{}",
        server.log()
    );
    assert_eq!(services(&server), 1, "one service per dyno");
    // Docker picks the web task's port on its node: one picked on the manager could be
    // taken on the node the task lands on.
    let body = docker_get("/tasks").unwrap_or_default();
    let service = docker_get("/services").unwrap_or_default();
    let tasks: serde_json::Value = serde_json::from_str(&body).expect("tasks");
    let services_json: serde_json::Value = serde_json::from_str(&service).expect("services");
    let ours = services_json
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["Spec"]["Labels"]["io.tug.data-dir"] == server.data_dir.display().to_string())
        .expect("the web dyno's service");
    let ports = &ours["Spec"]["EndpointSpec"]["Ports"];
    assert_eq!(ports[0]["PublishMode"], "host", "{ours}");
    assert!(ports[0]["PublishedPort"].is_null(), "{ours}");
    let published = tasks
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["ServiceID"] == ours["ID"] && t["Status"]["State"] == "running")
        .find_map(|t| t["Status"]["PortStatus"]["Ports"][0]["PublishedPort"].as_u64());
    assert!(
        published.is_some_and(|p| p > 0),
        "the task's published port: {tasks}"
    );

    scale(&server, "swarmapp", 4);
    wait_for("four web dynos up", || up(&server, "swarmapp") == 4);
    assert_eq!(services(&server), 4);
    let mut seen: Vec<String> = (0..16).map(|_| get(&server, "swarmapp").1).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 4, "spread over every task: {seen:?}");
    home.tug(&["ps", "-a", "swarmapp"]).ok().stdout_has("web.4");

    // Every task's output reaches the app's log with its dyno name.
    wait_for("each dyno's boot line in the log", || {
        let text = home
            .tug(&["logs", "-a", "swarmapp", "-n", "200"])
            .ok()
            .stdout;
        (1..=4).all(|n| text.contains(&format!("app[web.{n}]: booted web.{n}")))
    });

    // A crash: the task ends, the dyno comes back on a new task.
    scale(&server, "swarmapp", 1);
    wait_for("scaled down to one service", || {
        dynos(&server, "swarmapp").len() == 1 && services(&server) == 1
    });
    // The dynos that went were stopped by SIGTERM within the grace, not killed.
    let logs = || {
        home.tug(&["logs", "-a", "swarmapp", "-n", "500"])
            .ok()
            .stdout
    };
    wait_for("the stopped dynos' exits in the log", || {
        let text = logs();
        (2..=4).all(|n| text.contains(&format!("heroku[web.{n}]: Process exited with status")))
    });
    let text = logs();
    assert!(
        text.contains("Stopping all processes with SIGTERM"),
        "{text}"
    );
    assert!(!text.contains("Error R12"), "{text}");
    let _ = get_path(&server, "swarmapp", "/crash");
    wait_for("the crashed dyno back up", || {
        get(&server, "swarmapp") == (200, "web.1 one\n".into())
    });

    // One-offs run on the cluster with their exit code, input and output.
    let (out, err, code) = run(
        &server,
        "swarmapp",
        "cat; echo to-err >&2; exit 7",
        b"hello\n",
    );
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        ("hello\n", "to-err\n", 7)
    );

    // A new release, then a rollback to the first: the same slug, the same image.
    commit(&home, &dir, &[("VERSION", "two")], "two");
    push_app(&server, &home, &dir, "swarmapp", true);
    assert_eq!(get(&server, "swarmapp"), (200, "web.1 two\n".into()));
    let tags = slug_tags();
    assert!(tags.len() >= 2, "{tags:?}");
    home.tug(&["rollback", "-a", "swarmapp"]).ok();
    wait_for("the first version served again", || {
        get(&server, "swarmapp") == (200, "web.1 one\n".into())
    });
    assert_eq!(slug_tags(), tags, "the rollback reused its image");

    // A server that stops takes its services with it.
    scale(&server, "swarmapp", 2);
    wait_for("two web dynos up", || up(&server, "swarmapp") == 2);
    assert_eq!(server.stop(), Some(0), "{}", server.log());
    assert_eq!(
        services(&server),
        0,
        "services left after the server stopped"
    );
}

#[test]
fn swarm_deploy_under_load_drops_no_request() {
    let Some(server) = swarm_server() else { return };
    let home = server.admin();
    let dir = deploy_web(&server, &home, "loaded");
    scale(&server, "loaded", 2);
    wait_for("two web dynos up", || up(&server, "loaded") == 2);

    let load = Load::start(&server, "loaded");
    commit(&home, &dir, &[("VERSION", "two")], "two");
    push_app(&server, &home, &dir, "loaded", true);
    wait_for("both dynos on the new release", || {
        (0..4).all(|_| get(&server, "loaded").1.ends_with("two\n"))
    });
    load.finish_without_failures();
    scale(&server, "loaded", 0);
    wait_for("no service left", || services(&server) == 0);
}

/// Requests to an app through the router, one after another, until finished.
struct Load {
    stop: Arc<AtomicBool>,
    served: Arc<AtomicUsize>,
    failed: Arc<AtomicUsize>,
    thread: std::thread::JoinHandle<Vec<String>>,
}

impl Load {
    fn start(server: &TestServer, app: &str) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let (served, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let url = server.router_url.clone();
        let host = format!("{app}.localhost");
        let thread = {
            let (stop, served, failed) = (stop.clone(), served.clone(), failed.clone());
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::new();
                let mut failures = Vec::new();
                while !stop.load(Ordering::SeqCst) {
                    let r = client
                        .get(format!("{url}/"))
                        .header("Host", &host)
                        .timeout(Duration::from_secs(30))
                        .send();
                    match r {
                        Ok(r) if r.status() == 200 => served.fetch_add(1, Ordering::SeqCst),
                        other => {
                            failures.push(format!("{other:?}"));
                            failed.fetch_add(1, Ordering::SeqCst)
                        }
                    };
                }
                failures
            })
        };
        Load {
            stop,
            served,
            failed,
            thread,
        }
    }

    /// Goes on until more requests were served, then stops; every request must have been.
    fn finish_without_failures(self) {
        let before = self.served.load(Ordering::SeqCst);
        wait_for("more requests served after the change", || {
            self.served.load(Ordering::SeqCst) > before + 10
        });
        self.stop.store(true, Ordering::SeqCst);
        let failures = self.thread.join().expect("load thread");
        assert!(self.served.load(Ordering::SeqCst) > 0);
        assert_eq!(self.failed.load(Ordering::SeqCst), 0, "{failures:?}");
    }
}

fn get_path(server: &TestServer, app: &str, path: &str) -> Option<u16> {
    reqwest::blocking::Client::new()
        .get(format!("{}{path}", server.router_url))
        .header("Host", format!("{app}.localhost"))
        .timeout(Duration::from_secs(10))
        .send()
        .ok()
        .map(|r| r.status().as_u16())
}

#[test]
fn swarm_refuses_to_start_without_docker_or_with_a_bad_registry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let start = |extra: &[&str], env: &[(&str, &str)]| {
        let mut cmd = Command::new(TUG);
        cmd.args(["server", "--api", "127.0.0.1:0", "--router", "127.0.0.1:0"])
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .args(extra)
            .stdin(Stdio::null())
            .env_remove("TUG_RUNTIME")
            .env_remove("TUG_REGISTRY");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("tug server");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = start(&["--runtime", "swarm", "--registry", "not a registry"], &[]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("`--registry not a registry` is not a registry address"),
        "{err}"
    );
    assert!(err.contains("hint: name it as HOST:PORT"), "{err}");
    let (code, err) = start(&["--runtime", "kubernetes"], &[]);
    assert_eq!(code, Some(2), "{err}");

    let missing = dir.path().join("no-docker.sock");
    let host = format!("unix://{}", missing.display());
    let (code, err) = start(&["--runtime", "swarm"], &[("DOCKER_HOST", &host)]);
    assert_ne!(code, Some(0));
    assert!(err.contains("cannot reach Docker"), "{err}");
    assert!(err.contains("hint: start `dockerd`"), "{err}");
    assert!(
        !dir.path().join("data/server.json").exists(),
        "it did not start"
    );

    // With Docker but no registry where it was told.
    if unavailable().is_none() {
        let (code, err) = start(&["--runtime", "swarm", "--registry", "127.0.0.1:1"], &[]);
        assert_ne!(code, Some(0));
        assert!(
            err.contains("cannot reach the registry at `127.0.0.1:1`"),
            "{err}"
        );
        assert!(
            err.contains("hint: start a registry at `127.0.0.1:1`"),
            "{err}"
        );
        assert!(!dir.path().join("data/server.json").exists());
    }
}

#[test]
fn swarm_memory_over_quota_logs_r14_r15_and_metrics_then_restarts() {
    let Some(server) = swarm_server() else { return };
    let home = server.admin();
    let app = app_py();
    // standard-1X: a 512 MB quota, the kernel's kill at 1024 MB.
    let files = [
        (
            "Procfile",
            "web: python3 app.py\nover: python3 hog.py 700\nfar: python3 hog.py 1500\n",
        ),
        ("app.py", app.as_str()),
        ("VERSION", "one"),
        (
            "hog.py",
            "import sys, time\nprint('hogging', flush=True)\nblob = b'x' * (int(sys.argv[1]) * 1024 * 1024)\ntime.sleep(600)\n",
        ),
    ];
    // Its dynos sample the engine's stats for runtime metrics too.
    home.tug(&["create", "hog", "--no-remote"]).ok();
    home.tug(&["labs:enable", "log-runtime-metrics", "-a", "hog"])
        .ok();
    deploy(&server, &home, "hog", &files);
    home.tug(&["ps:scale", "over=1", "far=1", "-a", "hog"]).ok();
    let logs = || home.tug(&["logs", "-a", "hog", "-n", "1500"]).ok().stdout;
    wait_for("R14 and R15 from the engine in the log", || {
        let text = logs();
        text.contains("heroku[over.1]: Error R14 (Memory quota exceeded)")
            && text.contains("heroku[far.1]: Error R15 (Memory quota vastly exceeded)")
    });
    // The dyno killed for memory crashed and came back on a new task.
    wait_for("the killed dyno started again", || {
        let text = logs();
        text.contains("heroku[far.1]: Process exited with status 137")
            && text.matches("app[far.1]: hogging").count() >= 2
    });
    wait_for("a runtime metrics sample every 20 s", || {
        logs().lines().any(|l| {
            l.contains("heroku[over.1]: source=over.1 dyno=heroku.")
                && l.contains("sample#memory_total=")
                && l.contains("sample#memory_quota=512.00MB sample#load_avg_1m=")
        })
    });
    let text = logs();
    assert!(
        text.contains("heroku[over.1]: Process running mem="),
        "{text}"
    );
    assert!(
        !text.contains("heroku[over.1]: Error R15"),
        "within twice its quota a dyno keeps running: {text}"
    );
    assert_eq!(get(&server, "hog").0, 200, "the web dyno is unharmed");
    home.tug(&["ps:scale", "over=0", "far=0", "web=0", "-a", "hog"])
        .ok();
    wait_for("no service left", || services(&server) == 0);
}

/// This engine's node name, as the swarm knows it.
fn node_name() -> String {
    let info: serde_json::Value =
        serde_json::from_str(&docker_get("/info").unwrap_or_default()).unwrap_or_default();
    info["Name"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn swarm_ps_shows_each_dyno_with_its_node() {
    let Some(server) = swarm_server() else { return };
    let home = server.admin();
    deploy_web(&server, &home, "placed");
    home.tug(&["ps:scale", "web=6", "-a", "placed"]).ok();
    wait_for("six web dynos up", || up(&server, "placed") == 6);
    let node = node_name();
    assert!(!node.is_empty(), "the engine has a name");

    // `/stacks` names the stack image the dynos run on, which is in the registry.
    let t = Some(server.admin_token.as_str());
    let stacks = server.http().call("GET", "/stacks", t, None);
    let image = stacks.body[0]["image"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let prefix = format!("{}/tug/stack:", registry());
    assert!(image.starts_with(&prefix), "{}", stacks.body);
    let tag = &image[prefix.len()..];
    let tags = reqwest::blocking::get(format!("http://{}/v2/tug/stack/tags/list", registry()))
        .and_then(|r| r.text())
        .unwrap_or_default();
    assert!(tags.contains(&format!("\"{tag}\"")), "{tags}");
    let one = server.http().call("GET", "/stacks/heroku-24", t, None);
    assert_eq!(one.body["image"], json!(image));
    assert!(
        server.log().contains(&image),
        "the server said which image it uses"
    );

    // Piped: a node column beside Heroku's.
    let text = home.tug(&["ps", "-a", "placed"]).ok().stdout;
    for n in 1..=6 {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("web.{n}\t")))
            .unwrap_or_else(|| panic!("web.{n} in {text}"));
        assert!(line.ends_with(&format!("\t{node}")), "{line}");
    }
    // The API and `--json` carry it beside the schema's fields, which stay as they were.
    let listed = server
        .http()
        .call("GET", "/apps/placed/dynos", Some(&server.admin_token), None);
    let dynos = listed.body.as_array().expect("a list").clone();
    assert_eq!(dynos.len(), 6);
    for d in &dynos {
        assert_eq!(d["node"], json!(node), "{d}");
        assert_eq!(d["state"], "up");
        assert!(d["release"]["version"].is_i64(), "{d}");
    }
    let json_out = home.tug(&["ps", "-a", "placed", "--json"]).ok().stdout;
    let parsed: serde_json::Value = serde_json::from_str(&json_out).expect("json");
    assert!(
        parsed
            .as_array()
            .is_some_and(|a| a.len() == 6 && a.iter().all(|d| d["node"] == json!(node))),
        "{json_out}"
    );

    // A service removed behind tug's back: its dyno counts as crashed and comes back.
    let filter = format!(
        "{{\"label\":[\"io.tug.dyno=web.3\",\"io.tug.data-dir={}\"]}}",
        server.data_dir.display()
    );
    let listed =
        docker_get(&format!("/services?filters={}", urlencode(&filter))).unwrap_or_default();
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("services");
    let id = listed[0]["ID"]
        .as_str()
        .expect("web.3's service")
        .to_owned();
    docker_request("DELETE", &format!("/services/{id}"));
    wait_for("web.3 back on a new service", || {
        let text = home.tug(&["logs", "-a", "placed", "-n", "500"]).ok().stdout;
        text.contains("heroku[web.3]: Process exited with status 137")
            && up(&server, "placed") == 6
            && services(&server) == 6
    });
    home.tug(&["ps:scale", "web=0", "-a", "placed"]).ok();
    wait_for("no service left", || services(&server) == 0);
}

/// A request without a body to the Docker API over its socket; the status line.
fn docker_request(method: &str, path: &str) -> String {
    let mut s = std::os::unix::net::UnixStream::connect(DOCKER_SOCKET).expect("docker socket");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(s, "{method} {path} HTTP/1.0\r\nHost: docker\r\n\r\n").expect("request");
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    text.lines().next().unwrap_or_default().to_owned()
}

/// Stops the Docker engine (SIGTERM to the pid in its pid file) and starts it again, logging to
/// `log`; waits until it manages its swarm again.
fn restart_dockerd(log: &std::path::Path) {
    let pid = std::fs::read_to_string("/var/run/docker.pid").expect("dockerd's pid file");
    let pid = pid.trim().to_owned();
    let killed = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(
        killed.is_ok_and(|s| s.success()),
        "cannot stop dockerd {pid}"
    );
    let gone = poll(Duration::from_secs(120), || {
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
    });
    assert!(gone, "dockerd {pid} did not stop");
    let out = std::fs::File::options()
        .create(true)
        .append(true)
        .open(log)
        .expect("dockerd log");
    // Left running after the test, as the engine was before it, in a process group of its own
    // so that interrupting the tests leaves it; a thread reaps it if it ends meanwhile.
    let mut engine = Command::new("dockerd")
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("log"))
        .stderr(out)
        .process_group(0)
        .spawn()
        .expect("dockerd");
    std::thread::spawn(move || engine.wait());
    wait_until(
        "dockerd back as a swarm manager",
        Duration::from_secs(120),
        || unavailable().is_none().then_some(()),
    );
}

/// Restarts the engine under a running server, which the other Swarm tests share: only when
/// asked (`TUG_TEST_RESTART_DOCKERD=1`, with no other Swarm test running), and loudly skipped
/// otherwise.
#[test]
fn swarm_server_reconciles_after_dockerd_restarts() {
    if std::env::var("TUG_TEST_RESTART_DOCKERD").as_deref() != Ok("1") {
        crate::common::skip::skipped(
            "restarting dockerd under the other Swarm tests would fail them; run with TUG_TEST_RESTART_DOCKERD=1 and a filter for this test alone",
        );
        return;
    }
    let Some(server) = swarm_server() else { return };
    let home = server.admin();
    deploy_web(&server, &home, "revived");
    scale(&server, "revived", 2);
    wait_for("two web dynos up", || up(&server, "revived") == 2);

    restart_dockerd(&server.root.path().join("dockerd.log"));

    // The engine killed the tasks; the dynos come back on new services, the old ones removed.
    let logs = || {
        home.tug(&["logs", "-a", "revived", "-n", "500"])
            .ok()
            .stdout
    };
    wait_until("both dynos serving again", Duration::from_secs(120), || {
        let (status, body) = get(&server, "revived");
        (up(&server, "revived") == 2
            && services(&server) == 2
            && status == 200
            && body.ends_with(" one\n"))
        .then_some(())
    });
    // Their new tasks' output reaches the log again.
    wait_for("each dyno booted twice, as the log says", || {
        let text = logs();
        (1..=2).all(|n| {
            text.matches(&format!("app[web.{n}]: booted web.{n}"))
                .count()
                >= 2
        })
    });
    assert_eq!(server.http().call("GET", "/health", None, None).status, 200);
    scale(&server, "revived", 0);
    wait_for("no service left", || services(&server) == 0);
}

#[test]
fn swarm_a_web_process_on_its_loopback_only_fails_its_start_with_r10() {
    let Some(server) = swarm_server_booting_in("5") else {
        return;
    };
    let home = server.admin();
    crate::common::push::null_app(&server, "loopback");
    // Answers inside its container, where the router never reaches it.
    let dir = crate::common::push::repo(
        &home,
        &[(
            "Procfile",
            "web: python3 -m http.server --bind 127.0.0.1 $PORT\n",
        )],
    );
    let out = push_app(&server, &home, &dir, "loopback", false);
    assert!(
        out.contains("failed to bind to $PORT at its own address within 5 seconds")
            && out.contains("it must listen on 0.0.0.0"),
        "{out}"
    );
    assert_eq!(get(&server, "loopback").0, 503, "no dyno is up");
}
