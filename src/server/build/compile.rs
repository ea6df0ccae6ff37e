//! One build, start to end: prepare the directories, fetch or detect the buildpacks, run each
//! one's detect, compile and release in the sandbox, collect the process types and write the
//! slug.

use super::*;

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
    async fn script(&self, script: &Path) -> Result<(Script, Option<Guard>), BuildError> {
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
    ) -> Result<(Script, Option<Guard>), BuildError> {
        let Some(sandbox) = &self.sandbox else {
            let mut cmd = Command::new(argv[0]);
            cmd.args(&argv[1..])
                .env_clear()
                .envs(self.vars.iter().cloned())
                .current_dir(cwd);
            return Ok((Script::Plain(cmd), None));
        };
        let walled = sandbox
            .wall
            .prepare(sandbox::Request {
                // Buildpacks download what they need; a build is not reached by the router.
                net: sandbox::Net::Host,
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
        Ok((Script::Walled(walled.launch), Some(walled.guard)))
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
    let (req, dirs) = prepare_dirs(req).await?;

    out.arrow(format!("Building on the {} stack", req.stack));
    prune_source(&dirs.build, &out).await?;

    write_env_dir(&dirs.env, &req.config).await?;
    let ctx = Ctx {
        build_dir: dirs.build.clone(),
        env: BuildEnv::new(&req, &dirs.home, &dirs.tmp),
        deadline,
        timeout: req.compile_timeout,
        out: out.clone(),
    };
    // The scripts run as the app's user: give it what they may write.
    for dir in &ctx.env.writable {
        ctx.env.give(dir).await?;
    }

    // Each buildpack detects just before it compiles (as heroku-buildpack-multi does), so a
    // buildpack may detect files that the ones before it produced.
    let queue: Vec<(Prepared, Option<String>)> = if req.buildpacks.is_empty() {
        vec![detect_builtin(&ctx, &req, &dirs.packs).await?]
    } else {
        // Fetch every configured buildpack first, so an unreachable one fails before any
        // compile.
        install_configured(&req, &dirs.packs, deadline, &out)
            .await?
            .into_iter()
            .map(|pack| (pack, None))
            .collect()
    };
    let ran = run_buildpacks(&ctx, queue, &req.cache_dir, &dirs.env).await?;

    if !ran.config_vars.is_empty() {
        write_config_vars_script(&dirs.build, &ran.config_vars, &out).await?;
    }
    let process_types = process_types(&dirs.build, &ran.defaults, &out).await?;
    let written = write_slug(&dirs.build, &req, &out).await?;

    Ok(CompileOutcome {
        process_types,
        buildpack_description: ran.description,
        buildpacks: ran.specs,
        size: written.size,
        checksum: written.checksum,
    })
}

/// The directories of one build, all absolute.
struct Dirs {
    /// The app's source, compiled in place.
    build: PathBuf,
    /// The config vars as files, for `bin/compile`.
    env: PathBuf,
    home: PathBuf,
    tmp: PathBuf,
    /// The buildpacks of this build.
    packs: PathBuf,
}

/// Clears and creates the build's work directories, creates the caches, and makes every path
/// absolute: scripts run in the build dir, so every path they get must be.
async fn prepare_dirs(mut req: CompileRequest) -> Result<(CompileRequest, Dirs), BuildError> {
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

    let absolute = |path: &Path| {
        std::path::absolute(path)
            .map_err(BuildError::io(format!("cannot resolve {}", path.display())))
    };
    req.cache_dir = absolute(&req.cache_dir)?;
    req.buildpack_cache = absolute(&req.buildpack_cache)?;
    req.slug_path = absolute(&req.slug_path)?;
    let dirs = Dirs {
        build: absolute(&build_dir)?,
        env: absolute(&env_dir)?,
        home: absolute(&home)?,
        tmp: absolute(&tmp)?,
        packs: absolute(&packs_dir)?,
    };
    req.source_dir = dirs.build.clone();
    Ok((req, dirs))
}

/// Heroku prunes `.git` and what `.slugignore` names before the buildpacks see the app.
async fn prune_source(build_dir: &Path, out: &Out) -> Result<(), BuildError> {
    remove_git_dir(build_dir).await?;
    let pruned = {
        let dir = build_dir.to_owned();
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
    Ok(())
}

/// Fetches the app's configured buildpacks, in order, into `packs_dir/1`, `packs_dir/2`, …
async fn install_configured(
    req: &CompileRequest,
    packs_dir: &Path,
    deadline: Instant,
    out: &Out,
) -> Result<Vec<Prepared>, BuildError> {
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
    let mut packs = Vec::new();
    for (i, (spec, source)) in sources.iter().enumerate() {
        let dir = packs_dir.join((i + 1).to_string());
        buildpack::install(spec, source, &req.buildpack_cache, &dir, deadline, out).await?;
        packs.push(Prepared {
            spec: spec.clone(),
            dir,
        });
    }
    Ok(packs)
}

/// With no buildpack configured: the first built-in whose detect matches, with the name it
/// detected.
async fn detect_builtin(
    ctx: &Ctx,
    req: &CompileRequest,
    packs_dir: &Path,
) -> Result<(Prepared, Option<String>), BuildError> {
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
            ctx.deadline,
            &ctx.out,
        )
        .await?;
        if let Ok(detected) = detect(ctx, &pack).await? {
            return Ok((pack, Some(detected)));
        }
    }
    Err(BuildError::NoBuildpackDetected {
        tried: builtin::DEFAULT_ORDER
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    })
}

/// What the buildpacks of one build produced.
struct Ran {
    /// The specs of the buildpacks that ran, in order.
    specs: Vec<String>,
    /// The last buildpack's detected name.
    description: Option<String>,
    /// The last buildpack's default process types.
    defaults: Vec<(String, String)>,
    /// Config vars the buildpacks' `bin/release` asked for, later ones winning.
    config_vars: BTreeMap<String, String>,
}

/// Detects (unless already detected), compiles and releases each buildpack in turn; each one's
/// `export` file is sourced by the compiles after it.
async fn run_buildpacks(
    ctx: &Ctx,
    queue: Vec<(Prepared, Option<String>)>,
    cache_dir: &Path,
    env_dir: &Path,
) -> Result<Ran, BuildError> {
    let mut ran = Ran {
        specs: Vec::new(),
        description: None,
        defaults: Vec::new(),
        config_vars: BTreeMap::new(),
    };
    let mut exports: Vec<PathBuf> = Vec::new();
    let last = queue.len().saturating_sub(1);
    for (index, (pack, detected)) in queue.into_iter().enumerate() {
        let name = match detected {
            Some(name) => name,
            None => match detect(ctx, &pack).await? {
                Ok(name) => name,
                Err(stderr) => {
                    return Err(BuildError::NotCompatible {
                        buildpack: pack.spec,
                        stderr,
                    });
                }
            },
        };
        ctx.out.arrow(format!("{name} app detected"));
        run_compile(ctx, &pack, cache_dir, env_dir, &exports).await?;
        let export = pack.dir.join("export");
        if export.is_file() {
            exports.push(export);
        }
        let release = run_release(ctx, &pack).await?;
        for (key, value) in release.config_vars {
            ran.config_vars.insert(key, value);
        }
        if index == last {
            ran.defaults = release.default_process_types;
        }
        ran.description = Some(name);
        ran.specs.push(pack.spec);
    }
    Ok(ran)
}

/// The app's process types: the Procfile's, plus the last buildpack's defaults for types the
/// Procfile does not declare.
async fn process_types(
    build_dir: &Path,
    defaults: &[(String, String)],
    out: &Out,
) -> Result<BTreeMap<String, String>, BuildError> {
    out.arrow("Discovering process types");
    let procfile = read_procfile(build_dir).await?;
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
    for (name, command) in defaults {
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
    Ok(process_types)
}

/// Writes the slug; one over the size limit is removed and refused.
async fn write_slug(
    build_dir: &Path,
    req: &CompileRequest,
    out: &Out,
) -> Result<slug::SlugFile, BuildError> {
    let written = {
        let (dir, path) = (build_dir.to_owned(), req.slug_path.clone());
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
    Ok(written)
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
