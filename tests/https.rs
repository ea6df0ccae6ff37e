//! HTTPS at the router end to end: the platform's `*.DOMAIN` certificate chosen by SNI,
//! HTTP/1.1 and HTTP/2 clients (curl) proxied to an HTTP/1.1 dyno with `X-Forwarded-Proto:
//! https` and the port, and a clear handshake failure for a name no certificate covers.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::TestServer;
use crate::common::push::deploy;

const ECHO_PY: &str = r#"import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        h = self.headers
        body = f"{h.get('X-Forwarded-Proto')} {h.get('X-Forwarded-Port')} {h.get('Host')} {self.request_version} {h.get('Cookie')}\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), H).serve_forever()
"#;

/// A test CA and a certificate it signed for `names`, written as PEM files in `dir`.
pub struct TestCa {
    pub ca_pem: PathBuf,
    issuer: rcgen::Issuer<'static, rcgen::KeyPair>,
}

impl TestCa {
    pub fn new(dir: &Path) -> TestCa {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "tug test CA");
        let cert = params.self_signed(&key).unwrap();
        let ca_pem = dir.join("ca.pem");
        std::fs::write(&ca_pem, cert.pem()).unwrap();
        TestCa {
            ca_pem,
            issuer: rcgen::Issuer::new(params, key),
        }
    }

    /// (chain PEM, key PEM) for `names`.
    pub fn issue(&self, names: &[&str]) -> (String, String) {
        self.issue_until(names, 30 * 86_400)
    }

    /// (chain PEM, key PEM) for `names`, valid from a day ago until `secs` from now (before
    /// now when negative).
    pub fn issue_until(&self, names: &[&str], secs: i64) -> (String, String) {
        let key = rcgen::KeyPair::generate().unwrap();
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut params = rcgen::CertificateParams::new(names).unwrap();
        let now = time::OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::days(2);
        params.not_after = now + time::Duration::seconds(secs);
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        (cert.pem(), key.serialize_pem())
    }
}

fn curl_works() -> bool {
    Command::new("curl")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains("HTTP2"))
}

/// The HTTPS router's port, from `server.json`.
pub fn https_port(server: &TestServer) -> u16 {
    let text = std::fs::read_to_string(server.data_dir.join("server.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let url = v["router_tls"].as_str().expect("router_tls in server.json");
    url.rsplit(':').next().unwrap().parse().unwrap()
}

/// curl over TLS to `host` on the HTTPS router, trusting only `ca`: (exit code, http
/// version, body).
pub fn curl(port: u16, ca: &Path, host: &str, extra: &[&str]) -> (i32, String, String) {
    let out = Command::new("curl")
        .args(["-sS", "--max-time", "10", "--cacert"])
        .arg(ca)
        .args(["--resolve", &format!("{host}:{port}:127.0.0.1")])
        .args(["-w", "\n%{http_version}"])
        .args(extra)
        .arg(format!("https://{host}:{port}/"))
        .output()
        .expect("curl");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let (body, version) = text.rsplit_once('\n').unwrap_or(("", ""));
    (
        out.status.code().unwrap_or(-1),
        version.to_string(),
        format!("{body}{}", String::from_utf8_lossy(&out.stderr)),
    )
}

#[test]
fn https_with_the_platform_certificate_over_http1_and_http2() {
    if !curl_works() {
        crate::common::skip::skipped("needs curl with HTTP/2");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(dir.path());
    // A wildcard needs two labels under it for clients to accept it (not `*.localhost`).
    let (cert, key) = ca.issue(&["*.apps.test"]);
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert).unwrap();
    std::fs::write(&key_path, key).unwrap();
    let server = TestServer::start_with(&[
        "--domain",
        "apps.test",
        "--router-tls",
        "127.0.0.1:0",
        "--router-tls-cert",
        cert_path.to_str().unwrap(),
        "--router-tls-key",
        key_path.to_str().unwrap(),
        "--boot-timeout",
        "10",
    ]);
    let home = server.admin();
    deploy(
        &server,
        &home,
        "secure",
        &[("Procfile", "web: python3 app.py\n"), ("app.py", ECHO_PY)],
    );
    let port = https_port(&server);
    let host = "secure.apps.test";

    let (code, version, body) = curl(port, &ca.ca_pem, host, &["--http1.1"]);
    assert_eq!(code, 0, "{body}\n{}", server.log());
    assert_eq!(version, "1.1");
    assert_eq!(
        body,
        format!("https {port} {host}:{port} HTTP/1.1 None\n"),
        "the dyno is told the request came over TLS"
    );

    // HTTP/2 from the client, HTTP/1.1 to the dyno: the Host comes from `:authority` and
    // split cookies are joined.
    let (code, version, body) = curl(
        port,
        &ca.ca_pem,
        host,
        &["--http2", "-H", "Cookie: a=1", "-H", "Cookie: b=2"],
    );
    assert_eq!(code, 0, "{body}");
    assert_eq!(version, "2");
    assert!(
        body.starts_with(&format!("https {port} {host}:{port} HTTP/1.1 a=1")),
        "{body}"
    );
    assert!(body.contains("b=2"), "{body}");

    // Plain HTTP still answers with `X-Forwarded-Proto: http`.
    let plain = reqwest::blocking::Client::new()
        .get(format!("{}/", server.router_url))
        .header("Host", host)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(plain.starts_with("http "), "{plain}");

    // A name no certificate covers: the handshake fails, nothing is served.
    let (code, _, body) = curl(port, &ca.ca_pem, "www.example.test", &[]);
    assert_ne!(code, 0, "{body}");
    let (code, _, body) = curl(port, &ca.ca_pem, "deep.secure.apps.test", &[]);
    assert_ne!(code, 0, "{body}");
}

#[test]
fn a_bad_platform_certificate_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(dir.path());
    let (cert, _) = ca.issue(&["*.localhost"]);
    let (_, other_key) = ca.issue(&["*.localhost"]);
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert).unwrap();
    std::fs::write(&key_path, other_key).unwrap();
    let out = Command::new(crate::common::TUG)
        .args(["server", "--api", "127.0.0.1:0", "--router", "127.0.0.1:0"])
        .args(["--router-tls", "127.0.0.1:0", "--router-tls-cert"])
        .arg(&cert_path)
        .arg("--router-tls-key")
        .arg(&key_path)
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("does not match the certificate"),
        "{stderr}"
    );
    assert!(!stderr.contains("PRIVATE KEY"), "{stderr}");
}

#[test]
fn uploaded_certificates_are_chosen_by_sni_and_keys_never_shown() {
    if !curl_works() {
        crate::common::skip::skipped("needs curl with HTTP/2");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(dir.path());
    let server = TestServer::start_with(&[
        "--domain",
        "apps.test",
        "--router-tls",
        "127.0.0.1:0",
        "--boot-timeout",
        "10",
    ]);
    let home = server.admin();
    deploy(
        &server,
        &home,
        "shop",
        &[("Procfile", "web: python3 app.py\n"), ("app.py", ECHO_PY)],
    );
    let port = https_port(&server);
    for host in ["www.one.test", "www.two.test"] {
        home.tug(&["domains:add", host, "-a", "shop"]).ok();
    }
    let write = |name: &str, (cert, key): (String, String)| {
        let (c, k) = (
            dir.path().join(format!("{name}.pem")),
            dir.path().join(format!("{name}.key")),
        );
        std::fs::write(&c, cert).unwrap();
        std::fs::write(&k, key).unwrap();
        (
            c.to_str().unwrap().to_string(),
            k.to_str().unwrap().to_string(),
        )
    };
    let one = write("one", ca.issue(&["www.one.test"]));
    let two = write("two", ca.issue(&["www.two.test"]));
    let mut secrets = Vec::new();
    for (_, key) in [&one, &two] {
        let text = std::fs::read_to_string(key).unwrap();
        secrets.push(text.lines().nth(1).unwrap().to_string());
    }

    // No certificate for the custom domain yet: the handshake fails.
    let (code, _, _) = curl(port, &ca.ca_pem, "www.one.test", &[]);
    assert_ne!(code, 0);

    let added = home
        .tug(&["certs:add", &one.0, &one.1, "-a", "shop", "--json"])
        .ok();
    let e1 = added.json();
    assert_eq!(
        e1["ssl_cert"]["cert_domains"],
        serde_json::json!(["www.one.test"])
    );
    assert_eq!(e1["ssl_cert"]["self_signed?"], false);
    assert_eq!(e1["domains"].as_array().unwrap().len(), 1);
    assert_eq!(e1["app"]["name"], "shop");
    let name1 = e1["name"].as_str().unwrap().to_string();
    home.tug(&["certs:add", &two.0, &two.1, "-a", "shop"])
        .ok()
        .stderr_has("Adding SSL certificate to shop... done, cert-");

    // Each name gets its own certificate (curl checks the name against the one served).
    for host in ["www.one.test", "www.two.test"] {
        let (code, version, body) = curl(port, &ca.ca_pem, host, &["--http2"]);
        assert_eq!(code, 0, "{host}: {body}");
        assert_eq!(version, "2");
        assert!(
            body.starts_with(&format!("https {port} {host}:{port}")),
            "{body}"
        );
    }

    let list = home.tug(&["certs", "-a", "shop", "--json"]).ok();
    assert_eq!(list.json().as_array().unwrap().len(), 2);
    // Each domain names the certificate that covers it.
    let d = home
        .tug(&["domains:info", "www.one.test", "-a", "shop", "--json"])
        .ok()
        .json();
    assert_eq!(d["sni_endpoint"]["name"], name1.as_str());
    let domains = home.tug(&["domains", "-a", "shop", "--json"]).ok().json();
    let own = domains
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "heroku")
        .unwrap();
    assert_eq!(own["sni_endpoint"], serde_json::Value::Null);
    home.tug(&["certs", "-a", "shop"])
        .ok()
        .stdout_has("www.two.test");
    home.tug(&["certs:info", "-a", "shop"])
        .code(2)
        .stderr_has("--name");
    let info = home
        .tug(&["certs:info", "--name", &name1, "-a", "shop"])
        .ok();
    assert!(info.stdout.contains("www.one.test"), "{}", info.describe());

    // Bad uploads: a clear 422, nothing added.
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let read = |p: &str| std::fs::read_to_string(p).unwrap();
    let expired = ca.issue_until(&["www.one.test"], -3600);
    let ca_pem = std::fs::read_to_string(&ca.ca_pem).unwrap();
    for (chain, key, want) in [
        (read(&one.0), read(&two.1), "does not match"),
        (expired.0.clone(), expired.1.clone(), "expired"),
        ("garbage".to_string(), read(&one.1), "CERTIFICATE"),
        (read(&one.0), "garbage".to_string(), "private key"),
    ] {
        let r = http.call(
            "POST",
            "/apps/shop/sni-endpoints",
            t,
            Some(serde_json::json!({"certificate_chain": chain, "private_key": key})),
        );
        assert_eq!(r.status, 422, "{want}: {:?}", r.body);
        assert!(
            r.body["message"].as_str().unwrap().contains(want),
            "{:?}",
            r.body
        );
    }
    // A chain whose names match but whose signatures do not: another CA of the same name.
    std::fs::create_dir(dir.path().join("impostor")).unwrap();
    let impostor = TestCa::new(&dir.path().join("impostor"));
    let impostor_pem = std::fs::read_to_string(&impostor.ca_pem).unwrap();
    let r = http.call(
        "POST",
        "/apps/shop/sni-endpoints",
        t,
        Some(serde_json::json!({
            "certificate_chain": format!("{}{impostor_pem}", read(&one.0)),
            "private_key": read(&one.1),
        })),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("did not sign it"),
        "{:?}",
        r.body
    );
    // A chain in the wrong order (root before leaf) is put in order.
    let r = http.call(
        "PATCH",
        &format!("/apps/shop/sni-endpoints/{name1}"),
        t,
        Some(serde_json::json!({
            "certificate_chain": format!("{ca_pem}{}", read(&one.0)),
            "private_key": read(&one.1),
        })),
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let chain = r.body["certificate_chain"].as_str().unwrap();
    assert!(
        chain.starts_with(read(&one.0).trim_end()),
        "leaf first: {chain}"
    );
    assert_eq!(chain.matches("BEGIN CERTIFICATE").count(), 2);
    let r = http.call("GET", "/apps/shop/sni-endpoints", t, None);
    assert_eq!(r.body.as_array().unwrap().len(), 2);

    // Another account sees nothing and changes nothing.
    let stranger = server.user("mallory@example.com");
    let token = stranger.tug(&["auth:token"]).ok().stdout.trim().to_string();
    let s = Some(token.as_str());
    for (method, path, body) in [
        ("GET", "/apps/shop/sni-endpoints".to_string(), None),
        ("GET", format!("/apps/shop/sni-endpoints/{name1}"), None),
        (
            "POST",
            "/apps/shop/sni-endpoints".to_string(),
            Some(
                serde_json::json!({"certificate_chain": read(&one.0), "private_key": read(&one.1)}),
            ),
        ),
        ("DELETE", format!("/apps/shop/sni-endpoints/{name1}"), None),
    ] {
        let r = http.call(method, &path, s, body);
        assert_eq!(r.status, 404, "{method} {path}: {:?}", r.body);
    }

    // Removing a certificate stops serving it.
    home.tug(&["certs:remove", "--name", &name1, "-a", "shop"])
        .code(2)
        .stderr_has("--confirm shop");
    home.tug(&[
        "certs:remove",
        "--name",
        &name1,
        "-a",
        "shop",
        "--confirm",
        "shop",
    ])
    .ok();
    let (code, _, _) = curl(port, &ca.ca_pem, "www.one.test", &[]);
    assert_ne!(code, 0);
    assert_eq!(curl(port, &ca.ca_pem, "www.two.test", &[]).0, 0);

    // The keys appear in no answer and in no log line.
    let everything = format!(
        "{}{}{}",
        http.call("GET", "/apps/shop/sni-endpoints", t, None).body,
        list.stdout,
        server.log()
    );
    for secret in &secrets {
        assert!(!everything.contains(secret.as_str()), "a key leaked");
    }
    assert!(!everything.contains("PRIVATE KEY"));
}
