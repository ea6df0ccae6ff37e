//! `tug maintenance`: show it, or turn it on and off.

mod set;
mod show;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use set::set;
use show::show;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<MaintenanceCommand>,
    #[command(flatten)]
    pub show: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum MaintenanceCommand {
    /// Turn maintenance mode on
    On(AppJsonArgs),
    /// Turn maintenance mode off
    Off(AppJsonArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => show(&args.show, ctx),
        Some(MaintenanceCommand::On(args)) => set(&args, true, ctx),
        Some(MaintenanceCommand::Off(args)) => set(&args, false, ctx),
    }
}
