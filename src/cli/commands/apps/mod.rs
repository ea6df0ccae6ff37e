//! `tug apps`: list, create, info, rename, setup (from app.json), destroy.

mod args;
mod create;
mod destroy;
mod info;
mod list;
mod rename;
mod setup;
mod stacks;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;

pub use args::parse_app_name;
pub use create::{CreateArgs, create};
pub use destroy::{DestroyArgs, destroy};
pub use info::{InfoArgs, info};
pub use list::{ListArgs, list};
pub use rename::{RenameArgs, rename};
pub use setup::{SetupArgs, setup};
pub use stacks::StacksArgs;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<AppsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    /// List the apps you own or collaborate on (the default)
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Create an app, and a `tug` git remote for it in the current repository
    Create(CreateArgs),
    /// Show an app
    Info(InfoArgs),
    /// Rename an app, and update git remotes that point at it
    Rename(RenameArgs),
    /// Create an app from a directory and its app.json: config vars, add-ons, build, postdeploy
    Setup(SetupArgs),
    /// Destroy an app and everything in it
    #[command(alias = "delete")]
    Destroy(DestroyArgs),
    /// List the stacks the app can run on, or set one with `stacks set`
    Stacks(StacksArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None | Some(AppsCommand::List(_)) => list(ctx),
        Some(AppsCommand::Create(args)) => create(args, ctx),
        Some(AppsCommand::Info(args)) => info(&args, ctx),
        Some(AppsCommand::Rename(args)) => rename(&args, ctx),
        Some(AppsCommand::Setup(args)) => setup(&args, ctx),
        Some(AppsCommand::Destroy(args)) => destroy(&args, ctx),
        Some(AppsCommand::Stacks(args)) => stacks::run(args, ctx),
    }
}
