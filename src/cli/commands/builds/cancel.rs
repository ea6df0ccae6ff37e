//! `tug builds:cancel`: stop a running build.

use clap::Args as ClapArgs;

use super::find::{find_build, parse_build_id};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct CancelArgs {
    /// The build's id, or the start of it [default: the app's running build]
    #[arg(value_name = "ID", value_parser = parse_build_id)]
    pub build: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn cancel(args: &CancelArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let app = ctx.app(&args.flags.app)?;
    let build = find_build(ctx, &app, args.build.as_deref())?;
    // Without an id only the newest build can be the running one (one runs at a time).
    if args.build.is_none() && build.status != "pending" {
        return Err(CliError::failed(
            format!("no build of {app} is running"),
            format!("`tug builds -a {app}` lists the app's builds"),
        )
        .into());
    }
    let client = ctx.client()?;
    let progress = out.progress(format!(
        "Cancelling build {} of {}",
        out.name(&build.id.to_string()),
        out.app_name(&app)
    ));
    let cancelled = ctx.block_on(client.cancel_build(&app, &build.id.to_string()))?;
    progress.done();
    if out.is_json() {
        return out.json(&cancelled);
    }
    Ok(())
}
