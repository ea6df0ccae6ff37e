//! `tug deployments`: the record of every deploy (push, deploy, up, rollback), and one
//! deployment's history.

mod info;
mod list;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;
use info::info;
use list::list;

pub use info::InfoArgs;
pub use list::ListArgs;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<DeploymentsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum DeploymentsCommand {
    /// List the newest deployments (the default)
    List(ListArgs),
    /// Show a deployment and every state it went through
    Info(InfoArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(DeploymentsCommand::List(a)) => list(&a, ctx),
        Some(DeploymentsCommand::Info(a)) => info(&a, ctx),
    }
}
