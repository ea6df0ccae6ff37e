//! The runtime: turns each app's current release and formation into running dynos and keeps
//! them running. State lives behind one lock; every dyno is supervised by its own task (see
//! `dyno.rs`), and processes are started by a [`Backend`] (local process groups by default).
//!
//! Lifecycle as on Heroku: a dyno is `starting`, then `up` (a web dyno once it accepts on `PORT`
//! within the boot timeout, else R10), `crashed` when it exits on its own (restarted at once the
//! first time, then with growing backoff), `down` while it is being stopped (SIGTERM to all its
//! processes, SIGKILL after the grace period, R12). New web dynos are up before old ones leave
//! the router, so a deploy or restart drops no request.

mod alerts;
pub mod backend;
mod dyno;
mod lifecycle;
mod local;
mod oneoff;
mod output;
mod pty;
mod shared;
mod slug;
mod swarm;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio::time::Instant;
use uuid::Uuid;

pub use backend::{Backend, DynoInput, Prepared};
pub use local::LocalBackend;
pub use swarm::SwarmBackend;

use backend::{Spawned, Stdio};
use dyno::{DynoCtx, OneOffRun};

use super::logs::LogHub;

/// How long the release phase may run, as on Heroku.
const RELEASE_TIMEOUT: Duration = Duration::from_secs(3600);
/// How much attached output may wait for the client before the process is held back.
const ATTACHED_BUFFER: usize = 64;
/// Dyno changes a slow follower of [`Runtime::dyno_events`] may fall behind by before it
/// misses some.
const DYNO_EVENTS: usize = 1024;

/// Where dynos run (`tug server --runtime`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RuntimeKind {
    /// Process groups on this machine.
    Local,
    /// Services on the Docker Swarm this machine manages.
    Swarm,
}

/// Settings of the runtime.
#[derive(Debug, Clone)]
pub struct RuntimeConfig {
    /// Where the runtime keeps unpacked slugs (`DATA/runtime`).
    pub root: PathBuf,
    /// How long a web dyno has to accept on `PORT` (R10).
    pub boot_timeout: Duration,
    /// How long a dyno has between SIGTERM and SIGKILL (R12).
    pub stop_grace: Duration,
    /// The wait before the second restart in a row of a crashing dyno (the first is at once);
    /// it doubles with each further crash.
    pub restart_backoff: Duration,
    pub max_backoff: Duration,
    /// A dyno that crashes after being up this long is restarted at once again.
    pub stable_after: Duration,
    /// The wall around every dyno.
    pub wall: crate::server::sandbox::Wall,
}

impl RuntimeConfig {
    /// Heroku's timings: 60 s to boot, 30 s to stop; crash backoff from 2 s to 5 min.
    pub fn new(root: PathBuf) -> RuntimeConfig {
        RuntimeConfig {
            root,
            boot_timeout: Duration::from_secs(60),
            stop_grace: Duration::from_secs(30),
            restart_backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(300),
            stable_after: Duration::from_secs(60),
            wall: crate::server::sandbox::Wall::off(),
        }
    }
}

/// A release as the runtime needs it.
#[derive(Debug, Clone)]
pub struct ReleaseSpec {
    pub app_id: Uuid,
    pub app_name: String,
    pub version: i64,
    pub slug_id: Uuid,
    /// The slug: a gzipped tarball with entries under `./app/`.
    pub slug_path: PathBuf,
    /// Config vars.
    pub config: BTreeMap<String, String>,
    /// Process type → command.
    pub process_types: BTreeMap<String, String>,
    /// The app's features that change how its dynos run (`preboot`, metrics, metadata).
    pub switches: crate::api::feature::AppSwitches,
}

/// How many dynos of a process type to run, and their size (a label here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormationSpec {
    pub kind: String,
    pub quantity: u32,
    pub size: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DynoState {
    Starting,
    Up,
    Crashed,
    Down,
}

impl DynoState {
    pub fn as_str(self) -> &'static str {
        match self {
            DynoState::Starting => "starting",
            DynoState::Up => "up",
            DynoState::Crashed => "crashed",
            DynoState::Down => "down",
        }
    }
}

impl fmt::Display for DynoState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A dyno as `ps` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynoInfo {
    pub id: Uuid,
    /// `web.1`, `run.2`, `release.3`.
    pub name: String,
    /// The process type; `run` for one-off dynos, `release` for the release phase.
    pub kind: String,
    pub command: String,
    pub state: DynoState,
    pub release_version: i64,
    pub size: String,
    /// Unix seconds of the last state change.
    pub updated_at: i64,
    pub created_at: i64,
    /// The `PORT` it was given.
    pub port: Option<u16>,
    /// The cluster node it runs on, when the runtime has nodes.
    pub node: Option<String>,
}

/// A dyno came, changed state or went; for whoever follows the platform's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynoEvent {
    pub app_id: Uuid,
    pub change: DynoChange,
    /// The dyno after the change (before it, for `Removed`).
    pub dyno: DynoInfo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DynoChange {
    Created,
    StateChanged { from: DynoState },
    Removed,
}

/// Which dynos a restart or stop is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    All,
    /// A process type: `web`.
    Type(String),
    /// A dyno: `web.2`.
    Dyno(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuntimeError {
    #[error("no dyno `{0}`")]
    UnknownDyno(String),
    #[error("no process type `{0}` in the release")]
    UnknownType(String),
    #[error("the app has no release running")]
    NotDeployed,
    #[error("the command is empty")]
    EmptyCommand,
    #[error("process type `{0}` has an empty command")]
    EmptyProcessCommand(String),
    #[error("slug `{id}` cannot be used: {reason}")]
    Slug { id: Uuid, reason: String },
    #[error("cannot start `{dyno}`: {reason}")]
    Spawn { dyno: String, reason: String },
    #[error("`{dyno}` failed to start: {reason}")]
    BootFailed { dyno: String, reason: String },
    #[error("the platform is shutting down")]
    ShuttingDown,
}

/// A one-off dyno to start (`tug run`).
#[derive(Debug, Clone, Default)]
pub struct OneOffRequest {
    /// A command line; a first word that names a process type stands for its command.
    pub command: String,
    /// Added to the release's config vars.
    pub env: BTreeMap<String, String>,
    pub size: String,
    /// A terminal of this many columns and rows; else pipes. Only when attached.
    pub tty: Option<(u16, u16)>,
    /// Detached: no input, and the output goes to the app's log.
    pub attached: bool,
}

/// Output of an attached one-off dyno. With a terminal, everything comes as `Stdout`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OneOffOutput {
    Stdout(Vec<u8>),
    Stderr(Vec<u8>),
}

/// A running one-off dyno. Its parts can be taken apart and moved to different tasks.
pub struct OneOff {
    pub id: Uuid,
    pub name: String,
    /// Standard input (attached only); drop it to end the input (on a terminal: ^D).
    pub stdin: Option<DynoInput>,
    /// Output as it comes; ends once the process has exited and its output is read. Empty when
    /// detached. Dropping it while the process runs hangs up: SIGHUP, then a stop.
    pub output: mpsc::Receiver<OneOffOutput>,
    pub control: OneOffControl,
    /// The exit code (128 + signal when killed by one), sent once the output has ended.
    pub exit: oneshot::Receiver<i32>,
}

impl OneOff {
    /// Waits for the exit code (255 when the runtime went away first).
    pub async fn wait(&mut self) -> i32 {
        (&mut self.exit).await.unwrap_or(255)
    }
}

/// Resizes or stops a one-off dyno.
#[derive(Clone)]
pub struct OneOffControl {
    control: mpsc::UnboundedSender<Control>,
    resize: Option<backend::Resize>,
}

impl OneOffControl {
    /// The terminal's new size; ignored without a terminal.
    pub fn resize(&self, cols: u16, rows: u16) {
        if let Some(resize) = &self.resize {
            resize(cols, rows);
        }
    }

    /// SIGTERM, then SIGKILL after the grace period.
    pub fn stop(&self) {
        let _ = self.control.send(Control::Stop);
    }
}

/// The dyno supervisor. Cheap to clone; every clone drives the same dynos.
#[derive(Clone)]
pub struct Runtime {
    shared: Arc<Shared>,
}

/// What a dyno task can be told.
enum Control {
    /// Stop for good (scaled down, replaced, app removed, shutdown).
    Retire,
    /// `ps:stop`: a formation dyno is started again afterwards, a one-off is not.
    Stop,
}

struct Release {
    spec: ReleaseSpec,
    prepared: Prepared,
}

#[derive(Debug, Clone)]
struct Scale {
    quantity: u32,
    size: String,
}

struct Slot {
    info: DynoInfo,
    number: u32,
    oneoff: bool,
    /// On its way out: not routed to, not shown, not counted.
    retiring: bool,
    /// Crashes since it was created, and what the last one was.
    crashes: u32,
    failure: Option<String>,
    /// Where it accepts connections, once up (web dynos).
    addr: Option<SocketAddr>,
    control: mpsc::UnboundedSender<Control>,
}

impl Slot {
    /// A dyno about to start: `Starting`, created now, never crashed.
    fn starting(
        info: DynoInfo,
        number: u32,
        oneoff: bool,
        control: mpsc::UnboundedSender<Control>,
    ) -> Slot {
        Slot {
            info,
            number,
            oneoff,
            retiring: false,
            crashes: 0,
            failure: None,
            addr: None,
            control,
        }
    }
}

impl DynoInfo {
    /// A dyno about to start, as of now.
    fn starting(
        id: Uuid,
        name: String,
        kind: &str,
        command: String,
        release_version: i64,
        size: &str,
    ) -> DynoInfo {
        let at = now();
        DynoInfo {
            id,
            name,
            kind: kind.to_owned(),
            command,
            state: DynoState::Starting,
            release_version,
            size: size.to_owned(),
            updated_at: at,
            created_at: at,
            port: None,
            node: None,
        }
    }
}

struct AppRun {
    current: Option<Arc<Release>>,
    formation: BTreeMap<String, Scale>,
    dynos: Vec<Slot>,
    next_oneoff: u32,
    /// Bumped on every change of the app's dynos.
    changed: watch::Sender<u64>,
    /// Deploys, scaling, restarts and removal of one app happen one at a time.
    ops: Arc<tokio::sync::Mutex<()>>,
}

impl AppRun {
    fn new() -> AppRun {
        AppRun {
            current: None,
            formation: BTreeMap::new(),
            dynos: Vec::new(),
            next_oneoff: 0,
            changed: watch::channel(0).0,
            ops: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    fn bump(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }

    fn slot_mut(&mut self, id: Uuid) -> Option<&mut Slot> {
        self.dynos.iter_mut().find(|s| s.info.id == id)
    }

    fn retire(&mut self, id: Uuid) {
        if let Some(slot) = self.slot_mut(id)
            && !slot.retiring
        {
            slot.retiring = true;
            let _ = slot.control.send(Control::Retire);
        }
        self.bump();
    }

    /// Live dynos a target names: formation dynos, plus one-offs when `oneoffs`.
    fn select(&self, target: &Target, oneoffs: bool) -> Vec<Uuid> {
        self.dynos
            .iter()
            .filter(|s| !s.retiring && (oneoffs || !s.oneoff))
            .filter(|s| match target {
                Target::All => true,
                Target::Type(kind) => s.info.kind == *kind,
                Target::Dyno(name) => s.info.name == *name,
            })
            .map(|s| s.info.id)
            .collect()
    }

    /// The error for a target that names nothing, if it names nothing that could exist.
    fn unknown(&self, target: &Target) -> Option<RuntimeError> {
        match target {
            Target::All => None,
            Target::Dyno(name) => Some(RuntimeError::UnknownDyno(name.clone())),
            Target::Type(kind) => {
                let known = self.formation.contains_key(kind)
                    || self
                        .current
                        .as_ref()
                        .is_some_and(|r| r.spec.process_types.contains_key(kind));
                (!known).then(|| RuntimeError::UnknownType(kind.clone()))
            }
        }
    }
}

#[derive(Default)]
struct State {
    apps: HashMap<Uuid, AppRun>,
    closing: bool,
}

struct Shared {
    config: RuntimeConfig,
    logs: LogHub,
    backend: Arc<dyn Backend>,
    state: Mutex<State>,
    /// Every dyno change; sending never waits, and nobody listening is fine.
    events: broadcast::Sender<DynoEvent>,
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The formation to run for a release: process types it does not have are left out (they are
/// gone from the Procfile); a type to run must have a command.
fn formation_for(
    release: &ReleaseSpec,
    formation: &[FormationSpec],
) -> Result<BTreeMap<String, Scale>, RuntimeError> {
    let mut out = BTreeMap::new();
    for f in formation {
        let Some(command) = release.process_types.get(&f.kind) else {
            continue;
        };
        if f.quantity > 0 && command.trim().is_empty() {
            return Err(RuntimeError::EmptyProcessCommand(f.kind.clone()));
        }
        out.insert(
            f.kind.clone(),
            Scale {
                quantity: f.quantity,
                size: f.size.clone(),
            },
        );
    }
    Ok(out)
}

/// `tug run worker --once` runs the `worker` command with `--once` appended, as on Heroku.
fn expand_command(release: &ReleaseSpec, command: &str) -> Result<String, RuntimeError> {
    let command = command.trim();
    if command.is_empty() {
        return Err(RuntimeError::EmptyCommand);
    }
    let (first, rest) = command
        .split_once(char::is_whitespace)
        .unwrap_or((command, ""));
    match release.process_types.get(first) {
        Some(defined) if !defined.trim().is_empty() => Ok(if rest.trim().is_empty() {
            defined.clone()
        } else {
            format!("{defined} {}", rest.trim())
        }),
        _ => Ok(command.to_owned()),
    }
}

/// Where a one-off's output goes.
enum Sink {
    Attached(mpsc::Sender<OneOffOutput>),
    Logs,
    Lines(mpsc::UnboundedSender<String>),
}

impl Runtime {
    /// A runtime with the local backend: dynos are process groups on this machine.
    pub fn new(config: RuntimeConfig, logs: LogHub) -> Runtime {
        let backend = Arc::new(LocalBackend::new(&config.root, config.wall.clone()));
        Runtime::with_backend(config, logs, backend)
    }

    pub fn with_backend(config: RuntimeConfig, logs: LogHub, backend: Arc<dyn Backend>) -> Runtime {
        Runtime {
            shared: Arc::new(Shared {
                config,
                logs,
                backend,
                state: Mutex::new(State::default()),
                events: broadcast::channel(DYNO_EVENTS).0,
            }),
        }
    }

    /// Follows every dyno change of every app: created, state changed, removed.
    pub fn dyno_events(&self) -> broadcast::Receiver<DynoEvent> {
        self.shared.events.subscribe()
    }

    fn ops(&self, app: Uuid) -> Arc<tokio::sync::Mutex<()>> {
        let mut guard = self.shared.lock();
        guard
            .apps
            .entry(app)
            .or_insert_with(AppRun::new)
            .ops
            .clone()
    }

    fn check_open(&self) -> Result<(), RuntimeError> {
        if self.shared.lock().closing {
            Err(RuntimeError::ShuttingDown)
        } else {
            Ok(())
        }
    }

    /// The image of the stack dynos run on, when the backend runs images.
    pub fn stack_image(&self) -> Option<String> {
        self.shared.backend.stack_image().map(str::to_owned)
    }

    /// The app's dynos (formation and one-offs), by type and number.
    pub fn dynos(&self, app_id: Uuid) -> Vec<DynoInfo> {
        let guard = self.shared.lock();
        let Some(run) = guard.apps.get(&app_id) else {
            return Vec::new();
        };
        let mut slots: Vec<&Slot> = run.dynos.iter().filter(|s| !s.retiring).collect();
        slots.sort_by(|a, b| {
            (a.oneoff, &a.info.kind, a.number, a.info.created_at).cmp(&(
                b.oneoff,
                &b.info.kind,
                b.number,
                b.info.created_at,
            ))
        });
        slots.into_iter().map(|s| s.info.clone()).collect()
    }

    /// Where to send the app's requests: its up web dynos, with their names.
    pub fn web_backends(&self, app_id: Uuid) -> Vec<(String, SocketAddr)> {
        let guard = self.shared.lock();
        let Some(run) = guard.apps.get(&app_id) else {
            return Vec::new();
        };
        run.dynos
            .iter()
            .filter(|s| !s.retiring && !s.oneoff && s.info.kind == "web")
            .filter(|s| s.info.state == DynoState::Up)
            .filter_map(|s| Some((s.info.name.clone(), s.addr?)))
            .collect()
    }

    /// The app should run web dynos, has some, and every one of them has crashed (the
    /// router's H10).
    pub fn crashed(&self, app_id: Uuid) -> bool {
        let guard = self.shared.lock();
        let Some(run) = guard.apps.get(&app_id) else {
            return false;
        };
        if run.formation.get("web").is_none_or(|s| s.quantity == 0) {
            return false;
        }
        let mut web = run
            .dynos
            .iter()
            .filter(|s| !s.retiring && !s.oneoff && s.info.kind == "web")
            .peekable();
        web.peek().is_some() && web.all(|s| s.info.state == DynoState::Crashed)
    }
}
