//! `tug config`: list, get, set, unset. Every change is a new release.

mod get;
mod list;
mod set;
mod unset;
mod vars;

use crate::cli::ctx::Ctx;
use clap::{Args as ClapArgs, Subcommand};

pub use get::GetArgs;
use get::get;
pub use list::ListArgs;
use list::list;
pub use set::SetArgs;
use set::set;
pub use unset::UnsetArgs;
use unset::unset;
pub use vars::{parse_key, parse_pair, print_shell, print_vars};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<ConfigCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show all config vars (the default)
    List(ListArgs),
    /// Print the values of config vars; a missing one is an error
    Get(GetArgs),
    /// Set config vars (a new release)
    #[command(visible_alias = "add")]
    Set(SetArgs),
    /// Remove config vars (a new release)
    #[command(visible_alias = "remove")]
    Unset(UnsetArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(ConfigCommand::List(args)) => list(&args, ctx),
        Some(ConfigCommand::Get(args)) => get(&args, ctx),
        Some(ConfigCommand::Set(args)) => set(&args, ctx),
        Some(ConfigCommand::Unset(args)) => unset(&args, ctx),
    }
}
