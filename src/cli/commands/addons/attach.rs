//! `tug addons:attach`: share an add-on with another app, which gets its config var.

use clap::Args as ClapArgs;

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct AttachArgs {
    /// The add-on's name or id
    #[arg(value_name = "ADDON")]
    pub addon: String,
    /// The attachment's name: `--as DATABASE` sets `DATABASE_URL`
    #[arg(long = "as", value_name = "NAME")]
    pub attachment: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn attach(args: &AttachArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let addon = args.addon.trim();
    let progress = out.progress(format!("Attaching {addon} to {}", out.app_name(&app)));
    let attached = ctx.block_on(client.attach_addon(addon, &app, args.attachment.as_deref()))?;
    progress.done();
    if out.is_json() {
        return out.json(&attached);
    }
    out.status(&format!("{}_URL set on {app}", attached.name));
    Ok(())
}
