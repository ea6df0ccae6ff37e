//! `tug builds`: list, info, output. A build turns pushed (or uploaded) source into a slug and
//! a release; its output is readable while it runs and after it ended.

mod cancel;
mod find;
mod info;
mod list;
mod output;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;
use cancel::cancel;
use info::info;
use list::list;
use output::output;

pub use cancel::CancelArgs;
pub use find::parse_build_id;
pub use info::InfoArgs;
pub use list::ListArgs;
pub use output::OutputArgs;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<BuildsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum BuildsCommand {
    /// List the newest builds (the default)
    List(ListArgs),
    /// Show a build
    Info(InfoArgs),
    /// Print a build's output; a running build is followed to its end
    Output(OutputArgs),
    /// Stop a running build: nothing is released, and its push is rejected
    Cancel(CancelArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(BuildsCommand::List(args)) => list(&args, ctx),
        Some(BuildsCommand::Info(args)) => info(&args, ctx),
        Some(BuildsCommand::Output(args)) => output(&args, ctx),
        Some(BuildsCommand::Cancel(args)) => cancel(&args, ctx),
    }
}
