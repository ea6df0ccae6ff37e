//! `tug addons:destroy`: deprovision an add-on (its data is deleted), once the owning app's
//! name is confirmed.

use clap::Args as ClapArgs;

use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct DestroyArgs {
    /// The add-on's name or id
    #[arg(value_name = "ADDON")]
    pub addon: String,
    #[command(flatten)]
    pub app: AppArg,
    /// The app's name again, to confirm without a prompt
    #[arg(short, long, value_name = "APP")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn destroy(args: &DestroyArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let addon = args.addon.trim();
    out.confirm_app(
        &app,
        args.confirm.as_deref(),
        &format!(
                "this destroys {addon} and all its data, and removes its config vars from every app it is attached to"
            ),
        "nothing was destroyed",
        format!("refusing to destroy `{addon}` without confirmation"),
    )?;
    let progress = out.progress(format!("Destroying {addon} on {}", out.app_name(&app)));
    let destroyed = ctx.block_on(client.destroy_addon(&app, addon))?;
    progress.done();
    if out.is_json() {
        out.json(&destroyed)?;
    }
    Ok(())
}
