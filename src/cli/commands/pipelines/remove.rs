//! `tug pipelines:remove`: take the app out of its pipeline.

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

pub type RemoveArgs = AppJsonArgs;

pub(super) fn remove(args: &RemoveArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let coupling = ctx.block_on(client.app_coupling(&app))?;
    let progress = out.progress(format!(
        "Removing {} from {} pipeline",
        out.app_name(&app),
        coupling.pipeline.name
    ));
    let removed = ctx.block_on(client.uncouple(&coupling.id.to_string()))?;
    progress.done();
    if out.is_json() {
        return out.json(&removed);
    }
    Ok(())
}
