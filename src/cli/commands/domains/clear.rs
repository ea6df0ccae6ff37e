//! `tug domains:clear`: every custom domain of the app goes, once the app's name is confirmed.

use clap::Args as ClapArgs;

use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct ClearArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// The app's name again, to confirm without a prompt
    #[arg(short, long, value_name = "APP")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn clear(args: &ClearArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    out.confirm_app(
        &app,
        args.confirm.as_deref(),
        &format!("this removes every custom domain of {}", out.app_name(&app)),
        "no domain was removed",
        format!("refusing to remove the domains of `{app}` without confirmation"),
    )?;
    let progress = out.progress(format!("Removing all domains from {}", out.app_name(&app)));
    let gone = ctx.block_on(client.clear_domains(&app))?;
    progress.done();
    if out.is_json() {
        return out.json(&gone);
    }
    Ok(())
}
