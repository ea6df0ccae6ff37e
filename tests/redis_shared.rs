//! `--redis-admin-url`: Redis add-ons as ACL users on a Redis server the operator runs (here a
//! real `redis-server` with `requirepass`, started by the test). Each add-on reaches only its
//! own key prefix; the admin password never reaches a dyno, a log line or an API response;
//! rotation, destruction and a restart of either server.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::addons::{config, redis, redis_installed};
use crate::common::home::Home;
use crate::common::push::deploy;
use crate::common::server::TestServer;
use crate::common::wait_for;

const IDLE: &str = "worker: sleep 1000000\n";
const SECRET: &str = "operatorRedisSecret42";

/// The operator's server, killed with the test.
struct Operator {
    child: Child,
    port: u16,
}

impl Operator {
    /// `redis-server` on a free port, with only the `default` user and its password, no
    /// configuration file and no ACL file: ACL users live in its memory only.
    fn start(dir: &Path, port: Option<u16>) -> Operator {
        let port = port.unwrap_or_else(|| {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        });
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--requirepass", SECRET, "--appendonly", "no"])
            .arg("--dir")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start redis-server");
        let op = Operator { child, port };
        wait_for("the operator's Redis", || {
            op.admin(&["PING"]).is_some_and(|o| o.trim() == "PONG")
        });
        op
    }

    /// A command as the operator; `None` when Redis answered an error.
    fn admin(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("redis-cli")
            .args(["-e", "--no-auth-warning", "-p", &self.port.to_string()])
            .args(args)
            .env("REDISCLI_AUTH", SECRET)
            .output()
            .unwrap();
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Saves its data and stops.
    fn stop(mut self) {
        let _ = self.admin(&["SHUTDOWN", "SAVE"]);
        let _ = self.child.wait();
    }
}

impl Drop for Operator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The user in an add-on's `REDIS_URL`, which is also its key prefix.
fn user_of(url: &str) -> String {
    let rest = url.strip_prefix("redis://").expect("a redis:// URL");
    rest.split(':').next().unwrap().to_string()
}

fn redis_url(server: &TestServer, app: &str) -> String {
    config(server, app)["REDIS_URL"]
        .as_str()
        .expect("REDIS_URL is set")
        .to_string()
}

/// `redis-cli` in one of `app`'s dynos over its own `REDIS_URL`.
fn own(home: &Home, app: &str, cmd: &str) -> crate::common::home::Run {
    redis(home, app, "\"$REDIS_URL\"", cmd)
}

#[test]
fn redis_addons_on_an_operators_server() {
    if !redis_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let operator = Operator::start(dir.path(), None);
    let admin_url = format!("redis://:{SECRET}@127.0.0.1:{}", operator.port);
    let mut server = TestServer::start_with_env(&[("TUG_REDIS_ADMIN_URL", &admin_url)]);
    let home = server.admin();
    deploy(&server, &home, "reda", &[("Procfile", IDLE)]);
    deploy(&server, &home, "redb", &[("Procfile", IDLE)]);
    let name = home
        .tug(&["addons:create", "heroku-redis", "-a", "reda"])
        .ok()
        .stderr_has("REDIS_URL set")
        .stdout
        .trim()
        .to_string();
    home.tug(&["addons:create", "redis:premium-0", "-a", "redb"])
        .ok();
    let (url_a, url_b) = (redis_url(&server, "reda"), redis_url(&server, "redb"));
    let (a, b) = (user_of(&url_a), user_of(&url_b));
    assert!(a.starts_with("addon_") && b.starts_with("addon_") && a != b);
    assert!(
        url_a.ends_with(&format!("@127.0.0.1:{}", operator.port)),
        "{url_a}"
    );
    assert!(
        !server.data_dir.join("addons/redis").exists(),
        "no server of its own"
    );

    // Each add-on reads and writes its own prefix, and nothing else.
    own(&home, "reda", &format!("SET {a}:greeting hello"))
        .ok()
        .stdout_has("OK");
    own(&home, "redb", &format!("SET {b}:greeting bonjour"))
        .ok()
        .stdout_has("OK");
    operator.admin(&["SET", "operator:key", "mine"]).unwrap();
    own(&home, "reda", &format!("GET {a}:greeting"))
        .ok()
        .stdout_has("hello");
    for cmd in [
        format!("GET {b}:greeting"),
        "GET operator:key".to_string(),
        "SET unprefixed 1".to_string(),
        "KEYS *".to_string(),
        "SCAN 0".to_string(),
        "RANDOMKEY".to_string(),
        "FLUSHALL".to_string(),
        "CONFIG GET requirepass".to_string(),
        "ACL LIST".to_string(),
        format!("EVAL \"return redis.call('get', KEYS[1])\" 1 {b}:greeting"),
    ] {
        let refused = own(&home, "reda", &cmd);
        assert_ne!(refused.code, Some(0), "{cmd}: {}", refused.describe());
        let said = format!("{}{}", refused.stdout, refused.stderr);
        assert!(
            said.contains("NOPERM") || said.contains("can't access"),
            "{cmd}: {}",
            refused.describe()
        );
        assert!(
            !refused.stdout.contains("bonjour"),
            "{}",
            refused.describe()
        );
        assert!(!refused.stdout.contains("mine"), "{}", refused.describe());
    }
    // Another add-on's user name with this one's password opens nothing.
    let password_a = url_a.split(':').nth(2).unwrap().split('@').next().unwrap();
    let crossed = format!("'redis://{b}:{password_a}@127.0.0.1:{}'", operator.port);
    let refused = redis(&home, "reda", &crossed, &format!("GET {b}:greeting"));
    assert_ne!(refused.code, Some(0), "{}", refused.describe());

    // redis:info reports on the add-on, from the operator's server.
    let info = home.tug(&["redis:info", "-a", "reda", "--json"]).ok();
    assert!(
        info.json()["bytes_used"].as_u64().unwrap() > 0,
        "{}",
        info.stdout
    );

    // New credentials: the old password is refused, the data stays.
    home.tug(&[
        "redis:credentials:rotate",
        "-a",
        "reda",
        "--confirm",
        "reda",
    ])
    .ok();
    let rotated = redis_url(&server, "reda");
    assert_ne!(rotated, url_a);
    let refused = redis(&home, "reda", &format!("'{url_a}'"), "PING");
    assert_ne!(refused.code, Some(0), "{}", refused.describe());
    own(&home, "reda", &format!("GET {a}:greeting"))
        .ok()
        .stdout_has("hello");

    // The operator's server restarts and forgets its ACL users (it has no file for them);
    // tug's restart applies them again, and the data is there.
    operator.stop();
    let operator = Operator::start(dir.path(), Some(admin_port(&admin_url)));
    server.restart();
    let home = server.admin();
    own(&home, "redb", &format!("GET {b}:greeting"))
        .ok()
        .stdout_has("bonjour");
    own(&home, "reda", &format!("GET {a}:greeting"))
        .ok()
        .stdout_has("hello");

    // Destroyed: the user and its keys are gone, the others' stay.
    home.tug(&["addons:destroy", &name, "-a", "reda", "--confirm", "reda"])
        .ok();
    assert!(
        operator
            .admin(&["ACL", "GETUSER", &a])
            .unwrap()
            .trim()
            .is_empty()
    );
    assert_eq!(
        operator
            .admin(&["EXISTS", &format!("{a}:greeting")])
            .unwrap()
            .trim(),
        "0"
    );
    assert_eq!(
        operator
            .admin(&["GET", &format!("{b}:greeting")])
            .unwrap()
            .trim(),
        "bonjour"
    );
    assert_eq!(
        operator.admin(&["GET", "operator:key"]).unwrap().trim(),
        "mine"
    );
    let refused = redis(&home, "reda", &format!("'{rotated}'"), "PING");
    assert_ne!(refused.code, Some(0), "{}", refused.describe());

    // The admin password is nowhere an app or a user can see it.
    let env = home.tug(&["run", "-a", "redb", "--", "env"]).ok();
    assert!(!env.stdout.contains(SECRET), "a dyno's env");
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    for path in [
        "/apps/redb/config-vars",
        "/apps/redb/addons",
        "/addons",
        "/apps/redb/addon-attachments",
    ] {
        let body = http.call("GET", path, t, None).body.to_string();
        assert!(!body.contains(SECRET), "{path}: {body}");
    }
    let logs = home.tug(&["logs", "-a", "redb", "-n", "1500"]).ok();
    assert!(!logs.stdout.contains(SECRET), "the app's log");
    let info = home.tug(&["redis:info", "-a", "redb", "--json"]).ok();
    assert!(!info.stdout.contains(SECRET), "redis:info");
    assert!(!server.log().contains(SECRET), "the server's log");
}

fn admin_port(url: &str) -> u16 {
    url.rsplit(':').next().unwrap().parse().unwrap()
}

/// A bad admin URL stops the server with an error that does not repeat it.
#[test]
fn a_bad_redis_admin_url_stops_the_server_without_repeating_it() {
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        format!("rediss://:{SECRET}@h:6379"),
        format!("http://:{SECRET}@h"),
        "redis://127.0.0.1:6379".to_string(),
    ] {
        let out = Command::new(crate::common::TUG)
            .arg("server")
            .arg("--data-dir")
            .arg(dir.path())
            .args(["--api", "127.0.0.1:0", "--router", "127.0.0.1:0"])
            .env("TUG_REDIS_ADMIN_URL", &bad)
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(!out.status.success(), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--redis-admin-url"), "{err}");
        assert!(!err.contains(SECRET), "{err}");
    }
}
