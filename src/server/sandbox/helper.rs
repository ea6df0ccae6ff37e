//! The helper, forked by the launcher (see `launcher.rs`) for every sandboxed process. It is
//! single-threaded, so it can fork freely: it joins the process's cgroups, has
//! hakoniwa build the namespaces and the filesystem, runs [`init`] as the first process of the
//! new PID namespace, and passes the signals the server sends on to it. Its exit code is the
//! command's (128 + the signal number when a signal ended it).
//!
//! When the helper dies, however it dies, everything inside dies with it: hakoniwa's processes
//! carry a parent-death signal, and a PID namespace ends with its first process.

use std::ffi::CString;
use std::io::Write as _;

use hakoniwa::{Container, MountOptions, Namespace, Runctl};
use nix::sys::signal::{SigSet, SigmaskHow, Signal, kill, sigprocmask};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;

use super::spec::Spec;
use crate::ExitStatus;

/// What a failure of the wall itself exits with (as `env` and container runtimes do).
pub(super) const WALL_FAILED: i32 = 125;

/// The signals the server passes on to the command.
const FORWARDED: [Signal; 4] = [
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGINT,
    Signal::SIGQUIT,
];

fn fail(message: impl std::fmt::Display) -> ExitStatus {
    let _ = writeln!(
        std::io::stderr(),
        "tug: cannot start the sandbox: {message}"
    );
    ExitStatus::External(WALL_FAILED as u8)
}

/// Builds the wall for `spec` and runs its command; in a process the launcher just forked.
pub fn run(spec: Spec) -> ExitStatus {
    // First, so that pasta stays out of the sandbox's control group: its memory is the
    // platform's, not the app's.
    let network = spec.network.clone();
    let status = match &network {
        Some(net) => match net
            .ready
            .as_deref()
            .map_or_else(|| super::network::join(net), super::network::enter)
        {
            Ok(()) => walled(spec),
            Err(e) => fail(e),
        },
        None => walled(spec),
    };
    // A network made ahead of time is ended by the server, which made it.
    if let Some(net) = network.filter(|net| net.ready.is_none()) {
        super::network::end(&net.pid_file);
    }
    status
}

/// Builds the rest of the wall around the command, runs it and passes signals on until it ends.
fn walled(spec: Spec) -> ExitStatus {
    for procs in &spec.cgroups {
        if let Err(e) = std::fs::write(procs, "0") {
            return fail(format!("cannot join `{}`: {e}", procs.display()));
        }
    }
    // Blocked here, the signals wait for `sigwait`; every process started below inherits the
    // mask, and `init` unblocks them for the command.
    let mut signals = SigSet::empty();
    for signal in FORWARDED {
        signals.add(signal);
    }
    signals.add(Signal::SIGCHLD);
    if let Err(e) = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&signals), None) {
        return fail(e);
    }

    let container = container(&spec);
    let argv = spec.argv.clone();
    let terminal = spec.terminal;
    let user = spec.user.filter(|_| nix::unistd::getuid().is_root());
    // SAFETY: hakoniwa runs the closure in a child forked from this single-threaded process,
    // so no lock or allocator state can be held by another thread across the fork.
    #[allow(unsafe_code)]
    let mut command =
        unsafe { container.command_from_closure(move || init(&argv, terminal, user)) };
    command.envs(spec.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    command.current_dir(&spec.cwd);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => return fail(e),
    };
    let reaper = child.id();
    loop {
        let Ok(signal) = signals.wait() else {
            continue;
        };
        if signal == Signal::SIGCHLD {
            match child.try_wait() {
                Ok(Some(status)) => {
                    if status.exit_code.is_none() && status.code == WALL_FAILED {
                        return fail(status.reason);
                    }
                    return ExitStatus::External(u8::try_from(status.code).unwrap_or(255));
                }
                Ok(None) => continue,
                Err(e) => return fail(e),
            }
        }
        // hakoniwa's reaper waits in this PID namespace; `init` is its only child.
        let children = std::fs::read_to_string(format!("/proc/{reaper}/task/{reaper}/children"))
            .unwrap_or_default();
        for pid in children.split_whitespace().filter_map(|p| p.parse().ok()) {
            let _ = kill(Pid::from_raw(pid), signal);
        }
    }
}

/// The wall as hakoniwa builds it: new mount, PID, IPC, UTS and user namespaces; a read-only
/// root with only the paths the spec names; and, when the server may, another user.
fn container(spec: &Spec) -> Container {
    let mut c = Container::empty();
    for ns in [
        Namespace::Mount,
        Namespace::Pid,
        Namespace::Ipc,
        Namespace::Uts,
    ] {
        c.unshare(ns);
    }
    // Root builds the wall as itself and `init` hands the command to the app's user; anyone
    // else needs a user namespace (mapping only itself) to build it at all.
    if !nix::unistd::getuid().is_root() || spec.user.is_none() {
        let (uid, gid) = (
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        c.unshare(Namespace::User);
        c.uidmaps(&[(uid, uid, 1)]);
        c.gidmaps(&[(gid, gid, 1)]);
    }
    c.rootdir(&spec.root);
    for (host, inside) in &spec.read_only {
        c.bindmount_ro(&host.to_string_lossy(), inside);
    }
    for (host, inside) in &spec.writable {
        c.bindmount_rw(&host.to_string_lossy(), inside);
    }
    if let Some(o) = &spec.overlay {
        c.overlaymount_rw(
            &o.lower.to_string_lossy(),
            &o.upper.to_string_lossy(),
            &o.work.to_string_lossy(),
            &o.target,
        );
    }
    c.devfsmount("/dev");
    c.procfsmount("/proc");
    c.mount(
        "tmpfs",
        "/tmp",
        "tmpfs",
        MountOptions::NOSUID | MountOptions::NODEV,
        Some(format!("size={},mode=1777", spec.tmp_bytes.max(1 << 20))),
    );
    c.hostname(&spec.hostname);
    c.runctl(Runctl::MountFallback);
    c
}

/// The first process of the sandbox's PID namespace: starts the command in a process group
/// (or terminal session) of its own, passes every forwarded signal to all processes of the
/// namespace, reaps orphans, and exits with the command's status. When it exits, the kernel
/// kills whatever is left, so nothing the command started outlives it.
fn init(argv: &[String], terminal: bool, user: Option<u32>) -> i32 {
    let Some(args) = argv
        .iter()
        .map(|a| CString::new(a.as_bytes()).ok())
        .collect::<Option<Vec<_>>>()
        .filter(|a| !a.is_empty())
    else {
        return WALL_FAILED;
    };
    // Compiled here, applied in the command's process just before it starts.
    let filters = match super::syscalls::filters() {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "tug: cannot filter system calls: {e}");
            return WALL_FAILED;
        }
    };
    // A first process of a namespace only gets the signals it handles; sigwait takes them.
    for signal in FORWARDED {
        let action = nix::sys::signal::SigAction::new(
            nix::sys::signal::SigHandler::Handler(ignore),
            nix::sys::signal::SaFlags::empty(),
            SigSet::empty(),
        );
        // SAFETY: the handler does nothing, so it is async-signal-safe.
        #[allow(unsafe_code)]
        let _ = unsafe { nix::sys::signal::sigaction(signal, &action) };
    }
    // SAFETY: this process is single-threaded (forked from the single-threaded helper).
    #[allow(unsafe_code)]
    let main = match unsafe { nix::unistd::fork() } {
        Ok(nix::unistd::ForkResult::Child) => {
            let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
            if let Some(id) = user {
                // Every id at once, so that no capability survives (and `no_new_privs`, set
                // by hakoniwa, keeps set-user-id programs from giving any back).
                let (uid, gid) = (
                    nix::unistd::Uid::from_raw(id),
                    nix::unistd::Gid::from_raw(id),
                );
                let dropped = nix::unistd::setgroups(&[gid])
                    .and_then(|()| nix::unistd::setresgid(gid, gid, gid))
                    .and_then(|()| nix::unistd::setresuid(uid, uid, uid));
                if dropped.is_err() {
                    let _ = writeln!(std::io::stderr(), "tug: cannot become the app's user");
                    std::process::exit(WALL_FAILED);
                }
            }
            if terminal {
                let _ = nix::unistd::setsid();
                let _ = rustix::process::ioctl_tiocsctty(rustix::stdio::stdin());
            } else {
                let _ = nix::unistd::setpgid(Pid::from_raw(0), Pid::from_raw(0));
            }
            if let Err(e) = super::syscalls::apply(&filters) {
                let _ = writeln!(std::io::stderr(), "tug: cannot filter system calls: {e}");
                std::process::exit(WALL_FAILED);
            }
            let _ = nix::unistd::execvp(&args[0], &args);
            let _ = writeln!(std::io::stderr(), "tug: cannot run `{}`", argv[0]);
            std::process::exit(127);
        }
        Ok(nix::unistd::ForkResult::Parent { child }) => child,
        Err(_) => return WALL_FAILED,
    };
    let mut signals = SigSet::empty();
    for signal in FORWARDED {
        signals.add(signal);
    }
    signals.add(Signal::SIGCHLD);
    loop {
        match signals.wait() {
            Ok(Signal::SIGCHLD) => loop {
                match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
                    Ok(WaitStatus::Exited(pid, code)) if pid == main => return code,
                    Ok(WaitStatus::Signaled(pid, signal, _)) if pid == main => {
                        return 128 + signal as i32;
                    }
                    Ok(WaitStatus::StillAlive) | Err(_) => break,
                    Ok(_) => {}
                }
            },
            // Everything in the namespace but this process.
            Ok(signal) => {
                let _ = kill(Pid::from_raw(-1), signal);
            }
            Err(_) => {}
        }
    }
}

extern "C" fn ignore(_: nix::libc::c_int) {}
