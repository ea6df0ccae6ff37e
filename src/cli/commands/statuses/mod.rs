//! `tug statuses`: what CI and other checks say about a commit, and `statuses:set` for CI steps
//! to report. Required statuses (deploy.yml `required_contexts`) gate `tug deploy`.

mod commit;
mod list;
mod set;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;
use list::list;
use set::set;

pub use commit::commit_sha;
pub use list::ListArgs;
pub use set::SetArgs;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<StatusesCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum StatusesCommand {
    /// Show a commit's statuses, the latest of each context (the default)
    List(ListArgs),
    /// Report a status for a commit: `tug statuses:set HEAD ci/test success`
    Set(SetArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(StatusesCommand::List(a)) => list(&a, ctx),
        Some(StatusesCommand::Set(a)) => set(&a, ctx),
    }
}
