//! `tug ps:stop`: stop one dyno, or the dynos of one type.

use clap::Args as ClapArgs;

use super::target::{TargetArgs, describe};
use crate::cli::client::Target;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
#[command(mut_arg("target", |a| a.help("A dyno (`web.1`, `run.2`) or a process type (`worker`)")))]
#[command(mut_arg("dyno_name", |a| a.help("The dyno to stop (`run.2`)")))]
#[command(mut_arg("process_type", |a| a.help("The process type whose dynos to stop (`worker`)")))]
pub struct StopArgs {
    #[command(flatten)]
    pub dynos: TargetArgs,
}

pub fn stop(args: &StopArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let target = args.dynos.target()?;
    if target == Target::All {
        return Err(CliError::usage(
            "say which dynos to stop",
            "name a dyno (`tug ps:stop web.1`) or a process type (`tug ps:stop worker`); `tug ps` lists them",
        )
        .into());
    }
    let (app, client) = ctx.app_client(&args.dynos.app)?;
    let progress = out.progress(format!(
        "Stopping {}",
        describe(&target, &out.app_name(&app))
    ));
    ctx.block_on(client.stop(&app, &target))?;
    progress.done();
    Ok(())
}
