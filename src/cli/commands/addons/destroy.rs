//! `tug addons:destroy`: deprovision an add-on (its data is deleted), once the owning app's
//! name is confirmed.

use clap::Args as ClapArgs;

use crate::cli::args::{Confirmation, ConfirmedAppArgs};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct DestroyArgs {
    /// The add-on's name or id
    #[arg(value_name = "ADDON")]
    pub addon: String,
    #[command(flatten)]
    pub target: ConfirmedAppArgs,
}

pub(super) fn destroy(args: &DestroyArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let addon = args.addon.trim();
    let (app, client) = ctx.confirmed_app(&args.target, |_| Confirmation {
        warning: format!(
                "this destroys {addon} and all its data, and removes its config vars from every app it is attached to"
            ),
        nothing_done: "nothing was destroyed",
        refusing: format!("refusing to destroy `{addon}` without confirmation"),
    })?;
    let out = &ctx.out;
    let progress = out.progress(format!("Destroying {addon} on {}", out.app_name(&app)));
    let destroyed = ctx.block_on(client.destroy_addon(&app, addon))?;
    progress.done();
    if out.is_json() {
        out.json(&destroyed)?;
    }
    Ok(())
}
