//! `tug up`, `ps`, `ps:scale`, `ps:restart`, `ps:stop`, `ps:type`, `run`, `run:detached` and
//! `open` against a real server running `examples/hello`, and `tug up` from nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::pty::{Pty, Streams};
use crate::common::wait::{DEADLINE, wait_until};
use crate::common::{Home, Run, TestServer, wait_for};

fn hello() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hello")
}

fn start() -> TestServer {
    TestServer::start_with(&["--restart-backoff", "0.1", "--stop-grace", "2"])
}

/// GET / through a router with `Host: APP.localhost`.
fn get(router_url: &str, app: &str) -> (u16, String) {
    crate::common::install_crypto_provider();
    let r = reqwest::blocking::Client::new()
        .get(format!("{router_url}/"))
        .header("Host", format!("{app}.localhost"))
        .timeout(Duration::from_secs(10))
        .send();
    match r {
        Ok(r) => (r.status().as_u16(), r.text().unwrap_or_default()),
        Err(e) => (0, e.to_string()),
    }
}

/// `tug up examples/hello` and the URL it printed.
fn up(home: &Home, app: &str) -> Run {
    let dir = hello();
    let run = home
        .tug(&["up", dir.to_str().unwrap(), "-a", app])
        .ok()
        .stderr_has(&format!("Creating {app}... done"));
    assert!(
        run.stdout
            .trim()
            .starts_with(&format!("http://{app}.localhost")),
        "{}",
        run.describe()
    );
    run
}

/// Polls `tug ps --json` until `want` web dynos are up (and no others are around).
fn wait_for_web(home: &Home, app: &str, want: usize) -> serde_json::Value {
    wait_until(&format!("{want} web dynos up"), DEADLINE, || {
        let dynos = home.tug(&["ps", "-a", app, "--json"]).ok().json();
        let list = dynos.as_array().unwrap();
        let web: Vec<_> = list.iter().filter(|d| d["type"] == "web").collect();
        (web.len() == want && web.iter().all(|d| d["state"] == "up")).then_some(dynos)
    })
}

#[test]
fn up_then_ps_scale_restart_and_stop() {
    let server = start();
    let home = server.admin();
    up(&home, "hello");
    let (status, body) = get(&server.router_url, "hello");
    assert_eq!((status, body.as_str()), (200, "Hello from web.1!\n"));

    // Piped `ps`: name, state, since, command.
    let ps = home.tug(&["ps", "-a", "hello"]).ok();
    let fields: Vec<&str> = ps.stdout.trim_end().split('\t').collect();
    // On Swarm a fifth field names the node the dyno runs on.
    let columns = if crate::common::server::on_swarm() {
        5
    } else {
        4
    };
    assert_eq!(fields.len(), columns, "{}", ps.stdout);
    assert_eq!(
        (fields[0], fields[1], fields[3]),
        ("web.1", "up", "python3 app.py")
    );
    assert!(fields[2].ends_with('Z'), "{}", fields[2]);
    let json = home
        .tug(&["ps", "web", "-a", "hello", "--json"])
        .ok()
        .json();
    assert_eq!(json[0]["name"], "web.1");
    assert_eq!(json[0]["state"], "up");
    home.tug(&["ps", "worker", "-a", "hello"])
        .code(1)
        .stderr_has("no worker dynos on hello");

    // The formation, and changes in each form.
    let shown = home.tug(&["ps:scale", "-a", "hello"]).ok();
    assert_eq!(shown.stdout, "web=1:standard-1X\n");
    home.tug(&["ps:scale", "web=2", "-a", "hello"])
        .ok()
        .stderr_has("Scaling dynos... done, now running web at 2:standard-1X");
    wait_for_web(&home, "hello", 2);
    home.tug(&["scale", "web-1", "-a", "hello"])
        .ok()
        .stderr_has("now running web at 1:standard-1X");
    home.tug(&["ps", "scale", "web+1", "-a", "hello", "--json"])
        .ok()
        .stdout_has("\"quantity\": 2");
    home.tug(&["ps:scale", "web=1:standard-1X", "-a", "hello"])
        .ok()
        .stderr_has("now running web at 1:standard-1X");
    wait_for_web(&home, "hello", 1);

    // Bad changes: syntax is a usage error naming the argument; the rest the server refuses.
    for bad in ["web:2", "web=-1", "web", "web=two", "=1"] {
        home.tug(&["ps:scale", "web=1", bad, "-a", "hello"])
            .code(2)
            .stderr_has(&format!("`{bad}`"));
    }
    home.tug(&["ps:scale", "worker=1", "-a", "hello"])
        .code(1)
        .stderr_has("worker");
    home.tug(&["ps:scale", "web=100000", "-a", "hello"]).code(1);
    home.tug(&["ps:scale", "web-5", "-a", "hello"]).code(1);
    assert_eq!(
        home.tug(&["ps:scale", "-a", "hello"]).ok().stdout,
        "web=1:standard-1X\n",
        "a refused change changes nothing"
    );

    // Sizes.
    let types = home.tug(&["ps:type", "-a", "hello"]).ok();
    assert_eq!(types.stdout, "web\tstandard-1X\t1\tpython3 app.py\n");
    home.tug(&["ps:type", "web=bad size", "-a", "hello"])
        .code(2);

    // Restarts: all, one type, one dyno; each waits until the replacement is up, saying so
    // in plain lines off a terminal.
    let id = |home: &Home| wait_for_web(home, "hello", 1)[0]["id"].clone();
    let before = id(&home);
    home.tug(&["ps:restart", "-a", "hello"])
        .ok()
        .stderr_has("Restarting all dynos on hello... done")
        .stderr_has("Waiting for the dynos... done, 1 up");
    let web = home.tug(&["ps", "-a", "hello", "--json"]).ok().json();
    let replacement = web
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "web.1" && d["id"] != before)
        .unwrap_or_else(|| panic!("no replacement for web.1 in {web}"));
    assert_eq!(replacement["state"], "up", "{web}");
    home.tug(&["restart", "-p", "web", "-a", "hello"])
        .ok()
        .stderr_has("Restarting all web dynos on hello... done")
        .stderr_has("web dynos up 1/1\n")
        .stderr_has("Waiting for the web dynos... done, 1 up");
    home.tug(&["ps:restart", "web.1", "-a", "hello"])
        .ok()
        .stderr_has("Restarting dyno web.1 on hello... done")
        .stderr_has("Waiting for the dyno web.1... done, 1 up");
    // `--no-wait` returns once the platform has it; the replacement still comes.
    let before = id(&home);
    let quick = home
        .tug(&["ps:restart", "--no-wait", "-a", "hello"])
        .ok()
        .stderr_has("Restarting all dynos on hello... done");
    assert!(!quick.stderr.contains("Waiting"), "{}", quick.describe());
    wait_until("web.1 replaced", DEADLINE, || {
        (id(&home) != before).then_some(())
    });
    // Bad targets are refused before anything restarts.
    home.tug(&["ps:restart", "web.x", "-a", "hello"]).code(2);
    home.tug(&["ps:restart", "web.9", "-a", "hello"])
        .code(1)
        .stderr_has("web.9");
    wait_for_web(&home, "hello", 1);
    let (status, body) = get(&server.router_url, "hello");
    assert_eq!((status, body.as_str()), (200, "Hello from web.1!\n"));

    // Stop: needs a target; an unknown dyno is an error; a real one stops.
    home.tug(&["ps:stop", "-a", "hello"])
        .code(2)
        .stderr_has("say which dynos to stop");
    home.tug(&["ps:stop", "web.9", "-a", "hello"]).code(1);
    home.tug(&["stop", "web.1", "-a", "hello"])
        .ok()
        .stderr_has("Stopping dyno web.1 on hello... done");

    // Scaled to zero: nothing to open, and `ps` says so with a hint.
    home.tug(&["ps:scale", "web=0", "-a", "hello"]).ok();
    wait_for("the dynos to stop", || {
        let dynos = home.tug(&["ps", "-a", "hello", "--json"]).ok().json();
        dynos.as_array().unwrap().is_empty()
    });
    let empty = home
        .tug(&["ps", "-a", "hello"])
        .ok()
        .stderr_has("No dynos on hello")
        .stderr_has("hint:");
    assert_eq!(empty.stdout, "");
    home.with_env("BROWSER", "echo")
        .tug(&["open", "-a", "hello"])
        .code(1)
        .stderr_has("tug ps:scale web=1");
}

#[test]
fn run_attached_and_detached_and_open() {
    let server = start();
    let home = server.admin();
    let url = up(&home, "runner").stdout.trim().to_string();

    // stdin in, stdout and stderr apart, the exit code out.
    let run = home
        .tug_stdin(
            &[
                "run",
                "-a",
                "runner",
                "--",
                "sh",
                "-c",
                "cat; echo err >&2; exit 3",
            ],
            "hi\n",
        )
        .code(3)
        .stderr_has("Running sh -c 'cat; echo err >&2; exit 3' on runner... up, run.1")
        .stderr_has("err\n");
    assert_eq!(run.stdout, "hi\n");

    // One argument is a shell line; `-e` reaches the dyno; exit 0 is success.
    let run = home
        .tug(&[
            "run",
            "-a",
            "runner",
            "-e",
            "GREETING=hey",
            "echo $GREETING $DYNO",
        ])
        .ok();
    assert_eq!(run.stdout, "hey run.2\n");
    home.tug(&["run", "-a", "runner"])
        .code(2)
        .stderr_has("no command to run");
    home.tug(&["run", "-a", "runner", "-e", "nope", "--", "true"])
        .code(2)
        .stderr_has("`nope` is not KEY=VALUE");

    home.tug(&["run:detached", "-a", "runner", "--", "sleep", "1"])
        .ok()
        .stderr_has("Running sleep 1 on runner... done, run.3")
        .stderr_has("tug logs --dyno run.3");

    // `open`: the URL joined with the path, handed to `$BROWSER`.
    let open = home
        .with_env("BROWSER", "echo")
        .tug(&["open", "-a", "runner", "admin?x=1"])
        .ok();
    let expected = format!("{url}admin?x=1");
    assert_eq!(open.stdout.trim(), expected);
    assert!(
        open.stderr.contains(&format!("Opening {expected}...")),
        "{}",
        open.describe()
    );
}

/// Stops the background server even when the test fails half-way.
struct StopServer<'a>(&'a Home);

impl Drop for StopServer<'_> {
    fn drop(&mut self) {
        let _ = self.0.tug(&["server", "stop"]);
    }
}

#[test]
fn up_from_nothing_starts_a_server() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let probe = Home::new("http://unused");
    let data = probe.path().join("data");
    let home = Home::new(&format!("http://127.0.0.1:{port}"))
        .with_env("TUG_DATA_DIR", data.to_str().unwrap())
        .with_env("TUG_SERVER_ROUTER", "127.0.0.1:0");
    let _stop = StopServer(&home);

    let run = up(&home, "fresh").stderr_has(&format!(
        "Started a tug server in the background (data in {0}, log in {0}/server.log); stop it with `tug server stop`",
        data.display()
    ));
    let state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("server.json")).unwrap()).unwrap();
    let router = state["router"].as_str().unwrap();
    let (status, body) = get(router, "fresh");
    assert_eq!(
        (status, body.as_str()),
        (200, "Hello from web.1!\n"),
        "{}",
        run.describe()
    );

    // Logged in: later commands need no token in the environment.
    home.tug(&["whoami"]).ok().stdout_has("admin@localhost");
    home.tug(&["ps", "-a", "fresh"])
        .ok()
        .stdout_has("web.1\tup\t");

    // A second `up` finds the server running and deploys again.
    let again = home
        .tug(&["up", hello().to_str().unwrap(), "-a", "fresh"])
        .ok();
    assert!(
        !again.stderr.contains("Started a tug server"),
        "{}",
        again.describe()
    );
    // Off a terminal the wait says what it waits for in plain lines.
    again
        .stderr_has("web dynos up 1/1\n")
        .stderr_has("Waiting for the web dynos... done, 1 up");

    home.tug(&["server", "stop"]).ok();
    home.tug(&["ps", "-a", "fresh"])
        .code(1)
        .stderr_has("could not reach");
}

/// On a terminal, `ps:restart` shows how many replacements are up beside its spinner while it
/// waits for them: here a web process that holds its boot until the test opens a gate.
#[test]
fn restart_on_a_terminal_shows_the_count_while_it_waits() {
    let server = start();
    let home = server.admin();
    let app = tempfile::tempdir().unwrap();
    let gate = app.path().join("gate");
    std::fs::write(&gate, "").unwrap();
    for file in ["app.py", "requirements.txt"] {
        std::fs::copy(hello().join(file), app.path().join(file)).unwrap();
    }
    // Holds at most 20 s, where a sandbox hides the gate from the dyno.
    std::fs::write(
        app.path().join("Procfile"),
        format!(
            "web: i=0; while [ ! -e '{}' ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done; exec python3 app.py\n",
            gate.display()
        ),
    )
    .unwrap();
    home.tug(&["up", app.path().to_str().unwrap(), "-a", "gated"])
        .ok();
    std::fs::remove_file(&gate).unwrap();
    let mut pty = Pty::spawn(
        &home,
        &["ps:restart", "web", "-a", "gated"],
        120,
        Streams::All,
    );
    pty.expect("Restarting all web dynos on gated... done");
    pty.expect("Waiting for the web dynos: web dynos up 0/1");
    // Meanwhile `tug ps` shows the formation's one web dyno, and of the two `web.1`s (same
    // release) marks the old one, still up, as being replaced.
    let mut ps = Pty::spawn(&home, &["ps", "-a", "gated"], 120, Streams::All);
    assert_eq!(ps.wait(), Some(0), "{}", ps.screen());
    let listed = ps.screen();
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("=== web ") && l.ends_with(" (1)")),
        "{listed:?}"
    );
    let marked: Vec<&str> = listed
        .lines()
        .filter(|l| l.starts_with("web.1: "))
        .collect();
    assert_eq!(marked.len(), 2, "{listed:?}");
    assert!(
        marked[0].starts_with("web.1: up ") && marked[0].ends_with(" (being replaced)"),
        "{listed:?}"
    );
    assert!(
        marked[1].starts_with("web.1: starting ") && !marked[1].contains("replaced"),
        "{listed:?}"
    );
    std::fs::write(&gate, "").unwrap();
    assert_eq!(pty.wait(), Some(0), "{}", pty.screen());
    let screen = pty.screen();
    assert!(
        screen.contains("Waiting for the web dynos... done, 1 up"),
        "{screen:?}"
    );
    // The count was drawn beside the spinner, never as a line of its own.
    assert!(!screen.contains("\nweb dynos up"), "{screen:?}");
}
