//! A network of its own for each sandbox: a fresh network namespace, joined to the world by
//! pasta (Debian's `passt` package), a user-mode network stack that copies the host's
//! addresses and routes into the namespace and carries its traffic through ordinary sockets.
//!
//! Inside, the loopback is the sandbox's own: another dyno's port and the server's private
//! listeners are simply not there. What must cross is named: one host loopback port forwarded
//! in (the router reaches the dyno there) and a few forwarded out (the API, the router, the
//! add-ons' database servers), each at the same port number on both sides.
//!
//! The namespace is made by the helper for itself, before the container: pasta must run in the
//! host's namespace yet be handed the new one, and the Debian 12 pasta, running as root, can
//! only be handed a namespace through a file descriptor it inherits (it drops the capabilities
//! it would need to open another process's `/proc/PID/ns/net`).

use std::fs::File;
use std::os::fd::{AsRawFd as _, OwnedFd, RawFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use nix::sched::{CloneFlags, setns, unshare};

use super::spec::{Network, Pasta};

/// pasta as this host needs it, if it is installed (where Debian puts it, or on `PATH`).
/// `resolv_conf` is what sandboxes get as `/etc/resolv.conf`, if not the host's.
pub fn find_pasta(resolv_conf: Option<&str>) -> Option<Pasta> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let program = std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin"), PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("pasta"))
        .find(|p| p.is_file())?;
    let read = |path| std::fs::read_to_string(path).unwrap_or_default();
    Some(Pasta {
        program,
        dns_forward: resolv_conf.map(|_| DNS_FORWARD.to_owned()),
        ipv4_only: ipv4_only(
            &read("/proc/net/route"),
            resolv_conf.unwrap_or(&read("/etc/resolv.conf")),
        ),
    })
}

/// Moves the calling (single-threaded) process into a new network namespace that pasta has
/// configured; everything it starts afterwards is in it.
pub fn join(net: &Network) -> Result<(), String> {
    let host = File::open("/proc/self/ns/net").map_err(|e| format!("no network namespace: {e}"))?;
    unshare(CloneFlags::CLONE_NEWNET).map_err(|e| format!("cannot make a network: {e}"))?;
    let own = File::open("/proc/self/ns/net").map_err(|e| format!("no network namespace: {e}"))?;
    // pasta itself must live in the host's network, where its sockets are.
    setns(&host, CloneFlags::CLONE_NEWNET)
        .map_err(|e| format!("cannot return to the host's network: {e}"))?;
    let started = start_pasta(net, &own);
    setns(&own, CloneFlags::CLONE_NEWNET)
        .map_err(|e| format!("cannot enter the sandbox's network: {e}"))?;
    started
}

fn start_pasta(net: &Network, own: &File) -> Result<(), String> {
    // The descriptor must survive `exec`: pasta opens the namespace through it.
    let fd = own.as_raw_fd();
    nix::fcntl::fcntl(
        fd,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
    )
    .map_err(|e| format!("cannot hand the network to pasta: {e}"))?;
    run_pasta(pasta_command(net, fd))
}

/// pasta, serving the namespace at descriptor `fd` of its own.
fn pasta_command(net: &Network, fd: RawFd) -> Command {
    let ports = |ports: &[u16]| {
        if ports.is_empty() {
            "none".to_owned()
        } else {
            ports
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(",")
        }
    };
    let inbound = match net.inbound {
        Some(port) => format!("127.0.0.1/{port}"),
        None => "none".to_owned(),
    };
    let mut command = Command::new(&net.pasta.program);
    command
        .args(["--quiet", "--runas", "0", "--config-net", "--no-map-gw"])
        .args(net.pasta.ipv4_only.then_some("--ipv4-only"))
        .args(["--tcp-ports", &inbound, "--udp-ports", "none"])
        .args(["--tcp-ns", &ports(&net.outbound), "--udp-ns", "none"])
        .args(
            net.pasta
                .dns_forward
                .iter()
                .flat_map(|addr| ["--dns-forward", addr.as_str()]),
        )
        .arg("--pid")
        .arg(&net.pid_file)
        .arg("--netns")
        .arg(format!("/proc/self/fd/{fd}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Runs pasta until it has set the network up and gone to the background.
fn run_pasta(mut command: Command) -> Result<(), String> {
    let out = command
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", command.get_program().display()))?;
    if out.status.success() {
        return Ok(());
    }
    // pasta also tries syslog, which a sandboxed server may not have: only its own words count.
    let why = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.starts_with("Failed to send") && !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    Err(format!("pasta could not set up the network: {why}"))
}

/// A network made ahead of time (see `pool.rs`): a namespace pasta already serves, with its
/// inbound port chosen. Dropping it ends its pasta and removes its files.
pub struct Ready {
    ns: OwnedFd,
    net: Network,
}

impl Ready {
    /// Makes one, from a server thread: the namespace is made on a thread of its own (a thread
    /// that unshares its network is in the new one until it leaves), and handed to pasta as its
    /// descriptor 3.
    pub fn make(net: Network) -> Result<Ready, String> {
        let ns = std::thread::spawn(new_namespace)
            .join()
            .map_err(|_| "cannot make a network".to_owned())??;
        let raw = ns.as_raw_fd();
        let mut command = pasta_command(&net, HANDED_FD);
        // SAFETY: `dup2`, `fcntl` and `setpriority` are async-signal-safe; nothing else runs
        // between fork and exec.
        #[allow(unsafe_code)]
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut command, move || {
                hand_over(raw)?;
                // Made while a dyno or one-off that took the last one starts: pasta's start
                // takes only the CPU time they leave. Taken, it gets its share back (`spec`).
                rustix::process::setpriority_process(None, WAITING_NICE)?;
                Ok(())
            });
        }
        let ready = Ready { ns, net };
        run_pasta(command)?;
        Ok(ready)
    }

    /// The host loopback port forwarded to the same port inside.
    pub fn port(&self) -> Option<u16> {
        self.net.inbound
    }

    pub fn outbound(&self) -> &[u16] {
        &self.net.outbound
    }

    /// What the helper is told: join the namespace through the server's descriptor for it
    /// (held open as long as this is). A path rather than an inherited descriptor, so that
    /// starting the helper needs no code between fork and exec, and the server is not forked.
    /// Its pasta, from now on carrying a dyno's traffic, runs at the usual priority again.
    pub fn spec(&self) -> Network {
        if let Some(pid) = pasta_pid(&self.net.pid_file) {
            let _ = rustix::process::setpriority_process(rustix::process::Pid::from_raw(pid), 0);
        }
        Network {
            ready: Some(PathBuf::from(format!(
                "/proc/{}/fd/{}",
                std::process::id(),
                self.ns.as_raw_fd()
            ))),
            ..self.net.clone()
        }
    }
}

impl Drop for Ready {
    fn drop(&mut self) {
        end(&self.net.pid_file);
        if let Some(dir) = self.net.pid_file.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// The niceness of a pasta made ahead of time until it is taken: it then yields the CPU to
/// almost anything else.
const WAITING_NICE: i32 = 19;

/// The descriptor a namespace is handed to pasta at.
const HANDED_FD: RawFd = 3;

/// In a child between fork and exec: `fd` becomes descriptor 3, kept across `exec`.
pub fn hand_over(fd: RawFd) -> std::io::Result<()> {
    if fd == HANDED_FD {
        nix::fcntl::fcntl(
            fd,
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
        )?;
    } else {
        nix::unistd::dup2(fd, HANDED_FD)?;
    }
    Ok(())
}

/// A new network namespace, on a thread that ends right after.
fn new_namespace() -> Result<OwnedFd, String> {
    let host =
        File::open("/proc/thread-self/ns/net").map_err(|e| format!("no network namespace: {e}"))?;
    unshare(CloneFlags::CLONE_NEWNET).map_err(|e| format!("cannot make a network: {e}"))?;
    let own =
        File::open("/proc/thread-self/ns/net").map_err(|e| format!("no network namespace: {e}"))?;
    // Should this fail, the thread ends anyway, and nothing else ever runs on it.
    setns(&host, CloneFlags::CLONE_NEWNET)
        .map_err(|e| format!("cannot return to the host's network: {e}"))?;
    Ok(own.into())
}

/// In the helper: joins the namespace of a [`Ready`] network, at `path`.
pub fn enter(path: &Path) -> Result<(), String> {
    let ns = File::open(path).map_err(|e| format!("cannot find the network: {e}"))?;
    setns(&ns, CloneFlags::CLONE_NEWNET).map_err(|e| format!("cannot enter the network: {e}"))
}

/// Where a sandbox sends DNS queries when the host's resolver is on the host's loopback; pasta
/// answers there by asking that resolver (a link-local address, as container runtimes use).
pub const DNS_FORWARD: &str = "169.254.1.1";

/// When every resolver `/etc/resolv.conf` names is on the host's loopback, the `resolv.conf` a
/// sandbox with a network of its own gets instead: [`DNS_FORWARD`], with the host's search and
/// options lines. `None` when the host's file serves as it is.
pub fn own_resolv_conf(host: &str) -> Option<String> {
    let servers: Vec<&str> = nameservers(host).collect();
    let on_loopback = |s: &&str| {
        s.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
    };
    if !servers.is_empty() && !servers.iter().all(on_loopback) {
        return None;
    }
    let mut text = format!("nameserver {DNS_FORWARD}\n");
    for line in host.lines().map(str::trim) {
        if line.starts_with("search") || line.starts_with("options") {
            text.push_str(line);
            text.push('\n');
        }
    }
    Some(text)
}

/// The resolvers a `resolv.conf` names, as written.
fn nameservers(resolv_conf: &str) -> impl Iterator<Item = &str> {
    resolv_conf
        .lines()
        .filter_map(|l| l.trim().strip_prefix("nameserver"))
        .map(str::trim)
}

/// Whether sandboxes get IPv4 only: when the host reaches the world over IPv4 (a default route
/// in `/proc/net/route`) and every resolver `resolv.conf` names is reached over IPv4 too.
/// Heroku's dynos have no IPv6 either, and pasta starts in about two thirds of the time
/// without it (half its sockets, and half the memory it clears, are IPv6's).
pub fn ipv4_only(routes: &str, resolv_conf: &str) -> bool {
    let default_route = routes.lines().skip(1).any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // Destination 0.0.0.0, mask 0.0.0.0, flags with RTF_UP (1).
        fields.len() > 7
            && fields[1] == "00000000"
            && fields[7] == "00000000"
            && u16::from_str_radix(fields[3], 16).is_ok_and(|flags| flags & 1 == 1)
    });
    let resolvers_on_ipv4 = nameservers(resolv_conf).all(|s| {
        s.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_ipv4() || ip.is_loopback())
    });
    default_route && resolvers_on_ipv4
}

/// Ends the pasta a sandbox started, if it still runs. Safe to call more than once: the id is
/// only signalled while it still names a pasta.
pub fn end(pid_file: &Path) {
    if let Some(pid) = pasta_pid(pid_file) {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
    let _ = std::fs::remove_file(pid_file);
}

/// The id in a pasta's pid file, while it still names a pasta (ids are reused).
fn pasta_pid(pid_file: &Path) -> Option<i32> {
    let text = std::fs::read_to_string(pid_file).ok()?;
    let pid = text.trim().parse::<i32>().ok().filter(|p| *p > 1)?;
    is_pasta(pid).then_some(pid)
}

fn is_pasta(pid: i32) -> bool {
    // pasta runs as `passt.avx2` or `passt` on some machines, `pasta` on others.
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    comm.starts_with("pasta") || comm.starts_with("passt")
}

/// Ends every pasta serving a sandbox under `scratch`: each is told to write its pid file
/// there (`--pid`), so its command line says whose it is. Found by command line rather than by
/// pid file, so that a pasta whose server died while it started, before it wrote that file,
/// goes too.
pub fn end_all(scratch: &Path) {
    use std::os::unix::ffi::OsStrExt as _;
    let Ok(processes) = std::fs::read_dir("/proc") else {
        return;
    };
    for entry in processes.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
            .filter(|p| *p > 1)
        else {
            continue;
        };
        if !is_pasta(pid) {
            continue;
        }
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        let serves = args.windows(2).any(|pair| {
            pair[0] == b"--pid"
                && Path::new(std::ffi::OsStr::from_bytes(pair[1])).starts_with(scratch)
        });
        if serves {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ipv4_only;

    #[test]
    fn sandboxes_get_ipv4_only_where_the_host_reaches_the_world_and_its_resolvers_over_it() {
        let header =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
        let default =
            format!("{header}eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        let local_only =
            format!("{header}eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
        let down = format!("{header}eth0\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\t0\t0\t0\n");
        assert!(ipv4_only(&default, "nameserver 192.0.2.53\n"));
        assert!(ipv4_only(&default, "nameserver 127.0.0.53\n"));
        assert!(ipv4_only(&default, "nameserver ::1\n"));
        assert!(ipv4_only(&default, ""));
        // A resolver only IPv6 reaches, or no IPv4 way out: both families.
        assert!(!ipv4_only(
            &default,
            "nameserver 192.0.2.53\nnameserver 2001:db8::53\n"
        ));
        assert!(!ipv4_only(&local_only, "nameserver 192.0.2.53\n"));
        assert!(!ipv4_only(&down, "nameserver 192.0.2.53\n"));
        assert!(!ipv4_only(header, ""));
        assert!(!ipv4_only("", ""));
    }

    #[test]
    fn a_resolver_on_the_host_loopback_is_reached_through_pasta() {
        use super::own_resolv_conf;
        assert_eq!(own_resolv_conf("nameserver 10.0.0.53\n"), None);
        assert_eq!(
            own_resolv_conf("nameserver 127.0.0.1\nnameserver 10.0.0.53\n"),
            None
        );
        assert_eq!(
            own_resolv_conf(
                "# systemd-resolved\nnameserver 127.0.0.53\noptions edns0\nsearch lan\n"
            )
            .as_deref(),
            Some("nameserver 169.254.1.1\noptions edns0\nsearch lan\n")
        );
        // No resolver at all means the C library's default, the loopback.
        assert!(own_resolv_conf("").is_some());
    }
}
