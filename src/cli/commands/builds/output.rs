//! `tug builds:output`: a build's output, again.

use clap::Args as ClapArgs;

use super::find::{find_build, parse_build_id};
use crate::cli::args::AppArg;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct OutputArgs {
    /// The build's id, or the start of it [default: the newest build]
    #[arg(value_name = "ID", value_parser = parse_build_id)]
    pub build: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

pub(super) fn output(args: &OutputArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let app = ctx.app(&args.app)?;
    let mut build = find_build(ctx, &app, args.build.as_deref())?;
    let client = ctx.client()?;
    let mut stream = ctx.block_on(client.build_output(&build.output_stream_url))?;
    let mut output = out.build_output(true);
    while let Some(chunk) = ctx.block_on(stream.chunk())? {
        output.write(&chunk)?;
    }
    output.finish()?;
    if build.status == "pending" {
        // It ran while we read; say how it ended.
        build = ctx.block_on(client.build(&app, &build.id.to_string()))?;
    }
    out.status(&format!("Build {} {}", build.id, build.status));
    Ok(())
}
