//! The runtime: turns each app's current release and formation into running dynos and keeps
//! them running. State lives behind one lock; every dyno is supervised by its own task (see
//! `dyno.rs`), and processes are started by a [`Backend`] (local process groups by default).
//!
//! Lifecycle as on Heroku: a dyno is `starting`, then `up` (a web dyno once it accepts on `PORT`
//! within the boot timeout, else R10), `crashed` when it exits on its own (restarted at once the
//! first time, then with growing backoff), `down` while it is being stopped (SIGTERM to all its
//! processes, SIGKILL after the grace period, R12). New web dynos are up before old ones leave
//! the router, so a deploy or restart drops no request.

pub mod backend;
mod dyno;
mod local;
mod output;
mod slug;
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

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn emit(&self, app: Uuid, dyno: &str, message: &str) {
        self.logs.emit(app, "heroku", dyno, message);
    }

    fn announce(&self, app_id: Uuid, change: DynoChange, dyno: &DynoInfo) {
        let _ = self.events.send(DynoEvent {
            app_id,
            change,
            dyno: dyno.clone(),
        });
    }

    /// Moves a dyno to `state`, logging the change.
    fn transition(
        &self,
        app: Uuid,
        id: Uuid,
        state: DynoState,
        addr: Option<SocketAddr>,
        crash: Option<String>,
    ) {
        let changed = {
            let mut guard = self.lock();
            let Some(run) = guard.apps.get_mut(&app) else {
                return;
            };
            let Some(slot) = run.slot_mut(id) else {
                return;
            };
            let old = slot.info.state;
            slot.info.state = state;
            slot.addr = if state == DynoState::Up { addr } else { None };
            if let Some(reason) = crash {
                slot.crashes += 1;
                slot.failure = Some(reason);
            }
            if old != state {
                slot.info.updated_at = now();
            }
            let info = slot.info.clone();
            run.bump();
            (old != state).then_some((old, info))
        };
        if let Some((old, info)) = changed {
            self.emit(
                app,
                &info.name,
                &format!("State changed from {old} to {state}"),
            );
            self.announce(app, DynoChange::StateChanged { from: old }, &info);
        }
    }

    fn set_port(&self, app: Uuid, id: Uuid, port: u16) {
        let mut guard = self.lock();
        if let Some(slot) = guard.apps.get_mut(&app).and_then(|r| r.slot_mut(id)) {
            slot.info.port = Some(port);
        }
    }

    fn remove_slot(&self, app: Uuid, id: Uuid) {
        let mut guard = self.lock();
        if let Some(run) = guard.apps.get_mut(&app) {
            if let Some(slot) = run.slot_mut(id) {
                self.announce(app, DynoChange::Removed, &slot.info);
            }
            run.dynos.retain(|s| s.info.id != id);
            run.bump();
        }
    }

    /// Adds a formation dyno and starts its task (called with the state locked).
    fn start_formation(
        self: &Arc<Self>,
        app_id: Uuid,
        run: &mut AppRun,
        release: &Arc<Release>,
        kind: &str,
        number: u32,
        size: &str,
    ) -> Uuid {
        let (tx, rx) = mpsc::unbounded_channel();
        let id = Uuid::new_v4();
        let name = format!("{kind}.{number}");
        let command = release
            .spec
            .process_types
            .get(kind)
            .cloned()
            .unwrap_or_default();
        let at = now();
        run.dynos.push(Slot {
            info: DynoInfo {
                id,
                name: name.clone(),
                kind: kind.to_owned(),
                command: command.clone(),
                state: DynoState::Starting,
                release_version: release.spec.version,
                size: size.to_owned(),
                updated_at: at,
                created_at: at,
                port: None,
            },
            number,
            oneoff: false,
            retiring: false,
            crashes: 0,
            failure: None,
            addr: None,
            control: tx,
        });
        if let Some(slot) = run.dynos.last() {
            self.announce(app_id, DynoChange::Created, &slot.info);
        }
        run.bump();
        let ctx = DynoCtx {
            shared: self.clone(),
            app: app_id,
            id,
            name,
            release: release.clone(),
            command,
            size: size.to_owned(),
        };
        tokio::spawn(dyno::formation(ctx, kind == "web", rx));
        id
    }

    /// Makes the running formation dynos match the current release and formation: keeps
    /// `kind.1..=quantity` of the current release, retires the rest (so scaling down stops the
    /// highest numbers), starts what is missing. Called with the state locked.
    fn reconcile(self: &Arc<Self>, app_id: Uuid, run: &mut AppRun) {
        let Some(release) = run.current.clone() else {
            return;
        };
        let mut kept: HashSet<(String, u32)> = HashSet::new();
        let mut retire = Vec::new();
        // Newest first, so that of two dynos with one name the newer stays.
        for slot in run.dynos.iter_mut().rev() {
            if slot.oneoff || slot.retiring {
                continue;
            }
            let scale = run.formation.get(&slot.info.kind);
            // A dyno of another size has other limits: it is replaced, as on Heroku.
            let wanted = slot.info.release_version == release.spec.version
                && release.spec.process_types.contains_key(&slot.info.kind)
                && scale.is_some_and(|s| {
                    slot.number >= 1
                        && slot.number <= s.quantity
                        && slot.info.size.eq_ignore_ascii_case(&s.size)
                })
                && kept.insert((slot.info.kind.clone(), slot.number));
            if !wanted {
                retire.push(slot.info.id);
            }
        }
        for id in retire {
            run.retire(id);
        }
        let formation = run.formation.clone();
        for (kind, scale) in &formation {
            if !release.spec.process_types.contains_key(kind) {
                continue;
            }
            for number in 1..=scale.quantity {
                if !kept.contains(&(kind.clone(), number)) {
                    self.start_formation(app_id, run, &release, kind, number, &scale.size);
                }
            }
        }
        run.bump();
    }
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

    /// Makes this release and formation what runs. Dynos of another release are replaced; new
    /// web dynos must be up before the old ones leave [`Runtime::web_backends`] and get SIGTERM,
    /// so no request is dropped. Returns once the new web dynos are up (at once when there are
    /// none). When they do not come up (crash, boot timeout) they are stopped, the old dynos keep
    /// running and the error says why. Formation entries for types the release does not have
    /// are ignored, and types missing from the formation are stopped. Deploying the running
    /// release again only applies the formation.
    pub async fn deploy(
        &self,
        release: ReleaseSpec,
        formation: Vec<FormationSpec>,
    ) -> Result<(), RuntimeError> {
        let app_id = release.app_id;
        let ops = self.ops(app_id);
        let _op = ops.lock().await;
        self.check_open()?;
        let desired = formation_for(&release, &formation)?;
        let prepared = self.shared.backend.prepare(&release).await?;
        let release = Arc::new(Release {
            spec: release,
            prepared,
        });

        let new_web = {
            let mut guard = self.shared.lock();
            if guard.closing {
                return Err(RuntimeError::ShuttingDown);
            }
            let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
            let same = run
                .current
                .as_ref()
                .is_some_and(|c| c.spec.version == release.spec.version);
            let mut new_web = Vec::new();
            if !same && let Some(web) = desired.get("web") {
                for number in 1..=web.quantity {
                    let id = self
                        .shared
                        .start_formation(app_id, run, &release, "web", number, &web.size);
                    new_web.push((id, format!("web.{number}")));
                }
            }
            new_web
        };
        if let Err(e) = self.wait_up(app_id, &new_web).await {
            let mut guard = self.shared.lock();
            if let Some(run) = guard.apps.get_mut(&app_id) {
                for (id, _) in &new_web {
                    run.retire(*id);
                }
            }
            return Err(e);
        }
        let mut guard = self.shared.lock();
        if guard.closing {
            return Err(RuntimeError::ShuttingDown);
        }
        let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
        run.current = Some(release);
        run.formation = desired;
        self.shared.reconcile(app_id, run);
        Ok(())
    }

    /// Waits until the given dynos are up; fails as soon as one crashes or is gone.
    async fn wait_up(&self, app: Uuid, dynos: &[(Uuid, String)]) -> Result<(), RuntimeError> {
        if dynos.is_empty() {
            return Ok(());
        }
        let deadline = Instant::now() + self.shared.config.boot_timeout + Duration::from_secs(10);
        let Some(mut changed) = self
            .shared
            .lock()
            .apps
            .get(&app)
            .map(|r| r.changed.subscribe())
        else {
            return Err(RuntimeError::NotDeployed);
        };
        loop {
            changed.borrow_and_update();
            let pending = {
                let guard = self.shared.lock();
                let Some(run) = guard.apps.get(&app) else {
                    return Err(RuntimeError::NotDeployed);
                };
                let mut pending = false;
                for (id, name) in dynos {
                    match run.dynos.iter().find(|s| s.info.id == *id) {
                        None => {
                            return Err(RuntimeError::BootFailed {
                                dyno: name.clone(),
                                reason: "it was stopped".into(),
                            });
                        }
                        Some(slot) if slot.crashes > 0 => {
                            return Err(RuntimeError::BootFailed {
                                dyno: name.clone(),
                                reason: slot.failure.clone().unwrap_or_else(|| "it crashed".into()),
                            });
                        }
                        Some(slot) if slot.info.state != DynoState::Up => pending = true,
                        Some(_) => {}
                    }
                }
                pending
            };
            if !pending {
                return Ok(());
            }
            match tokio::time::timeout_at(deadline, changed.changed()).await {
                Ok(Ok(())) => {}
                _ => {
                    return Err(RuntimeError::BootFailed {
                        dyno: dynos[0].1.clone(),
                        reason: "it did not come up in time".into(),
                    });
                }
            }
        }
    }

    /// Changes the formation of the running release: the types given get their new quantity
    /// and size (types not given keep theirs), then dynos are started or stopped to match,
    /// the highest-numbered first. Returns without waiting for new dynos to boot.
    pub async fn scale(
        &self,
        app_id: Uuid,
        formation: Vec<FormationSpec>,
    ) -> Result<(), RuntimeError> {
        let ops = self.ops(app_id);
        let _op = ops.lock().await;
        let mut guard = self.shared.lock();
        if guard.closing {
            return Err(RuntimeError::ShuttingDown);
        }
        let run = guard
            .apps
            .get_mut(&app_id)
            .ok_or(RuntimeError::NotDeployed)?;
        let release = run.current.clone().ok_or(RuntimeError::NotDeployed)?;
        for f in &formation {
            match release.spec.process_types.get(&f.kind) {
                None if f.quantity > 0 => return Err(RuntimeError::UnknownType(f.kind.clone())),
                Some(command) if f.quantity > 0 && command.trim().is_empty() => {
                    return Err(RuntimeError::EmptyProcessCommand(f.kind.clone()));
                }
                _ => {}
            }
        }
        for f in formation {
            run.formation.insert(
                f.kind,
                Scale {
                    quantity: f.quantity,
                    size: f.size,
                },
            );
        }
        self.shared.reconcile(app_id, run);
        Ok(())
    }

    /// Restarts formation dynos: all, a process type, or one dyno (a one-off named this way is
    /// stopped: one-offs never restart). Web dynos are replaced the zero-downtime way: each
    /// replacement must be up (or have failed) before the old one leaves the router; then this
    /// returns. Other dynos are replaced at once.
    pub async fn restart(&self, app_id: Uuid, target: Target) -> Result<(), RuntimeError> {
        let ops = self.ops(app_id);
        let _op = ops.lock().await;
        let (replaced, logs) = {
            let mut guard = self.shared.lock();
            if guard.closing {
                return Err(RuntimeError::ShuttingDown);
            }
            let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
            let selected = run.select(&target, matches!(target, Target::Dyno(_)));
            if selected.is_empty() {
                return match run.unknown(&target) {
                    Some(e) => Err(e),
                    None => Ok(()),
                };
            }
            let mut replaced = Vec::new();
            let mut logs = Vec::new();
            for id in selected {
                let Some(slot) = run.slot_mut(id) else {
                    continue;
                };
                let (kind, number, size, name, oneoff) = (
                    slot.info.kind.clone(),
                    slot.number,
                    slot.info.size.clone(),
                    slot.info.name.clone(),
                    slot.oneoff,
                );
                match (oneoff, run.current.clone()) {
                    (false, Some(release)) => {
                        logs.push(name.clone());
                        let new = self
                            .shared
                            .start_formation(app_id, run, &release, &kind, number, &size);
                        if kind == "web" {
                            replaced.push((id, new, name));
                        } else {
                            run.retire(id);
                        }
                    }
                    _ => run.retire(id),
                }
            }
            (replaced, logs)
        };
        for name in logs {
            self.shared.emit(app_id, &name, "Restarting");
        }
        if !replaced.is_empty() {
            let new: Vec<(Uuid, String)> = replaced
                .iter()
                .map(|(_, new, name)| (*new, name.clone()))
                .collect();
            // Even when a replacement fails to boot, the restart goes through, as on Heroku.
            let _ = self.wait_up(app_id, &new).await;
            let mut guard = self.shared.lock();
            if let Some(run) = guard.apps.get_mut(&app_id) {
                for (old, _, _) in &replaced {
                    run.retire(*old);
                }
            }
        }
        Ok(())
    }

    /// `ps:stop`: SIGTERM, then SIGKILL after the grace period. A formation dyno stopped this
    /// way is started again by its supervisor; a one-off stays stopped. Returns at once.
    pub async fn stop(&self, app_id: Uuid, target: Target) -> Result<(), RuntimeError> {
        let mut guard = self.shared.lock();
        let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
        let selected = run.select(&target, true);
        if selected.is_empty() {
            return match run.unknown(&target) {
                Some(e) => Err(e),
                None => Ok(()),
            };
        }
        for id in selected {
            if let Some(slot) = run.slot_mut(id) {
                let _ = slot.control.send(Control::Stop);
            }
        }
        Ok(())
    }

    /// The app is gone: stops all its dynos, one-offs included, and returns once they are.
    pub async fn remove_app(&self, app_id: Uuid) {
        let ops = self.ops(app_id);
        let _op = ops.lock().await;
        {
            let mut guard = self.shared.lock();
            if let Some(run) = guard.apps.get_mut(&app_id) {
                run.current = None;
                run.formation.clear();
                let all: Vec<Uuid> = run.dynos.iter().map(|s| s.info.id).collect();
                for id in all {
                    run.retire(id);
                }
            }
        }
        let deadline = Instant::now() + self.shared.config.stop_grace + Duration::from_secs(10);
        self.wait_gone(app_id, deadline).await;
        self.shared.lock().apps.remove(&app_id);
    }

    /// Waits until an app has no dynos left, or the deadline.
    async fn wait_gone(&self, app: Uuid, deadline: Instant) {
        let Some(mut changed) = self
            .shared
            .lock()
            .apps
            .get(&app)
            .map(|r| r.changed.subscribe())
        else {
            return;
        };
        loop {
            changed.borrow_and_update();
            let empty = self
                .shared
                .lock()
                .apps
                .get(&app)
                .is_none_or(|r| r.dynos.is_empty());
            if empty {
                return;
            }
            match tokio::time::timeout_at(deadline, changed.changed()).await {
                Ok(Ok(())) => {}
                _ => return,
            }
        }
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

    /// Starts a one-off dyno (`tug run`), named `run.N`: the release's config vars plus
    /// `request.env`. Attached, it has a terminal when `request.tty` is set and pipes
    /// otherwise; detached, its output goes to the app's log.
    pub async fn run_oneoff(
        &self,
        release: &ReleaseSpec,
        request: OneOffRequest,
    ) -> Result<OneOff, RuntimeError> {
        let command = expand_command(release, &request.command)?;
        let stdio = match (request.attached, request.tty) {
            (false, _) => Stdio::Output,
            (true, Some((cols, rows))) => Stdio::Pty { cols, rows },
            (true, None) => Stdio::Pipes,
        };
        let (sink, output) = if request.attached {
            let (tx, rx) = mpsc::channel(ATTACHED_BUFFER);
            (Sink::Attached(tx), rx)
        } else {
            (Sink::Logs, mpsc::channel(1).1)
        };
        let mut env = release.config.clone();
        env.extend(request.env);
        let started = self
            .start_oneoff(
                release,
                "run",
                command,
                env,
                request.size,
                stdio,
                sink,
                None,
            )
            .await?;
        Ok(OneOff {
            id: started.id,
            name: started.name,
            stdin: started.stdin,
            output,
            control: started.control,
            exit: started.exit,
        })
    }

    /// The release phase: runs the release's `release` command as a one-off dyno named
    /// `release.N`, sends each line it prints to `out` (and the app's log), and returns its
    /// exit code. It is stopped after an hour, as on Heroku.
    pub async fn release_phase(
        &self,
        release: &ReleaseSpec,
        out: mpsc::UnboundedSender<String>,
    ) -> Result<i32, RuntimeError> {
        let command = release
            .process_types
            .get("release")
            .ok_or_else(|| RuntimeError::UnknownType("release".into()))?;
        if command.trim().is_empty() {
            return Err(RuntimeError::EmptyProcessCommand("release".into()));
        }
        let started = self
            .start_oneoff(
                release,
                "release",
                command.clone(),
                release.config.clone(),
                crate::api::DYNO_SIZE_NAME.to_owned(),
                Stdio::Output,
                Sink::Lines(out),
                Some(RELEASE_TIMEOUT),
            )
            .await?;
        Ok(started.exit.await.unwrap_or(255))
    }

    #[allow(clippy::too_many_arguments)]
    async fn start_oneoff(
        &self,
        release: &ReleaseSpec,
        kind: &str,
        command: String,
        env: BTreeMap<String, String>,
        size: String,
        stdio: Stdio,
        sink: Sink,
        limit: Option<Duration>,
    ) -> Result<Started, RuntimeError> {
        self.check_open()?;
        let prepared = self.shared.backend.prepare(release).await?;
        let release = Arc::new(Release {
            spec: release.clone(),
            prepared,
        });
        let app_id = release.spec.app_id;
        let (tx, rx) = mpsc::unbounded_channel();
        let id = Uuid::new_v4();
        let dyno_size = if size.is_empty() {
            crate::api::DYNO_SIZE_NAME.to_owned()
        } else {
            size
        };
        let name = {
            let mut guard = self.shared.lock();
            if guard.closing {
                return Err(RuntimeError::ShuttingDown);
            }
            let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
            run.next_oneoff += 1;
            let number = run.next_oneoff;
            let name = format!("{kind}.{number}");
            let at = now();
            run.dynos.push(Slot {
                info: DynoInfo {
                    id,
                    name: name.clone(),
                    kind: kind.to_owned(),
                    command: command.clone(),
                    state: DynoState::Starting,
                    release_version: release.spec.version,
                    size: dyno_size.clone(),
                    updated_at: at,
                    created_at: at,
                    port: None,
                },
                number,
                oneoff: true,
                retiring: false,
                crashes: 0,
                failure: None,
                addr: None,
                control: tx.clone(),
            });
            if let Some(slot) = run.dynos.last() {
                self.shared
                    .announce(app_id, DynoChange::Created, &slot.info);
            }
            run.bump();
            name
        };
        let ctx = DynoCtx {
            shared: self.shared.clone(),
            app: app_id,
            id,
            name: name.clone(),
            release,
            command,
            size: dyno_size,
        };
        ctx.emit(&format!("Starting process with command `{}`", ctx.command));
        let mut spawned: Spawned = match ctx.spawn(stdio, &env).await {
            Ok(spawned) => spawned,
            Err(e) => {
                ctx.emit(&format!("Error: {e}"));
                self.shared.remove_slot(app_id, id);
                return Err(e);
            }
        };
        let streams = [spawned.stdout.take(), spawned.stderr.take()];
        let mut pumps = Vec::new();
        let mut attached = None;
        match sink {
            Sink::Attached(out) => {
                let wraps: [fn(Vec<u8>) -> OneOffOutput; 2] =
                    [OneOffOutput::Stdout, OneOffOutput::Stderr];
                for (stream, wrap) in streams.into_iter().zip(wraps) {
                    if let Some(stream) = stream {
                        pumps.push(tokio::spawn(output::bytes(stream, out.clone(), wrap)));
                    }
                }
                attached = Some(out);
            }
            Sink::Logs => {
                for stream in streams.into_iter().flatten() {
                    let (logs, name) = (self.shared.logs.clone(), name.clone());
                    pumps.push(tokio::spawn(output::lines(stream, move |line| {
                        logs.emit(app_id, "app", &name, &line);
                    })));
                }
            }
            Sink::Lines(out) => {
                for stream in streams.into_iter().flatten() {
                    let (logs, name, out) = (self.shared.logs.clone(), name.clone(), out.clone());
                    pumps.push(tokio::spawn(output::lines(stream, move |line| {
                        logs.emit(app_id, "app", &name, &line);
                        let _ = out.send(line);
                    })));
                }
            }
        }
        let (done, exit) = oneshot::channel();
        let control = OneOffControl {
            control: tx,
            resize: spawned.resize.clone(),
        };
        let stdin = spawned.stdin.take();
        tokio::spawn(dyno::oneoff(
            ctx,
            OneOffRun {
                exit: spawned.exit,
                signal: spawned.signal,
                control: rx,
                attached,
                pumps,
                limit,
                done,
            },
        ));
        Ok(Started {
            id,
            name,
            stdin,
            control,
            exit,
        })
    }

    /// Stops every dyno (SIGTERM, SIGKILL after the grace period) and refuses to start more;
    /// returns once they are all gone.
    pub async fn shutdown(&self) {
        let apps: Vec<Uuid> = {
            let mut guard = self.shared.lock();
            guard.closing = true;
            for run in guard.apps.values_mut() {
                let all: Vec<Uuid> = run.dynos.iter().map(|s| s.info.id).collect();
                for id in all {
                    run.retire(id);
                }
            }
            guard.apps.keys().copied().collect()
        };
        let deadline = Instant::now() + self.shared.config.stop_grace + Duration::from_secs(10);
        for app in apps {
            self.wait_gone(app, deadline).await;
        }
    }
}

struct Started {
    id: Uuid,
    name: String,
    stdin: Option<DynoInput>,
    control: OneOffControl,
    exit: oneshot::Receiver<i32>,
}
