//! `tug ps:restart`: restart every dyno, the dynos of one type, or one dyno, and by default wait
//! until the replacements are up.

use clap::Args as ClapArgs;

use super::target::{TargetArgs, describe};
use super::wait::Replaced;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct RestartArgs {
    #[command(flatten)]
    pub dynos: TargetArgs,
    /// Return once the platform has the restart, without waiting for the new dynos
    #[arg(long)]
    pub no_wait: bool,
}

pub fn restart(args: &RestartArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let target = args.dynos.target()?;
    let (app, client) = ctx.app_client(&args.dynos.app)?;
    // Read before the restart: the replacements are the dynos of these names with new ids.
    let replaced = if args.no_wait {
        None
    } else {
        Some(Replaced::before(ctx, client, &app, &target)?)
    };
    let progress = out.progress(format!(
        "Restarting {}",
        describe(&target, &out.app_name(&app))
    ));
    ctx.block_on(client.restart(&app, &target))?;
    progress.done();
    match replaced {
        Some(replaced) => replaced.wait(ctx, client, &app),
        None => Ok(()),
    }
}
