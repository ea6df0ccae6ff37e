//! `tug addons:rename`: give an add-on a new name. Names are the add-on's own; the apps it is
//! attached to keep their attachment names and config vars.

use clap::Args as ClapArgs;

use super::upgrade::find;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct RenameArgs {
    /// The add-on's name or id, or its attachment on the app (`DATABASE`)
    #[arg(value_name = "ADDON")]
    pub addon: String,
    /// The new name: letters, digits, dashes and underscores, starting with a letter
    #[arg(value_name = "NEW_NAME")]
    pub name: String,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn rename(args: &RenameArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let addon = find(ctx, client, &args.addon, &args.app)?;
    let progress = out.progress(format!(
        "Renaming {} to {}",
        out.name(&addon.name),
        out.name(args.name.trim())
    ));
    let renamed = ctx.block_on(client.rename_addon(
        &addon.app.name,
        &addon.id.to_string(),
        args.name.trim(),
    ))?;
    progress.done();
    if out.is_json() {
        return out.json(&renamed);
    }
    Ok(())
}
