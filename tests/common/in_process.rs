//! The platform run inside the test process (`tug::server::run_on` on listeners bound to port 0
//! here), for checks of the HTTP layer where a separate process adds nothing but start-up time.
//! App code never runs here: the sandbox is off, and tests that build or run dynos, or read the
//! server's log, use `TestServer`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::thread::JoinHandle;

use clap::Parser;
use tempfile::TempDir;

use super::server::{Http, install_crypto_provider};
use super::wait::{DEADLINE, poll, wait_for};

/// A platform served by this process with its own data dir. Dropping it shuts it down.
pub struct InProcess {
    pub root: TempDir,
    pub data_dir: PathBuf,
    pub api_url: String,
    pub admin_token: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<anyhow::Result<()>>>,
}

/// `tug server`'s flags, parsed the way the binary parses them.
#[derive(Parser)]
struct Flags {
    #[command(flatten)]
    server: tug::server::ServerConfigArgs,
}

impl InProcess {
    pub fn start() -> InProcess {
        let root = TempDir::new().expect("temp dir");
        let data_dir = root.path().join("data");
        let flags = Flags::try_parse_from([
            "tug-server".as_ref(),
            "--data-dir".as_ref(),
            data_dir.as_os_str(),
            "--sandbox".as_ref(),
            "off".as_ref(),
        ])
        .expect("server flags");
        let config = tug::server::ServerConfig::from_args(flags.server).expect("server config");
        let api = TcpListener::bind("127.0.0.1:0").expect("API listener");
        let api_url = format!("http://{}", api.local_addr().unwrap());
        let router = TcpListener::bind("127.0.0.1:0").expect("router listener");
        let listeners = tug::server::Listeners {
            api,
            router,
            router_tls: None,
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            runtime.block_on(tug::server::run_on(config, listeners, async {
                let _ = stopped.await;
            }))
        });
        // `server.json` is written once the platform is ready to serve.
        let ready = data_dir.join("server.json");
        wait_for("the in-process server to start", || {
            assert!(!thread.is_finished(), "the in-process server stopped");
            ready.exists()
        });
        let admin_token = std::fs::read_to_string(data_dir.join("admin.token"))
            .expect("admin.token")
            .trim()
            .to_string();
        InProcess {
            root,
            data_dir,
            api_url,
            admin_token,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// A blocking client for the API, the same as `TestServer::http`.
    pub fn http(&self) -> Http {
        install_crypto_provider();
        Http {
            base: self.api_url.clone(),
            client: reqwest::blocking::Client::new(),
        }
    }
}

impl Drop for InProcess {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A server that does not stop is left to the end of the process rather than
            // hanging the test that dropped it.
            if poll(DEADLINE, || thread.is_finished()) {
                let outcome = thread.join().expect("the in-process server panicked");
                if !std::thread::panicking() {
                    outcome.expect("the in-process server failed");
                }
            }
        }
    }
}
