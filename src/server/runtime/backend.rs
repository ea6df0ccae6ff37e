//! The seam between the supervisor and whatever runs the processes. The supervisor decides what
//! runs, when it is up, when it restarts and when it stops; a backend only makes a release
//! runnable and starts one process of it. The local backend (`local.rs`) runs processes on this
//! machine; a backend on a cluster scheduler would start a container per dyno instead.

use std::any::Any;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use tokio::io::{AsyncRead, AsyncWrite};

use super::{ReleaseSpec, RuntimeError};

/// A byte stream from a dyno (its stdout, its stderr, or its terminal).
pub type DynoOutput = Pin<Box<dyn AsyncRead + Send>>;
/// A dyno's standard input. Dropping it ends the input.
pub type DynoInput = Pin<Box<dyn AsyncWrite + Send>>;

/// Sets a terminal's size: columns, rows.
pub type Resize = Arc<dyn Fn(u16, u16) + Send + Sync>;
/// Sends a signal to every process of a dyno.
pub type Signaller = Arc<dyn Fn(Signal) + Send + Sync>;

/// A release made runnable by a backend (for the local backend, its unpacked slug). Every dyno of
/// the release holds it while it runs; what it stands for is released with the last holder.
pub type Prepared = Arc<dyn Any + Send + Sync>;

/// How a dyno's standard streams are connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stdio {
    /// No input; stdout and stderr readable (formation dynos, detached one-offs).
    Output,
    /// Input, stdout and stderr apart (an attached one-off without a terminal).
    Pipes,
    /// A pseudo-terminal of this many columns and rows for all three (an interactive one-off).
    Pty { cols: u16, rows: u16 },
}

/// What the supervisor can ask of a running process. Signals go to every process of the dyno.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Hangup,
    Terminate,
    Kill,
}

/// One process to start.
pub struct Launch<'a> {
    pub prepared: &'a Prepared,
    pub release: &'a ReleaseSpec,
    /// The dyno's name, given to the process as `DYNO`.
    pub name: &'a str,
    /// The dyno's id, as the API shows it.
    pub id: uuid::Uuid,
    /// A shell command line, run after the release's `.profile.d` scripts and `.profile`.
    pub command: &'a str,
    /// Config vars and extra variables; the backend adds `PORT`, `DYNO` and `HOME`, and
    /// `PORT` and `DYNO` win over these.
    pub env: &'a BTreeMap<String, String>,
    pub stdio: Stdio,
    /// The dyno size (`standard-1X`); the backend turns it into limits.
    pub size: &'a str,
}

impl Launch<'_> {
    /// The error that says this dyno could not be started, and why.
    pub fn failed(&self, reason: impl Into<String>) -> RuntimeError {
        RuntimeError::Spawn {
            dyno: self.name.to_owned(),
            reason: reason.into(),
        }
    }

    /// What this backend's `prepare` made of the release, as the type it made.
    pub fn prepared_as<T: Any + Send + Sync>(&self) -> Result<Arc<T>, RuntimeError> {
        (self.prepared.clone().downcast::<T>())
            .map_err(|_| self.failed("the release was not prepared by this backend"))
    }
}

/// A started process.
pub struct Spawned {
    /// Where a server that binds `PORT` in the process can be reached.
    pub addr: SocketAddr,
    /// When the process has a network of its own: a process in that network, whose socket
    /// table tells when `PORT` is bound (connecting would only reach the forwarder in front of
    /// it, which accepts at once).
    pub network_of: Option<u32>,
    /// When the backend learns itself that `PORT` accepts (a cluster engine's health check):
    /// resolves then. Its address may accept before the process does (a port forwarder).
    pub ready: Option<BoxFuture<'static, ()>>,
    pub stdin: Option<DynoInput>,
    /// With a terminal, everything arrives here.
    pub stdout: Option<DynoOutput>,
    pub stderr: Option<DynoOutput>,
    pub signal: Signaller,
    /// Sets the terminal size (columns, rows); only with [`Stdio::Pty`].
    pub resize: Option<Resize>,
    /// Resolves with the exit code (128 + the signal number when killed by one) once the main
    /// process has exited. Dropping it, finished or not, kills whatever is left of the dyno.
    pub exit: BoxFuture<'static, i32>,
    /// Messages for the app's log about the dyno's resources (`Error R14 …`).
    pub alerts: Option<tokio::sync::mpsc::UnboundedReceiver<String>>,
    /// The cluster node it runs on, for a backend that has nodes (`ps` shows it).
    pub node: Option<String>,
}

pub trait Backend: Send + Sync + 'static {
    /// Makes a release runnable; called before each batch of its dynos starts, so it should be
    /// cheap when the release is already prepared.
    fn prepare<'a>(
        &'a self,
        release: &'a ReleaseSpec,
    ) -> BoxFuture<'a, Result<Prepared, RuntimeError>>;

    /// Starts one process of a prepared release.
    fn spawn<'a>(&'a self, launch: Launch<'a>) -> BoxFuture<'a, Result<Spawned, RuntimeError>>;

    /// The image of the stack dynos run on, for a backend that runs images (`/stacks` says it).
    fn stack_image(&self) -> Option<&str> {
        None
    }

    /// Where dynos reach the platform's own add-on servers (PostgreSQL, Redis), for a backend
    /// whose dynos do not reach this machine's loopback; `None`: at `127.0.0.1`.
    fn addon_host(&self) -> Option<std::net::IpAddr> {
        None
    }
}
