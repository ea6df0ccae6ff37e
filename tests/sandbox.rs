//! The wall around app code: from a web dyno, a one-off and a buildpack's compile, none of the
//! ways out that an unwalled dyno has works; dynos run as an app user, see only their own
//! processes, get a throw-away `/app`, leave nothing behind when they stop, and are held to their
//! size's memory and process limits.
//!
//! These need a kernel that lets the server build the wall; where it cannot, each test says so
//! loudly and checks nothing.

use std::process::Command;

use serde_json::json;

use crate::common::TestServer;
use crate::common::dynos::{get, run, start};
use crate::common::push::{commit, deploy, push_app, repo};
use crate::common::wait::{DEADLINE, wait_for, wait_until};
use std::time::Duration;

/// Serves the files of `/app` (a one-off's writes there must never show up here) and says who
/// it runs as.
const SERVE_PY: &str = r#"import os
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
class H(SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass
ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
"#;

/// A web process that only answers.
const IDLE_WEB: &str = "web: python3 -m http.server $PORT --bind 127.0.0.1\n";

/// `true` when the server says it walls app code off; otherwise the caller skips, loudly.
fn walled(server: &TestServer) -> bool {
    let health = server.http().call("GET", "/health", None, None).body;
    let sandbox = health["sandbox"].as_str().unwrap_or_default().to_owned();
    if sandbox.starts_with("sandboxed") && sandbox.contains("a uid per app") {
        return true;
    }
    crate::common::skip::skipped(format!(
        "this machine cannot build the whole wall ({sandbox})"
    ));
    false
}

fn pgrep(pattern: &str) -> bool {
    !pids(pattern).is_empty()
}

/// The host pids of the processes whose command line holds `pattern`.
fn pids(pattern: &str) -> Vec<u32> {
    let out = Command::new("pgrep")
        .args(["-f", pattern])
        .output()
        .expect("pgrep");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

/// `pid` still runs the command `pattern` matched (a zombie has no command line left).
fn still_runs(pid: u32, pattern: &str) -> bool {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|c| {
            String::from_utf8_lossy(&c)
                .replace('\0', " ")
                .contains(pattern)
        })
        .unwrap_or(false)
}

#[test]
fn a_dyno_cannot_reach_the_server_other_apps_or_the_host() {
    let server = start();
    if !walled(&server) {
        return;
    }
    let home = server.admin();
    let t = Some(server.admin_token.as_str());
    deploy(
        &server,
        &home,
        "walled",
        &[
            ("Procfile", "web: python3 serve.py\n"),
            ("serve.py", SERVE_PY),
        ],
    );
    deploy(&server, &home, "neighbour", &[("Procfile", IDLE_WEB)]);
    server.http().call(
        "PATCH",
        "/apps/neighbour/config-vars",
        t,
        Some(json!({"SECRET_OF_NEIGHBOUR": "hunter2"})),
    );
    assert_eq!(get(&server, "walled").0, 200);

    let data = server.data_dir.display().to_string();
    let (out, err, code) = run(
        &server,
        "walled",
        &format!(
            "id -u; ls /proc | grep -c '^[0-9]'; cat {data}/tug.db {data}/admin.token; \
             ls {data}; cat /proc/*/environ | tr '\\0' '\\n' | grep -c SECRET_OF_NEIGHBOUR; \
             kill -9 {pid} || echo no-kill",
            pid = server.pid()
        ),
        b"",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 3, "{out}\n{err}");
    let uid: u32 = lines[0].parse().expect("a uid");
    assert_ne!(uid, 0, "a dyno never runs as root: {out}\n{err}");
    assert_ne!(uid, own_uid(), "nor as the server's user");
    let visible: u32 = lines[1].parse().expect("a count");
    assert!(
        visible <= 8,
        "a dyno sees only its own processes, saw {visible}"
    );
    assert!(err.contains("No such file or directory"), "{err}");
    assert!(!out.contains("tug_"), "the admin token leaked: {out}");
    assert_eq!(lines[2], "0", "no other app's config vars: {out}");
    assert!(out.contains("no-kill"), "{out}{err}");
    assert_eq!(code, 0);
    assert!(server.log().contains("dynos   sandboxed"));
    assert!(
        server.log().contains(
            "stack   local (this host's /usr and /etc, read-only in every dyno and build)"
        )
    );

    // A one-off's writes to /app are its own.
    let (_, _, code) = run(
        &server,
        "walled",
        "echo planted > /app/planted.txt && cat /app/planted.txt",
        b"",
    );
    assert_eq!(code, 0);
    let planted = reqwest::blocking::Client::new()
        .get(format!("{}/planted.txt", server.router_url))
        .header("Host", "walled.localhost")
        .send()
        .expect("get");
    assert_eq!(planted.status().as_u16(), 404, "web.1 never sees it");
    let (out, _, _) = run(&server, "walled", "cat /app/planted.txt || echo gone", b"");
    assert_eq!(out.trim(), "gone", "the next one-off starts from the slug");
    assert_etc_is_the_stacks(&server, "walled");

    // No namespaces of its own (so no root of its own), no kernel keyring, no io_uring: each
    // refused as for any unprivileged process, while ordinary threads and processes work.
    let probe = [
        "import ctypes, os, threading, platform",
        "nr = {'x86_64': (250, 425), 'aarch64': (219, 425)}[platform.machine()]",
        "libc = ctypes.CDLL(None, use_errno=True)",
        "for name, n in zip(('keyctl', 'io_uring_setup'), nr):",
        "    r = libc.syscall(n, 0, 0, 0, 0, 0)",
        "    print(name, r, os.strerror(ctypes.get_errno()))",
        "t = threading.Thread(target=lambda: None); t.start(); t.join(); print('threads ok')",
    ]
    .join("\n");
    let (out, err, code) = run(
        &server,
        "walled",
        &format!(
            "unshare -U true 2>&1 || echo no-userns; unshare -n true 2>&1 || echo no-netns; \
             python3 -c \"{probe}\""
        ),
        b"",
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("no-userns") && out.contains("no-netns"),
        "{out}{err}"
    );
    assert!(
        out.contains("keyctl -1 Operation not permitted")
            && out.contains("io_uring_setup -1 Operation not permitted")
            && out.contains("threads ok"),
        "{out}{err}"
    );

    // Another app's dyno, by its host pid: not there to signal.
    let secret = "SECRET_OF_NEIGHBOUR=hunter2";
    let mut neighbour = None;
    wait_for("the neighbour's dyno with its config var", || {
        neighbour = pid_with_env(secret);
        neighbour.is_some()
    });
    let neighbour = neighbour.expect("found");
    let (out, err, _) = run(
        &server,
        "walled",
        &format!("kill -9 {neighbour} || echo no-kill"),
        b"",
    );
    assert!(out.contains("no-kill"), "{out}{err}");
    assert_eq!(
        pid_with_env(secret),
        Some(neighbour),
        "the neighbour runs on"
    );

    // A full /tmp (512 MB on standard-1X) says so; the dyno and the host go on.
    let (out, err, code) = run(
        &server,
        "walled",
        "head -c 600000000 /dev/zero > /tmp/fill; echo rc=$?; du -sm /tmp",
        b"",
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("No space left on device"), "{out}{err}");
    assert!(out.contains("rc=1"), "{out}{err}");
}

/// The host pid of a process whose environment holds `entry` (`NAME=value`).
fn pid_with_env(entry: &str) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let environ = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
        environ
            .split(|b| *b == 0)
            .any(|v| v == entry.as_bytes())
            .then_some(pid)
    })
}

/// Whether each host loopback port answers a connection from a one-off of `app`.
fn reachable_from(server: &TestServer, app: &str, ports: &[u16]) -> String {
    let script = ports
        .iter()
        .map(|p| {
            format!(
                "(exec 3<>/dev/tcp/127.0.0.1/{p}) 2>/dev/null && echo open {p} || echo closed {p}"
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let (out, err, code) = run(server, app, &script, b"");
    assert_eq!(code, 0, "{out}{err}");
    out
}

#[test]
fn a_dyno_has_a_network_of_its_own() {
    let server = start();
    if !walled(&server) {
        return;
    }
    let health = server.http().call("GET", "/health", None, None).body;
    if !health["sandbox"]
        .as_str()
        .unwrap_or_default()
        .contains("a network per dyno")
    {
        crate::common::skip::skipped(format!("no network per dyno here ({})", health["sandbox"]));
        return;
    }
    let home = server.admin();
    deploy(&server, &home, "fenced", &[("Procfile", IDLE_WEB)]);
    deploy(&server, &home, "beside", &[("Procfile", IDLE_WEB)]);
    // Both are served through the router, though each listens on its own loopback only.
    assert_eq!(get(&server, "fenced").0, 200);
    assert_eq!(get(&server, "beside").0, 200);

    // A listener of the host's loopback (as the server's private ones are), and every port
    // the host forwards to a dyno (the router's way in to `beside`, among others).
    let private = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let private_port = private.local_addr().expect("addr").port();
    let dyno_ports: Vec<u16> = pids("tcp-ports 127.0.0.1/")
        .into_iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/cmdline")).ok())
        .filter_map(|cmdline| {
            let args: Vec<&str> = cmdline.split('\0').collect();
            let at = args.iter().position(|a| *a == "--tcp-ports")?;
            args.get(at + 1)?.strip_prefix("127.0.0.1/")?.parse().ok()
        })
        .collect();
    assert!(!dyno_ports.is_empty(), "the dynos' forwarders are running");
    let port_of = |url: &str| reqwest::Url::parse(url).expect("url").port().expect("port");
    let (api, router) = (port_of(&server.api_url), port_of(&server.router_url));
    let mut ports = vec![private_port, api, router];
    ports.extend(&dyno_ports);
    let out = reachable_from(&server, "fenced", &ports);
    assert!(out.contains(&format!("closed {private_port}")), "{out}");
    for port in &dyno_ports {
        assert!(
            out.contains(&format!("closed {port}")),
            "another dyno's port {port}: {out}"
        );
    }
    // The API and the router are public: apps may call them.
    assert!(out.contains(&format!("open {api}")), "{out}");
    assert!(out.contains(&format!("open {router}")), "{out}");

    // The world beyond the loopback is reached through pasta. An address of the host's own
    // outside the loopback range stands for it, since tests have no other host to call.
    let Some(_address) = OutsideAddress::add("198.51.100.77") else {
        crate::common::skip::skipped("the outside-world part: cannot add an address here");
        return;
    };
    let world = std::net::TcpListener::bind("198.51.100.77:0").expect("bind");
    let world_port = world.local_addr().expect("addr").port();
    let (out, err, code) = run(
        &server,
        "fenced",
        &format!("(exec 3<>/dev/tcp/198.51.100.77/{world_port}) && echo reached"),
        b"",
    );
    assert_eq!((out.trim(), code), ("reached", 0), "{err}");
}

/// An address on the host's loopback device for the length of a test.
struct OutsideAddress(&'static str);

impl OutsideAddress {
    fn add(address: &'static str) -> Option<OutsideAddress> {
        let added = Command::new("ip")
            .args(["addr", "add", &format!("{address}/32"), "dev", "lo"])
            .status()
            .is_ok_and(|s| s.success());
        added.then_some(OutsideAddress(address))
    }
}

impl Drop for OutsideAddress {
    fn drop(&mut self) {
        let _ = Command::new("ip")
            .args(["addr", "del", &format!("{}/32", self.0), "dev", "lo"])
            .status();
    }
}

fn own_uid() -> u32 {
    let out = Command::new("id").arg("-u").output().expect("id");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("uid")
}

#[test]
fn nothing_a_dyno_starts_outlives_it() {
    let mut server = start();
    if !walled(&server) {
        return;
    }
    let home = server.admin();
    deploy(
        &server,
        &home,
        "daemons",
        &[(
            "Procfile",
            "web: setsid sleep 4343 & (setsid sh -c 'sleep 4344' &) ; exec python3 -m http.server $PORT\n",
        )],
    );
    wait_for("the daemons", || pgrep("sleep 4343") && pgrep("sleep 4344"));
    let daemons: Vec<(u32, &str)> = ["sleep 4343", "sleep 4344"]
        .into_iter()
        .flat_map(|p| pids(p).into_iter().map(move |pid| (pid, p)))
        .collect();
    home.tug(&["ps:stop", "web.1", "-a", "daemons"]).ok();
    // These very processes go: web.1 restarts at once and starts new ones, so on a busy machine
    // a moment with no `sleep 4343` at all can be too short to see.
    wait_for("the daemons to go with web.1", || {
        daemons.iter().all(|(pid, p)| !still_runs(*pid, p))
    });
    // It comes back (a stopped dyno restarts); then the server dies without a word.
    wait_for("web.1 again", || pgrep("sleep 4343"));
    // The networks' pastas (when dynos have networks of their own) are the platform's: a
    // process the server leaves behind ends them when the server is killed outright.
    let pastas = pids(&format!("{}/sandboxes/", server.data_dir.display()));
    let health = server.http().call("GET", "/health", None, None).body;
    if health["sandbox"]
        .as_str()
        .is_some_and(|s| s.contains("a network per dyno"))
    {
        assert!(!pastas.is_empty(), "web.1's network and those made ahead");
    }
    // As root, on Linux 6.0 or later, the server mounts a hierarchy of its own so that moving
    // a dyno into its groups does not wait for the kernel (see `cgroup.rs`).
    let quick_moves = format!("{}/cgroup-quick-moves", server.data_dir.display());
    let mounted = || {
        std::fs::read_to_string("/proc/self/mountinfo")
            .unwrap_or_default()
            .contains(&quick_moves)
    };
    let sandbox = health["sandbox"].as_str().unwrap_or_default();
    if own_uid() == 0 && sandbox.contains("cgroup") && kernel_at_least(6, 0) {
        assert!(sandbox.contains("(favordynmods)"), "{sandbox}");
        assert!(mounted(), "no hierarchy at {quick_moves}");
    }
    let pid = server.pid();
    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    wait_for("the daemons to die with the server", || {
        !pgrep("sleep 4343") && !pgrep("sleep 4344")
    });
    wait_for("the pastas of the killed server to end", || {
        pastas.iter().all(|pid| !still_runs(*pid, "pasta"))
    });
    // Those it was making as it died too (made ahead of time, or for web.1's restart).
    wait_for("every pasta of the killed server to end", || {
        !pgrep(&format!("{}/sandboxes/", server.data_dir.display()))
    });
    wait_for("the process that ended them to go too", || {
        !pgrep(&format!("leftovers {}", server.data_dir.display()))
    });
    assert!(
        !mounted(),
        "the killed server's {quick_moves} is still mounted"
    );
    server.stop();
}

/// Whether the running kernel is at least `major.minor`.
/// The server's `tug server launcher`, found by its parent.
fn launcher_of(server_pid: u32) -> Option<u32> {
    pids("tug server launcher").into_iter().find(|pid| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|stat| {
                // The parent is the second field after the command's `(name)`.
                let after = stat.rsplit_once(") ")?.1;
                after.split_whitespace().nth(1)?.parse::<u32>().ok()
            })
            == Some(server_pid)
    })
}

#[test]
fn a_launcher_that_dies_takes_its_dynos_and_is_started_again() {
    let mut server = start();
    if !walled(&server) {
        return;
    }
    let home = server.admin();
    deploy(&server, &home, "relaunch", &[("Procfile", IDLE_WEB)]);
    wait_for("web.1 to serve", || get(&server, "relaunch").0 == 200);
    let launcher = launcher_of(server.pid()).expect("the server's launcher");
    let _ = Command::new("kill")
        .args(["-9", &launcher.to_string()])
        .status();
    // web.1's helper had the launcher as its parent: it died with it, and web.1 crashed.
    wait_for("web.1 to crash", || {
        let out = home
            .tug(&["logs", "-a", "relaunch", "-n", "200"])
            .ok()
            .stdout;
        out.contains("Process exited with status 137")
    });
    // The next sandbox starts a new launcher: the restarted web.1, and a one-off.
    wait_for("web.1 to serve again", || get(&server, "relaunch").0 == 200);
    let (out, err, code) = run(&server, "relaunch", "echo walled again", b"");
    assert_eq!((out.trim(), code), ("walled again", 0), "{err}");
    let again = launcher_of(server.pid()).expect("a new launcher");
    assert_ne!(again, launcher);
    server.stop();
}

fn kernel_at_least(major: u32, minor: u32) -> bool {
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let mut parts = release
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|p| p.parse::<u32>().ok());
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) >= (major, minor)
}

#[test]
fn limits_follow_the_dyno_size() {
    let server = start();
    if !walled(&server) {
        return;
    }
    let home = server.admin();
    deploy(&server, &home, "greedy", &[("Procfile", IDLE_WEB)]);

    // A fork bomb stops at the process limit (256 on standard-1X).
    let (out, _, code) = run(
        &server,
        "greedy",
        "python3 -c \"
import subprocess
ps = []
try:
    for _ in range(600):
        ps.append(subprocess.Popen(['sleep', '60']))
except OSError:
    pass
print(len(ps))
\"",
        b"",
    );
    assert_eq!(code, 0);
    let started: u32 = out.trim().parse().expect("a count");
    assert!(
        (100..256).contains(&started),
        "the process limit holds: {started}"
    );

    // Over its quota a dyno hears R14; far over it, it is killed with R15 (and comes back).
    deploy(
        &server,
        &home,
        "hog",
        &[
            (
                "Procfile",
                "web: python3 -m http.server $PORT --bind 127.0.0.1\nover: python3 hog.py 700\nfar: python3 hog.py 1500\n",
            ),
            (
                "hog.py",
                "import sys, time\nblob = b'x' * (int(sys.argv[1]) * 1024 * 1024)\ntime.sleep(600)\n",
            ),
        ],
    );
    home.tug(&["ps:scale", "over=1", "far=1", "-a", "hog"]).ok();
    let logs = wait_until("R14 and R15 in the log", Duration::from_secs(60), || {
        let logs = home.tug(&["logs", "-a", "hog", "-n", "1500"]).stdout;
        (logs.contains("heroku[over.1]: Error R14 (Memory quota exceeded)")
            && logs.contains("heroku[far.1]: Error R15 (Memory quota vastly exceeded)"))
        .then_some(logs)
    });
    assert!(
        !logs.contains("heroku[over.1]: Error R15"),
        "within twice its quota a dyno keeps running: {logs}"
    );
    // The host and the server are fine.
    assert_eq!(server.http().call("GET", "/health", None, None).status, 200);
}

#[test]
fn a_buildpack_builds_inside_the_wall() {
    let server = TestServer::start_with(&["--build-memory", "300"]);
    if !walled(&server) {
        return;
    }
    let home = server.admin();
    let pack = server.root.path().join("nosy-buildpack");
    std::fs::create_dir_all(pack.join("bin")).expect("mkdir");
    let data = server.data_dir.display().to_string();
    let scripts = [
        ("detect", "#!/bin/sh\necho Nosy\n".to_owned()),
        (
            "compile",
            format!(
                "#!/bin/sh\necho \"uid=$(id -u)\"\ncat {data}/admin.token || echo \"data dir: walled\"\n\
                 ls /proc | grep -c '^[0-9]' | sed 's/^/procs=/'\necho built > \"$1/built.txt\"\n"
            ),
        ),
    ];
    for (name, text) in scripts {
        let path = pack.join("bin").join(name);
        std::fs::write(&path, text).expect("write");
        let mode = std::os::unix::fs::PermissionsExt::from_mode(0o755);
        std::fs::set_permissions(&path, mode).expect("chmod");
    }
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    http.call("POST", "/apps", t, Some(json!({ "name": "nosy" })));
    http.call(
        "PUT",
        "/apps/nosy/buildpack-installations",
        t,
        Some(json!({"updates": [{"buildpack": pack.display().to_string()}]})),
    );
    let dir = repo(&home, &[("Procfile", IDLE_WEB)]);
    let out = push_app(&server, &home, &dir, "nosy", true);
    assert!(out.contains("data dir: walled"), "{out}");
    assert!(!out.contains("tug_"), "{out}");
    assert!(!out.contains("uid=0"), "{out}");
    let procs = out
        .lines()
        .find_map(|l| l.split("procs=").nth(1))
        .and_then(|n| n.trim().parse::<u32>().ok())
        .expect("a process count");
    assert!(procs <= 8, "a build sees only its own processes: {procs}");

    // A build that takes more memory than it may fails, and says why; the server carries on.
    std::fs::write(
        pack.join("bin/compile"),
        "#!/bin/sh\necho allocating\npython3 -c \"b = b'x' * (600 * 1024 * 1024)\"\n",
    )
    .expect("write");
    commit(&home, &dir, &[("more.txt", "more")], "more");
    let out = push_app(&server, &home, &dir, "nosy", false);
    assert!(
        out.contains("build exceeded its memory limit (300 MB)"),
        "{out}"
    );
    assert_eq!(server.http().call("GET", "/health", None, None).status, 200);
}

#[test]
fn sandbox_off_says_so_at_start_and_when_adding_accounts() {
    let server = TestServer::start_with(&["--sandbox", "off"]);
    let health = server.http().call("GET", "/health", None, None).body;
    assert!(
        health["sandbox"]
            .as_str()
            .is_some_and(|s| s.starts_with("unsandboxed")),
        "{health}"
    );
    assert!(
        server.log().contains("warning: app code runs unsandboxed"),
        "{}",
        server.log()
    );
    let out = Command::new(crate::common::TUG)
        .args(["server", "users:add", "second@example.com", "--data-dir"])
        .arg(&server.data_dir)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("users:add");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("runs app code unsandboxed"), "{err}");
}

#[test]
fn sandbox_on_refuses_to_start_without_the_whole_wall() {
    // As root with a usable kernel, `on` starts; otherwise it must refuse, and say why.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(crate::common::TUG)
        .args(["server", "--sandbox", "on", "--api", "127.0.0.1:0"])
        .args(["--router", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("data"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("server");
    let state = dir.path().join("data/server.json");
    // Either it refuses (and exits), or it starts with the whole wall.
    enum Outcome {
        Refused(std::process::ExitStatus),
        Started(String),
    }
    let outcome = wait_until("the server to start or refuse", DEADLINE, || {
        if let Some(status) = child.try_wait().expect("wait") {
            return Some(Outcome::Refused(status));
        }
        std::fs::read_to_string(&state)
            .ok()
            .filter(|text| text.contains("\"sandbox\":\"sandboxed"))
            .map(Outcome::Started)
    });
    match outcome {
        Outcome::Refused(status) => {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
                .expect("stderr");
            assert!(!status.success());
            assert!(err.contains("`--sandbox on`"), "{err}");
        }
        Outcome::Started(text) => {
            assert!(!text.contains("without"), "{text}");
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

#[test]
fn an_unprivileged_server_still_walls_dynos_off() {
    let Some(server) = TestServer::start_unprivileged() else {
        crate::common::skip::skipped("needs root and setpriv to start the server as nobody");
        return;
    };
    let health = server.http().call("GET", "/health", None, None).body;
    let sandbox = health["sandbox"].as_str().unwrap_or_default().to_owned();
    if !sandbox.starts_with("sandboxed") {
        crate::common::skip::skipped(format!("no user namespaces here ({sandbox})"));
        return;
    }
    assert!(sandbox.contains("without a uid per app"), "{sandbox}");
    let home = server.admin();
    deploy(&server, &home, "plain", &[("Procfile", IDLE_WEB)]);
    assert_eq!(get(&server, "plain").0, 200);
    let data = server.data_dir.display().to_string();
    let (out, err, _) = run(
        &server,
        "plain",
        &format!(
            "ls /proc | grep -c '^[0-9]'; cat {data}/admin.token; kill -9 {pid} || echo no-kill",
            pid = server.pid()
        ),
        b"",
    );
    let visible: u32 = out
        .lines()
        .next()
        .and_then(|l| l.parse().ok())
        .expect("a count");
    assert!(visible <= 8, "{out}");
    assert!(err.contains("No such file or directory"), "{err}");
    assert!(!out.contains("tug_"), "{out}");
    assert!(out.contains("no-kill"), "{out}{err}");
    // Here the sandbox runs as the server's own user, who owns the copies in its root.
    assert_etc_is_the_stacks(&server, "plain");
}

/// The stack's `/etc` files are copies in each sandbox's own root, which is read-only inside:
/// a one-off cannot change what the next one, or another app's dyno, reads there.
fn assert_etc_is_the_stacks(server: &TestServer, app: &str) {
    let (_, err, code) = run(
        server,
        app,
        "echo '10.6.6.6 example.com' >> /etc/hosts",
        b"",
    );
    assert_ne!(code, 0, "a one-off wrote to /etc/hosts");
    // Refused as the app's user, or, where that user owns the copy, by the read-only root.
    assert!(
        err.contains("Read-only file system") || err.contains("Permission denied"),
        "{err}"
    );
    let (out, err, code) = run(server, app, "cat /etc/hosts", b"");
    assert_eq!(code, 0, "{err}");
    let host = std::fs::read_to_string("/etc/hosts").expect("the host's /etc/hosts");
    assert_eq!(out, host, "a sandbox's /etc/hosts is the host's");
}

#[test]
fn a_link_in_the_pushed_tree_never_leads_the_server_out() {
    let server = start();
    let home = server.admin();
    let t = Some(server.admin_token.as_str());
    let http = server.http();
    http.call("POST", "/apps", t, Some(json!({ "name": "linked" })));
    http.call(
        "PUT",
        "/apps/linked/buildpack-installations",
        t,
        Some(json!({"updates": [{"buildpack": "null"}]})),
    );
    let dir = repo(&home, &[("README", "hi\n")]);
    let token = server.data_dir.join("admin.token");
    std::os::unix::fs::symlink(&token, dir.join("Procfile")).expect("link");
    std::os::unix::fs::symlink(&token, dir.join(".slugignore")).expect("link");
    commit(&home, &dir, &[], "links out");
    let out = push_app(&server, &home, &dir, "linked", false);
    assert!(out.contains("leads out of the app"), "{out}");
    assert!(!out.contains(&server.admin_token), "{out}");
    assert!(!out.contains("tug_"), "{out}");
}
