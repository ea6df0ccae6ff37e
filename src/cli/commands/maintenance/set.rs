//! `tug maintenance:on` and `maintenance:off`: turn maintenance mode on or off.

use crate::api::AppUpdate;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

pub(super) fn set(args: &AppJsonArgs, on: bool, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let name = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let verb = if on { "Enabling" } else { "Disabling" };
    let progress = out.progress(format!(
        "{verb} maintenance mode for {}",
        out.app_name(&name)
    ));
    let body = AppUpdate {
        maintenance: Some(on),
        ..AppUpdate::default()
    };
    let app = ctx.block_on(client.update_app(&name, &body))?;
    progress.done();
    if ctx.out.is_json() {
        out.json(&app)?;
    }
    Ok(())
}
