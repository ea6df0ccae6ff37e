//! `tug config`: list, get, set, unset. Every change is a new release.

mod get;
mod list;
mod set;
mod unset;
mod vars;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;
use get::get;
use list::list;
use set::set;
use unset::unset;

pub use get::GetArgs;
pub use list::ListArgs;
pub use set::SetArgs;
pub use unset::UnsetArgs;
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
