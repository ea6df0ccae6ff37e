//! `tug statuses`: what CI and other checks say about a commit, and `statuses:set` for CI steps
//! to report. Required statuses (deploy.yml `required_contexts`) gate `tug deploy`.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::CommitStatusCreate;
use crate::api::commit_status::{context_problem, full_sha, latest_per_context, state_problem};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<StatusesCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum StatusesCommand {
    /// Show a commit's statuses, the latest of each context (the default)
    List(ListArgs),
    /// Report a status for a commit: `tug statuses:set HEAD ci/test success`
    Set(SetArgs),
}

#[derive(Debug, Default, ClapArgs)]
pub struct ListArgs {
    /// A branch, tag or commit [default: HEAD]
    #[arg(value_name = "REF")]
    pub git_ref: Option<String>,
    /// Every status in order, not only the latest of each context
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct SetArgs {
    /// The commit: a branch, tag or commit of this repository, or a full commit id
    #[arg(value_name = "REF")]
    pub git_ref: String,
    /// What reports, like `ci/test`
    #[arg(value_name = "CONTEXT")]
    pub context: String,
    /// pending, success, failure or error
    #[arg(value_name = "STATE")]
    pub state: String,
    /// A short note, like "42 tests passed"
    #[arg(short, long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Where the details are (the CI run)
    #[arg(short, long, value_name = "URL")]
    pub target_url: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(StatusesCommand::List(a)) => list(&a, ctx),
        Some(StatusesCommand::Set(a)) => set(&a, ctx),
    }
}

/// The full commit id a REF names: through the local repository when there is one, else it
/// must already be a full id.
pub fn commit_sha(rev: &str) -> anyhow::Result<String> {
    if let Some(repo) = git::open()
        && let Some(commit) = git::resolve_commit(&repo, rev)
    {
        return Ok(commit.sha);
    }
    full_sha(rev).ok_or_else(|| {
        CliError::usage(
            format!("`{rev}` is not a commit of a repository here, nor a full commit id"),
            "run this inside the repository, or give all 40 hex digits of the commit",
        )
        .into()
    })
}

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let rev = args.git_ref.as_deref().unwrap_or("HEAD");
    let sha = commit_sha(rev)?;
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let statuses = ctx.block_on(client.commit_statuses(&app, &sha))?;
    let shown: Vec<_> = if args.all {
        statuses.iter().collect()
    } else {
        latest_per_context(&statuses, |s| &s.context)
    };
    if out.is_json() {
        return out.json(&shown);
    }
    if shown.is_empty() {
        out.status(&format!("{} has no statuses on {app}.", &sha[..7]));
        out.hint(&format!(
            "CI reports them with `tug statuses:set {} ci/test success -a {app}`",
            &sha[..7]
        ));
        return Ok(());
    }
    out.header(&format!("{} statuses on {app}", &sha[..7]))?;
    let mut table = Table::new(vec!["context", "state", "description", "by", "set"]).flex(2);
    for s in shown {
        let description = match (&s.description, &s.target_url) {
            (Some(d), Some(u)) => format!("{d} ({u})"),
            (Some(d), None) => d.clone(),
            (None, Some(u)) => u.clone(),
            (None, None) => String::new(),
        };
        table.row(vec![
            s.context.clone().into(),
            s.state.clone().into(),
            description.into(),
            s.creator.email.clone().into(),
            s.created_at.into(),
        ]);
    }
    Ok(out.table(&table)?)
}

fn set(args: &SetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    if let Some(problem) = state_problem(&args.state).or_else(|| context_problem(&args.context)) {
        return Err(CliError::usage(
            problem,
            "for example: `tug statuses:set HEAD ci/test success`",
        )
        .into());
    }
    let sha = commit_sha(&args.git_ref)?;
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!(
        "Setting {} {} on {}",
        args.context,
        args.state,
        &sha[..7]
    ));
    let status = ctx.block_on(client.create_commit_status(
        &app,
        &sha,
        &CommitStatusCreate {
            context: args.context.clone(),
            state: args.state.clone(),
            description: args.description.clone(),
            target_url: args.target_url.clone(),
        },
    ))?;
    progress.done();
    if out.is_json() {
        return out.json(&status);
    }
    Ok(())
}
