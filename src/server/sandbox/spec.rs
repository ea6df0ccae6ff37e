//! What the server asks of one sandboxed process. The server sends it as JSON to the launcher
//! (see `launcher.rs`), whose helper builds the wall from it and runs the command inside.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Spec {
    /// An empty directory that becomes the sandbox's read-only root.
    pub root: PathBuf,
    /// Host paths mounted read-only at a path inside.
    pub read_only: Vec<(PathBuf, String)>,
    /// Host paths mounted writable at a path inside.
    pub writable: Vec<(PathBuf, String)>,
    /// A writable copy-on-write view of a read-only directory.
    pub overlay: Option<Overlay>,
    /// Size of the private `/tmp` in bytes.
    pub tmp_bytes: u64,
    /// Who the command runs as; `None` keeps the server's own uid (no root to change it).
    pub user: Option<u32>,
    /// `cgroup.procs` files the helper joins before it starts anything.
    pub cgroups: Vec<PathBuf>,
    pub hostname: String,
    /// The program and its arguments; the program is looked up on `PATH` inside.
    pub argv: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: String,
    /// The command gets a session of its own with standard input as its terminal.
    pub terminal: bool,
    /// A network namespace of its own, joined to the world by pasta; `None` shares the host's.
    pub network: Option<Network>,
}

/// What crosses between a sandbox's own network and the host's loopback. Everything else on the
/// host's loopback (other dynos, the server's private listeners) is out of reach; the outside
/// world is reached through pasta, which copies the host's addresses and routes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Network {
    /// How pasta runs: the same for every sandbox of a server.
    pub pasta: Pasta,
    /// A host loopback port forwarded to the same port inside: how the router reaches a dyno.
    pub inbound: Option<u16>,
    /// Host loopback ports the process reaches at the same port on its own loopback: the API,
    /// the router and the add-ons' database servers.
    pub outbound: Vec<u16>,
    /// Where pasta writes its process id, so that it ends with the sandbox.
    pub pid_file: PathBuf,
    /// A namespace pasta already serves, joined as it is instead of made: the server's own
    /// descriptor for it (`/proc/SERVER/fd/N`), which the helper, root like the server, may
    /// open.
    pub ready: Option<PathBuf>,
}

/// pasta (Debian's `passt` package), as a server runs it for each network.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pasta {
    pub program: PathBuf,
    /// An address inside whose DNS queries pasta passes to the host's resolver: for hosts whose
    /// resolver listens on their own loopback (systemd-resolved), out of a dyno's reach.
    pub dns_forward: Option<String>,
    /// IPv4 only inside (see [`super::network::ipv4_only`]).
    pub ipv4_only: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Overlay {
    pub lower: PathBuf,
    pub upper: PathBuf,
    pub work: PathBuf,
    pub target: String,
}
