//! `tug pipelines:add`: put the app in a pipeline at a stage.

use clap::Args as ClapArgs;

use super::StageArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// The pipeline, by name or id
    #[arg(value_name = "PIPELINE")]
    pub pipeline: String,
    #[command(flatten)]
    pub flags: StageArgs,
}

pub(super) fn add(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = args.flags.app_client(ctx)?;
    let progress = out.progress(format!(
        "Adding {} to {} pipeline as {}",
        out.app_name(&app),
        args.pipeline,
        args.flags.stage
    ));
    let coupling = ctx.block_on(client.couple(&args.pipeline, &app, &args.flags.stage))?;
    progress.done();
    if out.is_json() {
        return out.json(&coupling);
    }
    Ok(())
}
