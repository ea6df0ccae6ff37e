//! `tug ps:restart`: restart every dyno, the dynos of one type, or one dyno.

use clap::Args as ClapArgs;

use super::target::{TargetArgs, describe};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct RestartArgs {
    #[command(flatten)]
    pub dynos: TargetArgs,
}

pub fn restart(args: &RestartArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let target = args.dynos.target()?;
    let (app, client) = ctx.app_client(&args.dynos.app)?;
    let progress = out.progress(format!(
        "Restarting {}",
        describe(&target, &out.app_name(&app))
    ));
    ctx.block_on(client.restart(&app, &target))?;
    progress.done();
    Ok(())
}
