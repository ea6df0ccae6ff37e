//! `tug webhooks:remove`: remove a webhook.

use super::info::InfoArgs;
use crate::cli::ctx::Ctx;

pub fn remove(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let progress = out.progress(format!(
        "Removing webhook {} from {}",
        args.id.trim(),
        out.app_name(&app)
    ));
    let webhook = ctx.block_on(client.remove_webhook(&app, args.id.trim()))?;
    progress.done();
    if ctx.out.is_json() {
        out.json(&webhook)?;
    }
    Ok(())
}
