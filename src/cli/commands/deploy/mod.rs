//! `tug deploy [REF]`: deploy a chosen branch, tag or commit of the local repository, to an app
//! or to a deploy.yml environment, after checking that it is safe; and `deploy:lock`/`unlock`.
//! `commit` runs a deploy step by step, `rules` says what it must pass and `checks` checks it.

use crate::cli::args::AppJsonArgs;

mod checks;
mod commit;
mod follow;
mod lock;
mod promote;
mod rules;
mod unlock;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;

pub use commit::{DeployArgs, deploy};
pub use lock::{LockArgs, lock};
pub use unlock::unlock;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<DeployCommand>,
    #[command(flatten)]
    pub deploy: DeployArgs,
}

#[derive(Debug, Subcommand)]
pub enum DeployCommand {
    /// Freeze the app's deploys: every push, deploy, `tug up` and rollback is refused
    Lock(LockArgs),
    /// Let the app's deploys through again
    Unlock(AppJsonArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => deploy(&args.deploy, ctx),
        Some(DeployCommand::Lock(a)) => lock(&a, ctx),
        Some(DeployCommand::Unlock(a)) => unlock(&a, ctx),
    }
}
