//! `tug pipelines`: apps grouped by stage (review, development, staging, production), and
//! promotion of one stage's slug to the next without a build.

mod add;
mod create;
mod destroy;
mod diff;
mod info;
mod list;
mod promote;
mod remove;
mod rename;
mod update;

use clap::{Args as ClapArgs, Subcommand};

use crate::api::check_stage;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

pub use add::AddArgs;
pub use create::CreateArgs;
pub use destroy::DestroyArgs;
pub use diff::DiffArgs;
pub use info::InfoArgs;
pub use promote::{PromoteArgs, wait as wait_for_promotion};
pub use remove::RemoveArgs;
pub use rename::RenameArgs;
pub use update::UpdateArgs;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<PipelinesCommand>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Subcommand)]
pub enum PipelinesCommand {
    /// List the pipelines you can see (the default)
    List(JsonArg),
    /// Create a pipeline and add the app to it at a stage
    Create(CreateArgs),
    /// Add the app to an existing pipeline at a stage
    Add(AddArgs),
    /// Show a pipeline's apps by stage
    Info(InfoArgs),
    /// Rename a pipeline
    Rename(RenameArgs),
    /// Take the app out of its pipeline
    Remove(RemoveArgs),
    /// Move the app to another stage of its pipeline
    Update(UpdateArgs),
    /// Destroy a pipeline (its apps stay)
    Destroy(DestroyArgs),
    /// Release the app's current slug on the apps of the next stage, without a build
    Promote(PromoteArgs),
    /// Show the commits the app runs that the next stage's apps do not
    Diff(DiffArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list::list(&args.json, ctx),
        Some(PipelinesCommand::List(json)) => list::list(&json, ctx),
        Some(PipelinesCommand::Create(args)) => create::create(&args, ctx),
        Some(PipelinesCommand::Add(args)) => add::add(&args, ctx),
        Some(PipelinesCommand::Info(args)) => info::info(&args, ctx),
        Some(PipelinesCommand::Rename(args)) => rename::rename(&args, ctx),
        Some(PipelinesCommand::Remove(args)) => remove::remove(&args, ctx),
        Some(PipelinesCommand::Update(args)) => update::update(&args, ctx),
        Some(PipelinesCommand::Destroy(args)) => destroy::destroy(&args, ctx),
        Some(PipelinesCommand::Promote(args)) => promote::promote(&args, ctx),
        Some(PipelinesCommand::Diff(args)) => diff::diff(&args, ctx),
    }
}

// The app, `--stage` (where it sits in the pipeline) and `--json`.
#[derive(Debug, Clone, ClapArgs)]
pub struct StageArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// The app's stage: review, development, staging or production
    #[arg(short, long, value_name = "STAGE")]
    pub stage: String,
    #[command(flatten)]
    pub json: JsonArg,
}

impl StageArgs {
    /// The app and a client for it, once `--stage` is known to be a stage.
    fn app_client<'c>(&self, ctx: &'c Ctx) -> anyhow::Result<(String, &'c Client)> {
        check_stage(&self.stage).map_err(|e| {
            CliError::usage(
                e,
                "pass `--stage staging` (or review, development, production)",
            )
        })?;
        ctx.app_client(&self.app)
    }
}
