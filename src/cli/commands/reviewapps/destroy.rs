//! `tug reviewapps:destroy BRANCH -p PIPELINE`: the branch's review app goes, with its add-ons,
//! after its `pr-predestroy` script, once its app name is confirmed.

use clap::Args as ClapArgs;

use super::PipelineArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct DestroyArgs {
    /// The branch whose review app goes
    #[arg(value_name = "BRANCH")]
    pub branch: String,
    #[command(flatten)]
    pub flags: PipelineArgs,
    /// The review app's name, to confirm without a prompt
    #[arg(short, long, value_name = "APP")]
    pub confirm: Option<String>,
}

pub(super) fn destroy(args: &DestroyArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let pipeline = &args.flags.pipeline(ctx)?;
    let client = ctx.client()?;
    let apps = ctx.block_on(client.review_apps(pipeline))?;
    let branch = &args.branch;
    let found = apps.iter().find(|a| a.branch == *branch).ok_or_else(|| {
        CliError::failed(
            format!("pipeline `{pipeline}` has no review app for `{branch}`"),
            format!("`tug reviewapps -p {pipeline}` lists its review apps"),
        )
    })?;
    let name = found
        .app
        .as_ref()
        .and_then(|a| a.name.clone())
        .unwrap_or_else(|| branch.clone());
    out.confirm_app(
        &name,
        args.confirm.as_deref(),
        &format!("this destroys review app {name} and its add-ons"),
        "nothing was destroyed",
        format!("refusing to destroy review app `{name}` without confirmation"),
    )?;
    let progress = out.progress(format!("Destroying review app {name}"));
    let gone = ctx.block_on(client.delete_review_app(&found.id.to_string()))?;
    progress.done();
    if out.is_json() {
        return out.json(&gone);
    }
    Ok(())
}
