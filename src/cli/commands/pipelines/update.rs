//! `tug pipelines:update`: move the app to another stage of its pipeline.

use clap::Args as ClapArgs;

use super::StageArg;
use crate::api::check_stage;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub stage: StageArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn update(args: &UpdateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    check_stage(&args.stage.stage).map_err(|e| {
        CliError::usage(
            e,
            "pass `--stage staging` (or review, development, production)",
        )
    })?;
    let (app, client) = ctx.app_client(&args.app)?;
    let coupling = ctx.block_on(client.app_coupling(&app))?;
    let progress = out.progress(format!(
        "Changing {} to {}",
        out.app_name(&app),
        args.stage.stage
    ));
    let updated =
        ctx.block_on(client.set_coupling_stage(&coupling.id.to_string(), &args.stage.stage))?;
    progress.done();
    if out.is_json() {
        return out.json(&updated);
    }
    Ok(())
}
