//! `tug ps:restart`: restart every dyno, the dynos of one type, or one dyno.

use clap::Args as ClapArgs;

use super::target::{describe, target};
use crate::cli::args::AppArg;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct RestartArgs {
    /// A dyno (`web.1`) or a process type (`web`) [default: every dyno]
    #[arg(value_name = "DYNO|TYPE", conflicts_with_all = ["dyno_name", "process_type"])]
    pub target: Option<String>,
    /// The dyno to restart (`web.1`)
    #[arg(short, long, value_name = "DYNO", conflicts_with = "process_type")]
    pub dyno_name: Option<String>,
    /// The process type whose dynos to restart (`web`)
    #[arg(short, long, value_name = "TYPE")]
    pub process_type: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

pub fn restart(args: &RestartArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let target = target(
        args.target.as_deref(),
        args.dyno_name.as_deref(),
        args.process_type.as_deref(),
    )?;
    let (app, client) = ctx.app_client(&args.app)?;
    let progress = out.progress(format!(
        "Restarting {}",
        describe(&target, &out.app_name(&app))
    ));
    ctx.block_on(client.restart(&app, &target))?;
    progress.done();
    Ok(())
}
