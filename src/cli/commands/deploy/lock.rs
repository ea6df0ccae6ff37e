//! `tug deploy:lock`: freeze every way of deploying the app.

use clap::Args as ClapArgs;

use crate::api::DeployLockCreate;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct LockArgs {
    /// Why, for whoever is refused (`"release freeze"`)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn lock(args: &LockArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let progress = out.progress(format!("Locking deploys of {}", out.app_name(&app)));
    let lock = ctx.block_on(client.lock_deploys(
        &app,
        &DeployLockCreate {
            reason: args.reason.clone(),
        },
    ))?;
    progress.done();
    if out.is_json() {
        return out.json(&lock);
    }
    out.status(&format!(
        "{app} is {}; `tug deploy:unlock -a {app}` lifts it",
        lock.describe()
    ));
    Ok(())
}
