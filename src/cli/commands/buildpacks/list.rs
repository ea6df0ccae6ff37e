//! `tug buildpacks`: the app's buildpacks, in the order builds run them.

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

pub(super) fn list(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let installed = ctx.block_on(client.buildpacks(&app))?;
    if out.list_ended(
        &installed,
        &format!("{app} has no buildpacks."),
        Some("builds try the built-ins in turn; pick one with `tug buildpacks:set BUILDPACK`"),
    )? {
        return Ok(());
    }
    let plural = if installed.len() == 1 { "" } else { "s" };
    out.header(&format!("{app} Buildpack{plural}"))?;
    for (i, b) in installed.iter().enumerate() {
        if out.stdout_tty && installed.len() > 1 {
            out.line(&format!("{}. {}", i + 1, b.buildpack.name))?;
        } else {
            out.line(&b.buildpack.name)?;
        }
    }
    Ok(())
}
