//! `tug pipelines:add`: put the app in a pipeline at a stage.

use clap::Args as ClapArgs;

use super::StageArg;
use crate::api::check_stage;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// The pipeline, by name or id
    #[arg(value_name = "PIPELINE")]
    pub pipeline: String,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub stage: StageArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn add(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    check_stage(&args.stage.stage).map_err(|e| {
        CliError::usage(
            e,
            "pass `--stage staging` (or review, development, production)",
        )
    })?;
    let (app, client) = ctx.app_client(&args.app)?;
    let progress = out.progress(format!(
        "Adding {} to {} pipeline as {}",
        out.app_name(&app),
        args.pipeline,
        args.stage.stage
    ));
    let coupling = ctx.block_on(client.couple(&args.pipeline, &app, &args.stage.stage))?;
    progress.done();
    if out.is_json() {
        return out.json(&coupling);
    }
    Ok(())
}
