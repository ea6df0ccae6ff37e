//! `tug deploy [REF]`: deploy a chosen branch, tag or commit of the local repository, to an app
//! or to a deploy.yml environment, after checking that it is safe; and `deploy:lock`/`unlock`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clap::{Args as ClapArgs, Subcommand};
use console::Style;

use crate::api::commit_status::{latest_per_context, required_states};
use crate::api::{
    DeployLockCreate, Deployment, DeploymentCreate, DeploymentStatusCreate, SourceBlob, Timestamp,
};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::client::{Client, ClientError};
use crate::cli::commands::up::human_size;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git::{self, CommitInfo};
use crate::cli::out::Out;
use crate::deploy_file::{self, DeployFile, Environment};

/// How long `tug deploy` waits for a deployment to end once its build has.
const RELEASE_TIMEOUT: Duration = Duration::from_secs(600);

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<DeployCommand>,
    #[command(flatten)]
    pub deploy: DeployArgs,
}

#[derive(Debug, Subcommand)]
pub enum DeployCommand {
    /// Freeze the app's deploys: every push, deploy, `tug up` and rollback is refused
    Lock(LockArgs),
    /// Let the app's deploys through again
    Unlock(UnlockArgs),
}

#[derive(Debug, Default, ClapArgs)]
pub struct DeployArgs {
    /// A branch, tag or commit of this repository [default: HEAD]
    #[arg(value_name = "REF")]
    pub git_ref: Option<String>,
    /// Deploy to this environment of deploy.yml (its app, and the checks it requires)
    #[arg(short, long = "env", value_name = "ENV")]
    pub environment: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    /// Return once the deployment is accepted, without following the build
    #[arg(long)]
    pub no_wait: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct LockArgs {
    /// Why, for whoever is refused (`"release freeze"`)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct UnlockArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => deploy(&args.deploy, ctx),
        Some(DeployCommand::Lock(a)) => lock(&a, ctx),
        Some(DeployCommand::Unlock(a)) => unlock(&a, ctx),
    }
}

/// The repository's deploy.yml, if it has one.
fn load_deploy_file(root: &Path) -> anyhow::Result<Option<(PathBuf, DeployFile)>> {
    let path = root.join(deploy_file::FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CliError::failed(
                format!("cannot read `{}`: {e}", path.display()),
                "check the file's permissions",
            )
            .into());
        }
    };
    let file = deploy_file::parse(&text).map_err(|e| {
        CliError::failed(
            format!("`{}` {e}", deploy_file::FILE_NAME),
            "fix the file; its format is in the README under `tug deploy`",
        )
    })?;
    Ok(file.map(|file| (path, file)))
}

/// What a deploy must pass before anything is uploaded.
struct Rules {
    auto_merge: bool,
    required_contexts: Vec<String>,
    default_branch: Option<String>,
}

fn deploy(args: &DeployArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let repo = git::open().ok_or_else(|| {
        CliError::usage(
            "`tug deploy` deploys a commit of a git repository, and there is none here",
            "run it inside the app's repository, or deploy a directory with `tug up DIR`",
        )
    })?;
    let root = repo
        .workdir()
        .ok_or_else(|| {
            CliError::usage(
                "this repository has no working tree",
                "run `tug deploy` in a clone with a working tree",
            )
        })?
        .to_path_buf();
    let file = load_deploy_file(&root)?;

    // Which app, and which environment's rules.
    let env: Option<&Environment> = match &args.environment {
        None => None,
        Some(name) => {
            let Some((_, file)) = &file else {
                return Err(CliError::usage(
                    format!(
                        "`-e {name}` names an environment of `{}`, and this repository has none",
                        deploy_file::FILE_NAME
                    ),
                    format!(
                        "add `{}` at the repository root, or deploy to an app with `-a APP`",
                        deploy_file::FILE_NAME
                    ),
                )
                .into());
            };
            Some(file.env(name).ok_or_else(|| {
                let names = file.names();
                CliError::usage(
                    format!("`{}` has no environment `{name}`", deploy_file::FILE_NAME),
                    if names.is_empty() {
                        "it defines no environments yet".to_string()
                    } else {
                        format!("it has: {}", names.join(", "))
                    },
                )
            })?)
        }
    };
    let app = match env {
        Some(env) => {
            if let Some(given) = &args.app.app
                && given != &env.app
            {
                return Err(CliError::usage(
                    format!(
                        "environment `{}` deploys to `{}`, not `{given}`",
                        env.name, env.app
                    ),
                    "leave out `--app`, or leave out `-e`",
                )
                .into());
            }
            env.app.clone()
        }
        None => ctx.app(&args.app)?,
    };
    let client = ctx.client()?;
    if let Err(e) = ctx.block_on(client.app(&app)) {
        if let (Some(env), Some(ClientError::Api { status: 404, .. })) =
            (env, e.downcast_ref::<ClientError>())
        {
            return Err(CliError::failed(
                format!(
                    "`{}` line {}: environment `{}` deploys to `{}`, and there is no such app on {}",
                    deploy_file::FILE_NAME,
                    env.app_line,
                    env.name,
                    env.app,
                    client.api_url()
                ),
                format!(
                    "create it with `tug create {}`, or fix the file",
                    env.app
                ),
            )
            .into());
        }
        return Err(e);
    }
    let rules = match (env, &file) {
        (Some(env), Some((_, f))) => Rules {
            auto_merge: env.auto_merge,
            required_contexts: env.required_contexts.clone(),
            default_branch: f.default_branch.clone(),
        },
        (None, Some((_, f))) => {
            let envs: Vec<&Environment> = f.envs.iter().filter(|e| e.app == app).collect();
            Rules {
                auto_merge: envs.iter().any(|e| e.auto_merge),
                required_contexts: f.required_contexts(&app, None),
                default_branch: f.default_branch.clone(),
            }
        }
        _ => Rules {
            auto_merge: false,
            required_contexts: vec![],
            default_branch: None,
        },
    };

    // The commit.
    let rev = args.git_ref.as_deref().unwrap_or("HEAD");
    let commit = git::resolve_commit(&repo, rev).ok_or_else(|| {
        CliError::usage(
            format!("`{rev}` is not a branch, tag or commit in this repository"),
            "`git branch -a` and `git tag` list what there is; `git fetch` gets what others pushed",
        )
    })?;
    // Untracked files do not count: a commit is deployed either way, and they are not in it.
    if rev == "HEAD" && git::has_uncommitted_changes(&repo, false) {
        out.warn(&format!(
            "the working tree has uncommitted changes; they are not deployed, commit {} is",
            commit.short()
        ));
    }
    let target = match env {
        Some(env) => format!("{} ({})", out.app_name(&app), env.name),
        None => out.app_name(&app),
    };
    out.status(&format!(
        "Deploying {} {:?} ({}, {}) to {target}",
        commit.short(),
        commit.subject,
        if commit.author.is_empty() {
            "unknown author"
        } else {
            &commit.author
        },
        Timestamp(commit.time).ago(out.now()),
    ));

    // Checks, before anything is uploaded.
    let failures = verify(ctx, client, &repo, &app, &commit, &rules)?;
    let intent = DeploymentCreate {
        git_ref: Some(rev.to_string()),
        sha: Some(commit.sha.clone()),
        environment: env.map(|e| e.name.clone()),
        description: Some(commit.subject.clone()).filter(|s| !s.is_empty()),
        required_contexts: rules.required_contexts.clone(),
        ..DeploymentCreate::default()
    };
    if !failures.is_empty() {
        let reason = failures.join("; ");
        let recorded = ctx.block_on(client.create_deployment(&app, &intent))?;
        let refused = ctx.block_on(client.add_deployment_status(
            &app,
            &recorded.id.to_string(),
            &DeploymentStatusCreate {
                state: "refused".into(),
                description: Some(reason),
            },
        ))?;
        if out.is_json() {
            out.json(&refused)?;
        }
        let n = failures.len();
        return Err(CliError::failed(
            format!(
                "deployment refused: {n} check{} not successful",
                if n == 1 { " is" } else { "s are" }
            ),
            format!(
                "`tug statuses {} -a {app}` shows the commit's checks; `tug deployments:info {} -a {app}` the record",
                commit.short(),
                refused.number
            ),
        )
        .into());
    }

    // Upload exactly that commit, and start the deployment.
    let progress = out.progress(format!("Packing {}", commit.short()));
    let tarball = archive(&root, &commit.sha)?;
    progress.finish(&format!("done, {}", human_size(tarball.len())));
    let progress = out.progress("Uploading source");
    let source = ctx.block_on(client.create_source())?;
    ctx.block_on(client.upload_source(&source.source_blob.put_url, tarball))?;
    progress.done();
    let body = DeploymentCreate {
        source_blob: Some(SourceBlob {
            url: Some(source.source_blob.get_url.clone()),
            version: Some(commit.sha.clone()),
            version_description: intent.description.clone(),
            checksum: None,
        }),
        ..intent
    };
    let deployment = ctx.block_on(client.create_deployment(&app, &body))?;
    if args.no_wait {
        if out.is_json() {
            out.json(&deployment)?;
        } else {
            out.status(&format!(
                "Deployment #{} {}: `tug deployments:info {} -a {app}` follows it",
                deployment.number, deployment.status, deployment.number
            ));
        }
        return Ok(());
    }
    if let Some(build) = &deployment.build {
        let build = ctx.block_on(client.build(&app, &build.id.to_string()))?;
        let mut stream = ctx.block_on(client.build_output(&build.output_stream_url))?;
        while let Some(chunk) = ctx.block_on(stream.chunk())? {
            out.raw_stderr(&chunk);
        }
    }
    let done = wait_until_ended(ctx, client, &app, &deployment)?;
    if out.is_json() {
        out.json(&done)?;
    }
    match done.status.as_str() {
        "succeeded" => {
            let version = done
                .release
                .as_ref()
                .map(|r| format!(" as v{}", r.version))
                .unwrap_or_default();
            out.status(&format!(
                "{} Deployed {} to {target}{version}",
                mark(out, true),
                commit.short()
            ));
            if !out.is_json()
                && let Some(url) = ctx.block_on(client.app(&app))?.web_url
            {
                out.line(&url)?;
            }
            Ok(())
        }
        status => Err(CliError::failed(
            format!(
                "deployment #{} {status}: {}",
                done.number,
                done.status_description
                    .as_deref()
                    .unwrap_or("no reason given")
            ),
            format!("`tug builds:output -a {app}` shows the build's output again"),
        )
        .into()),
    }
}

/// Runs the client-side checks, printing a line for each; answers what failed.
fn verify(
    ctx: &Ctx,
    client: &Client,
    repo: &git2::Repository,
    app: &str,
    commit: &CommitInfo,
    rules: &Rules,
) -> anyhow::Result<Vec<String>> {
    let out = &ctx.out;
    let mut failures = vec![];
    let say = |ok: bool, text: &str| out.status(&format!("  {} {text}", mark(out, ok)));
    if rules.auto_merge {
        match git::default_branch(repo, rules.default_branch.as_deref()) {
            None => {
                let why = match &rules.default_branch {
                    Some(b) => {
                        format!("no branch `{b}` (deploy.yml's `default_branch`) to compare with")
                    }
                    None => "no default branch to compare with (no origin/HEAD, main or master)"
                        .to_string(),
                };
                say(false, &why);
                failures.push(why);
            }
            Some((name, tip)) => {
                let behind = git::commits_behind(repo, &commit.sha, tip)?;
                if behind == 0 {
                    say(true, &format!("not behind {name}"));
                } else {
                    let why = format!(
                        "{behind} commit{} behind {name}",
                        if behind == 1 { "" } else { "s" }
                    );
                    say(false, &why);
                    failures.push(format!("{} is {why}", commit.short()));
                }
            }
        }
    }
    if !rules.required_contexts.is_empty() {
        let statuses = ctx.block_on(client.commit_statuses(app, &commit.sha))?;
        let latest: Vec<(&str, &str)> = latest_per_context(&statuses, |s| &s.context)
            .into_iter()
            .map(|s| (s.context.as_str(), s.state.as_str()))
            .collect();
        for (ctx_name, state) in required_states(&rules.required_contexts, &latest) {
            let ok = state == "success";
            say(ok, &format!("{ctx_name}: {state}"));
            if !ok {
                failures.push(format!("{ctx_name}: {state}"));
            }
        }
    }
    Ok(failures)
}

fn mark(out: &Out, ok: bool) -> String {
    let (sym, style) = if ok {
        ("✓", Style::new().green())
    } else {
        ("✗", Style::new().red())
    };
    if out.color_stderr {
        style.for_stderr().apply_to(sym).to_string()
    } else {
        sym.to_string()
    }
}

/// A gzipped tarball of exactly the commit, made the way a push is (`git archive`).
fn archive(root: &Path, sha: &str) -> anyhow::Result<Vec<u8>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["archive", "--format=tar.gz", sha])
        .output()
        .map_err(|e| {
            CliError::failed(
                format!("cannot run `git archive`: {e}"),
                "install git, or put it on PATH",
            )
        })?;
    if !output.status.success() {
        anyhow::bail!(
            "`git archive {sha}` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// The deployment once it has succeeded, failed or been refused.
fn wait_until_ended(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    deployment: &Deployment,
) -> anyhow::Result<Deployment> {
    let deadline = Instant::now() + RELEASE_TIMEOUT;
    let id = deployment.id.to_string();
    loop {
        let current = ctx.block_on(client.deployment(app, &id))?;
        if matches!(current.status.as_str(), "succeeded" | "failed" | "refused") {
            return Ok(current);
        }
        if Instant::now() > deadline {
            return Err(CliError::failed(
                format!(
                    "deployment #{} is still {} after {} s",
                    current.number,
                    current.status,
                    RELEASE_TIMEOUT.as_secs()
                ),
                format!(
                    "`tug deployments:info {} -a {app}` follows it",
                    current.number
                ),
            )
            .into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn lock(args: &LockArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!("Locking deploys of {}", out.app_name(&app)));
    let lock = ctx.block_on(client.lock_deploys(
        &app,
        &DeployLockCreate {
            reason: args.reason.clone(),
        },
    ))?;
    progress.done();
    if out.is_json() {
        return out.json(&lock);
    }
    out.status(&format!(
        "{app} is {}; `tug deploy:unlock -a {app}` lifts it",
        lock.describe()
    ));
    Ok(())
}

fn unlock(args: &UnlockArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!("Unlocking deploys of {}", out.app_name(&app)));
    let removed = ctx.block_on(client.unlock_deploys(&app))?;
    match &removed {
        Some(_) => progress.done(),
        None => progress.finish("it was not locked"),
    }
    if out.is_json() {
        return out.json(&removed);
    }
    Ok(())
}
