//! `tug drains`: where an app's log is also sent — syslog over TCP or Logplex HTTP(S) batches.

use crate::cli::args::AppJsonArgs;

mod add;
mod list;
mod remove;

use crate::cli::ctx::Ctx;
use clap::{Args as ClapArgs, Subcommand};

pub use add::AddArgs;
use add::add;
use list::list;
pub use remove::RemoveArgs;
use remove::remove;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<DrainsCommand>,
    #[command(flatten)]
    pub list: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum DrainsCommand {
    /// List the app's log drains (the default)
    List(AppJsonArgs),
    /// Send the app's log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…
    Add(AddArgs),
    /// Stop sending the app's log to a drain, named by its URL, token or id
    Remove(RemoveArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(DrainsCommand::List(args)) => list(&args, ctx),
        Some(DrainsCommand::Add(args)) => add(&args, ctx),
        Some(DrainsCommand::Remove(args)) => remove(&args, ctx),
    }
}
