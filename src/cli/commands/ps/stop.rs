//! `tug ps:stop`: stop one dyno, or the dynos of one type.

use clap::Args as ClapArgs;

use super::target::{describe, target};
use crate::cli::args::AppArg;
use crate::cli::client::Target;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct StopArgs {
    /// A dyno (`web.1`, `run.2`) or a process type (`worker`)
    #[arg(value_name = "DYNO|TYPE", conflicts_with_all = ["dyno_name", "process_type"])]
    pub target: Option<String>,
    /// The dyno to stop (`run.2`)
    #[arg(short, long, value_name = "DYNO", conflicts_with = "process_type")]
    pub dyno_name: Option<String>,
    /// The process type whose dynos to stop (`worker`)
    #[arg(short, long, value_name = "TYPE")]
    pub process_type: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

pub fn stop(args: &StopArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let target = target(
        args.target.as_deref(),
        args.dyno_name.as_deref(),
        args.process_type.as_deref(),
    )?;
    if target == Target::All {
        return Err(CliError::usage(
            "say which dynos to stop",
            "name a dyno (`tug ps:stop web.1`) or a process type (`tug ps:stop worker`); `tug ps` lists them",
        )
        .into());
    }
    let (app, client) = ctx.app_client(&args.app)?;
    let progress = out.progress(format!(
        "Stopping {}",
        describe(&target, &out.app_name(&app))
    ));
    ctx.block_on(client.stop(&app, &target))?;
    progress.done();
    Ok(())
}
