//! `--redis-admin-url`: Redis add-ons as ACL users on a Redis server the operator runs (here a
//! real `redis-server` with `requirepass`, started by the test). Each add-on reaches only its
//! own key prefix; the admin password never reaches a dyno, a log line or an API response;
//! rotation, destruction and a restart of either server.

use std::path::{Path, PathBuf};
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
    /// Under TLS, the CA that signed its certificate.
    ca: Option<PathBuf>,
}

impl Operator {
    /// `redis-server` on a free port, with only the `default` user and its password, no
    /// configuration file and no ACL file: ACL users live in its memory only.
    fn start(dir: &Path, port: Option<u16>) -> Operator {
        Operator::start_with(dir, port, None)
    }

    /// The same, speaking only TLS, with a certificate for 127.0.0.1 that a CA of the test's
    /// own signed (its PEM in `dir/ca.pem`).
    fn start_tls(dir: &Path) -> Operator {
        let ca = crate::https::TestCa::new(dir);
        let (cert, key) = ca.issue(&["127.0.0.1"]);
        let (cert_pem, key_pem) = (dir.join("redis.pem"), dir.join("redis.key"));
        std::fs::write(&cert_pem, cert).unwrap();
        std::fs::write(&key_pem, key).unwrap();
        let mut tls = vec![
            "--tls-cert-file".into(),
            cert_pem,
            "--tls-key-file".into(),
            key_pem,
            "--tls-ca-cert-file".into(),
            ca.ca_pem.clone(),
        ];
        tls.extend(["--tls-auth-clients", "no"].map(PathBuf::from));
        Operator::start_with(dir, None, Some((ca.ca_pem, tls)))
    }

    fn start_with(dir: &Path, port: Option<u16>, tls: Option<(PathBuf, Vec<PathBuf>)>) -> Operator {
        let port = port.unwrap_or_else(|| {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        });
        let ports = match &tls {
            Some(_) => ["--port", "0", "--tls-port"],
            None => ["--port", "", ""],
        };
        let mut cmd = Command::new("redis-server");
        cmd.args(["--bind", "127.0.0.1"])
            .args(ports.iter().filter(|a| !a.is_empty()))
            .arg(port.to_string())
            .args(["--requirepass", SECRET, "--appendonly", "no"])
            .arg("--dir")
            .arg(dir);
        let ca = tls.map(|(ca, args)| {
            cmd.args(args);
            ca
        });
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start redis-server");
        let op = Operator { child, port, ca };
        wait_for("the operator's Redis", || {
            op.admin(&["PING"]).is_some_and(|o| o.trim() == "PONG")
        });
        op
    }

    /// A command as the operator; `None` when Redis answered an error.
    fn admin(&self, args: &[&str]) -> Option<String> {
        let mut cmd = Command::new("redis-cli");
        if let Some(ca) = &self.ca {
            cmd.arg("--tls").arg("--cacert").arg(ca);
        }
        let out = cmd
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
        format!("rediss://:{SECRET}@h:6379?ssl_ca_certs=/no/such/ca.pem"),
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

/// `rediss://`: tug speaks TLS to the operator's server, checking its certificate against the CA
/// the URL names, and the add-ons' URLs are `rediss://` too. A certificate that CA did not sign
/// is refused.
#[test]
fn redis_addons_over_tls() {
    if !redis_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let operator = Operator::start_tls(dir.path());
    let ca = operator.ca.clone().unwrap();
    let admin_url = format!(
        "rediss://:{SECRET}@127.0.0.1:{}?ssl_ca_certs={}",
        operator.port,
        ca.display()
    );
    let server = TestServer::start_with_env(&[("TUG_REDIS_ADMIN_URL", &admin_url)]);
    let home = server.admin();
    deploy(&server, &home, "tlsa", &[("Procfile", IDLE)]);
    home.tug(&["addons:create", "heroku-redis", "-a", "tlsa"])
        .ok();
    let url = redis_url(&server, "tlsa");
    assert!(
        url.starts_with("rediss://addon_")
            && url.ends_with(&format!("@127.0.0.1:{}", operator.port)),
        "{url}"
    );
    let user = url
        .strip_prefix("rediss://")
        .unwrap()
        .split(':')
        .next()
        .unwrap();
    // The dyno has no copy of the test's CA: it skips the check, as apps on Heroku do.
    let tls = |cmd: &str| {
        let line =
            format!("redis-cli --tls --insecure -e --no-auth-warning -u \"$REDIS_URL\" {cmd}");
        home.tug(&["run", "-a", "tlsa", "--", &line])
    };
    tls(&format!("SET {user}:greeting hello"))
        .ok()
        .stdout_has("OK");
    let refused = tls("GET operator:key");
    assert_ne!(refused.code, Some(0), "{}", refused.describe());
    // Without TLS the server does not answer at all.
    let plain = redis(&home, "tlsa", "\"$REDIS_URL\"", "PING");
    assert_ne!(plain.code, Some(0), "{}", plain.describe());
    // The admin side works over TLS too.
    let info = home.tug(&["redis:info", "-a", "tlsa", "--json"]).ok();
    assert!(
        info.json()["bytes_used"].as_u64().unwrap() > 0,
        "{}",
        info.stdout
    );
    assert_eq!(
        operator
            .admin(&["GET", &format!("{user}:greeting")])
            .unwrap()
            .trim(),
        "hello"
    );
    drop(server);

    // Another CA's file: the server refuses the operator's certificate, says so in its log
    // without the password, and add-ons cannot be made.
    let other = tempfile::tempdir().unwrap();
    let stranger = crate::https::TestCa::new(other.path());
    let wrong = format!(
        "rediss://:{SECRET}@127.0.0.1:{}?ssl_ca_certs={}",
        operator.port,
        stranger.ca_pem.display()
    );
    let server = TestServer::start_with_env(&[("TUG_REDIS_ADMIN_URL", &wrong)]);
    let home = server.admin();
    home.tug(&["apps:create", "tlsb"]).ok();
    let refused = home.tug(&["addons:create", "heroku-redis", "-a", "tlsb"]);
    assert_ne!(refused.code, Some(0), "{}", refused.describe());
    assert!(refused.stderr.contains("Redis"), "{}", refused.describe());
    let log = server.log();
    assert!(log.contains("certificate verify failed"), "{log}");
    assert!(!log.contains(SECRET) && !refused.stderr.contains(SECRET));
}
