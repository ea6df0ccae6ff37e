//! `tug labs`: an app's features (Heroku's labs): list them, show one, turn one on or off.

mod info;
mod list;
mod set;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<LabsCommand>,
    #[command(flatten)]
    pub list: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum LabsCommand {
    /// Show one feature: what it does, and whether it is on
    Info(FeatureArgs),
    /// Turn a feature on (it applies to dynos started from then on)
    Enable(FeatureArgs),
    /// Turn a feature off (it applies to dynos started from then on)
    Disable(FeatureArgs),
}

#[derive(Debug, ClapArgs)]
pub struct FeatureArgs {
    /// The feature's name, as `tug labs` lists it
    #[arg(value_name = "FEATURE")]
    pub feature: String,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list::list(&args.list, ctx),
        Some(LabsCommand::Info(args)) => info::info(&args, ctx),
        Some(LabsCommand::Enable(args)) => set::set(&args, true, ctx),
        Some(LabsCommand::Disable(args)) => set::set(&args, false, ctx),
    }
}
