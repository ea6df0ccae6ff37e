//! `tug access:add`: add a collaborator.

use super::args::ChangeArgs;
use crate::api::CollaboratorCreate;
use crate::cli::ctx::Ctx;

pub(super) fn add(args: &ChangeArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let progress = out.progress(format!(
        "Adding {} access to {}",
        out.name(&args.email),
        out.app_name(&app)
    ));
    let body = CollaboratorCreate {
        user: args.email.clone(),
        silent: None,
    };
    let collaborator = ctx.block_on(client.add_collaborator(&app, &body))?;
    progress.done();
    if ctx.out.is_json() {
        out.json(&collaborator)?;
    }
    Ok(())
}
