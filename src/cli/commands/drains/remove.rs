//! `tug drains:remove`: stop sending the app's log to a drain.

use clap::Args as ClapArgs;

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct RemoveArgs {
    /// The drain's URL, token (`d.…`) or id
    #[arg(value_name = "URL|TOKEN|ID")]
    pub drain: String,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn remove(args: &RemoveArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let drain = ctx.block_on(client.remove_drain(&app, &args.drain))?;
    if ctx.out.is_json() {
        return out.json(&drain);
    }
    out.status(&format!("Successfully removed drain {}", drain.url));
    Ok(())
}
