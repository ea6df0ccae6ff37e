//! `tug releases`: list, info, output, rollback.

mod info;
mod list;
mod output;
mod rollback;
mod which;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;
use info::info;
use list::list;
use output::output;

pub use info::InfoArgs;
pub use list::ListArgs;
pub use output::OutputArgs;
pub use rollback::{RollbackArgs, rollback};
pub use which::parse_release;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<ReleasesCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum ReleasesCommand {
    /// List the newest releases (the default)
    List(ListArgs),
    /// Show a release and its config vars
    Info(InfoArgs),
    /// Show what a release's release command printed (followed while it runs)
    Output(OutputArgs),
    /// Roll back: a new release with the code and config vars of an earlier one
    Rollback(RollbackArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(ReleasesCommand::List(args)) => list(&args, ctx),
        Some(ReleasesCommand::Info(args)) => info(&args, ctx),
        Some(ReleasesCommand::Output(args)) => output(&args, ctx),
        Some(ReleasesCommand::Rollback(args)) => rollback(&args, ctx),
    }
}
