//! `tug reviewapps`: an app per branch in a pipeline's review stage, made from the branch's
//! app.json when the branch is pushed (with `--autodeploy`) or on request.

mod create;
mod destroy;
mod enable;
mod list;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::JsonArg;

pub use create::CreateArgs;
pub use destroy::DestroyArgs;
pub use enable::{DisableArgs, EnableArgs};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<ReviewappsCommand>,
    #[command(flatten)]
    pub list: PipelineArgs,
}

#[derive(Debug, Subcommand)]
pub enum ReviewappsCommand {
    /// List a pipeline's review apps (the default)
    List(PipelineArgs),
    /// Turn review apps on for a pipeline
    Enable(EnableArgs),
    /// Turn review apps off for a pipeline (those that exist stay)
    Disable(DisableArgs),
    /// Make a review app from a branch pushed to the pipeline
    Create(CreateArgs),
    /// Destroy a branch's review app and its add-ons
    Destroy(DestroyArgs),
}

/// `-p PIPELINE` and `--json`.
#[derive(Debug, Clone, ClapArgs)]
pub struct PipelineArgs {
    /// The pipeline, by name or id
    #[arg(short, long, value_name = "PIPELINE")]
    pub pipeline: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

impl PipelineArgs {
    /// The pipeline, which every review apps command needs.
    fn pipeline(&self) -> anyhow::Result<&str> {
        self.pipeline.as_deref().ok_or_else(|| {
            crate::cli::error::CliError::usage(
                "which pipeline? review apps belong to one",
                "pass `-p PIPELINE`; `tug pipelines` lists yours",
            )
            .into()
        })
    }
}

pub fn run(args: Args, ctx: &crate::cli::ctx::Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list::list(&args.list, ctx),
        Some(ReviewappsCommand::List(args)) => list::list(&args, ctx),
        Some(ReviewappsCommand::Enable(args)) => enable::enable(&args, ctx),
        Some(ReviewappsCommand::Disable(args)) => enable::disable(&args, ctx),
        Some(ReviewappsCommand::Create(args)) => create::create(&args, ctx),
        Some(ReviewappsCommand::Destroy(args)) => destroy::destroy(&args, ctx),
    }
}
