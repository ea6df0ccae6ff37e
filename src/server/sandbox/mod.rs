//! The wall around app code. Every process the server starts for an app (a dyno, a one-off,
//! the release phase, a buildpack script) is launched through [`Wall::command`]: it runs as the
//! app's own unprivileged user, in its own mount, PID, IPC and UTS namespaces, on a read-only
//! stack (the host's system directories) with only the paths its job needs, a private `/tmp`,
//! and a control group that caps its memory and process count.
//!
//! The namespaces and mounts are hakoniwa's; they are set up by a helper process (see
//! `helper.rs`) because setting them up means forking, which a multi-threaded server must not
//! do with anything but `exec` after it. Helpers are forked by the launcher, a small process
//! the server starts once (see `launcher.rs`).

pub mod cgroup;
mod helper;
pub mod launcher;
mod listeners;
mod network;
mod pool;
mod spec;

pub use listeners::PortProbe;
pub use network::Ready;
mod syscalls;

use std::fs;
use std::io;
use std::os::fd::{AsFd as _, BorrowedFd, OwnedFd};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use uuid::Uuid;

use cgroup::{Group, Hierarchy, QuickMoves};
pub use cgroup::{Limits, dyno_limits};
use launcher::Launcher;
pub use launcher::{Child, Process, Streams};
pub use spec::{Network, Overlay, Spec};

/// `--sandbox`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Wall off app code wherever this kernel allows, and say what it could not do.
    Auto,
    /// Refuse to start without the whole wall.
    On,
    /// Run app code as the server's own user, with the server's view of the machine.
    Off,
}

/// The host paths that make up the stack every sandbox sees, read-only.
const STACK_DIRS: &[&str] = &[
    "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
];
/// What of the host's `/etc` programs need: name resolution, certificates, time zones, the
/// dynamic linker's cache, alternatives (Debian's `awk`, `editor` and friends).
const STACK_ETC: &[&str] = &[
    "alternatives",
    "ca-certificates",
    "ca-certificates.conf",
    "debian_version",
    "gai.conf",
    "host.conf",
    "hosts",
    "inputrc",
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "mime.types",
    "nsswitch.conf",
    "os-release",
    "protocols",
    "python3",
    "python3.11",
    "resolv.conf",
    "services",
    "ssl",
    "terminfo",
    "timezone",
];

/// `DATA/sandboxes`, emptied of what a server that did not stop cleanly left (its networks'
/// pastas first), for the server and its helpers only.
fn fresh_scratch(data_dir: &Path) -> io::Result<PathBuf> {
    let scratch = data_dir.join(SCRATCH);
    if scratch.exists() {
        network::end_all(&scratch);
        let _ = fs::remove_dir_all(&scratch);
    }
    fs::create_dir_all(&scratch)?;
    fs::set_permissions(&scratch, fs::Permissions::from_mode(0o700))?;
    Ok(scratch)
}

/// What every sandbox sees of the host: directories mounted read-only, as (host path, path
/// inside), and what each sandbox's own root gets as copies. Copies rather than mounts where
/// they are small: each mount costs the sandbox two mounts at start and its share of the
/// teardown at the end, while copying the dozen `/etc` files and the few small `/etc`
/// directories (about 150 KB), and making the links of a merged `/usr` (`/bin` to `usr/bin`),
/// costs far less. The root is then the sandbox's own: owned by root, or, for a server that is
/// not root, by its user, and seen by no other sandbox.
#[derive(Clone)]
struct Stack {
    mounts: Vec<(PathBuf, String)>,
    /// In order: a directory before what is in it.
    copies: Vec<Copied>,
}

/// One thing copied into a sandbox's root, at a path relative to it.
#[derive(Clone, Debug, PartialEq)]
enum Copied {
    Dir(String),
    /// A file's content: a link on the host is followed.
    File(PathBuf, String),
    /// A symbolic link pointing where the host's does.
    Link(PathBuf, String),
}

/// A directory of `/etc` with at most this many entries is copied; a bigger one is mounted.
const SMALL_DIR: usize = 16;

fn host_stack() -> Stack {
    let mut stack = Stack {
        mounts: Vec::new(),
        copies: Vec::new(),
    };
    let mounted: Vec<&str> = STACK_DIRS
        .iter()
        .copied()
        .filter(|dir| fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()))
        .collect();
    for dir in STACK_DIRS {
        let path = Path::new(dir);
        let inside = dir.trim_start_matches('/').to_owned();
        // `/bin` is often a link into `/usr`: the same link, where it leads is mounted.
        match (fs::read_link(path), fs::canonicalize(path)) {
            (Ok(target), Ok(real)) if mounted.iter().any(|m| real.starts_with(m)) => {
                stack.copies.push(Copied::Link(target, inside));
            }
            (_, Ok(real)) if real.is_dir() => stack.mounts.push((real, (*dir).to_owned())),
            _ => {}
        }
    }
    for name in STACK_ETC {
        let path = Path::new("/etc").join(name);
        let inside = format!("etc/{name}");
        match fs::canonicalize(&path) {
            Ok(real) if real.is_dir() => match small_tree(&real, &inside) {
                Some(copies) => stack.copies.extend(copies),
                None => stack.mounts.push((real, format!("/{inside}"))),
            },
            Ok(real) => stack.copies.push(Copied::File(real, inside)),
            Err(_) => {}
        }
    }
    stack
}

/// The copies that make `dir` at `inside`, if it has at most [`SMALL_DIR`] entries.
fn small_tree(dir: &Path, inside: &str) -> Option<Vec<Copied>> {
    let mut copies = vec![Copied::Dir(inside.to_owned())];
    let mut pending = vec![(dir.to_path_buf(), inside.to_owned())];
    while let Some((host, at)) = pending.pop() {
        for entry in fs::read_dir(&host).ok()? {
            let entry = entry.ok()?;
            let path = entry.path();
            let name = format!("{at}/{}", entry.file_name().to_str()?);
            let kind = entry.file_type().ok()?;
            if kind.is_symlink() {
                copies.push(Copied::Link(fs::read_link(&path).ok()?, name));
            } else if kind.is_dir() {
                copies.push(Copied::Dir(name.clone()));
                pending.push((path, name));
            } else if kind.is_file() {
                copies.push(Copied::File(path, name));
            }
            if copies.len() > SMALL_DIR + 1 {
                return None;
            }
        }
    }
    Some(copies)
}

/// Makes the stack's copies in a sandbox's `root`; one gone since the server started is left
/// out, as it would be at the server's next start. `resolv_conf`, when given, is written in
/// place of the host's (see [`network::own_resolv_conf`]).
fn copy_stack(root: &Path, copies: &[Copied], resolv_conf: Option<&str>) -> io::Result<()> {
    const RESOLV_CONF: &str = "etc/resolv.conf";
    for copied in copies {
        let made = match copied {
            Copied::Dir(path) => fs::create_dir(root.join(path)),
            Copied::File(_, path) if resolv_conf.is_some() && path == RESOLV_CONF => Ok(()),
            Copied::File(host, path) => fs::copy(host, root.join(path)).map(drop),
            Copied::Link(target, path) => std::os::unix::fs::symlink(target, root.join(path)),
        };
        match made {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    if let Some(text) = resolv_conf {
        fs::write(root.join(RESOLV_CONF), text)?;
    }
    Ok(())
}

/// What of the wall this machine cannot give, and why, for the start line.
fn missing(
    as_root: bool,
    no_cgroups: bool,
    (with_network, network_failed): (bool, Option<&str>),
) -> Vec<String> {
    let mut missing = Vec::new();
    if !as_root {
        missing.push("a uid per app (the server is not root)".to_owned());
    }
    if no_cgroups {
        missing.push("limits (no usable cgroup hierarchy)".to_owned());
    }
    match (network_failed, with_network, as_root) {
        (Some(e), _, _) => missing.push(format!("a network per dyno (pasta failed: {e})")),
        (None, false, true) => {
            missing.push("a network per dyno (no `pasta`: install the `passt` package)".to_owned())
        }
        (None, false, false) => {
            missing.push("a network per dyno (the server is not root)".to_owned())
        }
        (None, true, _) => {}
    }
    missing
}

/// The identity files of a sandbox's root: the app's user as `dyno`, at home in `home`.
fn write_identity(root: &Path, uid: u32, home: &str) -> io::Result<()> {
    fs::create_dir_all(root.join("etc"))?;
    fs::write(
        root.join("etc/passwd"),
        format!("root:x:0:0:root:/root:/bin/sh\ndyno:x:{uid}:{uid}::{home}:/bin/bash\n"),
    )?;
    fs::write(
        root.join("etc/group"),
        format!("root:x:0:\ndyno:x:{uid}:\n"),
    )
}

/// The writable, throw-away `/app` over `lower`, its layers in the sandbox's `dir`.
fn app_overlay(dir: &Path, lower: &Path, user: Option<u32>) -> io::Result<Overlay> {
    let (upper, work) = (dir.join("upper"), dir.join("work"));
    fs::create_dir(&upper)?;
    fs::create_dir(&work)?;
    if let Some(uid) = user {
        chown_tree(&upper, uid)?;
    }
    Ok(Overlay {
        lower: lower.to_path_buf(),
        upper,
        work,
        target: "/app".to_owned(),
    })
}

/// In a sandbox's scratch space: the id of the pasta serving its network.
pub(crate) const PASTA_PID: &str = "pasta.pid";

/// The data dir's directory of sandboxes' scratch space (roots, overlays, networks' files).
const SCRATCH: &str = "sandboxes";

/// Where, in the data dir, the hierarchy for quick moves into groups is mounted.
const QUICK_MOVES: &str = "cgroup-quick-moves";

/// `tug server leftovers DATA`: pasta serves a namespace it holds itself, so it cannot notice
/// that the server and its dynos are gone, and a mount stays until it is unmounted. This
/// process, started once by the server, reads its standard input, a pipe only the server holds
/// open; when that ends (the server exited, however, SIGKILL included) it ends the pastas the
/// server left, those it was starting included, and unmounts its hierarchy for quick moves. (A
/// server killed before this process started is tidied by its next start.)
pub fn end_leftovers(data_dir: &Path) -> crate::ExitStatus {
    use nix::sys::signal::{SigHandler, Signal, signal};
    // A Ctrl-C at the terminal reaches the whole process group: the server then stops its
    // dynos itself, and this process stays for what it could not stop.
    for s in [
        Signal::SIGINT,
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGQUIT,
    ] {
        // SAFETY: ignoring a signal installs no handler code.
        #[allow(unsafe_code)]
        let _ = unsafe { signal(s, SigHandler::SigIgn) };
    }
    let mut sink = [0u8; 64];
    let mut stdin = io::stdin().lock();
    while io::Read::read(&mut stdin, &mut sink).is_ok_and(|n| n > 0) {}
    network::end_all(&data_dir.join(SCRATCH));
    QuickMoves::unmount_at(&data_dir.join(QUICK_MOVES));
    crate::ExitStatus::Success
}

/// Starts `tug server leftovers` for `data_dir`; the returned end of its pipe must stay open,
/// and in this process only, for as long as the server runs.
fn start_ending_leftovers(
    exe: &Path,
    data_dir: &Path,
) -> io::Result<(OwnedFd, std::process::Child)> {
    // Both ends close on exec: the other process's end becomes its standard input, and no
    // other process the server starts keeps the server's end open.
    let (read, write) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let child = std::process::Command::new(exe)
        .args(["server", "leftovers"])
        .arg(data_dir)
        .stdin(std::process::Stdio::from(read))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    Ok((write, child))
}

/// The first uid handed to apps; each app gets one of the next million, from its id.
const FIRST_APP_UID: u32 = 1_000_000;

/// How the wall stands on this server, decided once at start.
#[derive(Clone)]
pub struct Wall {
    inner: Option<Arc<Inner>>,
    missing: Vec<String>,
    reach: Arc<RwLock<Vec<PortSource>>>,
}

/// Host loopback ports a dyno in a network of its own may reach, asked for at each start.
type PortSource = Arc<dyn Fn() -> Vec<u16> + Send + Sync>;

struct Inner {
    launcher: Arc<Launcher>,
    scratch: PathBuf,
    cgroups: Option<Hierarchy>,
    /// Mounted while the server runs, when the kernel allows (see [`QuickMoves`]).
    quick_moves: Option<QuickMoves>,
    /// The pipe that keeps `tug server leftovers` waiting, and that process (see
    /// [`end_leftovers`]), when the server leaves anything a kill would strand.
    ender: Arc<Mutex<Option<(OwnedFd, std::process::Child)>>>,
    as_root: bool,
    stack: Stack,
    /// pasta, when each dyno gets a network of its own.
    pasta: Option<spec::Pasta>,
    /// Networks made ahead of time, when dynos get networks of their own.
    pool: Option<Arc<pool::Pool>>,
    /// What a sandbox with a network of its own has as `/etc/resolv.conf` when the host's
    /// names a resolver it cannot reach (see [`network::own_resolv_conf`]).
    resolv_conf: Option<String>,
}

/// Which network a sandboxed process is in.
pub enum Net {
    /// The host's, as the server's own processes are (builds: buildpacks download).
    Host,
    /// Its own where the server may make one (see `network.rs`), with `inbound` (a host
    /// loopback port) forwarded to the same port inside: `ready`, made ahead with that port
    /// (see [`Wall::ready_network`]), or else made as the sandbox starts.
    Own {
        inbound: Option<u16>,
        ready: Option<Ready>,
    },
}

/// One process to wall off.
pub struct Request {
    /// Names its scratch space (`web.1`).
    pub name: String,
    pub app: Uuid,
    pub argv: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: String,
    pub terminal: bool,
    pub limits: Limits,
    pub tmp_bytes: u64,
    /// Mounted writable at the same path inside.
    pub writable: Vec<PathBuf>,
    /// Mounted read-only at the same path inside.
    pub read_only: Vec<PathBuf>,
    /// A directory whose writable, throw-away copy is `/app`.
    pub app_dir: Option<PathBuf>,
    pub net: Net,
}

/// A walled-off process to spawn; `guard` must live as long as the process.
pub struct Walled {
    pub launch: Launch,
    pub guard: Guard,
}

/// What the launcher is asked to start: the spec, ready to send.
pub struct Launch {
    launcher: Arc<Launcher>,
    spec: Vec<u8>,
}

impl Launch {
    /// Starts the process with `stdio` as its standard input, output and error.
    pub async fn spawn(&self, stdio: [BorrowedFd<'_>; 3]) -> io::Result<Process> {
        self.launcher.spawn(&self.spec, stdio).await
    }

    /// Runs the process to its end, off the async threads.
    pub fn run_blocking(&self, stdio: [BorrowedFd<'_>; 3]) -> io::Result<std::process::ExitStatus> {
        self.launcher.run_blocking(&self.spec, stdio)
    }
}

/// Owns a sandbox's scratch space and control group; both go when it is dropped.
pub struct Guard {
    dir: Option<PathBuf>,
    group: Option<Group>,
    own_network: bool,
    /// A network made ahead of time, ended with the sandbox.
    ready: Option<Ready>,
}

impl Guard {
    pub fn group(&self) -> Option<&Group> {
        self.group.as_ref()
    }

    /// Whether the process is in a network of its own.
    pub fn own_network(&self) -> bool {
        self.own_network
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let (dir, group, ready) = (self.dir.take(), self.group.take(), self.ready.take());
        if dir.is_none() && group.is_none() && ready.is_none() {
            return;
        }
        // Removing a group waits for the kernel to empty it: off the async threads.
        let clean = move || {
            drop(group);
            drop(ready);
            if let Some(dir) = dir {
                // The helper ends its pasta, unless it was killed first.
                network::end(&dir.join(PASTA_PID));
                let _ = fs::remove_dir_all(dir);
            }
        };
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => {
                handle.spawn_blocking(clean);
            }
            Err(_) => clean(),
        }
    }
}

impl std::fmt::Debug for Wall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Wall {
    /// No wall: app code runs as the server does.
    pub fn off() -> Wall {
        Wall {
            inner: None,
            missing: Vec::new(),
            reach: Arc::default(),
        }
    }

    /// Finds out what this machine allows. `On` fails unless all of it works; `Auto` takes what
    /// there is.
    pub fn start(mode: Mode, data_dir: &Path) -> anyhow::Result<Wall> {
        if mode == Mode::Off {
            return Ok(Wall::off());
        }
        let exe = std::env::current_exe()
            .map_err(|e| anyhow::anyhow!("cannot find the tug binary for the sandbox: {e}"))?;
        let scratch = fresh_scratch(data_dir)?;
        let as_root = rustix::process::geteuid().is_root();
        let scope = {
            use sha2::Digest as _;
            let dir = fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
            let digest = sha2::Sha256::digest(dir.as_os_str().as_encoded_bytes());
            crate::hex::encode(&digest[..8])
        };
        let cgroups = Hierarchy::detect(&scope);
        if let Some(h) = &cgroups {
            h.clean();
        }
        let quick_moves = cgroups
            .as_ref()
            .filter(|_| as_root)
            .and_then(|_| QuickMoves::mount(&data_dir.join(QUICK_MOVES)));
        let stack = host_stack();
        let resolv_conf = fs::read_to_string("/etc/resolv.conf")
            .ok()
            .and_then(|host| network::own_resolv_conf(&host));
        // pasta, running as root, is handed the namespace (see `network.rs`); a server that is
        // not root could not make a namespace it may hand over.
        let pasta = if as_root {
            network::find_pasta(resolv_conf.as_deref())
        } else {
            None
        };
        let with_network = pasta.is_some();
        let pool = pasta
            .clone()
            .map(|pasta| pool::Pool::new(scratch.clone(), pasta));
        let ender = (pasta.is_some() || quick_moves.is_some())
            .then(|| {
                start_ending_leftovers(&exe, data_dir)
                    .inspect_err(|e| {
                        tracing::warn!("a server killed outright will leave pastas behind: {e}")
                    })
                    .ok()
            })
            .flatten();
        let ender = Arc::new(Mutex::new(ender));
        let launcher = Arc::new(
            Launcher::new(&exe)
                .map_err(|e| anyhow::anyhow!("cannot start the sandbox launcher: {e}"))?,
        );
        let mut wall = Wall {
            inner: Some(Arc::new(Inner {
                launcher: launcher.clone(),
                scratch: scratch.clone(),
                cgroups: cgroups.clone(),
                quick_moves: quick_moves.clone(),
                ender: ender.clone(),
                as_root,
                stack: stack.clone(),
                pasta,
                pool,
                resolv_conf,
            })),
            missing: Vec::new(),
            reach: Arc::default(),
        };
        let mut network_failed = None;
        if with_network && let Err(e) = wall.probe() {
            // Perhaps only the network cannot stand here: try the rest without it.
            network_failed = Some(e.to_string());
            wall.inner = Some(Arc::new(Inner {
                launcher: launcher.clone(),
                scratch,
                cgroups,
                quick_moves,
                ender,
                as_root,
                stack,
                pasta: None,
                pool: None,
                resolv_conf: None,
            }));
        }
        if (!with_network || network_failed.is_some())
            && let Err(e) = wall.probe()
        {
            if mode == Mode::On {
                anyhow::bail!("`--sandbox on`: this machine cannot sandbox app code: {e}");
            }
            tracing::warn!("app code runs unsandboxed: the sandbox does not work here: {e}");
            launcher.close();
            return Ok(Wall {
                inner: None,
                missing: vec!["namespaces".to_owned()],
                reach: Arc::default(),
            });
        }
        wall.missing = missing(
            as_root,
            wall.inner.as_ref().is_some_and(|i| i.cgroups.is_none()),
            (with_network, network_failed.as_deref()),
        );
        if mode == Mode::On && !wall.missing.is_empty() {
            anyhow::bail!(
                "`--sandbox on`: this machine cannot give the whole wall: no {}",
                wall.missing.join(", no ")
            );
        }
        Ok(wall)
    }

    /// Runs `true` inside a sandbox, so that a wall that cannot stand here is found at start.
    fn probe(&self) -> anyhow::Result<()> {
        let walled = self.command(Request {
            name: "probe".to_owned(),
            app: Uuid::nil(),
            argv: vec!["true".into()],
            env: vec![("PATH".into(), "/usr/bin:/bin".into())],
            cwd: "/".into(),
            terminal: false,
            limits: Limits {
                memory_bytes: 256 << 20,
                processes: 16,
                cpu_shares: 1024,
            },
            tmp_bytes: 1 << 20,
            writable: Vec::new(),
            read_only: Vec::new(),
            app_dir: None,
            net: Net::Own {
                inbound: None,
                ready: None,
            },
        })?;
        let null = fs::File::open("/dev/null")?;
        let (read, write) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        let status = walled
            .launch
            .run_blocking([null.as_fd(), null.as_fd(), write.as_fd()]);
        drop(write);
        drop(walled.guard);
        if !status?.success() {
            let mut why = String::new();
            io::Read::read_to_string(&mut fs::File::from(read), &mut why)?;
            anyhow::bail!("{}", why.trim());
        }
        Ok(())
    }

    /// The server is done and its dynos are gone: its groups and scratch space go too (what
    /// is still busy is tidied by the next start).
    pub fn close(&self) {
        if let Some(inner) = &self.inner {
            if let Some(pool) = &inner.pool {
                pool.close();
            }
            inner.launcher.close();
            if let Some(h) = &inner.cgroups {
                h.remove();
            }
            if let Some(q) = &inner.quick_moves {
                q.unmount();
            }
            // Its pipe closed, the process ends what pastas are left, and is waited for.
            if let Some((pipe, mut ender)) = crate::sync::lock(&inner.ender).take() {
                drop(pipe);
                std::thread::spawn(move || ender.wait());
            }
            let _ = fs::remove_dir_all(&inner.scratch);
        }
    }

    pub fn enabled(&self) -> bool {
        self.inner.is_some()
    }

    /// Whether each dyno gets a cgroup: its limits, and the counters runtime metrics read.
    pub fn has_cgroups(&self) -> bool {
        self.inner.as_ref().is_some_and(|i| i.cgroups.is_some())
    }

    /// For the start line and `/health`: `sandboxed (namespaces, seccomp, cgroup v1 memory+pids)`.
    pub fn describe(&self) -> String {
        let Some(inner) = &self.inner else {
            return "unsandboxed (--sandbox off): app code runs as the server's user".to_owned();
        };
        let mut parts = vec!["namespaces".to_owned(), "seccomp".to_owned()];
        if inner.as_root {
            parts.push("a uid per app".to_owned());
        }
        if let Some(h) = &inner.cgroups {
            let quick = if inner.quick_moves.is_some() {
                " (favordynmods)"
            } else {
                ""
            };
            parts.push(format!("{}{quick}", h.describe()));
        }
        match &inner.pasta {
            Some(pasta) if pasta.ipv4_only => parts.push("a network per dyno (IPv4)".to_owned()),
            Some(_) => parts.push("a network per dyno".to_owned()),
            None => {}
        }
        let mut text = format!("sandboxed ({})", parts.join(", "));
        if !self.missing.is_empty() {
            text.push_str(&format!("; without {}", self.missing.join(", ")));
        }
        if inner.pasta.is_none() {
            text.push_str("; shared host network");
        }
        text
    }

    /// Lets dynos in networks of their own reach the host loopback ports `ports` names (asked
    /// at each start, so servers that start later are covered).
    pub fn reach(&self, ports: impl Fn() -> Vec<u16> + Send + Sync + 'static) {
        crate::sync::write(&self.reach).push(Arc::new(ports));
    }

    /// Starts making networks ahead of time, so that the first dynos need not wait for theirs.
    pub fn warm(&self) {
        if let Some(pool) = self.inner.as_ref().and_then(|i| i.pool.as_ref()) {
            pool.fill(self.reachable(), std::time::Duration::ZERO);
        }
    }

    /// A network made ahead of time for a dyno about to start (its `PORT` is the network's
    /// inbound port); `None` when dynos share the host's network or none is ready. Taking one
    /// takes a lock and starts the thread that makes the next, if none runs (and ends the
    /// networks made for host ports that have changed since).
    pub fn ready_network(&self) -> Option<Ready> {
        let pool = self.inner.as_ref()?.pool.as_ref()?;
        pool.take(&self.reachable())
    }

    fn reachable(&self) -> Vec<u16> {
        let sources = crate::sync::read(&self.reach).clone();
        let mut ports: Vec<u16> = sources.iter().flat_map(|source| source()).collect();
        ports.sort_unstable();
        ports.dedup();
        ports
    }

    /// The uid an app's processes run as (when the server may change users).
    pub fn app_uid(&self, app: Uuid) -> Option<u32> {
        let inner = self.inner.as_ref()?;
        if !inner.as_root {
            return None;
        }
        let h = app.as_u128();
        let folded = (h ^ (h >> 64)) as u64;
        Some(FIRST_APP_UID + (folded % 1_000_000) as u32)
    }

    /// Gives a directory tree to the app's user, so it can write there inside the wall.
    pub fn hand_over(&self, app: Uuid, dir: &Path) -> io::Result<()> {
        let Some(uid) = self.app_uid(app) else {
            return Ok(());
        };
        chown_tree(dir, uid)
    }

    /// [`Wall::command`] off the async threads: it makes directories and a control group.
    pub async fn prepare(&self, req: Request) -> io::Result<Walled> {
        let wall = self.clone();
        tokio::task::spawn_blocking(move || wall.command(req))
            .await
            .map_err(io::Error::other)?
    }

    /// The network a sandbox is in (`None`: the host's); a network made ahead of time goes
    /// into `guard`, which ends it with the sandbox.
    fn network_for(
        &self,
        inner: &Inner,
        net: Net,
        dir: &Path,
        guard: &mut Guard,
    ) -> Option<Network> {
        match (net, &inner.pasta) {
            (
                Net::Own {
                    ready: Some(ready), ..
                },
                Some(_),
            ) => {
                let spec = ready.spec();
                guard.ready = Some(ready);
                Some(spec)
            }
            (Net::Own { inbound, .. }, Some(pasta)) => Some(Network {
                pasta: pasta.clone(),
                inbound,
                outbound: self.reachable(),
                pid_file: dir.join(PASTA_PID),
                ready: None,
            }),
            _ => None,
        }
    }

    /// The command that runs `req` inside the wall; an error without a wall.
    pub fn command(&self, req: Request) -> io::Result<Walled> {
        let Some(inner) = &self.inner else {
            return Err(io::Error::other("the sandbox is off"));
        };
        let user = self.app_uid(req.app);
        let dir = inner
            .scratch
            .join(format!("{}-{}", safe(&req.name), Uuid::new_v4().simple()));
        let mut guard = Guard {
            dir: Some(dir.clone()),
            group: None,
            own_network: false,
            ready: None,
        };
        let root = dir.join("root");
        let home = if req.app_dir.is_some() {
            "/app"
        } else {
            "/tmp"
        };
        let uid = user.unwrap_or_else(|| rustix::process::getuid().as_raw());
        write_identity(&root, uid, home)?;
        let overlay = match &req.app_dir {
            Some(lower) => Some(app_overlay(&dir, lower, user)?),
            None => None,
        };
        if let Some(h) = &inner.cgroups {
            guard.group = Some(h.create(&dir_name(&dir), req.limits)?);
        }
        let same = |paths: &[PathBuf]| {
            paths
                .iter()
                .map(|p| (p.clone(), p.to_string_lossy().into_owned()))
                .collect::<Vec<_>>()
        };
        let mut read_only = inner.stack.mounts.clone();
        read_only.extend(same(&req.read_only));
        let network = self.network_for(inner, req.net, &dir, &mut guard);
        // A network of its own may not reach the host's resolver where the host names it.
        let resolv_conf = network.as_ref().and(inner.resolv_conf.as_deref());
        copy_stack(&root, &inner.stack.copies, resolv_conf)?;
        guard.own_network = network.is_some();
        let spec = Spec {
            root,
            read_only,
            writable: same(&req.writable),
            overlay,
            tmp_bytes: req.tmp_bytes,
            user,
            cgroups: guard
                .group
                .as_ref()
                .map(Group::procs_files)
                .unwrap_or_default(),
            hostname: req.app.simple().to_string(),
            argv: req.argv,
            env: req.env,
            cwd: req.cwd,
            terminal: req.terminal,
            network,
        };
        let launch = Launch {
            launcher: inner.launcher.clone(),
            spec: serde_json::to_vec(&spec).map_err(io::Error::other)?,
        };
        Ok(Walled { launch, guard })
    }
}

fn dir_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A dyno name as a path component: `web.1` stays, anything odd becomes `_`.
fn safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect()
}

/// `chown -hR uid:uid`, touching only what is not already theirs; never follows a link.
fn chown_tree(dir: &Path, uid: u32) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    let id = Some(rustix::fs::Uid::from_raw(uid));
    let gid = Some(rustix::fs::Gid::from_raw(uid));
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let meta = fs::symlink_metadata(&path)?;
        if meta.uid() != uid || meta.gid() != uid {
            rustix::fs::chownat(
                rustix::fs::CWD,
                &path,
                id,
                gid,
                rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
            )?;
        }
        if meta.is_dir() {
            for entry in fs::read_dir(&path)? {
                stack.push(entry?.path());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_directory_is_copied_and_a_big_one_is_not() {
        let host = tempfile::tempdir().expect("tempdir");
        let small = host.path().join("small");
        fs::create_dir_all(small.join("sub")).expect("dirs");
        fs::write(small.join("a.conf"), "a").expect("file");
        fs::write(small.join("sub/b.conf"), "b").expect("file");
        std::os::unix::fs::symlink("/usr/bin/true", small.join("link")).expect("link");
        let mut copies = small_tree(&small, "etc/small").expect("small");
        copies.sort_by_key(|c| format!("{c:?}"));
        assert_eq!(
            copies,
            vec![
                Copied::Dir("etc/small".into()),
                Copied::Dir("etc/small/sub".into()),
                Copied::File(small.join("a.conf"), "etc/small/a.conf".into()),
                Copied::File(small.join("sub/b.conf"), "etc/small/sub/b.conf".into()),
                Copied::Link("/usr/bin/true".into(), "etc/small/link".into()),
            ]
        );

        let big = host.path().join("big");
        fs::create_dir(&big).expect("dir");
        for n in 0..=SMALL_DIR {
            fs::write(big.join(format!("{n}")), "x").expect("file");
        }
        assert_eq!(small_tree(&big, "etc/big"), None);
    }

    #[test]
    fn the_copies_are_made_in_order_and_resolv_conf_can_be_the_sandboxs_own() {
        let host = tempfile::tempdir().expect("tempdir");
        fs::write(host.path().join("hosts"), "127.0.0.1 localhost\n").expect("file");
        fs::write(host.path().join("resolv.conf"), "nameserver 127.0.0.53\n").expect("file");
        let root = tempfile::tempdir().expect("root");
        fs::create_dir(root.path().join("etc")).expect("etc");
        let copies = [
            Copied::Link("usr/bin".into(), "bin".into()),
            Copied::Dir("etc/python3".into()),
            Copied::File(host.path().join("hosts"), "etc/hosts".into()),
            Copied::File(host.path().join("resolv.conf"), "etc/resolv.conf".into()),
            // Gone since the server started: left out.
            Copied::File(host.path().join("gone"), "etc/gone".into()),
        ];
        copy_stack(root.path(), &copies, Some("nameserver 10.0.2.3\n")).expect("copies");
        let read = |p: &str| fs::read_to_string(root.path().join(p)).expect(p);
        assert_eq!(read("etc/hosts"), "127.0.0.1 localhost\n");
        assert_eq!(read("etc/resolv.conf"), "nameserver 10.0.2.3\n");
        assert!(root.path().join("etc/python3").is_dir());
        assert!(!root.path().join("etc/gone").exists());
        assert_eq!(
            fs::read_link(root.path().join("bin")).expect("link"),
            Path::new("usr/bin")
        );
    }
}
