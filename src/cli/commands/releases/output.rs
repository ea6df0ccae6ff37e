//! `tug releases:output`: what a release's release command printed, followed live while it
//! runs.

use clap::Args as ClapArgs;

use super::which::{no_releases, parse_release};
use crate::cli::args::AppArg;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct OutputArgs {
    /// The release, like `v3` [default: the newest]
    #[arg(value_name = "RELEASE", value_parser = parse_release)]
    pub release: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

pub(super) fn output(args: &OutputArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let release = match &args.release {
        Some(id) => ctx.block_on(client.release(&app, id))?,
        None => ctx
            .block_on(client.latest_release(&app))?
            .ok_or_else(|| no_releases(&app))?,
    };
    let Some(url) = &release.output_stream_url else {
        out.status(&format!(
            "v{} has no release command output: its code has no `release` process type",
            release.version
        ));
        return Ok(());
    };
    let mut stream = ctx.block_on(client.build_output(url))?;
    while let Some(chunk) = ctx.block_on(stream.chunk())? {
        out.raw(&chunk)?;
    }
    let release = ctx.block_on(client.release(&app, &release.id.to_string()))?;
    out.status(&format!("Release v{} {}", release.version, release.status));
    Ok(())
}
