//! `tug domains:remove`: the app stops answering at a custom hostname.

use super::InfoArgs;
use crate::cli::ctx::Ctx;

pub(super) fn remove(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let progress = out.progress(format!(
        "Removing {} from {}",
        args.hostname.trim(),
        out.app_name(&app)
    ));
    let domain = ctx.block_on(client.remove_domain(&app, &args.hostname))?;
    progress.done();
    if out.is_json() {
        return out.json(&domain);
    }
    Ok(())
}
