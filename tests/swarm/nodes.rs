//! Two nodes in one swarm, on one machine: a second Docker engine in a network namespace of its
//! own (its own address, firewall and bridges, as a second machine has) joins the swarm as a
//! worker. `ps:scale` then spreads dynos over both nodes, the router serves from both, their
//! logs arrive from both, a deploy under load and a rollback drop no request, and when the
//! second node is lost its dynos come back on the first.
//!
//! Joining a node changes the swarm every other Swarm test uses (their tasks could land on it),
//! so this runs only when asked (`TUG_TEST_TWO_NODES=1`, alone), as `.ci/run` does after the
//! suites; it needs root and a swarm that advertises an address other than the loopback.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use super::{
    DOCKER_SOCKET, Load, deploy_web, docker_get, scale, services, slug_tags,
    swarm_server_booting_in, up,
};
use crate::common::dynos::get;
use crate::common::push::{commit, push_app};
use crate::common::server::TestServer;
use crate::common::server::registry;
use crate::common::wait::{poll, wait_until};

/// The second node's link: this machine's end and the node's end.
const HOST_ADDR: &str = "10.77.2.1";
const NODE_ADDR: &str = "10.77.2.2";
/// The second node's name in the swarm (`ps` shows it).
const NODE_NAME: &str = "tug-node2";

/// One request to a Docker engine over its socket: the status and the body (chunked bodies,
/// as image pulls send, are read whole and left framed).
fn engine(socket: &Path, method: &str, path: &str, body: Option<&Value>) -> (u16, String) {
    let Ok(mut s) = UnixStream::connect(socket) else {
        return (0, String::new());
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(600)));
    let body = body.map(Value::to_string).unwrap_or_default();
    let _ = write!(
        s,
        "{method} {path} HTTP/1.0\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn sh(what: &str, args: &[&str]) {
    let out = Command::new(args[0])
        .args(&args[1..])
        .output()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A second Docker engine in a network namespace, joined to this machine's swarm; everything
/// it made is undone when dropped.
struct SecondNode {
    netns: String,
    link: String,
    dir: tempfile::TempDir,
    dockerd: Option<Child>,
    id: Option<String>,
}

impl SecondNode {
    fn socket(&self) -> PathBuf {
        self.dir.path().join("docker.sock")
    }

    fn start(manager: &str) -> SecondNode {
        let tag = std::process::id() % 100_000;
        let mut node = SecondNode {
            netns: format!("tug-node2-{tag}"),
            link: format!("tn2h{tag}"),
            dir: tempfile::tempdir().expect("temp dir"),
            dockerd: None,
            id: None,
        };
        let (ns, link) = (node.netns.clone(), node.link.clone());
        let peer = format!("tn2n{tag}");
        sh("a network namespace", &["ip", "netns", "add", &ns]);
        sh(
            "a link to it",
            &[
                "ip", "link", "add", &link, "type", "veth", "peer", "name", &peer,
            ],
        );
        sh("its end", &["ip", "link", "set", &peer, "netns", &ns]);
        let host_cidr = format!("{HOST_ADDR}/24");
        sh(
            "our address",
            &["ip", "addr", "add", &host_cidr, "dev", &link],
        );
        sh("our end up", &["ip", "link", "set", &link, "up"]);
        let node_cidr = format!("{NODE_ADDR}/24");
        for args in [
            vec!["addr", "add", node_cidr.as_str(), "dev", peer.as_str()],
            vec!["link", "set", peer.as_str(), "up"],
            vec!["link", "set", "lo", "up"],
            vec!["route", "add", "default", "via", HOST_ADDR],
        ] {
            let mut all = vec!["ip", "-n", ns.as_str()];
            all.extend(args);
            sh("the node's network", &all);
        }

        // `nsenter`, not `ip netns exec`, which remounts /sys where dockerd then finds no
        // cgroups; a host name of its own, as a second machine has.
        let root = node.dir.path();
        let log = std::fs::File::create(root.join("dockerd.log")).expect("log");
        let script = format!(
            "hostname {NODE_NAME} && exec dockerd --data-root {0}/data --exec-root {0}/exec \
             --pidfile {0}/docker.pid -H unix://{0}/docker.sock",
            root.display()
        );
        let child = Command::new("nsenter")
            .arg(format!("--net=/var/run/netns/{ns}"))
            .args(["unshare", "--uts", "sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("dockerd for the second node");
        node.dockerd = Some(child);
        let socket = node.socket();
        let answered = poll(Duration::from_secs(120), || {
            engine(&socket, "GET", "/_ping", None).0 == 200
        });
        assert!(answered, "the second engine did not start: {}", node.log());

        registry_in(&ns);

        let swarm: Value =
            serde_json::from_str(&docker_get("/swarm").unwrap_or_default()).unwrap_or_default();
        let token = swarm["JoinTokens"]["Worker"]
            .as_str()
            .expect("a join token");
        let join = json!({
            "ListenAddr": format!("{NODE_ADDR}:2377"),
            "AdvertiseAddr": NODE_ADDR,
            "RemoteAddrs": [format!("{manager}:2377")],
            "JoinToken": token,
        });
        let (status, body) = engine(&socket, "POST", "/swarm/join", Some(&join));
        assert_eq!(status, 200, "the second node did not join: {body}");
        let info: Value = serde_json::from_str(&engine(&socket, "GET", "/info", None).1)
            .expect("the second engine's info");
        let id = info["Swarm"]["NodeID"].as_str().expect("its node id");
        node.id = Some(id.to_owned());
        let ready = poll(Duration::from_secs(60), || {
            let node: Value =
                serde_json::from_str(&docker_get(&format!("/nodes/{id}")).unwrap_or_default())
                    .unwrap_or_default();
            node["Status"]["State"] == "ready"
        });
        assert!(ready, "the second node never became ready: {}", node.log());
        node
    }

    /// Pulls an image from the registry onto the node, as Swarm would before its first task
    /// there.
    fn pull(&self, image: &str) {
        let (name, tag) = image.rsplit_once(':').expect("a tagged image");
        let path = format!("/images/create?fromImage={name}&tag={tag}");
        let (status, body) = engine(&self.socket(), "POST", &path, None);
        assert!(
            status == 200 && !body.contains("\"error\""),
            "the second node cannot pull {image}: {status} {body}"
        );
    }

    /// Connects or cuts the node's link to this machine.
    fn link(&self, up: bool) {
        let state = if up { "up" } else { "down" };
        sh("the node's link", &["ip", "link", "set", &self.link, state]);
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dockerd.log")).unwrap_or_default()
    }
}

impl Drop for SecondNode {
    fn drop(&mut self) {
        let socket = self.socket();
        engine(&socket, "POST", "/swarm/leave?force=1", None);
        if let Some(id) = &self.id {
            super::docker_request("DELETE", &format!("/nodes/{id}?force=1"));
        }
        if let Some(mut child) = self.dockerd.take() {
            let pid = std::fs::read_to_string(self.dir.path().join("docker.pid"))
                .unwrap_or_default()
                .trim()
                .to_owned();
            if !pid.is_empty() {
                let _ = Command::new("kill").args(["-TERM", &pid]).status();
                poll(Duration::from_secs(60), || {
                    !Path::new(&format!("/proc/{pid}")).exists()
                });
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = Command::new("ip")
            .args(["link", "del", &self.link])
            .status();
        let _ = Command::new("ip")
            .args(["netns", "del", &self.netns])
            .status();
    }
}

/// Makes the registry answer at `127.0.0.1:5000` inside the namespace too, where the node's
/// engine pulls the images tug names by that address: a listener made in the namespace, whose
/// connections are carried to the registry from this one. (A real node is given a registry
/// address it reaches; see the README.)
fn registry_in(ns: &str) {
    use nix::sched::{CloneFlags, setns};
    let theirs = std::fs::File::open(format!("/var/run/netns/{ns}")).expect("the namespace");
    let registry = registry();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let ours = std::fs::File::open("/proc/thread-self/ns/net").expect("our namespace");
        setns(&theirs, CloneFlags::CLONE_NEWNET).expect("enter the namespace");
        let listener = TcpListener::bind(("127.0.0.1", 5000));
        // Back home: the connections to the registry are made here.
        setns(&ours, CloneFlags::CLONE_NEWNET).expect("leave the namespace");
        let listener = match listener {
            Ok(l) => {
                let _ = tx.send(Ok(()));
                l
            }
            Err(e) => {
                let _ = tx.send(Err(e.to_string()));
                return;
            }
        };
        for conn in listener.incoming().flatten() {
            let Ok(upstream) = TcpStream::connect(&registry) else {
                continue;
            };
            for (mut from, mut to) in [
                (conn.try_clone(), upstream.try_clone()),
                (upstream.try_clone(), conn.try_clone()),
            ]
            .into_iter()
            .filter_map(|(a, b)| a.ok().zip(b.ok()))
            {
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut from, &mut to);
                    let _ = to.shutdown(std::net::Shutdown::Write);
                });
            }
        }
    });
    let bound = rx.recv().expect("the forwarder");
    assert!(bound.is_ok(), "no registry in the namespace: {bound:?}");
}

/// The address the swarm's manager advertises, when the swarm is made on one that another
/// machine can reach.
fn manager_addr() -> Option<String> {
    let info: Value = serde_json::from_str(&docker_get("/info")?).ok()?;
    let addr = info["Swarm"]["NodeAddr"].as_str()?.to_owned();
    let ip: std::net::IpAddr = addr.parse().ok()?;
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(addr)
}

/// Where the app's dynos run, once all six run and some run on each node: those on the
/// second node and those on this one.
fn placed(server: &TestServer, here: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let t = Some(server.admin_token.as_str());
    let mut last = Vec::new();
    let found = poll(Duration::from_secs(60), || {
        let listed = server.http().call("GET", "/apps/spread/dynos", t, None);
        last = listed
            .body
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                let name = d["name"].as_str().unwrap_or_default().to_owned();
                let node = d["node"].as_str().unwrap_or_default().to_owned();
                (name, node, d["state"] == "up")
            })
            .collect();
        let on = |node: &str| last.iter().filter(|(_, n, up)| n == node && *up).count();
        last.len() == 6 && on(NODE_NAME) > 0 && on(here) > 0 && on(NODE_NAME) + on(here) == 6
    });
    assert!(found, "six dynos up over {here} and {NODE_NAME}: {last:?}");
    let on = |node: &str| -> BTreeSet<String> {
        last.iter()
            .filter(|(_, n, _)| n == node)
            .map(|(d, _, _)| d.clone())
            .collect()
    };
    (on(NODE_NAME), on(here))
}

#[test]
fn two_nodes_spread_dynos_serve_and_log_from_both() {
    if std::env::var("TUG_TEST_TWO_NODES").as_deref() != Ok("1") {
        crate::common::skip::skipped(
            "joining a second node under the other Swarm tests would move their tasks; run with TUG_TEST_TWO_NODES=1 and a filter for this test alone",
        );
        return;
    }
    if !Path::new(DOCKER_SOCKET).exists() {
        // Said by the server's start below.
    } else if manager_addr().is_none() {
        crate::common::skip::skipped(
            "the swarm advertises the loopback, which a second node cannot reach (`.ci/run` makes it on 10.77.0.1)",
        );
        return;
    }
    let Some(server) = swarm_server_booting_in("120") else {
        return;
    };
    let manager = manager_addr().expect("the manager's address");
    let node = SecondNode::start(&manager);

    // The stack is on the registry already; pulled ahead, as an operator would on a new node,
    // so that the first tasks there start within the boot timeout.
    let t = Some(server.admin_token.as_str());
    let stack = server.http().call("GET", "/stacks/heroku-24", t, None);
    let image = stack.body["image"].as_str().expect("the stack image");
    node.pull(image);

    let home = server.admin();
    let dir = deploy_web(&server, &home, "spread");
    scale(&server, "spread", 6);
    wait_until("six web dynos up", Duration::from_secs(240), || {
        (up(&server, "spread") == 6).then_some(())
    });

    // Placed on both nodes, as `ps` shows.
    let here = super::node_name();
    let (there, mine) = placed(&server, &here);
    let ps = home.tug(&["ps", "-a", "spread"]).ok().stdout;
    assert!(
        ps.lines().any(|l| l.ends_with(&format!("\t{NODE_NAME}"))),
        "{ps}"
    );

    // The router reaches dynos on both nodes.
    let mut answered = BTreeSet::new();
    for _ in 0..120 {
        let (status, body) = get(&server, "spread");
        assert_eq!(status, 200, "{body}");
        if let Some(dyno) = body.split_whitespace().next() {
            answered.insert(dyno.to_owned());
        }
        if answered.len() == 6 {
            break;
        }
    }
    assert!(
        !answered.is_disjoint(&there) && !answered.is_disjoint(&mine),
        "answered by {answered:?}; on {NODE_NAME}: {there:?}"
    );

    // Their output reaches the log hub from both nodes.
    let logs = home.tug(&["logs", "-a", "spread", "-n", "500"]).ok().stdout;
    for dyno in there.iter().chain(mine.iter()) {
        assert!(
            logs.contains(&format!("app[{dyno}]: booted {dyno}")),
            "{dyno} booted, as its log says:\n{logs}"
        );
    }

    // A dyno on the second node stopped by hand is replaced, as any other.
    let gone = there.iter().next().expect("a dyno there").clone();
    home.tug(&["ps:stop", &gone, "-a", "spread"]).ok();
    wait_until("the dyno back", Duration::from_secs(120), || {
        let logs = home.tug(&["logs", "-a", "spread", "-n", "500"]).ok().stdout;
        (logs.matches(&format!("app[{gone}]: booted {gone}")).count() >= 2
            && up(&server, "spread") == 6)
            .then_some(())
    });

    // A deploy under load, the new dynos placed over both nodes again: no request fails.
    let load = Load::start(&server, "spread");
    commit(&home, &dir, &[("VERSION", "two")], "two");
    push_app(&server, &home, &dir, "spread", true);
    let every_dyno_serves = |version: &str| {
        let end = format!(" {version}\n");
        wait_until(
            "every dyno on the release",
            Duration::from_secs(120),
            || {
                (0..24)
                    .all(|_| get(&server, "spread").1.ends_with(&end))
                    .then_some(())
            },
        );
    };
    every_dyno_serves("two");
    load.finish_without_failures();
    placed(&server, &here);

    // A rollback to the first release runs its image again, on both nodes: none is made.
    let tags = slug_tags();
    home.tug(&["rollback", "-a", "spread"]).ok();
    every_dyno_serves("one");
    assert_eq!(slug_tags(), tags, "the rollback reused its image");

    // The second node lost, as a machine that fails (its link cut): once the swarm counts it
    // as down, its dynos count as crashed and come back on this node.
    let (lost, _) = placed(&server, &here);
    node.link(false);
    wait_until(
        "every dyno up again on this node",
        Duration::from_secs(180),
        || {
            let listed = server.http().call("GET", "/apps/spread/dynos", t, None);
            let all = listed.body.as_array().cloned().unwrap_or_default();
            (all.len() == 6
                && all
                    .iter()
                    .all(|d| d["state"] == "up" && d["node"] == json!(here)))
            .then_some(())
        },
    );
    let logs = home
        .tug(&["logs", "-a", "spread", "-n", "1000"])
        .ok()
        .stdout;
    for dyno in &lost {
        let said = format!("heroku[{dyno}]: Its node {NODE_NAME} is down");
        assert!(logs.contains(&said), "{said} in:\n{logs}");
    }
    for _ in 0..12 {
        assert_eq!(get(&server, "spread").0, 200);
    }
    node.link(true);

    scale(&server, "spread", 0);
    wait_until("no service left", Duration::from_secs(120), || {
        (services(&server) == 0).then_some(())
    });
    drop(node);
    let nodes: Value =
        serde_json::from_str(&docker_get("/nodes").unwrap_or_default()).unwrap_or_default();
    assert_eq!(
        nodes.as_array().map(Vec::len),
        Some(1),
        "the second node left: {nodes}"
    );
}
