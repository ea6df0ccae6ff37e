//! `tug drains:add`: send the app's log to a URL too.

use clap::Args as ClapArgs;

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// Where to send the log: syslog+tcp://host:port, syslog://host:port, http://… or https://…
    #[arg(value_name = "URL")]
    pub url: String,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn add(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let drain = ctx.block_on(client.add_drain(&app, &args.url))?;
    if ctx.out.is_json() {
        return out.json(&drain);
    }
    out.status(&format!("Successfully added drain {}", drain.url));
    Ok(())
}
