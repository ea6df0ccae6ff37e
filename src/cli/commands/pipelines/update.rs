//! `tug pipelines:update`: move the app to another stage of its pipeline.

use clap::Args as ClapArgs;

use super::StageArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub flags: StageArgs,
}

pub(super) fn update(args: &UpdateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = args.flags.app_client(ctx)?;
    let coupling = ctx.block_on(client.app_coupling(&app))?;
    let progress = out.progress(format!(
        "Changing {} to {}",
        out.app_name(&app),
        args.flags.stage
    ));
    let updated =
        ctx.block_on(client.set_coupling_stage(&coupling.id.to_string(), &args.flags.stage))?;
    progress.done();
    if out.is_json() {
        return out.json(&updated);
    }
    Ok(())
}
