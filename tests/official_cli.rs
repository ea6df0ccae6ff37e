//! The official Heroku CLI (npm `heroku@11`) against a real `tug server` on TLS: what a
//! Heroku user types, unchanged, pointed at tug with `HEROKU_HOST`, `HEROKU_API_KEY` and
//! `NODE_EXTRA_CA_CERTS`. `.ci/run` installs the CLI into `~/.cache/tug-tests/heroku-cli`
//! (or `TUG_HEROKU_CLI_DIR`); where it is not installed these tests say so and do nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::common::pty::{Pty, Streams};
use crate::common::push::{commit, repo};
use crate::common::receiver::Receiver;
use crate::common::wait::wait_until;
use crate::common::{Home, TestServer};

/// Where `.ci/run` installs the npm clients the compatibility tests drive.
pub fn npm_clients_dir() -> PathBuf {
    match std::env::var_os("TUG_HEROKU_CLI_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(&std::env::var_os("HOME").unwrap_or_default())
            .join(".cache/tug-tests/heroku-cli"),
    }
}

/// A TLS server with a certificate made here, and the certificate's PEM file.
pub struct TlsServer {
    pub server: TestServer,
    pub cert: PathBuf,
    _dir: tempfile::TempDir,
}

pub fn tls_server() -> TlsServer {
    tls_server_with(&[])
}

/// `tls_server` with extra flags.
pub fn tls_server_with(extra: &[&str]) -> TlsServer {
    let dir = tempfile::tempdir().unwrap();
    let cert =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).unwrap();
    let mut args = vec![
        "--tls-cert",
        cert_path.to_str().unwrap(),
        "--tls-key",
        key_path.to_str().unwrap(),
        "--restart-backoff",
        "0.1",
        "--stop-grace",
        "2",
    ];
    args.extend_from_slice(extra);
    let server = TestServer::start_with(&args);
    TlsServer {
        server,
        cert: cert_path,
        _dir: dir,
    }
}

/// The official CLI with its own HOME, pointed at the server.
pub struct Heroku {
    bin_dir: PathBuf,
    home: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Heroku {
    pub fn find(tls: &TlsServer) -> Option<Heroku> {
        let bin_dir = npm_clients_dir().join("node_modules/.bin");
        if !bin_dir.join("heroku").exists() {
            crate::common::skip::skipped(format!(
                "the official Heroku CLI is not installed in {} (`.ci/run` installs it with npm; or set TUG_HEROKU_CLI_DIR)",
                npm_clients_dir().display()
            ));
            return None;
        }
        let api = tls.server.api_url.clone();
        let cert = tls.cert.to_string_lossy().into_owned();
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Some(Heroku {
            bin_dir,
            home: tempfile::tempdir().unwrap(),
            env: vec![
                ("HEROKU_HOST".into(), api.clone()),
                ("HEROKU_API_KEY".into(), tls.server.admin_token.clone()),
                ("HEROKU_BUILDPACK_REGISTRY_URL".into(), api),
                ("NODE_EXTRA_CA_CERTS".into(), cert.clone()),
                ("GIT_SSL_CAINFO".into(), cert),
                ("HEROKU_SKIP_NEW_VERSION_CHECK".into(), "1".into()),
                ("HEROKU_DISABLE_AUTOUPDATE".into(), "1".into()),
                ("NO_COLOR".into(), "1".into()),
                ("PATH".into(), path),
            ],
        })
    }

    fn cmd(&self, program: &str, dir: Option<&Path>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("HOME", self.home.path())
            .env("TERM", "dumb")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            // Never the checkout the tests run in: `apps:create` adds a git remote to the
            // repository it is run in, and parallel tests would race on its config.
            .current_dir(dir.unwrap_or(self.home.path()));
        cmd
    }

    fn run_in(&self, dir: Option<&Path>, args: &[&str], stdin: &[u8]) -> Output {
        let mut cmd = self.cmd(self.bin_dir.join("heroku").to_str().unwrap(), dir);
        cmd.args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("heroku");
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin).unwrap();
        drop(input);
        child.wait_with_output().unwrap()
    }

    /// `heroku ARGS` on a terminal of its own, as a person types it.
    pub fn pty(&self, args: &[&str]) -> Pty {
        Pty::spawn_program(
            &self.bin_dir.join("heroku"),
            args,
            100,
            Streams::All,
            |cmd| {
                cmd.env_clear()
                    .env("HOME", self.home.path())
                    .envs(self.env.iter().map(|(k, v)| (k, v)))
                    .current_dir(self.home.path());
            },
        )
    }

    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> (String, String) {
        let out = self.run_in(None, args, b"");
        let (stdout, stderr) = texts(&out);
        assert!(out.status.success(), "heroku {args:?}: {stdout}\n{stderr}");
        (stdout, stderr)
    }
}

fn texts(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_official_cli_creates_pushes_runs_and_reads_webhooks() {
    let tls = tls_server();
    let Some(heroku) = Heroku::find(&tls) else {
        return;
    };
    // A Heroku stack name is taken, and the answer says what the app got.
    let (out, err) = heroku.ok(&["apps:create", "official", "--stack", "heroku-24"]);
    assert!(
        out.contains("stack is local") || err.contains("stack is local"),
        "{out}\n{err}"
    );
    assert!(err.contains("`heroku-24` is Heroku's"), "{err}");

    // Labs.
    let (out, _) = heroku.ok(&["labs", "-a", "official"]);
    assert!(out.contains("[+] preboot"), "{out}");
    heroku.ok(&["labs:enable", "runtime-dyno-metadata", "-a", "official"]);
    let (out, _) = heroku.ok(&[
        "labs:info",
        "runtime-dyno-metadata",
        "-a",
        "official",
        "--json",
    ]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["enabled"],
        true
    );

    // A registry name, resolved through the buildpack registry endpoints of the API.
    heroku.ok(&["buildpacks:set", "heroku/procfile", "-a", "official"]);

    // git push over HTTPS, authenticated by the CLI's own credential helper.
    let home = Home::new(&tls.server.api_url);
    let dir = repo(
        &home,
        &[(
            "Procfile",
            "web: python3 -m http.server --bind 0.0.0.0 $PORT\nrelease: echo migrated the schema\n",
        )],
    );
    commit(&home, &dir, &[("README", "hello\n")], "readme");
    let out = heroku.run_in(Some(&dir), &["git:remote", "-a", "official"], b"");
    assert!(out.status.success(), "{:?}", texts(&out));
    let push = heroku
        .cmd("git", Some(&dir))
        .args(["push", "heroku", "HEAD:main"])
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .unwrap();
    let (_, push_err) = texts(&push);
    assert!(push.status.success(), "{push_err}\n{}", tls.server.log());
    assert!(push_err.contains("Launching"), "{push_err}");
    // The release command's output, through the release's `output_stream_url`.
    let (out, err) = heroku.ok(&["releases:output", "-a", "official"]);
    assert!(out.contains("migrated the schema"), "{out}\n{err}");

    // `heroku run` through rendezvous: output, stdin, the exit code.
    let out = heroku.run_in(
        None,
        &["run", "-a", "official", "--", "echo", "$HEROKU_APP_NAME"],
        b"",
    );
    let (stdout, stderr) = texts(&out);
    assert!(
        out.status.success(),
        "{stdout}\n{stderr}\n{}",
        tls.server.log()
    );
    assert!(stdout.contains("official"), "{stdout}\n{stderr}");
    let out = heroku.run_in(
        None,
        &["run", "--no-tty", "-a", "official", "--", "cat"],
        b"from stdin\n",
    );
    let (stdout, stderr) = texts(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("from stdin"), "{stdout}\n{stderr}");
    let out = heroku.run_in(
        None,
        &["run", "-x", "-a", "official", "--", "sh", "-c", "exit 3"],
        b"",
    );
    assert_eq!(out.status.code(), Some(3), "{:?}", texts(&out));
    let out = heroku.run_in(
        None,
        &["run", "-x", "--no-tty", "-a", "official", "--", "true"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));

    // webhooks:deliveries reads with `Range: seq ..`.
    let receiver = Receiver::start(&[]);
    heroku.ok(&[
        "webhooks:add",
        "-a",
        "official",
        "-i",
        "api:release",
        "-l",
        "notify",
        "-u",
        &receiver.url("/hook"),
    ]);
    heroku.ok(&["config:set", "GREETING=hi", "-a", "official"]);
    receiver.next();
    let http = tls_http(&tls);
    wait_until("a delivery that succeeded", Duration::from_secs(30), || {
        let list: serde_json::Value = http
            .get(format!(
                "{}/apps/official/webhook-deliveries",
                tls.server.api_url
            ))
            .bearer_auth(&tls.server.admin_token)
            .send()
            .ok()?
            .json()
            .ok()?;
        list.as_array()?
            .iter()
            .any(|d| d["status"] == "succeeded")
            .then_some(())
    });
    let (out, err) = heroku.ok(&["webhooks:deliveries", "-a", "official"]);
    assert!(out.contains("succeeded"), "{out}\n{err}");
}

pub fn tls_http(tls: &TlsServer) -> reqwest::blocking::Client {
    crate::common::install_crypto_provider();
    let pem = std::fs::read(&tls.cert).unwrap();
    reqwest::blocking::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// One TLS connection to a rendezvous URL: sends `hello`, returns everything until it closes.
fn rendezvous(tls: &TlsServer, url: &str, hello: &[u8]) -> Vec<u8> {
    use std::io::Read;
    crate::common::install_crypto_provider();
    let rest = url.strip_prefix("rendezvous://").expect("a rendezvous URL");
    let (host_port, _) = rest.split_once('/').expect("a secret");
    let mut roots = rustls::RootCertStore::empty();
    let pem = std::fs::read(&tls.cert).unwrap();
    let der = rustls::pki_types::pem::PemObject::from_pem_slice(&pem).unwrap();
    roots.add(der).unwrap();
    let config = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let mut conn = rustls::ClientConnection::new(std::sync::Arc::new(config), name).unwrap();
    let mut tcp = std::net::TcpStream::connect(host_port).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut stream = rustls::Stream::new(&mut conn, &mut tcp);
    stream.write_all(hello).unwrap();
    let mut got = Vec::new();
    let _ = stream.read_to_end(&mut got);
    got
}

#[test]
fn tug_run_and_strangers_at_the_rendezvous_listener() {
    let tls = tls_server();
    let api = &tls.server.api_url;
    let http = tls_http(&tls);
    let token = &tls.server.admin_token;
    let call = |method: reqwest::Method, path: &str, body: serde_json::Value| {
        http.request(method, format!("{api}{path}"))
            .bearer_auth(token)
            .json(&body)
            .send()
            .unwrap()
    };
    call(
        reqwest::Method::POST,
        "/apps",
        serde_json::json!({"name": "meet"}),
    );
    call(
        reqwest::Method::PUT,
        "/apps/meet/buildpack-installations",
        serde_json::json!({"updates": [{"buildpack": "null"}]}),
    );
    let home = Home::new(api).with_env("GIT_SSL_CAINFO", tls.cert.to_str().unwrap());
    let dir = repo(&home, &[("Procfile", "worker: sleep 100\n")]);
    let (ok, out) = crate::common::push::push(
        &home,
        &dir,
        Some(token),
        &[&format!("{api}/meet.git"), "main"],
    );
    assert!(ok, "{out}");

    // `tug run` over TLS goes through rendezvous and keeps stderr and the exit code.
    let tug = Home::new(api)
        .with_env("TUG_API_KEY", token)
        .with_env("SSL_CERT_FILE", tls.cert.to_str().unwrap());
    let run = tug.tug_stdin(
        &[
            "run",
            "--no-tty",
            "-a",
            "meet",
            "--",
            "cat; echo oops >&2; exit 4",
        ],
        "piped in\n",
    );
    assert_eq!(run.code, Some(4), "{}", run.describe());
    assert_eq!(run.stdout, "piped in\n", "{}", run.describe());
    assert!(run.stderr.contains("oops"), "{}", run.describe());

    // A stranger's secret gets nothing; the right one works once.
    let dyno: serde_json::Value = call(
        reqwest::Method::POST,
        "/apps/meet/dynos",
        serde_json::json!({"command": "echo met", "attach": true, "force_no_tty": true}),
    )
    .json()
    .unwrap();
    let url = dyno["attach_url"].as_str().unwrap().to_string();
    assert!(url.starts_with("rendezvous://127.0.0.1:"), "{url}");
    let secret = url.rsplit('/').next().unwrap().to_string();
    for hello in [&b"not-the-secret\r\n"[..], b"\r\n", &[0xff; 300][..]] {
        let got = rendezvous(&tls, &url, hello);
        assert!(!String::from_utf8_lossy(&got).contains("met"), "{got:?}");
    }
    let got = rendezvous(&tls, &url, format!("{secret}\r\n").as_bytes());
    assert_eq!(String::from_utf8_lossy(&got), "rendezvous\r\nmet\n");
    let again = rendezvous(&tls, &url, format!("{secret}\r\n").as_bytes());
    assert!(
        String::from_utf8_lossy(&again).contains("no one-off dyno is waiting"),
        "{again:?}"
    );
}

/// The official CLI's `domains`, `domains:add`, `certs`, `certs:add` and `certs:auto` against
/// tug, as a Heroku user types them.
#[test]
fn the_official_cli_manages_domains_and_certificates() {
    let tls = tls_server_with(&["--router-tls", "127.0.0.1:0"]);
    let Some(heroku) = Heroku::find(&tls) else {
        return;
    };
    heroku.ok(&["apps:create", "edge"]);
    let (out, err) = heroku.ok(&["domains:add", "www.edge.test", "-a", "edge"]);
    let said = format!("{out}{err}");
    assert!(said.contains("DNS Target edge.localhost"), "{said}");
    let (out, _) = heroku.ok(&["domains", "-a", "edge"]);
    assert!(out.contains("www.edge.test"), "{out}");
    assert!(out.contains("CNAME"), "{out}");
    assert!(out.contains("edge.localhost"), "{out}");
    let (out, _) = heroku.ok(&["domains", "-a", "edge", "--json"]);
    let domains: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(domains.as_array().unwrap().len(), 2, "{out}");

    // A certificate for a name the app does not have: added, nothing to associate.
    let dir = tempfile::tempdir().unwrap();
    let ca = crate::https::TestCa::new(dir.path());
    let write = |name: &str, (cert, key): (String, String)| {
        let (c, k) = (
            dir.path().join(format!("{name}.crt")),
            dir.path().join(format!("{name}.key")),
        );
        std::fs::write(&c, cert).unwrap();
        std::fs::write(&k, key).unwrap();
        (
            c.to_str().unwrap().to_string(),
            k.to_str().unwrap().to_string(),
        )
    };
    let api = write("api", ca.issue(&["api.edge.test"]));
    let (out, err) = heroku.ok(&["certs:add", &api.0, &api.1, "-a", "edge"]);
    let said = format!("{out}{err}");
    assert!(said.contains("api.edge.test"), "{said}");
    assert!(!said.contains("PRIVATE KEY"), "{said}");

    // One for the app's domain: the CLI then associates it through `PATCH /domains`, which
    // tug accepts for a certificate that covers the name (and refuses otherwise).
    let www = write("www", ca.issue(&["www.edge.test"]));
    let out = heroku.run_in(None, &["certs:add", &www.0, &www.1, "-a", "edge"], b" \n");
    let (stdout, stderr) = texts(&out);
    assert!(
        stdout.contains("Which of these domains"),
        "{stdout}\n{stderr}"
    );
    let (out, _) = heroku.ok(&["certs", "-a", "edge"]);
    assert!(out.contains("www.edge.test"), "{out}");
    assert!(out.contains("api.edge.test"), "{out}");
    let http = tls_http(&tls);
    let certs: serde_json::Value = http
        .get(format!("{}/apps/edge/sni-endpoints", tls.server.api_url))
        .bearer_auth(&tls.server.admin_token)
        .header("Accept", "application/vnd.heroku+json; version=3")
        .send()
        .unwrap()
        .json()
        .unwrap();
    let certs = certs.as_array().unwrap();
    assert_eq!(certs.len(), 2, "{certs:?}");
    let name = |domain: &str| {
        certs
            .iter()
            .find(|c| c["ssl_cert"]["cert_domains"][0] == domain)
            .unwrap()["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let patch = |endpoint: &str| {
        http.patch(format!(
            "{}/apps/edge/domains/www.edge.test",
            tls.server.api_url
        ))
        .bearer_auth(&tls.server.admin_token)
        .header("Accept", "application/vnd.heroku+json; version=3")
        .json(&serde_json::json!({ "sni_endpoint": endpoint }))
        .send()
        .unwrap()
    };
    let r = patch(&name("www.edge.test"));
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().unwrap();
    assert_eq!(body["sni_endpoint"]["name"], name("www.edge.test").as_str());
    assert_eq!(patch(&name("api.edge.test")).status(), 422);
    assert_eq!(patch("cert-nothere").status(), 422);
    let (out, _) = heroku.ok(&["domains", "-a", "edge"]);
    assert!(
        out.contains(&name("www.edge.test")),
        "the SNI endpoint column: {out}"
    );

    // Automatic certificates, as the official CLI shows them (no CA is reachable here: the
    // domain waits for its DNS).
    let (out, err) = heroku.ok(&["certs:auto", "-a", "edge"]);
    assert!(format!("{out}{err}").contains("disabled"), "{out}{err}");
    heroku.ok(&["certs:auto:enable", "-a", "edge"]);
    let (out, _) = heroku.ok(&["certs:auto", "-a", "edge"]);
    assert!(out.contains("enabled on edge"), "{out}");
    assert!(out.contains("www.edge.test"), "{out}");
    heroku.ok(&["certs:auto:disable", "-a", "edge", "--confirm", "edge"]);
}

/// The official CLI's add-on commands, which find an add-on or attachment by name through
/// `/actions/addons/resolve` and `/actions/addon-attachments/resolve`, and send the schema's
/// identity objects (`{"plan": {"name": …}}`) in their bodies.
#[test]
fn the_official_cli_manages_addons() {
    if !crate::addons::redis_installed() {
        return;
    }
    let tls = tls_server();
    let Some(heroku) = Heroku::find(&tls) else {
        return;
    };
    heroku.ok(&["apps:create", "shop"]);
    heroku.ok(&["apps:create", "shop-worker"]);
    let (out, err) = heroku.ok(&["addons:create", "heroku-redis", "-a", "shop"]);
    assert!(format!("{out}{err}").contains("REDIS_URL"), "{out}\n{err}");
    let (out, _) = heroku.ok(&["addons", "-a", "shop", "--json"]);
    let addons: serde_json::Value = serde_json::from_str(&out).unwrap();
    let name = addons[0]["name"].as_str().unwrap().to_owned();

    // By attachment name on the app, by add-on name, and as APP::ATTACHMENT.
    for (ident, app) in [
        ("REDIS", Some("shop")),
        (name.as_str(), None),
        ("shop::REDIS", None),
    ] {
        let mut args = vec!["addons:info", ident];
        if let Some(app) = app {
            args.extend(["-a", app]);
        }
        let (out, _) = heroku.ok(&args);
        assert!(out.contains(&name), "{args:?}: {out}");
        assert!(out.contains("heroku-redis:mini"), "{out}");
    }
    heroku.ok(&["addons:attach", &name, "-a", "shop-worker", "--as", "CACHE"]);
    let (out, _) = heroku.ok(&["config", "-a", "shop-worker"]);
    assert!(out.contains("CACHE_URL"), "{out}");
    heroku.ok(&["addons:upgrade", "REDIS", "premium-0", "-a", "shop"]);
    let (out, _) = heroku.ok(&["addons:info", &name]);
    assert!(out.contains("heroku-redis:premium-0"), "{out}");
    // A rename keeps the attachment and its config var.
    heroku.ok(&["addons:rename", &name, "shop-cache"]);
    let name = "shop-cache".to_string();
    let (out, _) = heroku.ok(&["addons:info", "CACHE", "-a", "shop-worker"]);
    assert!(out.contains(&name), "{out}");
    let (out, _) = heroku.ok(&["config", "-a", "shop-worker"]);
    assert!(out.contains("CACHE_URL"), "{out}");
    heroku.ok(&["addons:detach", "CACHE", "-a", "shop-worker"]);
    let (out, _) = heroku.ok(&["config", "-a", "shop-worker"]);
    assert!(!out.contains("CACHE_URL"), "{out}");

    // Another account resolves nothing of it, by any name.
    let stranger =
        crate::common::add_user_with_password(&tls.server, "eve@example.com", "pw-eve-1");
    let http = tls_http(&tls);
    for (path, body) in [
        (
            "/actions/addons/resolve",
            serde_json::json!({"addon": name}),
        ),
        (
            "/actions/addons/resolve",
            serde_json::json!({"addon": "REDIS", "app": "shop"}),
        ),
        (
            "/actions/addon-attachments/resolve",
            serde_json::json!({"addon_attachment": "shop::REDIS"}),
        ),
    ] {
        let r = http
            .post(format!("{}{path}", tls.server.api_url))
            .bearer_auth(&stranger)
            .json(&body)
            .send()
            .unwrap();
        assert_eq!(r.status(), 404, "{path} {body}");
        let text = r.text().unwrap();
        assert!(!text.contains("redis://"), "{text}");
    }

    // `/users/~/addons` is the caller's own list; another account's is not to be read.
    let list = |token: &str, user: &str| {
        let r = http
            .get(format!("{}/users/{user}/addons", tls.server.api_url))
            .bearer_auth(token)
            .send()
            .unwrap();
        (r.status().as_u16(), r.text().unwrap())
    };
    let (status, mine) = list(&tls.server.admin_token, "~");
    assert_eq!(status, 200);
    assert!(mine.contains(&name), "{mine}");
    assert_eq!(list(&stranger, "~"), (200, "[]".to_string()));
    assert_eq!(list(&stranger, "admin@localhost").0, 404);

    heroku.ok(&["addons:destroy", &name, "-a", "shop", "--confirm", "shop"]);
    let (out, _) = heroku.ok(&["addons", "-a", "shop", "--json"]);
    assert_eq!(out.trim(), "[]", "{out}");
}

#[test]
fn the_official_cli_creates_reads_and_promotes_pipelines() {
    let tls = tls_server();
    let Some(heroku) = Heroku::find(&tls) else {
        return;
    };
    for app in ["shop-staging", "shop-prod"] {
        heroku.ok(&["apps:create", app]);
    }
    heroku.ok(&["buildpacks:set", "heroku/procfile", "-a", "shop-staging"]);
    let (out, err) = heroku.ok(&[
        "pipelines:create",
        "shop",
        "-a",
        "shop-staging",
        "--stage",
        "staging",
    ]);
    assert!(
        err.contains("Creating shop pipeline... done"),
        "{out}\n{err}"
    );
    heroku.ok(&[
        "pipelines:add",
        "shop",
        "-a",
        "shop-prod",
        "--stage",
        "production",
    ]);
    let (out, _) = heroku.ok(&["pipelines"]);
    assert!(out.contains("shop"), "{out}");
    let (out, _) = heroku.ok(&["pipelines:info", "shop"]);
    assert!(
        out.contains("shop-staging") && out.contains("staging"),
        "{out}"
    );
    assert!(
        out.contains("shop-prod") && out.contains("production"),
        "{out}"
    );
    let (out, _) = heroku.ok(&["apps:info", "-a", "shop-prod"]);
    assert!(
        out.contains("Pipeline:") && out.contains("shop - production"),
        "{out}"
    );

    // Staging gets code by a push; promotion copies its slug to production.
    let home = Home::new(&tls.server.api_url);
    let dir = repo(
        &home,
        &[(
            "Procfile",
            "web: python3 -m http.server --bind 0.0.0.0 $PORT\n",
        )],
    );
    let out = heroku.run_in(Some(&dir), &["git:remote", "-a", "shop-staging"], b"");
    assert!(out.status.success(), "{:?}", texts(&out));
    let push = heroku
        .cmd("git", Some(&dir))
        .args(["push", "heroku", "HEAD:main"])
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .unwrap();
    assert!(
        push.status.success(),
        "{:?}\n{}",
        texts(&push),
        tls.server.log()
    );
    let (out, err) = heroku.ok(&["pipelines:promote", "-a", "shop-staging"]);
    assert!(out.contains("shop-prod: succeeded"), "{out}\n{err}");
    let http = tls_http(&tls);
    let release = |app: &str| -> serde_json::Value {
        let list: serde_json::Value = http
            .get(format!("{}/apps/{app}/releases", tls.server.api_url))
            .bearer_auth(&tls.server.admin_token)
            .header("Range", "version ..; order=desc, max=1")
            .send()
            .unwrap()
            .json()
            .unwrap();
        list[0].clone()
    };
    assert_eq!(
        release("shop-prod")["slug"]["id"],
        release("shop-staging")["slug"]["id"]
    );
}
