//! `tug deploy:unlock`: let the app's deploys through again.

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

pub fn unlock(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let progress = out.progress(format!("Unlocking deploys of {}", out.app_name(&app)));
    let removed = ctx.block_on(client.unlock_deploys(&app))?;
    match &removed {
        Some(_) => progress.done(),
        None => progress.finish("it was not locked"),
    }
    if out.is_json() {
        return out.json(&removed);
    }
    Ok(())
}
