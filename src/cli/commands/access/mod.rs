//! `tug access`: who can use an app. The owner is listed too, with the role `owner`.

use crate::cli::args::AppJsonArgs;

mod add;
mod args;
mod list;
mod remove;

use crate::cli::ctx::Ctx;
use clap::{Args as ClapArgs, Subcommand};

use add::add;
pub use args::{ChangeArgs, parse_email};
use list::list;
use remove::remove;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<AccessCommand>,
    #[command(flatten)]
    pub list: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// List the app's owner and collaborators (the default)
    List(AppJsonArgs),
    /// Give an account access to the app
    Add(ChangeArgs),
    /// Take an account's access away
    Remove(ChangeArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(AccessCommand::List(args)) => list(&args, ctx),
        Some(AccessCommand::Add(args)) => add(&args, ctx),
        Some(AccessCommand::Remove(args)) => remove(&args, ctx),
    }
}
