//! Automatic certificates (ACM) end to end against a real ACME CA: Pebble (Debian's `pebble`),
//! started here with a generated configuration. Pebble's HTTP-01 validation resolves every
//! name to 127.0.0.1 through `pebble-challtestsrv`'s DNS and connects to the router's own HTTP
//! port, so the router's `/.well-known/acme-challenge/` handler answers it. Pebble issues
//! short-lived certificates here, so the renewal comes by itself within the test.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::TestServer;
use crate::common::push::deploy;
use crate::common::wait::poll;
use crate::https::{TestCa, curl, https_port};

const PEBBLE: &str = "/usr/bin/pebble";
const CHALLTESTSRV: &str = "/usr/bin/pebble-challtestsrv";

/// The app the tests deploy: one line per GET.
fn echo_py() -> String {
    crate::common::dynos::answering_app(r#"{self.headers.get('X-Forwarded-Proto')} {self.path}"#)
}

/// A free port on loopback (bound, then let go for the child to take).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Pebble and its DNS, killed on drop.
pub struct Pebble {
    children: Vec<Child>,
    pub directory: String,
    /// Pebble's TLS CA (for the directory's HTTPS).
    pub tls_ca: PathBuf,
    dir: PathBuf,
    port: u16,
    management: u16,
    dns: u16,
    http_port: u16,
    validity: u64,
}

impl Pebble {
    /// Whether this machine has Pebble; prints a loud SKIP line when not.
    pub fn available(test: &str) -> bool {
        let ok = Path::new(PEBBLE).exists() && Path::new(CHALLTESTSRV).exists();
        if !ok {
            eprintln!("SKIP: {test} needs Pebble (`apt-get install pebble`, which `.ci/run` does)");
        }
        ok
    }

    /// Chooses Pebble's ports and TLS certificate; `start` runs it. Certificates it issues
    /// are valid for `validity` seconds.
    pub fn prepare(dir: &Path, validity: u64) -> Pebble {
        let ca = TestCa::new(dir);
        let (cert, key) = ca.issue(&["localhost", "127.0.0.1"]);
        std::fs::write(dir.join("pebble.pem"), cert).unwrap();
        std::fs::write(dir.join("pebble.key"), key).unwrap();
        let port = free_port();
        Pebble {
            children: Vec::new(),
            directory: format!("https://127.0.0.1:{port}/dir"),
            tls_ca: ca.ca_pem.clone(),
            dir: dir.to_path_buf(),
            port,
            management: free_port(),
            dns: free_port(),
            http_port: 0,
            validity,
        }
    }

    /// Starts Pebble (and its DNS), validating HTTP-01 on `http_port`; waits until the
    /// directory answers.
    pub fn start(&mut self, http_port: u16) {
        self.http_port = http_port;
        let config = serde_json::json!({"pebble": {
            "listenAddress": format!("127.0.0.1:{}", self.port),
            "managementListenAddress": format!("127.0.0.1:{}", self.management),
            "certificate": self.dir.join("pebble.pem"),
            "privateKey": self.dir.join("pebble.key"),
            "httpPort": http_port,
            "tlsPort": free_port(),
            "ocspResponderURL": "",
            "externalAccountBindingRequired": false,
            "certificateValidityPeriod": self.validity,
        }});
        let path = self.dir.join("pebble.json");
        std::fs::write(&path, config.to_string()).unwrap();
        let log = |name: &str| std::fs::File::create(self.dir.join(name)).unwrap();
        let dns = Command::new(CHALLTESTSRV)
            .args(["-dns01", &format!("127.0.0.1:{}", self.dns)])
            .args(["-http01", "", "-https01", "", "-tlsalpn01", ""])
            .args(["-management", &format!("127.0.0.1:{}", free_port())])
            .args(["-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""])
            .stdin(Stdio::null())
            .stdout(log("challtestsrv.log"))
            .stderr(log("challtestsrv.err"))
            .spawn()
            .expect("pebble-challtestsrv");
        self.children.push(dns);
        let pebble = Command::new(PEBBLE)
            .arg("-config")
            .arg(&path)
            .args(["-dnsserver", &format!("127.0.0.1:{}", self.dns)])
            .env("PEBBLE_VA_NOSLEEP", "1")
            .env("PEBBLE_WFE_NONCEREJECT", "0")
            .env("PEBBLE_AUTHZREUSE", "0")
            .stdin(Stdio::null())
            .stdout(log("pebble.log"))
            .stderr(log("pebble.err"))
            .spawn()
            .expect("pebble");
        self.children.push(pebble);
        let port = self.port;
        assert!(
            poll(Duration::from_secs(20), || std::net::TcpStream::connect((
                "127.0.0.1",
                port
            ))
            .is_ok()),
            "pebble did not start: {}",
            self.log()
        );
    }

    /// Stops Pebble and its DNS (the CA is down).
    pub fn stop(&mut self) {
        for mut child in self.children.drain(..) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The root that signs what Pebble issues now (a new one each start), as a PEM file.
    pub fn issuing_root(&self) -> PathBuf {
        let out = Command::new("curl")
            .args(["-sS", "--max-time", "10", "--cacert"])
            .arg(&self.tls_ca)
            .arg(format!("https://127.0.0.1:{}/roots/0", self.management))
            .output()
            .expect("curl");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = self.dir.join("issuing-root.pem");
        std::fs::write(&path, &out.stdout).unwrap();
        path
    }

    pub fn log(&self) -> String {
        let read = |n: &str| std::fs::read_to_string(self.dir.join(n)).unwrap_or_default();
        format!("{}{}", read("pebble.log"), read("pebble.err"))
    }
}

impl Drop for Pebble {
    fn drop(&mut self) {
        self.stop();
    }
}

fn router_port(server: &TestServer) -> u16 {
    server
        .router_url
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .parse()
        .unwrap()
}

/// The app's automatic certificate as `certs --json` shows it.
fn acm_cert(home: &crate::common::home::Home, app: &str) -> Option<serde_json::Value> {
    let list = home.tug(&["certs", "-a", app, "--json"]).ok().json();
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c["ssl_cert"]["acm"] == true)
        .cloned()
}

#[test]
fn acm_issues_renews_and_survives_a_ca_outage_against_pebble() {
    if !Pebble::available("acm_issues_renews_and_survives_a_ca_outage_against_pebble") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Certificates live 45 s: renewed a third of their life before they expire.
    let mut pebble = Pebble::prepare(dir.path(), 45);
    let server = TestServer::start_with(&[
        "--domain",
        "apps.test",
        "--router-tls",
        "127.0.0.1:0",
        "--acme-directory",
        &pebble.directory,
        "--acme-ca-cert",
        pebble.tls_ca.to_str().unwrap(),
        "--acme-email",
        "ops@example.com",
        "--acme-skip-dns-check",
        "--boot-timeout",
        "10",
    ]);
    pebble.start(router_port(&server));
    let home = server.admin();
    deploy(
        &server,
        &home,
        "shop",
        &[
            ("Procfile", "web: python3 app.py\n"),
            ("app.py", echo_py().as_str()),
        ],
    );
    let host = "www.shop.test";
    home.tug(&["domains:add", host, "-a", "shop"]).ok();
    let port = https_port(&server);

    // Off until asked for: no status, nothing served.
    home.tug(&["certs:auto", "-a", "shop"])
        .ok()
        .stderr_has("disabled");
    let d = home
        .tug(&["domains:info", host, "-a", "shop", "--json"])
        .ok()
        .json();
    assert_eq!(d["acm_status"], serde_json::Value::Null);

    let enabled = home
        .tug(&["certs:auto:enable", "-a", "shop", "--json"])
        .ok()
        .json();
    assert_eq!(enabled["acm"], true);
    let waited = home
        .tug(&[
            "domains:wait",
            host,
            "-a",
            "shop",
            "--timeout",
            "60",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(waited["acm_status"], "cert issued", "{}", pebble.log());
    assert_eq!(waited["acm_status_reason"], serde_json::Value::Null);
    let endpoint = waited["sni_endpoint"]["name"].as_str().unwrap().to_string();
    assert!(endpoint.starts_with("acm-"), "{waited}");

    // Served over TLS, trusted through Pebble's issuing root, to HTTP/2 and HTTP/1.1 clients.
    let root = pebble.issuing_root();
    for version in ["--http2", "--http1.1"] {
        let (code, _, body) = curl(port, &root, host, &[version]);
        assert_eq!(code, 0, "{body}\n{}", server.log());
        assert_eq!(body, "https /\n");
    }
    let first = acm_cert(&home, "shop").expect("the ACM certificate among the app's");
    assert_eq!(first["name"], endpoint.as_str());
    assert_eq!(first["ssl_cert"]["cert_domains"], serde_json::json!([host]));
    home.tug(&["certs", "-a", "shop"]).ok().stdout_has("ACM");
    home.tug(&["certs:auto", "-a", "shop"])
        .ok()
        .stdout_has(host)
        .stdout_has("OK");
    assert!(
        server
            .log()
            .contains("acm: issued a certificate for www.shop.test"),
        "{}",
        server.log()
    );
    let logs = home.tug(&["logs", "-a", "shop", "-n", "200"]).ok();
    assert!(
        logs.stdout
            .contains("heroku[router]: at=info code=ACM desc=\"Certificate issued\""),
        "{}",
        logs.stdout
    );

    // The account key is the platform's, in the data dir, readable by it alone.
    let accounts: Vec<_> = std::fs::read_dir(server.data_dir.join("acme"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(accounts.len(), 1);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&accounts[0])
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // The automatic certificate is read-only through the certificates API.
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let r = http.call(
        "DELETE",
        &format!("/apps/shop/sni-endpoints/{endpoint}"),
        t,
        None,
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("certs:auto:disable")
    );

    // Renewal by itself, before the short-lived certificate expires.
    let renewed = poll(Duration::from_secs(40), || {
        acm_cert(&home, "shop")
            .is_some_and(|c| c["certificate_chain"] != first["certificate_chain"])
    });
    assert!(renewed, "no renewal:\n{}\n{}", server.log(), pebble.log());
    assert_eq!(curl(port, &root, host, &[]).0, 0);

    // The CA goes down: a refresh fails, the reason is shown and logged, and the current
    // certificate is still served.
    pebble.stop();
    let before = acm_cert(&home, "shop").unwrap();
    home.tug(&["certs:auto:refresh", "-a", "shop"]).ok();
    let failing = poll(Duration::from_secs(30), || {
        let d = home
            .tug(&["domains:info", host, "-a", "shop", "--json"])
            .ok()
            .json();
        d["acm_status"] == "failing"
    });
    assert!(failing, "{}", server.log());
    let d = home
        .tug(&["domains:info", host, "-a", "shop", "--json"])
        .ok()
        .json();
    let reason = d["acm_status_reason"].as_str().unwrap();
    assert!(reason.contains("ACME CA"), "{reason}");
    assert!(reason.contains("served until it expires"), "{reason}");
    home.tug(&["certs:auto", "-a", "shop"])
        .ok()
        .stdout_has("Failing")
        .stderr_has("certs:auto:refresh");
    assert_eq!(
        curl(port, &root, host, &[]).0,
        0,
        "the old certificate stays"
    );
    assert_eq!(
        acm_cert(&home, "shop").unwrap()["certificate_chain"],
        before["certificate_chain"]
    );
    let logs = home.tug(&["logs", "-a", "shop", "-n", "200"]).ok();
    assert!(
        logs.stdout
            .contains("heroku[router]: at=error code=ACM desc=\"Certificate order failed\""),
        "{}",
        logs.stdout
    );

    // Back up: a refresh orders at once, without waiting for the backoff.
    pebble.start(router_port(&server));
    home.tug(&["certs:auto:refresh", "-a", "shop"]).ok();
    let reissued = poll(Duration::from_secs(30), || {
        acm_cert(&home, "shop")
            .is_some_and(|c| c["certificate_chain"] != before["certificate_chain"])
    });
    assert!(reissued, "{}\n{}", server.log(), pebble.log());
    let d = home
        .tug(&["domains:info", host, "-a", "shop", "--json"])
        .ok()
        .json();
    assert_eq!(d["acm_status"], "cert issued");
    assert_eq!(d["acm_status_reason"], serde_json::Value::Null);
    let root = pebble.issuing_root();
    assert_eq!(curl(port, &root, host, &[]).0, 0);

    // The router answers only the tokens of orders under way; other paths there reach the app.
    let plain = reqwest::blocking::Client::new()
        .get(format!(
            "{}/.well-known/acme-challenge/unknown-token",
            server.router_url
        ))
        .header("Host", host)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(plain, "http /.well-known/acme-challenge/unknown-token\n");

    // Another account can neither switch it nor see it.
    let stranger = server.user("mallory@example.com");
    let token = stranger.tug(&["auth:token"]).ok().stdout.trim().to_string();
    for method in ["POST", "PATCH", "DELETE"] {
        let r = http.call(method, "/apps/shop/acm", Some(&token), None);
        assert_eq!(r.status, 404, "{method}: {:?}", r.body);
    }

    // Off: the certificate is no longer served, nor listed.
    home.tug(&["certs:auto:disable", "-a", "shop"])
        .code(2)
        .stderr_has("--confirm shop");
    let off = home
        .tug(&[
            "certs:auto:disable",
            "-a",
            "shop",
            "--confirm",
            "shop",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(off["acm"], false);
    assert_ne!(curl(port, &root, host, &[]).0, 0);
    assert!(acm_cert(&home, "shop").is_none());
    let r = http.call("PATCH", "/apps/shop/acm", t, None);
    assert_eq!(r.status, 422, "{:?}", r.body);
}

#[test]
fn acm_is_refused_without_https_and_bad_acme_flags_stop_the_start() {
    // Without an HTTPS router the certificates would never be served.
    let server = TestServer::start();
    let home = server.admin();
    home.tug(&["create", "plain"]).ok();
    home.tug(&["certs:auto:enable", "-a", "plain"])
        .code(1)
        .stderr_has("--router-tls");
    let r = server.http().call(
        "POST",
        "/apps/plain/acm",
        Some(server.admin_token.as_str()),
        None,
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    let r = server.http().call(
        "GET",
        "/apps/plain",
        Some(server.admin_token.as_str()),
        None,
    );
    assert_eq!(r.body["acm"], false);

    let dir = tempfile::tempdir().unwrap();
    for (flags, want) in [
        (
            &["--acme-directory", "http://ca.example.test/dir"][..],
            "must be an https:// URL",
        ),
        (
            &["--acme-email", "not an address"][..],
            "not an email address",
        ),
        (&["--router-idle-timeout", "0"][..], "more than 0 seconds"),
    ] {
        let out = Command::new(crate::common::TUG)
            .args(["server", "--api", "127.0.0.1:0", "--router", "127.0.0.1:0"])
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .args(flags)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{flags:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(want), "{flags:?}: {stderr}");
    }
}
