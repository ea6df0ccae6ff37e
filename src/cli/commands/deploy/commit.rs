//! `tug deploy [REF]`: resolve the commit, check it against the rules, upload exactly it, and
//! follow the deployment to its end. Each step is a function, in the order they run.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args as ClapArgs;

use super::checks::verify;
use super::follow::follow;
use super::rules::{self, Rules};
use crate::api::{DeploymentCreate, DeploymentStatusCreate, SourceBlob, Timestamp};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::client::Client;
use crate::cli::commands::up::human_size;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git::{self, CommitInfo};
use crate::cli::out::Out;

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

pub fn deploy(args: &DeployArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (repo, root) = open_repository()?;
    let file = rules::load_deploy_file(&root)?;
    let file = file.as_ref().map(|(_, f)| f);
    let env = rules::environment(args.environment.as_deref(), file)?;
    let app = rules::app(&args.app, env, ctx)?;
    let client = ctx.client()?;
    rules::check_app_exists(ctx, client, &app, env)?;
    let rules = Rules::for_app(env, file, &app);

    let rev = args.git_ref.as_deref().unwrap_or("HEAD");
    let commit = resolve(&repo, rev, out)?;
    let target = match env {
        Some(env) => format!("{} ({})", out.app_name(&app), env.name),
        None => out.app_name(&app),
    };
    announce(out, &commit, &target);

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
        return refuse(ctx, client, &app, &commit, &intent, &failures);
    }

    if let Some(env) = env
        && let Some(stage) = &env.promote_from
    {
        return super::promote::promote(ctx, client, env, stage, &app, &commit, rev);
    }
    let deployment = upload_and_start(ctx, client, &app, &root, &commit, intent)?;
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
    follow(ctx, client, &app, &deployment, &commit, &target)
}

/// The repository this runs in, and its working tree.
fn open_repository() -> anyhow::Result<(git2::Repository, PathBuf)> {
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
    Ok((repo, root))
}

/// The commit `rev` names; a warning when HEAD is deployed with changes left uncommitted.
fn resolve(repo: &git2::Repository, rev: &str, out: &Out) -> anyhow::Result<CommitInfo> {
    let commit = git::resolve_commit(repo, rev).ok_or_else(|| {
        CliError::usage(
            format!("`{rev}` is not a branch, tag or commit in this repository"),
            "`git branch -a` and `git tag` list what there is; `git fetch` gets what others pushed",
        )
    })?;
    // Untracked files do not count: a commit is deployed either way, and they are not in it.
    if rev == "HEAD" && git::has_uncommitted_changes(repo, false) {
        out.warn(&format!(
            "the working tree has uncommitted changes; they are not deployed, commit {} is",
            commit.short()
        ));
    }
    Ok(commit)
}

/// `Deploying 1a2b3c4 "subject" (author, 5 minutes ago) to demo`
fn announce(out: &Out, commit: &CommitInfo, target: &str) {
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
}

/// Records the deployment as refused, with what failed, and ends with the error that says so.
fn refuse(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    commit: &CommitInfo,
    intent: &DeploymentCreate,
    failures: &[String],
) -> anyhow::Result<()> {
    let out = &ctx.out;
    let reason = failures.join("; ");
    let recorded = ctx.block_on(client.create_deployment(app, intent))?;
    let refused = ctx.block_on(client.add_deployment_status(
        app,
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
    Err(CliError::failed(
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
    .into())
}

/// Packs and uploads exactly the commit, and starts the deployment of it.
fn upload_and_start(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    root: &Path,
    commit: &CommitInfo,
    intent: DeploymentCreate,
) -> anyhow::Result<crate::api::Deployment> {
    let out = &ctx.out;
    let progress = out.progress(format!("Packing {}", commit.short()));
    let tarball = archive(root, &commit.sha)?;
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
    ctx.block_on(client.create_deployment(app, &body))
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
