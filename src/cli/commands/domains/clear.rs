//! `tug domains:clear`: every custom domain of the app goes, once the app's name is confirmed.

use clap::Args as ClapArgs;

use crate::cli::args::{Confirmation, ConfirmedAppArgs};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct ClearArgs {
    #[command(flatten)]
    pub target: ConfirmedAppArgs,
}

pub(super) fn clear(args: &ClearArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let (app, client) = ctx.confirmed_app(&args.target, |app| Confirmation {
        warning: format!(
            "this removes every custom domain of {}",
            ctx.out.app_name(app)
        ),
        nothing_done: "no domain was removed",
        refusing: format!("refusing to remove the domains of `{app}` without confirmation"),
    })?;
    let out = &ctx.out;
    let progress = out.progress(format!("Removing all domains from {}", out.app_name(&app)));
    let gone = ctx.block_on(client.clear_domains(&app))?;
    progress.done();
    if out.is_json() {
        return out.json(&gone);
    }
    Ok(())
}
