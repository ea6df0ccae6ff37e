//! `tug maintenance`: whether the app is in maintenance mode.

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

pub(super) fn show(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let app = ctx.block_on(client.app(&app))?;
    if ctx.out.is_json() {
        return out.json(&app);
    }
    Ok(out.line(if app.maintenance { "on" } else { "off" })?)
}
