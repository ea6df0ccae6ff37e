//! `tug run`: a one-off dyno attached to this terminal (stdin, stdout, stderr, the exit code),
//! and `tug run:detached`, whose output goes to the logs.

mod attached;
mod detached;
mod request;

use clap::{Args as ClapArgs, Subcommand};

use crate::ExitStatus;
use crate::cli::ctx::Ctx;
use attached::attached;
use detached::detached;

pub use request::{RunArgs, command_line};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<RunCommand>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Subcommand)]
pub enum RunCommand {
    /// Run a command in a one-off dyno in the background; its output goes to the logs
    Detached(RunArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match args.command {
        None => attached(&args.run, ctx),
        Some(RunCommand::Detached(args)) => detached(&args, ctx).map(|()| ExitStatus::Success),
    }
}
