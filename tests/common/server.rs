//! A real `tug server` process on port 0 in a temp dir, and plain HTTP calls against it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::home::{Home, SCRUBBED, TUG};
use super::wait::{DEADLINE, poll};

/// reqwest is built without a default TLS provider; tests use ring, like the binary.
pub fn install_crypto_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The registry the Swarm runtime pushes to in tests (`TUG_TEST_REGISTRY`, else the one
/// `.ci/run` starts).
pub fn registry() -> String {
    std::env::var("TUG_TEST_REGISTRY").unwrap_or_else(|_| "127.0.0.1:5000".to_owned())
}

/// Whether the end-to-end tests run their servers on Docker Swarm (`TUG_TEST_RUNTIME=swarm`,
/// which `.ci/run` sets for a second pass of the runtime's tests) rather than on the local
/// runtime.
pub fn on_swarm() -> bool {
    std::env::var("TUG_TEST_RUNTIME").is_ok_and(|r| r == "swarm")
}

/// A running `tug server` with its own data dir. Dropping it stops the server.
pub struct TestServer {
    pub root: TempDir,
    pub data_dir: PathBuf,
    pub api_url: String,
    pub router_url: String,
    pub admin_token: String,
    child: Option<Child>,
    /// Runs the server as this uid (through `setpriv`), for the unprivileged path.
    run_as: Option<u32>,
    /// Started without `--allow-private-urls` and the test buildpack directories.
    strict: bool,
    /// Environment variables the server gets on top of the test's.
    env: Vec<(String, String)>,
}

impl TestServer {
    pub fn start() -> TestServer {
        TestServer::start_with(&[])
    }

    /// Starts the server with extra flags (for example `--domain`).
    pub fn start_with(extra: &[&str]) -> TestServer {
        let mut server = TestServer::unstarted(None);
        server.boot(extra);
        server
    }

    /// Starts the server with the operator's defaults for outbound URLs: no loopback or
    /// private targets for sources, buildpacks, drains and webhooks, no local buildpacks.
    /// (`start_with` allows both, since most tests use local receivers and buildpacks.)
    pub fn start_strict(extra: &[&str]) -> TestServer {
        let mut server = TestServer::unstarted(None);
        server.strict = true;
        server.boot(extra);
        server
    }

    /// Starts the server with extra environment variables (for example a `PATH` without some
    /// program).
    pub fn start_with_env(env: &[(&str, &str)]) -> TestServer {
        let mut server = TestServer::unstarted(None);
        server.env = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        server.boot(&[]);
        server
    }

    /// A server in a new temp dir, not started yet.
    fn unstarted(run_as: Option<u32>) -> TestServer {
        let root = tempfile::tempdir().expect("temp dir");
        let data_dir = root.path().join("data");
        TestServer {
            root,
            data_dir,
            api_url: String::new(),
            router_url: String::new(),
            admin_token: String::new(),
            child: None,
            run_as,
            strict: false,
            env: Vec::new(),
        }
    }

    /// Starts the server as `nobody` (uid 65534), when this test runs as root and `setpriv` is
    /// there; `None` otherwise.
    pub fn start_unprivileged() -> Option<TestServer> {
        let root_user = Command::new("id").arg("-u").output().ok()?.stdout == b"0\n";
        let setpriv = Command::new("setpriv").arg("--version").output().is_ok();
        if !root_user || !setpriv {
            return None;
        }
        let mut server = TestServer::unstarted(Some(65534));
        std::fs::create_dir(&server.data_dir).expect("data dir");
        for (path, mode) in [
            (server.root.path(), 0o755),
            (server.data_dir.as_path(), 0o700),
        ] {
            let perms = std::os::unix::fs::PermissionsExt::from_mode(mode);
            std::fs::set_permissions(path, perms).expect("chmod");
        }
        let owned = Command::new("chown")
            .args(["65534:65534"])
            .arg(&server.data_dir)
            .status()
            .expect("chown");
        assert!(owned.success());
        server.boot(&[]);
        Some(server)
    }

    fn boot(&mut self, extra: &[&str]) {
        let state_file = self.data_dir.join("server.json");
        let _ = std::fs::remove_file(&state_file);
        let log = std::fs::File::create(self.root.path().join("server.log")).expect("log file");
        let mut cmd = match self.run_as {
            Some(uid) => {
                let mut cmd = Command::new("setpriv");
                cmd.arg(format!("--reuid={uid}"))
                    .arg(format!("--regid={uid}"))
                    .args(["--clear-groups", TUG]);
                cmd
            }
            None => Command::new(TUG),
        };
        cmd.arg("server").arg("--data-dir").arg(&self.data_dir);
        for flag in ["--api", "--router"] {
            if !extra.contains(&flag) {
                cmd.args([flag, "127.0.0.1:0"]);
            }
        }
        if on_swarm() && !extra.contains(&"--runtime") {
            cmd.args(["--runtime", "swarm", "--registry", &registry()]);
        }
        if !self.strict {
            // Tests' receivers listen on loopback, and their buildpacks are fixtures or are
            // made in temp dirs.
            let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildpacks");
            cmd.arg("--allow-private-urls")
                .arg("--buildpack-dir")
                .arg(fixtures)
                .arg("--buildpack-dir")
                .arg(std::env::temp_dir());
        }
        cmd.args(extra)
            .env("HOME", self.root.path())
            .env("RUST_LOG", "tug=debug")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log);
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("spawn tug server");
        self.child = Some(child);
        // `server.json` is written once the server is ready to serve.
        let mut state: Option<serde_json::Value> = None;
        let started = poll(DEADLINE, || {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!("tug server exited early ({status}):\n{}", self.log());
            }
            state = std::fs::read_to_string(&state_file)
                .ok()
                .and_then(|text| serde_json::from_str(&text).ok());
            state.is_some()
        });
        assert!(started, "tug server did not start:\n{}", self.log());
        let state = state.expect("server.json");
        self.api_url = state["api"]
            .as_str()
            .expect("api in server.json")
            .to_string();
        self.router_url = state["router"]
            .as_str()
            .expect("router in server.json")
            .to_string();
        self.admin_token = std::fs::read_to_string(self.data_dir.join("admin.token"))
            .expect("admin.token")
            .trim()
            .to_string();
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// The server's own log (stdout and stderr).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.root.path().join("server.log")).unwrap_or_default()
    }

    /// Sends SIGTERM and waits for the exit; returns the exit code.
    pub fn stop(&mut self) -> Option<i32> {
        let mut child = self.child.take()?;
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let mut exited = None;
        let stopped = poll(DEADLINE, || {
            exited = child.try_wait().ok().flatten();
            exited.is_some()
        });
        if !stopped {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tug server did not stop on SIGTERM:\n{}", self.log());
        }
        exited.and_then(|status| status.code())
    }

    /// Stops the server and starts it again on the same data dir.
    pub fn restart(&mut self) {
        assert_eq!(
            self.stop(),
            Some(0),
            "clean exit on SIGTERM:\n{}",
            self.log()
        );
        self.boot(&[]);
    }

    /// Starts a stopped server again on the same data dir.
    pub fn start_again(&mut self) {
        self.start_again_with(&[]);
    }

    /// Starts a stopped server again on the same data dir, with extra flags.
    pub fn start_again_with(&mut self, extra: &[&str]) {
        assert!(self.child.is_none(), "the server is still running");
        self.boot(extra);
    }

    /// Restarts the server on the same data dir as `start_strict(extra)` would start it.
    pub fn restart_strict(&mut self, extra: &[&str]) {
        self.strict = true;
        assert_eq!(
            self.stop(),
            Some(0),
            "clean exit on SIGTERM:\n{}",
            self.log()
        );
        self.boot(extra);
    }

    /// A fresh HOME logged in as the admin (through `TUG_API_KEY`).
    pub fn admin(&self) -> Home {
        Home::new(&self.api_url).with_env("TUG_API_KEY", &self.admin_token)
    }

    /// A fresh HOME with no credentials.
    pub fn anonymous(&self) -> Home {
        Home::new(&self.api_url)
    }

    /// Creates an account on this server and returns a HOME that uses its token.
    pub fn user(&self, email: &str) -> Home {
        let out = Command::new(TUG)
            .args(["server", "users:add", email, "--data-dir"])
            .arg(&self.data_dir)
            .env("HOME", self.root.path())
            .env_remove("TUG_DATA_DIR")
            .output()
            .expect("users:add");
        assert!(
            out.status.success(),
            "users:add failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let token = String::from_utf8(out.stdout)
            .expect("utf-8")
            .trim()
            .to_string();
        assert!(!token.is_empty(), "users:add printed a token");
        Home::new(&self.api_url).with_env("TUG_API_KEY", &token)
    }

    /// A blocking HTTP client for wire-level tests.
    pub fn http(&self) -> Http {
        install_crypto_provider();
        Http {
            base: self.api_url.clone(),
            client: reqwest::blocking::Client::new(),
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let stopped = poll(Duration::from_secs(10), || {
                matches!(child.try_wait(), Ok(Some(_)))
            });
            if !stopped {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}

/// A blocking HTTP client pointed at the API.
pub struct Http {
    pub base: String,
    pub client: reqwest::blocking::Client,
}

impl Http {
    pub fn req(&self, method: &str, path: &str) -> reqwest::blocking::RequestBuilder {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        self.client
            .request(method, format!("{}{}", self.base, path))
            .header("Accept", "application/vnd.heroku+json; version=3")
    }

    /// An authenticated request.
    pub fn auth(&self, method: &str, path: &str, token: &str) -> reqwest::blocking::RequestBuilder {
        self.req(method, path).bearer_auth(token)
    }
}

/// A response read whole: status, headers and the body parsed as JSON (Null when empty).
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: serde_json::Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Http {
    /// Sends a request and reads the reply; `body` is sent as JSON when given.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> Reply {
        let mut req = self.req(method, path);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        Reply::read(req.send().expect("request"))
    }
}

impl Reply {
    pub fn read(resp: reqwest::blocking::Response) -> Reply {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().expect("body");
        let body = if text.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
        };
        Reply {
            status,
            headers,
            body,
        }
    }
}

/// Creates an account with a password straight in the server's store; returns its token.
pub fn add_user_with_password(server: &TestServer, email: &str, password: &str) -> String {
    use std::io::Write;
    let mut child = Command::new(TUG)
        .args([
            "server",
            "users:add",
            email,
            "--password-stdin",
            "--data-dir",
        ])
        .arg(&server.data_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("users:add");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("password");
    let out = child.wait_with_output().expect("users:add");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
