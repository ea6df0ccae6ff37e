//! `tug addons:detach`: remove an attachment (and its config var) from the app.

use clap::Args as ClapArgs;

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct DetachArgs {
    /// The attachment's name (`DATABASE`) or id
    #[arg(value_name = "ATTACHMENT")]
    pub attachment: String,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn detach(args: &DetachArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let name = args.attachment.trim();
    let attachment = ctx.block_on(client.app_attachment(&app, name))?;
    let progress = out.progress(format!(
        "Detaching {} from {}",
        attachment.name,
        out.app_name(&app)
    ));
    let detached = ctx.block_on(client.detach_addon(&attachment.id.to_string()))?;
    progress.done();
    if out.is_json() {
        out.json(&detached)?;
    }
    Ok(())
}
