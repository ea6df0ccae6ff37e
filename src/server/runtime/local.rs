//! The local backend: every dyno is a process group on this machine, run by `bash` in the
//! release's unpacked slug with a clean environment.
//!
//! Dynos die with `tug server` even when it is killed without a chance to stop them: each is
//! started with a parent-death signal (from one long-lived thread, see `spawn_child`), and a
//! watchdog process learns every dyno's process group and kills the groups it still knows
//! when its input closes, which happens when the server is gone. The first catches the main
//! process, the second whatever it started.

use std::collections::BTreeMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::os::fd::OwnedFd;
use std::os::unix::process::{CommandExt as _, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use rustix::process::Pid;
use tokio::process::{Child, Command};
use tokio::sync::oneshot;

use super::backend::{
    Backend, DynoInput, DynoOutput, Launch, Prepared, Resize, Signal, Spawned, Stdio,
};
use super::pty::{PtyInput, open_pty, winsize};
use super::slug::{SlugCache, SlugDir};
use super::{ReleaseSpec, RuntimeError, alerts};
use crate::server::sandbox::{self, Guard, Wall};

/// The system directories every dyno's `PATH` starts with; the server's own `PATH` follows, so
/// that tools the build found (the buildpacks run with it) are found at run time too.
const SYSTEM_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Sources the `.profile.d` scripts and then `.profile` (Heroku's order) and runs the command
/// through a fresh `bash`, which expands `$PORT` and handles pipes and `&&` in it. The command
/// comes in as `$1` so that it is never parsed as part of this script.
pub(super) const BOOT_SCRIPT: &str = r#"__tug_command=$1
set --
for __tug_profile in .profile.d/*.sh; do
  if [ -r "$__tug_profile" ]; then . "$__tug_profile"; fi
done
unset __tug_profile
if [ -r .profile ]; then . .profile; fi
exec bash -c "$__tug_command"
"#;

/// Runs dynos as local process groups.
pub struct LocalBackend {
    slugs: SlugCache,
    watchdog: Arc<Watchdog>,
    wall: Wall,
}

impl LocalBackend {
    /// Slugs are unpacked under `root/slugs/`; dynos run inside `wall`.
    pub fn new(root: &std::path::Path, wall: Wall) -> LocalBackend {
        LocalBackend {
            slugs: SlugCache::new(root),
            watchdog: Arc::new(Watchdog::default()),
            wall,
        }
    }
}

impl Backend for LocalBackend {
    fn prepare<'a>(
        &'a self,
        release: &'a ReleaseSpec,
    ) -> BoxFuture<'a, Result<Prepared, RuntimeError>> {
        async move {
            let dir = self
                .slugs
                .get(release.slug_id, &release.slug_path)
                .await
                .map_err(|reason| RuntimeError::Slug {
                    id: release.slug_id,
                    reason,
                })?;
            if !dir.handed_over.load(Ordering::SeqCst) {
                // The app's user owns its unpacked slug, so that a dyno's copy of it is
                // writable; done once per unpacking.
                let (wall, app, path) = (self.wall.clone(), release.app_id, dir.app_dir());
                tokio::task::spawn_blocking(move || wall.hand_over(app, &path))
                    .await
                    .map_err(|e| std::io::Error::other(e.to_string()))
                    .and_then(|r| r)
                    .map_err(|e| RuntimeError::Slug {
                        id: release.slug_id,
                        reason: format!("cannot give it to the app's user: {e}"),
                    })?;
                dir.handed_over.store(true, Ordering::SeqCst);
            }
            Ok(dir as Prepared)
        }
        .boxed()
    }

    fn spawn<'a>(&'a self, launch: Launch<'a>) -> BoxFuture<'a, Result<Spawned, RuntimeError>> {
        async move {
            let slug = launch.prepared_as::<SlugDir>()?;
            spawn_local(&slug, &launch, &self.watchdog, &self.wall)
                .await
                .map_err(|e| launch.failed(e.to_string()))
        }
        .boxed()
    }
}

async fn spawn_local(
    slug: &SlugDir,
    launch: &Launch<'_>,
    watchdog: &Arc<Watchdog>,
    wall: &Wall,
) -> io::Result<Spawned> {
    let home = if wall.enabled() {
        PathBuf::from("/app")
    } else {
        slug.app_dir()
    };
    // A network made ahead of time comes with its port.
    let network = wall.ready_network();
    let port = match network.as_ref().and_then(sandbox::Ready::port) {
        Some(port) => port,
        None => crate::server::ports::free_port()?,
    };
    let terminal = matches!(launch.stdio, Stdio::Pty { .. });

    let env = dyno_env(launch, &home, port, terminal);

    let (quota, _) = sandbox::dyno_limits(launch.size);
    let net = sandbox::Net::Own {
        inbound: Some(port),
        ready: network,
    };
    let (mut child, guard, master, pipes) =
        match boot_command(slug, launch, wall, &home, env, net).await? {
            Boot::Direct(mut cmd) => {
                let master = set_stdio(&mut cmd, &launch.stdio)?;
                if !terminal {
                    // A terminal session leads its own group (see `harden`).
                    cmd.process_group(0);
                }
                harden(&mut cmd, terminal);
                let mut child = spawn_child(cmd).await?;
                let pipes: Pipes = (
                    child.stdin.take().map(|s| Box::pin(s) as _),
                    child.stdout.take().map(|s| Box::pin(s) as _),
                    child.stderr.take().map(|s| Box::pin(s) as _),
                );
                (sandbox::Child::Direct(child), None, master, pipes)
            }
            // Inside the wall, the sandbox's first process makes the terminal session, and the
            // helper leads a process group of its own.
            Boot::Walled(walled) => {
                let (master, streams) = match launch.stdio {
                    Stdio::Output => (None, sandbox::Streams::piped(false, true)?),
                    Stdio::Pipes => (None, sandbox::Streams::piped(true, true)?),
                    Stdio::Pty { cols, rows } => {
                        let (master, slave) = open_pty(cols, rows)?;
                        (Some(master), sandbox::Streams::terminal(slave)?)
                    }
                };
                let process = walled.launch.spawn(streams.fds()).await?;
                // Only the dyno holds its ends now (a terminal's end of file needs that).
                let pipes: Pipes = (
                    streams.stdin.map(|s| Box::pin(s) as _),
                    streams.stdout.map(|s| Box::pin(s) as _),
                    streams.stderr.map(|s| Box::pin(s) as _),
                );
                (
                    sandbox::Child::Walled(process),
                    Some(Arc::new(walled.guard)),
                    master,
                    pipes,
                )
            }
        };
    let pgid = child
        .id()
        .and_then(|id| i32::try_from(id).ok())
        .and_then(Pid::from_raw)
        .ok_or_else(|| io::Error::other("the process has no id"))?;
    let group = Arc::new(Group {
        pgid,
        gone: AtomicBool::new(false),
    });
    watchdog.tell('+', pgid);
    // The helper is the process whose network the dyno is in.
    let network_of = guard
        .as_ref()
        .filter(|g| g.own_network())
        .and_then(|_| child.id());

    let (stdin, stdout, stderr, resize) = dyno_streams(master, pipes)?;

    let signaller = group.clone();
    let (alerts, memory) = match &guard {
        Some(g) => {
            let (rx, memory) = watch_memory(launch, g, quota, &group);
            (Some(rx), Some(memory))
        }
        None => (None, None),
    };
    let kill_guard = KillOnDrop(group.clone(), watchdog.clone());
    let exit = async move {
        let _guard = kill_guard;
        let status = child.wait().await;
        group.gone.store(true, Ordering::SeqCst);
        // The kernel may have ended the dyno before the watch saw why.
        if let (Some(memory), Some(cgroup)) = (&memory, guard.as_ref().and_then(|g| g.group())) {
            memory.r15(cgroup);
        }
        // The sandbox's scratch space and group go once the dyno is gone.
        drop(guard);
        match status {
            Ok(status) => status
                .code()
                .or_else(|| status.signal().map(|n| 128 + n))
                .unwrap_or(255),
            Err(_) => 255,
        }
    }
    .boxed();

    Ok(Spawned {
        addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        network_of,
        ready: None,
        stdin,
        stdout,
        stderr,
        signal: Arc::new(move |signal| signaller.signal(signal)),
        resize,
        exit,
        alerts,
        node: None,
    })
}

/// Starts watching a sandboxed dyno's memory against its quota (R14, R15, runtime metrics);
/// the watch's messages for the app's log arrive on the receiver.
fn watch_memory(
    launch: &Launch<'_>,
    guard: &Arc<Guard>,
    quota: u64,
    group: &Arc<Group>,
) -> (tokio::sync::mpsc::UnboundedReceiver<String>, Arc<Memory>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let memory = Arc::new(Memory {
        guard: Arc::downgrade(guard),
        quota,
        tx,
        r15: AtomicBool::new(false),
        metrics: alerts::metrics_source(launch),
    });
    tokio::spawn(memory.clone().watch(group.clone()));
    (rx, memory)
}

/// The dyno's environment: the platform's variables, the release's config and the request's
/// additions (those that cannot be in an environment left out), then `PORT` and `DYNO`.
pub(super) fn dyno_env(
    launch: &Launch<'_>,
    home: &Path,
    port: u16,
    terminal: bool,
) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    env.insert("PATH".to_owned(), dyno_path());
    env.insert("HOME".to_owned(), home.to_string_lossy().into_owned());
    env.insert("LANG".to_owned(), "C.UTF-8".to_owned());
    if terminal {
        env.insert("TERM".to_owned(), "xterm-256color".to_owned());
    }
    for (name, value) in launch.env {
        // Names and values that cannot be in an environment are left out rather than failing.
        if !name.is_empty() && !name.contains(['=', '\0']) && !value.contains('\0') {
            env.insert(name.clone(), value.clone());
        }
    }
    env.insert("PORT".to_owned(), port.to_string());
    env.insert("DYNO".to_owned(), launch.name.to_owned());
    env
}

/// How a dyno boots: inside the wall, or as a plain command.
enum Boot {
    Direct(Command),
    Walled(sandbox::Walled),
}

/// What boots the dyno: inside the wall when it is up, else `bash` in the slug's app directory
/// with only the dyno's environment.
async fn boot_command(
    slug: &SlugDir,
    launch: &Launch<'_>,
    wall: &Wall,
    home: &Path,
    env: BTreeMap<String, String>,
    net: sandbox::Net,
) -> io::Result<Boot> {
    let terminal = matches!(launch.stdio, Stdio::Pty { .. });
    let (quota, limits) = sandbox::dyno_limits(launch.size);
    Ok(if wall.enabled() {
        let walled = wall
            .prepare(sandbox::Request {
                name: launch.name.to_owned(),
                app: launch.release.app_id,
                argv: ["bash", "-c", BOOT_SCRIPT, "bash", launch.command]
                    .map(str::to_owned)
                    .to_vec(),
                env: env.into_iter().collect(),
                cwd: "/app".to_owned(),
                terminal,
                limits,
                tmp_bytes: quota,
                writable: Vec::new(),
                read_only: Vec::new(),
                app_dir: Some(slug.app_dir()),
                net,
            })
            .await?;
        Boot::Walled(walled)
    } else {
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg(BOOT_SCRIPT)
            .arg("bash")
            .arg(launch.command)
            .current_dir(home)
            .env_clear()
            .envs(&env);
        Boot::Direct(cmd)
    })
}

/// Connects the dyno's standard streams as `stdio` asks; returns the terminal's master end for
/// a terminal.
fn set_stdio(cmd: &mut Command, stdio: &Stdio) -> io::Result<Option<OwnedFd>> {
    let mut master = None;
    match *stdio {
        Stdio::Output => {
            cmd.stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
        }
        Stdio::Pipes => {
            cmd.stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
        }
        Stdio::Pty { cols, rows } => {
            let (m, slave) = open_pty(cols, rows)?;
            cmd.stdin(slave.try_clone()?)
                .stdout(slave.try_clone()?)
                .stderr(slave);
            master = Some(m);
        }
    }
    Ok(master)
}

/// A dyno's input, output and error output as pipes (none for a terminal).
type Pipes = (Option<DynoInput>, Option<DynoOutput>, Option<DynoOutput>);

/// The dyno's input, output, error output and resizer: a terminal's master end serves for all,
/// else the dyno's pipes.
fn dyno_streams(master: Option<OwnedFd>, pipes: Pipes) -> io::Result<DynoStreams> {
    Ok(match master {
        Some(master) => {
            // The master end serves as input and output (an `EIO` on reading it is the
            // end: every process has closed the terminal) and sets the size.
            use tokio::net::unix::pipe;
            let input = pipe::Sender::from_owned_fd_unchecked(master.try_clone()?)?;
            let output = pipe::Receiver::from_owned_fd_unchecked(master.try_clone()?)?;
            (
                Some(Box::pin(PtyInput(input)) as _),
                Some(Box::pin(output) as _),
                None,
                Some(Arc::new(move |cols, rows| {
                    let _ = rustix::termios::tcsetwinsize(&master, winsize(cols, rows));
                })),
            )
        }
        None => (pipes.0, pipes.1, pipes.2, None),
    })
}

type DynoStreams = (
    Option<DynoInput>,
    Option<DynoOutput>,
    Option<DynoOutput>,
    Option<Resize>,
);

/// How often a dyno's memory is read.
const MEMORY_EVERY: Duration = Duration::from_millis(500);

/// Watches a sandboxed dyno's memory as Heroku does: over the quota, `Error R14` (every 20 s
/// while it stays there); when the kernel had to kill a process at twice the quota, `Error R15`
/// and the whole dyno is killed, to be restarted like any crash.
struct Memory {
    guard: std::sync::Weak<sandbox::Guard>,
    quota: u64,
    tx: tokio::sync::mpsc::UnboundedSender<String>,
    /// R15 was said: it is said once.
    r15: AtomicBool,
    /// `log-runtime-metrics`: the `source=web.1 dyno=heroku.APP.ID` that starts each sample.
    metrics: Option<String>,
}

impl Memory {
    async fn watch(self: Arc<Self>, group: Arc<Group>) {
        let mut last_r14: Option<tokio::time::Instant> = None;
        let mut last_sample = (tokio::time::Instant::now(), None::<u64>);
        loop {
            tokio::time::sleep(MEMORY_EVERY).await;
            let Some(guard) = self.guard.upgrade() else {
                return;
            };
            let Some(cgroup) = guard.group() else {
                return;
            };
            if self.r15(cgroup) {
                group.signal(Signal::Kill);
                return;
            }
            let used = cgroup.memory_used();
            if let Some(source) = &self.metrics {
                let cpu = cgroup.cpu_used_usec();
                if last_sample.1.is_none() {
                    last_sample.1 = cpu;
                }
                let elapsed = last_sample.0.elapsed();
                if elapsed >= alerts::METRICS_EVERY {
                    let load = match (last_sample.1, cpu) {
                        (Some(before), Some(now)) => {
                            now.saturating_sub(before) as f64 / 1e6 / elapsed.as_secs_f64()
                        }
                        _ => 0.0,
                    };
                    last_sample = (tokio::time::Instant::now(), cpu);
                    let _ = self
                        .tx
                        .send(alerts::metrics_sample(source, used, self.quota, load));
                }
            }
            if used > self.quota && last_r14.is_none_or(|at| at.elapsed() >= alerts::R14_EVERY) {
                last_r14 = Some(tokio::time::Instant::now());
                for line in alerts::r14(used, self.quota) {
                    let _ = self.tx.send(line);
                }
            }
        }
    }

    /// Says R15 when the kernel killed in the group; `true` when it did just now.
    fn r15(&self, cgroup: &sandbox::cgroup::Group) -> bool {
        if cgroup.oom_kills() == 0 || self.r15.swap(true, Ordering::SeqCst) {
            return false;
        }
        for line in alerts::r15(self.quota) {
            let _ = self.tx.send(line);
        }
        true
    }
}

/// `PATH` for dynos: the system directories, then the server's own absolute entries.
fn dyno_path() -> String {
    let mut dirs: Vec<String> = SYSTEM_PATH.split(':').map(str::to_owned).collect();
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if let Some(dir) = dir.to_str()
                && dir.starts_with('/')
                && !dir.contains(':')
                && !dirs.iter().any(|d| d == dir)
            {
                dirs.push(dir.to_owned());
            }
        }
    }
    dirs.join(":")
}

/// The process group of one dyno.
struct Group {
    pgid: Pid,
    /// The leader has been reaped: its id may belong to someone else now.
    gone: AtomicBool,
}

impl Group {
    fn signal(&self, signal: Signal) {
        if self.gone.load(Ordering::SeqCst) {
            return;
        }
        let signal = match signal {
            Signal::Hangup => rustix::process::Signal::HUP,
            Signal::Terminate => rustix::process::Signal::TERM,
            Signal::Kill => rustix::process::Signal::KILL,
        };
        let _ = rustix::process::kill_process_group(self.pgid, signal);
    }
}

/// Kills what is left of the group when the dyno's exit future goes away. A group outlives its
/// leader while any member lives, so its id cannot have been reused by then.
struct KillOnDrop(Arc<Group>, Arc<Watchdog>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if self.0.pgid.as_raw_nonzero().get() > 1 {
            let _ = rustix::process::kill_process_group(self.0.pgid, rustix::process::Signal::KILL);
        }
        self.1.tell('-', self.0.pgid);
    }
}

/// Kills the process groups it was told about (`+PGID`, and `-PGID` once gone) when its input
/// ends: when the server exits, however it exits. It ignores the signals a terminal sends, and
/// leads its own group, so that it outlives the server by just the time to do that.
const WATCHDOG_SCRIPT: &str = r#"trap '' INT TERM HUP QUIT
declare -A groups=()
while IFS=' ' read -r op pgid; do
  [[ $pgid =~ ^[0-9]+$ ]] && (( pgid > 1 )) || continue
  case $op in
    +) groups[$pgid]=1 ;;
    -) unset "groups[$pgid]" ;;
  esac
done
for pgid in "${!groups[@]}"; do kill -KILL -- "-$pgid" 2> /dev/null; done
"#;

/// The watchdog process, started with the first dyno.
#[derive(Default)]
struct Watchdog {
    process: Mutex<Option<(std::process::Child, std::process::ChildStdin)>>,
    failed: AtomicBool,
}

impl Watchdog {
    fn tell(&self, op: char, pgid: Pid) {
        use std::io::Write;
        let mut process = crate::sync::lock(&self.process);
        if process.is_none() && !self.failed.load(Ordering::SeqCst) {
            let started = std::process::Command::new("bash")
                .arg("-c")
                .arg(WATCHDOG_SCRIPT)
                .env_clear()
                .env("PATH", SYSTEM_PATH)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .process_group(0)
                .spawn();
            match started {
                Ok(mut child) => *process = child.stdin.take().map(|stdin| (child, stdin)),
                Err(e) => {
                    self.failed.store(true, Ordering::SeqCst);
                    tracing::warn!("cannot start the dyno watchdog: {e}");
                }
            }
        }
        if let Some((_, stdin)) = process.as_mut() {
            // A pipe write this short never blocks for long: the watchdog only reads.
            let _ = writeln!(stdin, "{op} {}", pgid.as_raw_nonzero());
        }
    }
}

impl Drop for Watchdog {
    /// The backend is gone, and so are its dynos: the watchdog kills what is left and exits.
    fn drop(&mut self) {
        let process = self.process.get_mut().unwrap_or_else(|p| p.into_inner());
        if let Some((mut child, stdin)) = process.take() {
            drop(stdin);
            let reap = move || {
                let _ = child.wait();
            };
            if std::thread::Builder::new()
                .name("tug-watchdog-reaper".into())
                .spawn(reap)
                .is_err()
            {
                tracing::warn!("cannot wait for the dyno watchdog");
            }
        }
    }
}

/// Dynos die with the server: a parent-death signal, checked against a parent that died
/// before it was set. A terminal session also gets its own session with the terminal as the
/// controlling one (which makes it a process group leader, like `process_group(0)`).
#[allow(unsafe_code)]
fn harden(cmd: &mut Command, terminal: bool) {
    let parent = rustix::process::getpid();
    let hook = move || -> io::Result<()> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL))?;
            if rustix::process::getppid() != Some(parent) {
                return Err(io::Error::from(rustix::io::Errno::SRCH));
            }
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let _ = parent;
        if terminal {
            rustix::process::setsid()?;
            rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
        }
        Ok(())
    };
    // SAFETY: the hook runs in the forked child before `exec`. It only makes system calls that
    // are async-signal-safe (prctl, getppid, setsid, ioctl), allocates nothing, takes no locks
    // and touches no state shared with the parent's other threads.
    unsafe {
        cmd.pre_exec(hook);
    }
}

/// A parent-death signal fires when the *thread* that forked the child exits, so every dyno is
/// forked by one thread that lives as long as the process.
async fn spawn_child(cmd: Command) -> io::Result<Child> {
    struct Job {
        cmd: Command,
        runtime: tokio::runtime::Handle,
        reply: oneshot::Sender<io::Result<Child>>,
    }
    static SPAWNER: OnceLock<Option<std::sync::mpsc::Sender<Job>>> = OnceLock::new();
    let spawner = SPAWNER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("tug-dyno-spawner".into())
            .spawn(move || {
                for job in rx {
                    let Job {
                        mut cmd,
                        runtime,
                        reply,
                    } = job;
                    let child = {
                        let _context = runtime.enter();
                        cmd.spawn()
                    };
                    // Closes this side's copies of a terminal's slave end.
                    drop(cmd);
                    let _ = reply.send(child);
                }
            })
            .ok()
            .map(|_| tx)
    });
    let Some(spawner) = spawner else {
        let mut cmd = cmd;
        return cmd.spawn();
    };
    let (reply, child) = oneshot::channel();
    let job = Job {
        cmd,
        runtime: tokio::runtime::Handle::current(),
        reply,
    };
    if let Err(std::sync::mpsc::SendError(job)) = spawner.send(job) {
        let mut cmd = job.cmd;
        return cmd.spawn();
    }
    child
        .await
        .unwrap_or_else(|_| Err(io::Error::other("the spawner thread is gone")))
}
