//! The life of one dyno, each in its own task: start, boot (a web dyno is up once it accepts on
//! `PORT`), run, and then crash and come back with growing backoff, or stop (SIGTERM, then
//! SIGKILL after the grace period) when the supervisor says so.

use std::net::{Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::Instant;
use uuid::Uuid;

use super::backend::{Launch, Signal, Signaller, Spawned, Stdio};
use super::{Control, DynoState, OneOffOutput, Release, RuntimeError, Shared, output};

/// How long to wait for output still in the pipes once a dyno's processes are gone.
const DRAIN_GRACE: Duration = Duration::from_secs(1);
/// How long a retired web dyno keeps running after it left the router, so requests the router
/// sent it just before finish instead of meeting a closed port.
const ROUTER_DRAIN: Duration = Duration::from_millis(750);

/// How often a booting web dyno's port is tried.
const PROBE_EVERY: Duration = Duration::from_millis(20);

/// What a dyno task knows about its dyno.
pub(super) struct DynoCtx {
    pub shared: Arc<Shared>,
    pub app: Uuid,
    pub id: Uuid,
    pub name: String,
    pub release: Arc<Release>,
    pub command: String,
    /// The dyno size (`standard-1X`), which sets its limits.
    pub size: String,
}

impl DynoCtx {
    pub fn emit(&self, message: &str) {
        self.shared
            .logs
            .emit(self.app, "heroku", &self.name, message);
    }

    fn transition(&self, state: DynoState, addr: Option<SocketAddr>) {
        self.shared.transition(self.app, self.id, state, addr, None);
    }

    fn crashed(&self, reason: String) {
        self.shared
            .transition(self.app, self.id, DynoState::Crashed, None, Some(reason));
    }

    pub async fn spawn(
        &self,
        stdio: Stdio,
        env: &std::collections::BTreeMap<String, String>,
    ) -> Result<Spawned, RuntimeError> {
        // `runtime-dyno-metadata`: each dyno also learns its own id.
        let with_id;
        let env = if self.release.spec.switches.dyno_metadata {
            let mut env = env.clone();
            env.entry("HEROKU_DYNO_ID".to_owned())
                .or_insert_with(|| self.id.to_string());
            with_id = env;
            &with_id
        } else {
            env
        };
        let mut spawned = self
            .shared
            .backend
            .spawn(Launch {
                prepared: &self.release.prepared,
                release: &self.release.spec,
                name: &self.name,
                id: self.id,
                command: &self.command,
                env,
                stdio,
                size: &self.size,
            })
            .await?;
        self.shared
            .set_placement(self.app, self.id, spawned.addr.port(), spawned.node.clone());
        // The platform's word on the dyno's resources (R14, R15) joins its log.
        if let Some(mut alerts) = spawned.alerts.take() {
            let (logs, app, name) = (self.shared.logs.clone(), self.app, self.name.clone());
            tokio::spawn(async move {
                while let Some(alert) = alerts.recv().await {
                    logs.emit(app, "heroku", &name, &alert);
                }
            });
        }
        Ok(spawned)
    }

    /// Sends each line of the dyno's stdout and stderr to the app's log.
    fn log_output(&self, spawned: &mut Spawned) -> Vec<JoinHandle<()>> {
        [spawned.stdout.take(), spawned.stderr.take()]
            .into_iter()
            .flatten()
            .map(|stream| {
                let (logs, app, name) = (self.shared.logs.clone(), self.app, self.name.clone());
                tokio::spawn(output::lines(stream, move |line| {
                    logs.emit(app, "app", &name, &line);
                }))
            })
            .collect()
    }
}

/// `5`, or `0.5` for short test settings.
pub(super) fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        d.as_secs().to_string()
    } else {
        format!("{:.1}", d.as_secs_f64())
    }
}

/// The wait before restarting after the `streak`-th crash in a row: none after the first,
/// then `restart_backoff`, doubling up to `max_backoff`.
pub(super) fn backoff(first: Duration, max: Duration, streak: u32) -> Duration {
    if streak <= 1 {
        return Duration::ZERO;
    }
    let factor = 2u32.saturating_pow(streak.saturating_sub(2).min(30));
    first.saturating_mul(factor).min(max)
}

/// Tries the port until something accepts (on IPv4 loopback, or IPv6 for servers that bind
/// `::1` only), or the timeout passes. A dyno in a network of its own is asked instead whether
/// it listens: the forwarder in front of it accepts before it does. A backend that knows
/// itself when the dyno accepts is believed instead.
async fn wait_for_port(
    addr: SocketAddr,
    network_of: Option<u32>,
    ready: Option<BoxFuture<'static, ()>>,
    timeout: Duration,
) -> Option<SocketAddr> {
    if let Some(ready) = ready {
        return tokio::time::timeout(timeout, ready)
            .await
            .ok()
            .map(|()| addr);
    }
    let deadline = Instant::now() + timeout;
    if let Some(pid) = network_of {
        let mut probe = crate::server::sandbox::PortProbe::new(pid);
        while !probe.listening(addr.port()) {
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(PROBE_EVERY).await;
        }
        return Some(addr);
    }
    let mut candidates = vec![addr];
    if addr.ip().is_loopback() && addr.is_ipv4() {
        candidates.push(SocketAddr::from((Ipv6Addr::LOCALHOST, addr.port())));
    }
    loop {
        for candidate in &candidates {
            let attempt = tokio::time::timeout(
                Duration::from_millis(500),
                tokio::net::TcpStream::connect(candidate),
            );
            if let Ok(Ok(_stream)) = attempt.await {
                return Some(*candidate);
            }
        }
        if Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(PROBE_EVERY).await;
    }
}

/// Waits for the output readers to finish, but not for long: a process that left the group
/// can keep a pipe open forever.
async fn drain(pumps: Vec<JoinHandle<()>>) {
    let deadline = Instant::now() + DRAIN_GRACE;
    for mut pump in pumps {
        if tokio::time::timeout_at(deadline, &mut pump).await.is_err() {
            pump.abort();
        }
    }
}

/// SIGTERM to every process of the dyno, SIGKILL after the grace period; the exit code.
async fn stop(ctx: &DynoCtx, signal: &Signaller, exit: &mut BoxFuture<'static, i32>) -> i32 {
    let grace = ctx.shared.config.stop_grace;
    ctx.emit("Stopping all processes with SIGTERM");
    signal(Signal::Terminate);
    match tokio::time::timeout(grace, &mut *exit).await {
        Ok(code) => code,
        Err(_) => {
            ctx.emit(&format!(
                "Error R12 (Exit timeout) -> At least one process failed to exit within {} seconds of SIGTERM",
                seconds(grace)
            ));
            ctx.emit("Stopping remaining processes with SIGKILL");
            signal(Signal::Kill);
            exit.await
        }
    }
}

enum Ended {
    Exited(i32),
    BootTimeout,
    Told(Option<Control>),
}

/// A dyno of the formation: runs until retired, coming back after every crash.
pub(super) async fn formation(
    ctx: DynoCtx,
    web: bool,
    mut control: mpsc::UnboundedReceiver<Control>,
) {
    let config = ctx.shared.config.clone();
    let env = ctx.release.spec.config.clone();
    // Crashes in a row; reset by a stop, and by staying up long enough.
    let mut streak: u32 = 0;
    let mut delay = Duration::ZERO;
    loop {
        if !delay.is_zero() && !wait_to_restart(&ctx, &mut control, delay, &mut streak).await {
            return;
        }
        delay = Duration::ZERO;

        ctx.transition(DynoState::Starting, None);
        ctx.emit(&format!("Starting process with command `{}`", ctx.command));
        let mut spawned = match ctx.spawn(Stdio::Output, &env).await {
            Ok(spawned) => spawned,
            Err(e) => {
                ctx.emit(&format!("Error: {e}"));
                streak += 1;
                ctx.crashed(e.to_string());
                delay = backoff(config.restart_backoff, config.max_backoff, streak)
                    .max(config.restart_backoff);
                continue;
            }
        };
        let pumps = ctx.log_output(&mut spawned);
        let Spawned {
            addr,
            network_of,
            ready,
            signal,
            mut exit,
            ..
        } = spawned;

        let mut ended = None;
        if web {
            tokio::select! {
                bound = wait_for_port(addr, network_of, ready, config.boot_timeout) => match bound {
                    Some(bound) => ctx.transition(DynoState::Up, Some(bound)),
                    None => ended = Some(Ended::BootTimeout),
                },
                code = &mut exit => ended = Some(Ended::Exited(code)),
                message = control.recv() => ended = Some(Ended::Told(message)),
            }
        } else {
            ctx.transition(DynoState::Up, None);
        }
        let up_since = ended.is_none().then(Instant::now);
        let ended = match ended {
            Some(ended) => ended,
            None => tokio::select! {
                code = &mut exit => Ended::Exited(code),
                message = control.recv() => Ended::Told(message),
            },
        };

        match ended {
            Ended::Exited(code) => {
                drop(exit);
                drain(pumps).await;
                ctx.emit(&format!("Process exited with status {code}"));
                if up_since.is_some_and(|t| t.elapsed() >= config.stable_after) {
                    streak = 0;
                }
                streak += 1;
                ctx.crashed(format!("the process exited with status {code}"));
                delay = backoff(config.restart_backoff, config.max_backoff, streak);
            }
            Ended::BootTimeout => {
                kill_after_boot_timeout(&ctx, config.boot_timeout, &signal, exit, pumps).await;
                streak += 1;
                delay = backoff(config.restart_backoff, config.max_backoff, streak);
            }
            Ended::Told(message) => {
                ctx.transition(DynoState::Down, None);
                if matches!(message, Some(Control::Retire)) && ctx.name.starts_with("web.") {
                    tokio::time::sleep(ROUTER_DRAIN).await;
                }
                let code = stop(&ctx, &signal, &mut exit).await;
                drop(exit);
                drain(pumps).await;
                ctx.emit(&format!("Process exited with status {code}"));
                match message {
                    // `ps:stop`: the supervisor starts it again.
                    Some(Control::Stop) => streak = 0,
                    Some(Control::Retire) | None => {
                        ctx.shared.remove_slot(ctx.app, ctx.id);
                        return;
                    }
                }
            }
        }
    }
}

/// Waits out the delay before a restart. A stop meanwhile marks the dyno down and forgets its
/// crashes; a retire ends it (false).
async fn wait_to_restart(
    ctx: &DynoCtx,
    control: &mut mpsc::UnboundedReceiver<Control>,
    delay: Duration,
    streak: &mut u32,
) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(delay) => true,
        message = control.recv() => match message {
            Some(Control::Stop) => {
                ctx.transition(DynoState::Down, None);
                *streak = 0;
                true
            }
            Some(Control::Retire) | None => {
                ctx.transition(DynoState::Down, None);
                ctx.shared.remove_slot(ctx.app, ctx.id);
                false
            }
        },
    }
}

/// A web dyno that did not bind to `PORT` in time (R10): killed, and marked crashed once its
/// output is in the log.
async fn kill_after_boot_timeout(
    ctx: &DynoCtx,
    boot_timeout: Duration,
    signal: &Signaller,
    exit: BoxFuture<'static, i32>,
    pumps: Vec<JoinHandle<()>>,
) {
    ctx.emit(&format!(
        "Error R10 (Boot timeout) -> Web process failed to bind to $PORT within {} seconds of launch",
        seconds(boot_timeout)
    ));
    ctx.emit("Stopping process with SIGKILL");
    signal(Signal::Kill);
    let code = exit.await;
    drain(pumps).await;
    ctx.emit(&format!("Process exited with status {code}"));
    ctx.crashed(format!(
        "the web process failed to bind to $PORT within {} seconds of launch (R10)",
        seconds(boot_timeout)
    ));
}

/// What a one-off task needs besides its dyno.
pub(super) struct OneOffRun {
    pub exit: BoxFuture<'static, i32>,
    pub signal: Signaller,
    pub control: mpsc::UnboundedReceiver<Control>,
    /// For an attached one-off: the output channel, whose closing means the client hung up.
    pub attached: Option<mpsc::Sender<OneOffOutput>>,
    pub pumps: Vec<JoinHandle<()>>,
    /// Stopped when it runs longer than this.
    pub limit: Option<Duration>,
    pub done: oneshot::Sender<i32>,
}

/// A one-off dyno: runs once; never restarted.
pub(super) async fn oneoff(ctx: DynoCtx, run: OneOffRun) {
    let OneOffRun {
        mut exit,
        signal,
        mut control,
        attached,
        pumps,
        limit,
        done,
    } = run;
    ctx.transition(DynoState::Up, None);
    enum Ev {
        Exited(i32),
        Told,
        HungUp,
        TimedOut,
    }
    let ev = {
        let hung_up = async {
            match &attached {
                Some(out) => out.closed().await,
                None => std::future::pending().await,
            }
        };
        let timed_out = async {
            match limit {
                Some(limit) => tokio::time::sleep(limit).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            code = &mut exit => Ev::Exited(code),
            _ = control.recv() => Ev::Told,
            _ = hung_up => Ev::HungUp,
            _ = timed_out => Ev::TimedOut,
        }
    };
    let code = match ev {
        Ev::Exited(code) => code,
        Ev::Told => {
            ctx.transition(DynoState::Down, None);
            stop(&ctx, &signal, &mut exit).await
        }
        Ev::HungUp => {
            ctx.emit("Client disconnected; sending SIGHUP");
            signal(Signal::Hangup);
            ctx.transition(DynoState::Down, None);
            stop(&ctx, &signal, &mut exit).await
        }
        Ev::TimedOut => {
            ctx.emit(&format!(
                "Process ran longer than {} seconds; stopping it",
                limit.map(seconds).unwrap_or_default()
            ));
            ctx.transition(DynoState::Down, None);
            stop(&ctx, &signal, &mut exit).await
        }
    };
    drop(exit);
    drop(attached);
    drain(pumps).await;
    ctx.emit(&format!("Process exited with status {code}"));
    ctx.shared.remove_slot(ctx.app, ctx.id);
    let _ = done.send(code);
}
