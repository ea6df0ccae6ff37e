//! `tug pipelines:create`: a new pipeline, with the app at its stage.

use clap::Args as ClapArgs;

use super::StageArg;
use crate::api::check_stage;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct CreateArgs {
    /// The pipeline's name [default: the app's name]
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub stage: StageArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn create(args: &CreateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    check_stage(&args.stage.stage).map_err(|e| {
        CliError::usage(
            e,
            "pass `--stage staging` (or review, development, production)",
        )
    })?;
    let (app, client) = ctx.app_client(&args.app)?;
    let name = args.name.clone().unwrap_or_else(|| app.clone());
    let progress = out.progress(format!("Creating {name} pipeline"));
    let pipeline = ctx.block_on(client.create_pipeline(&name))?;
    progress.done();
    let progress = out.progress(format!(
        "Adding {} to {name} pipeline as {}",
        out.app_name(&app),
        args.stage.stage
    ));
    let coupling =
        ctx.block_on(client.couple(&pipeline.id.to_string(), &app, &args.stage.stage))?;
    progress.done();
    if out.is_json() {
        return out.json(&coupling);
    }
    Ok(())
}
