//! `tug access:remove`: remove a collaborator.

use super::args::ChangeArgs;
use crate::cli::ctx::Ctx;

pub(super) fn remove(args: &ChangeArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let progress = out.progress(format!(
        "Removing {} access from {}",
        out.name(&args.email),
        out.app_name(&app)
    ));
    let collaborator = ctx.block_on(client.remove_collaborator(&app, &args.email))?;
    progress.done();
    if ctx.out.is_json() {
        out.json(&collaborator)?;
    }
    Ok(())
}
