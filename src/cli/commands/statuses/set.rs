//! `tug statuses:set`: record what CI says about a commit.

use clap::Args as ClapArgs;

use super::commit::commit_sha;
use crate::api::CommitStatusCreate;
use crate::api::commit_status::{context_problem, state_problem};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

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
    pub flags: AppJsonArgs,
}

pub(super) fn set(args: &SetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    if let Some(problem) = state_problem(&args.state).or_else(|| context_problem(&args.context)) {
        return Err(CliError::usage(
            problem,
            "for example: `tug statuses:set HEAD ci/test success`",
        )
        .into());
    }
    let sha = commit_sha(&args.git_ref)?;
    let (app, client) = ctx.app_client(&args.flags.app)?;
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
