//! `tug ps`: the app's dynos, and `ps:scale`, `ps:restart`, `ps:stop`, `ps:type` to change them.
//! One file a verb; the hidden top-level `scale`, `restart` and `stop` call the same functions.

mod dyno_type;
mod list;
mod process_types;
mod restart;
mod scale;
mod stop;
mod target;
mod wait;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;

pub use dyno_type::{TypeArgs, dyno_type};
pub use list::{ListArgs, list};
pub use restart::{RestartArgs, restart};
pub use scale::{ScaleArgs, scale};
pub use stop::{StopArgs, stop};
pub use wait::wait_for_web;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<PsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum PsCommand {
    /// Show the formation, or change how many dynos of each type run and their size
    ///
    /// Each change is `TYPE=N`, `TYPE+N`, `TYPE-N`, optionally followed by `:SIZE`
    /// (`web=2:standard-2X`). Several changes go in one request.
    Scale(ScaleArgs),
    /// Restart every dyno, the dynos of one type, or one dyno
    Restart(RestartArgs),
    /// Stop one dyno, or the dynos of one type (the formation brings them back on a restart)
    Stop(StopArgs),
    /// Show the size of each process type, or change it (`web=standard-2X`, or a size for all)
    Type(TypeArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(PsCommand::Scale(args)) => scale(&args, ctx),
        Some(PsCommand::Restart(args)) => restart(&args, ctx),
        Some(PsCommand::Stop(args)) => stop(&args, ctx),
        Some(PsCommand::Type(args)) => dyno_type(&args, ctx),
    }
}
