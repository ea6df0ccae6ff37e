//! The slug compiler: an app's source tree → buildpacks → a slug and its process types.
//!
//! It follows Heroku's buildpack API so that buildpacks written for Heroku run unchanged: for each
//! buildpack in order, `bin/detect BUILD_DIR` (explicitly set buildpacks too), then `bin/compile
//! BUILD_DIR CACHE_DIR ENV_DIR` in a clean environment with stderr merged into stdout and the
//! `export` files of the buildpacks before it sourced, then the optional `bin/release BUILD_DIR`
//! (YAML: `default_process_types`, legacy `config_vars`). `.git` and the `.slugignore` patterns
//! are removed before anything runs; the Procfile wins over the last buildpack's default process
//! types; the slug is a tar.gz of the build dir with every path under `./app/`.
//!
//! Layout of a build (the caller creates nothing but passes the paths):
//! - `source_dir` is BUILD_DIR, compiled in place and archived as the slug's `/app`;
//! - `work_dir/env` is ENV_DIR (one file per config var), `work_dir/home` is HOME and
//!   `work_dir/tmp` is TMPDIR during the build, `work_dir/buildpacks/N` holds this build's copy
//!   of the N-th buildpack;
//! - `cache_dir` is CACHE_DIR, shared by the app's buildpacks and kept between builds;
//! - `buildpack_cache/{git,tarball}/` keeps fetched buildpacks for every app.

mod buildpack;
pub mod builtin;
mod compile;
pub mod procfile;
pub mod release;
mod run;
pub mod slug;
mod slugignore;
#[cfg(test)]
mod tests;
mod tree;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::process::Command;
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

pub use compile::compile;
pub use procfile::{Procfile, ProcfileError};
pub use run::unfinished;

use crate::server::sandbox::{self, Guard, Wall};
use buildpack::Source;
use run::{Finished, Script};

/// Heroku's build timeout.
pub const DEFAULT_COMPILE_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// Heroku's limit on the compressed slug.
pub const DEFAULT_MAX_SLUG_BYTES: u64 = 500 * 1024 * 1024;
/// Where the legacy `config_vars` of `bin/release` end up in the slug.
pub const CONFIG_VARS_SCRIPT: &str = ".profile.d/000_buildpack_config_vars.sh";

/// The most of `bin/detect` output kept.
const MAX_DETECT_OUTPUT: usize = 64 * 1024;

/// The names of the built-in buildpacks (`null`, `procfile`, `python`, `node`).
pub fn builtin_buildpacks() -> Vec<&'static str> {
    builtin::names()
}

/// Everything a build needs.
#[derive(Debug, Clone)]
pub struct CompileRequest {
    /// The app's source tree, already extracted; compiled in place and archived as `/app`.
    pub source_dir: PathBuf,
    /// As configured on the app, in order; empty = the built-ins detect in order.
    pub buildpacks: Vec<String>,
    /// Config vars, written to ENV_DIR (one file per var).
    pub config: BTreeMap<String, String>,
    /// SOURCE_VERSION (the commit being built).
    pub source_version: Option<String>,
    /// STACK ("local").
    pub stack: String,
    /// The app's CACHE_DIR, kept between builds.
    pub cache_dir: PathBuf,
    /// Where fetched buildpacks are cached (shared by all apps).
    pub buildpack_cache: PathBuf,
    /// Scratch space for this build; the caller removes it afterwards.
    pub work_dir: PathBuf,
    /// Where the slug is written.
    pub slug_path: PathBuf,
    /// For the whole build, fetching buildpacks included.
    pub compile_timeout: Duration,
    /// Largest compressed slug accepted.
    pub max_slug_bytes: u64,
    /// The wall the buildpack scripts run in; `None` runs them as the server's user.
    pub sandbox: Option<BuildSandbox>,
}

/// How a build is walled off.
#[derive(Debug, Clone)]
pub struct BuildSandbox {
    pub wall: Wall,
    /// Whose user the scripts run as.
    pub app: uuid::Uuid,
    /// The most memory the build's scripts may use, in bytes.
    pub memory: u64,
}

/// What a successful build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileOutcome {
    /// The Procfile's types, plus the last buildpack's default types the Procfile does not declare.
    pub process_types: BTreeMap<String, String>,
    /// What the last buildpack's `bin/detect` printed, such as `Python`.
    pub buildpack_description: Option<String>,
    /// The buildpacks that ran, in order (a detected built-in by its name, such as `python`).
    pub buildpacks: Vec<String>,
    /// Size of the slug file in bytes.
    pub size: u64,
    /// `SHA256:<hex>` of the slug file.
    pub checksum: String,
}

/// Why a build failed. Each message is meant for the person who pushed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("no buildpack detected this app (tried {})", .tried.join(", "))]
    NoBuildpackDetected { tried: Vec<String> },
    /// `stderr` is what the buildpack's `bin/detect` printed on stderr; the message shows it on
    /// the following lines, indented by 7 spaces like build output.
    #[error("app not compatible with buildpack `{buildpack}`{}", more_lines(.stderr))]
    NotCompatible { buildpack: String, stderr: String },
    #[error(
        "unknown buildpack `{spec}`: expected a built-in name ({}), a git or tarball URL, or an absolute path",
        builtin::names().join(", ")
    )]
    UnknownBuildpack { spec: String },
    #[error("cannot fetch buildpack `{buildpack}`: {reason}")]
    Fetch { buildpack: String, reason: String },
    #[error("buildpack `{buildpack}`: cannot check out `{git_ref}`{}", colon(.detail))]
    BadRef {
        buildpack: String,
        git_ref: String,
        detail: String,
    },
    #[error("buildpack `{buildpack}` is not a buildpack: {reason}")]
    InvalidBuildpack { buildpack: String, reason: String },
    #[error("buildpack `{buildpack}` failed to compile the app ({})", exit_text(*.code, *.signal))]
    CompileFailed {
        buildpack: String,
        code: Option<i32>,
        signal: Option<i32>,
    },
    #[error(
        "buildpack `{buildpack}` timed out: the build must finish within {}, and `bin/{step}` was still running",
        human_duration(*.timeout)
    )]
    TimedOut {
        buildpack: String,
        step: &'static str,
        timeout: Duration,
    },
    #[error("buildpack `{buildpack}` failed in `bin/{step}` ({status})")]
    ScriptFailed {
        buildpack: String,
        step: &'static str,
        status: String,
    },
    #[error("buildpack `{buildpack}` printed release YAML that does not parse: {reason}")]
    ReleaseYaml { buildpack: String, reason: String },
    #[error("invalid Procfile: {0}")]
    Procfile(#[from] ProcfileError),
    #[error(
        "slug size {} exceeds the limit of {}",
        slug::human_size(*.size),
        slug::human_size(*.limit)
    )]
    SlugTooLarge { size: u64, limit: u64 },
    #[error(
        "build exceeded its memory limit ({} MB) in buildpack `{buildpack}`",
        .limit / (1024 * 1024)
    )]
    OutOfMemory { buildpack: String, limit: u64 },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },
}

impl BuildError {
    /// A next step for the user, when there is an obvious one.
    pub fn hint(&self) -> Option<&'static str> {
        Some(match self {
            BuildError::NoBuildpackDetected { .. } => {
                "add a Procfile, or set a buildpack with `tug buildpacks:set NAME_OR_URL`"
            }
            BuildError::NotCompatible { .. } => {
                "check the app's files, or change its buildpacks with `tug buildpacks:set`"
            }
            BuildError::UnknownBuildpack { .. } => {
                "set a built-in name or a URL with `tug buildpacks:set`"
            }
            BuildError::Procfile(_) => {
                "each line of a Procfile is `name: command`, such as `web: ./bin/server`"
            }
            BuildError::SlugTooLarge { .. } => {
                "list what the app does not need at run time in `.slugignore`"
            }
            BuildError::OutOfMemory { .. } => {
                "the server's operator can raise the limit with `tug server --build-memory MB`"
            }
            _ => return None,
        })
    }

    fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> BuildError {
        let context = context.into();
        move |source| BuildError::Io { context, source }
    }
}

/// Up to 20 lines of a script's stderr, each on a new line indented to align with build output.
fn more_lines(text: &str) -> String {
    const MAX_LINES: usize = 20;
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .skip_while(|l| l.trim().is_empty())
        .collect();
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    let mut out = String::new();
    for line in &lines[..end.min(MAX_LINES)] {
        out.push_str("\n       ");
        out.push_str(line);
    }
    if end > MAX_LINES {
        out.push_str(&format!("\n       ({} more lines)", end - MAX_LINES));
    }
    out
}

fn colon(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(": {text}")
    }
}

fn exit_text(code: Option<i32>, signal: Option<i32>) -> String {
    match (code, signal) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        (None, None) => "no exit status".to_owned(),
    }
}

/// `15m`, `90s`, `500ms`.
pub fn human_duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs == 0 {
        format!("{}ms", d.as_millis())
    } else if secs.is_multiple_of(3600) {
        format!("{}h", secs / 3600)
    } else if secs.is_multiple_of(60) {
        format!("{}m", secs / 60)
    } else {
        format!("{secs}s")
    }
}

/// The build output, in Heroku's style.
#[derive(Clone)]
pub(crate) struct Out(UnboundedSender<String>);

impl Out {
    fn line(&self, line: impl Into<String>) {
        // Nobody listening is fine: the build goes on.
        let _ = self.0.send(line.into());
    }
    fn arrow(&self, text: impl AsRef<str>) {
        self.line(format!("-----> {}", text.as_ref()));
    }
    fn indent(&self, text: impl AsRef<str>) {
        self.line(format!("       {}", text.as_ref()));
    }
    fn warn(&self, text: impl AsRef<str>) {
        self.line(format!(" !     {}", text.as_ref()));
    }
}
