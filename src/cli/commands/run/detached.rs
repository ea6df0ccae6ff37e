//! `tug run:detached`: a one-off dyno in the background; its output goes to the logs.

use super::request::{RunArgs, request};
use crate::cli::ctx::Ctx;

pub(super) fn detached(args: &RunArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let body = request(args, false, false, ctx)?;
    let (app, client) = ctx.app_client(&args.app)?;
    let progress = out.progress(format!(
        "Running {} on {}",
        body.command,
        out.app_name(&app)
    ));
    let dyno = ctx.block_on(client.create_dyno(&app, &body))?;
    progress.finish(&format!("done, {}", dyno.name));
    out.hint(&format!(
        "see its output with `tug logs --dyno {} -a {app}`",
        dyno.name
    ));
    Ok(())
}
