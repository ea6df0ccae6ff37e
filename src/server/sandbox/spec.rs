//! What the server asks of one sandboxed process. The server writes it as JSON into the
//! helper's environment; the helper (`tug server sandbox`, the same binary) builds the wall from
//! it and runs the command inside.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The environment variable that carries a [`Spec`] to the helper.
pub const SPEC_VAR: &str = "TUG_SANDBOX_SPEC";

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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Overlay {
    pub lower: PathBuf,
    pub upper: PathBuf,
    pub work: PathBuf,
    pub target: String,
}
