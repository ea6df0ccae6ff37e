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
mod builtin;
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

pub use procfile::{Procfile, ProcfileError};

use crate::server::sandbox::{self, Guard, Wall};
use buildpack::Source;
use run::Finished;

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

/// A buildpack ready to run in this build.
struct Prepared {
    /// As configured (or the built-in's name).
    spec: String,
    dir: PathBuf,
}

/// What every step of one build shares.
struct Ctx {
    build_dir: PathBuf,
    env: BuildEnv,
    deadline: Instant,
    timeout: Duration,
    out: Out,
}

impl Ctx {
    /// `bin/detect` or `bin/release`: the script with the build dir as its argument, run there.
    async fn script(&self, script: &Path) -> Result<(Command, Option<Guard>), BuildError> {
        let argv = [script.as_os_str(), self.build_dir.as_os_str()];
        self.env.command(&argv, &self.build_dir).await
    }
}

/// The clean environment every buildpack script gets.
struct BuildEnv {
    vars: Vec<(String, String)>,
    sandbox: Option<BuildSandbox>,
    /// What a walled-off script may write: the build, cache and scratch dirs.
    writable: Vec<PathBuf>,
}

impl BuildEnv {
    fn new(req: &CompileRequest, home: &Path, tmp: &Path) -> BuildEnv {
        let path = std::env::var("PATH")
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".to_owned());
        let mut vars = vec![
            ("PATH".to_owned(), path),
            ("HOME".to_owned(), home.to_string_lossy().into_owned()),
            ("TMPDIR".to_owned(), tmp.to_string_lossy().into_owned()),
            ("LANG".to_owned(), "C.UTF-8".to_owned()),
            ("STACK".to_owned(), req.stack.clone()),
            (
                "REQUEST_ID".to_owned(),
                format!("build-{}", uuid::Uuid::new_v4().simple()),
            ),
            ("CURL_CONNECT_TIMEOUT".to_owned(), "30".to_owned()),
            ("CURL_TIMEOUT".to_owned(), "180".to_owned()),
        ];
        if let Some(version) = &req.source_version {
            vars.push(("SOURCE_VERSION".to_owned(), version.clone()));
        }
        BuildEnv {
            vars,
            sandbox: req.sandbox.clone(),
            writable: vec![
                req.source_dir.clone(),
                req.cache_dir.clone(),
                req.work_dir.clone(),
            ],
        }
    }

    /// A buildpack script's command, inside the wall when there is one; the guard must live
    /// as long as the script runs.
    async fn command(
        &self,
        argv: &[&std::ffi::OsStr],
        cwd: &Path,
    ) -> Result<(Command, Option<Guard>), BuildError> {
        let Some(sandbox) = &self.sandbox else {
            let mut cmd = Command::new(argv[0]);
            cmd.args(&argv[1..])
                .env_clear()
                .envs(self.vars.iter().cloned())
                .current_dir(cwd);
            return Ok((cmd, None));
        };
        let walled = sandbox
            .wall
            .prepare(sandbox::Request {
                name: "build".to_owned(),
                app: sandbox.app,
                argv: argv
                    .iter()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect(),
                env: self.vars.clone(),
                cwd: cwd.to_string_lossy().into_owned(),
                terminal: false,
                limits: sandbox::Limits {
                    memory_bytes: sandbox.memory,
                    processes: 16_384,
                    cpu_shares: 1024,
                },
                tmp_bytes: sandbox.memory / 2,
                writable: self.writable.clone(),
                read_only: Vec::new(),
                app_dir: None,
            })
            .await
            .map_err(BuildError::io("cannot prepare the build's sandbox"))?;
        Ok((walled.command, Some(walled.guard)))
    }

    /// Gives a buildpack's dir to the app's user: `bin/compile` may write its `export` file there.
    async fn give(&self, dir: &Path) -> Result<(), BuildError> {
        let Some(sandbox) = self.sandbox.clone() else {
            return Ok(());
        };
        let dir = dir.to_path_buf();
        tokio::task::spawn_blocking(move || sandbox.wall.hand_over(sandbox.app, &dir))
            .await
            .map_err(|e| BuildError::Io {
                context: "cannot prepare the build's sandbox".to_owned(),
                source: io::Error::other(e),
            })?
            .map_err(BuildError::io("cannot prepare the build's sandbox"))
    }

    /// The error for a script that failed: out of memory when the kernel said so.
    fn failure(&self, guard: &Option<Guard>, buildpack: &str, other: BuildError) -> BuildError {
        match (&self.sandbox, guard.as_ref().and_then(Guard::group)) {
            (Some(sandbox), Some(group)) if group.oom_kills() > 0 => BuildError::OutOfMemory {
                buildpack: buildpack.to_owned(),
                limit: sandbox.memory,
            },
            _ => other,
        }
    }
}

/// Runs `bin/compile` after sourcing the `export` files of the buildpacks before it, with stderr
/// merged into stdout. Arguments: compile, BUILD_DIR, CACHE_DIR, ENV_DIR, export files…
const COMPILE_WRAPPER: &str = r#"exec 2>&1
__tug_args=("$1" "$2" "$3" "$4")
shift 4
__tug_exports=("$@")
set --
for __tug_export in "${__tug_exports[@]}"; do
  . "$__tug_export"
done
set -- "${__tug_args[@]}"
unset __tug_args __tug_exports __tug_export
exec "$@"
"#;

/// Build the app in `req.source_dir` into a slug at `req.slug_path`, sending the build output to
/// `out` line by line. On failure the output so far explains the context and the error says what
/// went wrong; the caller prints it (and its [`BuildError::hint`]).
pub async fn compile(
    req: CompileRequest,
    out: UnboundedSender<String>,
) -> Result<CompileOutcome, BuildError> {
    let out = Out(out);
    let deadline = Instant::now() + req.compile_timeout;
    let build_dir = req.source_dir.clone();
    if !build_dir.is_dir() {
        return Err(BuildError::Io {
            context: format!("cannot build {}", build_dir.display()),
            source: io::Error::new(io::ErrorKind::NotFound, "not a directory"),
        });
    }
    let env_dir = req.work_dir.join("env");
    let home = req.work_dir.join("home");
    let tmp = req.work_dir.join("tmp");
    let packs_dir = req.work_dir.join("buildpacks");
    for dir in [&env_dir, &home, &tmp, &packs_dir] {
        if dir.exists() {
            tokio::fs::remove_dir_all(dir)
                .await
                .map_err(BuildError::io(format!("cannot clear {}", dir.display())))?;
        }
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(BuildError::io(format!("cannot create {}", dir.display())))?;
    }
    for dir in [&req.cache_dir, &req.buildpack_cache] {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(BuildError::io(format!("cannot create {}", dir.display())))?;
    }

    // Scripts run in the build dir; every path they get must be absolute.
    let absolute = |path: &Path| {
        std::path::absolute(path)
            .map_err(BuildError::io(format!("cannot resolve {}", path.display())))
    };
    let mut req = req;
    req.cache_dir = absolute(&req.cache_dir)?;
    req.buildpack_cache = absolute(&req.buildpack_cache)?;
    req.slug_path = absolute(&req.slug_path)?;
    let build_dir = absolute(&build_dir)?;
    let env_dir = absolute(&env_dir)?;
    let home = absolute(&home)?;
    let tmp = absolute(&tmp)?;
    let packs_dir = absolute(&packs_dir)?;
    req.source_dir = build_dir.clone();

    out.arrow(format!("Building on the {} stack", req.stack));

    // Heroku prunes these before the buildpacks see the app.
    remove_git_dir(&build_dir).await?;
    let pruned = {
        let dir = build_dir.clone();
        tokio::task::spawn_blocking(move || slugignore::apply(&dir))
            .await
            .map_err(|e| BuildError::Io {
                context: "cannot apply .slugignore".to_owned(),
                source: io::Error::other(e),
            })?
            .map_err(BuildError::io("cannot apply .slugignore"))?
    };
    if let Some(count) = pruned {
        out.arrow(format!(
            "Deleting {count} files matching .slugignore patterns."
        ));
    }

    write_env_dir(&env_dir, &req.config).await?;
    let ctx = Ctx {
        build_dir: build_dir.clone(),
        env: BuildEnv::new(&req, &home, &tmp),
        deadline,
        timeout: req.compile_timeout,
        out: out.clone(),
    };
    // The scripts run as the app's user: give it what they may write.
    for dir in &ctx.env.writable {
        ctx.env.give(dir).await?;
    }

    // Fetch every configured buildpack first, so an unreachable one fails before any compile.
    let explicit = !req.buildpacks.is_empty();
    let mut packs = Vec::new();
    if explicit {
        let sources = req
            .buildpacks
            .iter()
            .map(|spec| buildpack::classify(spec).map(|source| (spec.trim().to_owned(), source)))
            .collect::<Result<Vec<_>, _>>()?;
        if sources.len() > 1 {
            out.arrow("Using buildpacks:");
            for (i, (spec, _)) in sources.iter().enumerate() {
                out.indent(format!("{}. {spec}", i + 1));
            }
        }
        for (i, (spec, source)) in sources.iter().enumerate() {
            let dir = packs_dir.join((i + 1).to_string());
            buildpack::install(spec, source, &req.buildpack_cache, &dir, deadline, &out).await?;
            packs.push(Prepared {
                spec: spec.clone(),
                dir,
            });
        }
    }

    let mut ran = Vec::new();
    let mut exports: Vec<PathBuf> = Vec::new();
    let mut description = None;
    let mut defaults: Vec<(String, String)> = Vec::new();
    let mut config_vars: BTreeMap<String, String> = BTreeMap::new();

    // Each buildpack detects just before it compiles (as heroku-buildpack-multi does), so a
    // buildpack may detect files that the ones before it produced.
    let mut queue: Vec<(Prepared, Option<String>)> = Vec::new();
    if explicit {
        queue.extend(packs.into_iter().map(|pack| (pack, None)));
    } else {
        // The built-ins, first match wins.
        for (i, name) in builtin::DEFAULT_ORDER.iter().enumerate() {
            let dir = packs_dir.join(format!("detect-{}", i + 1));
            let pack = Prepared {
                spec: (*name).to_owned(),
                dir,
            };
            buildpack::install(
                name,
                &Source::Builtin(name),
                &req.buildpack_cache,
                &pack.dir,
                deadline,
                &out,
            )
            .await?;
            if let Ok(detected) = detect(&ctx, &pack).await? {
                queue.push((pack, Some(detected)));
                break;
            }
        }
        if queue.is_empty() {
            return Err(BuildError::NoBuildpackDetected {
                tried: builtin::DEFAULT_ORDER
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
            });
        }
    }

    let last = queue.len().saturating_sub(1);
    for (index, (pack, detected)) in queue.into_iter().enumerate() {
        let name = match detected {
            Some(name) => name,
            None => match detect(&ctx, &pack).await? {
                Ok(name) => name,
                Err(stderr) => {
                    return Err(BuildError::NotCompatible {
                        buildpack: pack.spec,
                        stderr,
                    });
                }
            },
        };
        out.arrow(format!("{name} app detected"));
        run_compile(&ctx, &pack, &req.cache_dir, &env_dir, &exports).await?;
        let export = pack.dir.join("export");
        if export.is_file() {
            exports.push(export);
        }
        let release = run_release(&ctx, &pack).await?;
        for (key, value) in release.config_vars {
            config_vars.insert(key, value);
        }
        if index == last {
            defaults = release.default_process_types;
        }
        description = Some(name);
        ran.push(pack.spec);
    }

    if !config_vars.is_empty() {
        write_config_vars_script(&build_dir, &config_vars, &out).await?;
    }

    out.arrow("Discovering process types");
    let procfile = read_procfile(&build_dir).await?;
    let mut process_types: BTreeMap<String, String> = BTreeMap::new();
    let declared = procfile.as_ref().map(Procfile::names).unwrap_or_default();
    out.indent(format!(
        "Procfile declares types -> {}",
        if declared.is_empty() {
            "(none)".to_owned()
        } else {
            declared.join(", ")
        }
    ));
    let mut added = Vec::new();
    for (name, command) in &defaults {
        if !declared.contains(&name.as_str()) {
            added.push(name.as_str());
            process_types.insert(name.clone(), command.clone());
        }
    }
    if !added.is_empty() {
        out.indent(format!(
            "Default types for buildpack -> {}",
            added.join(", ")
        ));
    }
    if let Some(procfile) = &procfile {
        for warning in &procfile.warnings {
            out.warn(format!("Procfile: {warning}"));
        }
        for (name, command) in &procfile.entries {
            process_types.insert(name.clone(), command.clone());
        }
    }

    let written = {
        let (dir, path) = (build_dir.clone(), req.slug_path.clone());
        tokio::task::spawn_blocking(move || slug::write(&dir, &path))
            .await
            .map_err(|e| BuildError::Io {
                context: "cannot write the slug".to_owned(),
                source: io::Error::other(e),
            })?
            .map_err(BuildError::io("cannot write the slug"))?
    };
    out.arrow(format!(
        "Compressing... done, {}",
        slug::human_size(written.size)
    ));
    if written.size > req.max_slug_bytes {
        let _ = tokio::fs::remove_file(&req.slug_path).await;
        return Err(BuildError::SlugTooLarge {
            size: written.size,
            limit: req.max_slug_bytes,
        });
    }

    Ok(CompileOutcome {
        process_types,
        buildpack_description: description,
        buildpacks: ran,
        size: written.size,
        checksum: written.checksum,
    })
}

async fn remove_git_dir(build_dir: &Path) -> Result<(), BuildError> {
    let git = build_dir.join(".git");
    match tokio::fs::symlink_metadata(&git).await {
        Ok(meta) if meta.is_dir() => tokio::fs::remove_dir_all(&git).await,
        Ok(_) => tokio::fs::remove_file(&git).await,
        Err(_) => Ok(()),
    }
    .map_err(BuildError::io("cannot remove .git from the app"))
}

/// One file per config var; a name that cannot be a file name is left out.
async fn write_env_dir(
    env_dir: &Path,
    config: &BTreeMap<String, String>,
) -> Result<(), BuildError> {
    for (name, value) in config {
        if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\0']) {
            continue;
        }
        tokio::fs::write(env_dir.join(name), value)
            .await
            .map_err(BuildError::io("cannot write ENV_DIR"))?;
    }
    Ok(())
}

/// `Ok(Ok(name))` when the buildpack detects the app, `Ok(Err(stderr))` when it does not.
async fn detect(ctx: &Ctx, pack: &Prepared) -> Result<Result<String, String>, BuildError> {
    ctx.env.give(&pack.dir).await?;
    let (cmd, _guard) = ctx.script(&pack.dir.join("bin/detect")).await?;
    let captured = run::capture(cmd, ctx.deadline, MAX_DETECT_OUTPUT)
        .await
        .map_err(|e| BuildError::InvalidBuildpack {
            buildpack: pack.spec.clone(),
            reason: format!("cannot run `bin/detect`: {e}"),
        })?;
    match captured.finished {
        Finished::TimedOut => Err(BuildError::TimedOut {
            buildpack: pack.spec.clone(),
            step: "detect",
            timeout: ctx.timeout,
        }),
        Finished::Exited(status) if status.success() => {
            let stdout = String::from_utf8_lossy(&captured.stdout);
            let name = stdout
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or(&pack.spec)
                .to_owned();
            Ok(Ok(name))
        }
        Finished::Exited(_) => Ok(Err(String::from_utf8_lossy(&captured.stderr).into_owned())),
    }
}

async fn run_compile(
    ctx: &Ctx,
    pack: &Prepared,
    cache_dir: &Path,
    env_dir: &Path,
    exports: &[PathBuf],
) -> Result<(), BuildError> {
    let script = pack.dir.join("bin/compile");
    let mut argv: Vec<&std::ffi::OsStr> = vec![
        "bash".as_ref(),
        "-c".as_ref(),
        COMPILE_WRAPPER.as_ref(),
        "compile".as_ref(),
        script.as_os_str(),
        ctx.build_dir.as_os_str(),
        cache_dir.as_os_str(),
        env_dir.as_os_str(),
    ];
    argv.extend(exports.iter().map(|e| e.as_os_str()));
    let (cmd, guard) = ctx.env.command(&argv, &ctx.build_dir).await?;
    let finished = run::stream(cmd, ctx.deadline, &ctx.out.0)
        .await
        .map_err(BuildError::io("cannot run bash for `bin/compile`"))?;
    match finished {
        Finished::TimedOut => Err(BuildError::TimedOut {
            buildpack: pack.spec.clone(),
            step: "compile",
            timeout: ctx.timeout,
        }),
        Finished::Exited(status) if status.success() => Ok(()),
        Finished::Exited(status) => {
            use std::os::unix::process::ExitStatusExt;
            let failed = BuildError::CompileFailed {
                buildpack: pack.spec.clone(),
                code: status.code(),
                signal: status.signal(),
            };
            Err(ctx.env.failure(&guard, &pack.spec, failed))
        }
    }
}

async fn run_release(ctx: &Ctx, pack: &Prepared) -> Result<release::Release, BuildError> {
    let script = pack.dir.join("bin/release");
    if !script.is_file() {
        return Ok(release::Release::default());
    }
    let (cmd, _guard) = ctx.script(&script).await?;
    let captured = run::capture(cmd, ctx.deadline, release::MAX_RELEASE_BYTES + 1)
        .await
        .map_err(|e| BuildError::InvalidBuildpack {
            buildpack: pack.spec.clone(),
            reason: format!("cannot run `bin/release`: {e}"),
        })?;
    for line in String::from_utf8_lossy(&captured.stderr).lines() {
        ctx.out.line(run::clean_line(line.as_bytes()));
    }
    match captured.finished {
        Finished::TimedOut => {
            return Err(BuildError::TimedOut {
                buildpack: pack.spec.clone(),
                step: "release",
                timeout: ctx.timeout,
            });
        }
        Finished::Exited(status) if !status.success() => {
            return Err(BuildError::ScriptFailed {
                buildpack: pack.spec.clone(),
                step: "release",
                status: run::describe(&status),
            });
        }
        Finished::Exited(_) => {}
    }
    let text = String::from_utf8_lossy(&captured.stdout);
    release::parse(&text).map_err(|reason| BuildError::ReleaseYaml {
        buildpack: pack.spec.clone(),
        reason,
    })
}

/// Legacy `config_vars` become a `.profile.d` script; config vars set on the app win.
async fn write_config_vars_script(
    build_dir: &Path,
    vars: &BTreeMap<String, String>,
    out: &Out,
) -> Result<(), BuildError> {
    let mut script = String::from(
        "# Default config vars declared by the buildpacks' bin/release (config_vars).\n\
         # A config var set on the app wins.\n",
    );
    for (name, value) in vars {
        let valid = !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid {
            out.warn(format!(
                "Ignoring config var `{name}` from bin/release: not a valid variable name"
            ));
            continue;
        }
        script.push_str(&format!(
            "if [ -z \"${{{name}+x}}\" ]; then export {name}={}; fi\n",
            shell_quote(value)
        ));
    }
    let path = build_dir.join(CONFIG_VARS_SCRIPT);
    if let Some(parent) = path.parent() {
        tokio::fs::create_dir_all(parent)
            .await
            .map_err(BuildError::io("cannot create .profile.d"))?;
    }
    tokio::fs::write(&path, script)
        .await
        .map_err(BuildError::io(format!("cannot write {CONFIG_VARS_SCRIPT}")))
}

fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

async fn read_procfile(build_dir: &Path) -> Result<Option<Procfile>, BuildError> {
    // The file itself, not what a link points at: that size is none of the app's business.
    if let Ok(meta) = tokio::fs::symlink_metadata(build_dir.join("Procfile")).await
        && meta.is_file()
        && meta.len() > procfile::MAX_PROCFILE_BYTES as u64
    {
        return Err(ProcfileError::TooLarge {
            size: usize::try_from(meta.len()).unwrap_or(usize::MAX),
        }
        .into());
    }
    let dir = build_dir.to_path_buf();
    let bytes = tokio::task::spawn_blocking(move || {
        tree::read(&dir, "Procfile", procfile::MAX_PROCFILE_BYTES as u64)
    })
    .await
    .map_err(|e| io::Error::other(e.to_string()))
    .and_then(|r| r)
    .map_err(BuildError::io("cannot read the Procfile"))?;
    bytes
        .map(|b| procfile::parse(&b).map_err(BuildError::from))
        .transpose()
}
