//! `tug dashboard [-a APP]`: the web dashboard in a browser, already signed in. The browser
//! gets a single-use link that expires in a minute, never the API token.

use clap::Args as ClapArgs;

use crate::api::dashboard::DashboardLinkCreate;
use crate::cli::args::AppNameArg;
use crate::cli::commands::open::launch;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Print the sign-in link instead of opening a browser
    #[arg(long)]
    pub print: bool,
    #[command(flatten)]
    pub app: AppNameArg,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let app = args
        .app
        .app
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string);
    let client = ctx.client()?;
    let link = ctx.block_on(client.create_dashboard_link(&DashboardLinkCreate { app }))?;
    if args.print {
        // The link is a result the user asked for; it signs in once, within a minute.
        out.line(&link.url)?;
        return Ok(());
    }
    out.status("Opening the dashboard (the sign-in link works once, within a minute)...");
    launch(&link.url, ctx.env.browser.as_deref())
}
