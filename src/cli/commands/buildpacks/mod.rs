//! `tug buildpacks`: list, set, add, remove, clear. Every change reads the app's list, edits it
//! and puts the whole list back (`PUT /apps/{app}/buildpack-installations`); it applies from the
//! next build on.

use crate::cli::args::AppJsonArgs;

mod add;
mod clear;
mod edit;
mod list;
mod remove;
mod set;

use crate::cli::ctx::Ctx;
use clap::{Args as ClapArgs, Subcommand};

use add::add;
use clear::clear;
pub use edit::parse_index;
use list::list;
pub use remove::RemoveArgs;
use remove::remove;
pub use set::SetArgs;
use set::set;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<BuildpacksCommand>,
    #[command(flatten)]
    pub list: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum BuildpacksCommand {
    /// List the app's buildpacks in the order builds run them (the default)
    List(AppJsonArgs),
    /// Set the buildpack: replace the first one, or the one at --index
    Set(SetArgs),
    /// Add a buildpack: at the end, or at --index
    Add(SetArgs),
    /// Remove a buildpack, named or at --index
    Remove(RemoveArgs),
    /// Remove all the buildpacks: builds then try the built-ins in turn
    Clear(AppJsonArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(BuildpacksCommand::List(args)) => list(&args, ctx),
        Some(BuildpacksCommand::Set(args)) => set(&args, ctx),
        Some(BuildpacksCommand::Add(args)) => add(&args, ctx),
        Some(BuildpacksCommand::Remove(args)) => remove(&args, ctx),
        Some(BuildpacksCommand::Clear(args)) => clear(&args, ctx),
    }
}
