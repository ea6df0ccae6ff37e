//! `tug reviewapps`: an app per branch in a pipeline's review stage, made from the branch's
//! app.json when the branch is pushed (with `--autodeploy`) or on request.

mod create;
mod destroy;
mod enable;
mod list;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

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

/// `-p PIPELINE` (or the app whose pipeline it is) and `--json`.
#[derive(Debug, Clone, ClapArgs)]
pub struct PipelineArgs {
    /// The pipeline, by name or id [default: the pipeline of the app, `-a` or found from the git
    /// remotes]
    #[arg(short, long, value_name = "PIPELINE")]
    pub pipeline: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

impl PipelineArgs {
    /// The pipeline, which every review apps command needs: `-p`, else the one the app (named
    /// with `-a`/`-r`, or found from the git remotes) is coupled to.
    fn pipeline(&self, ctx: &Ctx) -> anyhow::Result<String> {
        if let Some(pipeline) = &self.pipeline {
            return Ok(pipeline.clone());
        }
        let named = self.app.name.app.is_some() || self.app.remote.is_some();
        let (app, client) = match ctx.app_client(&self.app) {
            Ok(found) => found,
            Err(e) if named => return Err(e),
            Err(_) => {
                return Err(CliError::usage(
                    "which pipeline? review apps belong to one",
                    "pass `-p PIPELINE`, or `-a APP` for the pipeline of that app; `tug pipelines` lists yours",
                )
                .into());
            }
        };
        match ctx.block_on(client.app_coupling(&app)) {
            Ok(coupling) => Ok(coupling.pipeline.name),
            Err(e)
                if e
                    .downcast_ref::<crate::cli::client::ClientError>()
                    .is_some_and(|e| e.is_not_found()) =>
            {
                Err(CliError::usage(
                format!("{app} is in no pipeline, so it has no review apps"),
                format!("pass `-p PIPELINE`, or add it to one with `tug pipelines:add PIPELINE -a {app}`"),
            )
            .into())
            }
            Err(e) => Err(e),
        }
    }
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list::list(&args.list, ctx),
        Some(ReviewappsCommand::List(args)) => list::list(&args, ctx),
        Some(ReviewappsCommand::Enable(args)) => enable::enable(&args, ctx),
        Some(ReviewappsCommand::Disable(args)) => enable::disable(&args, ctx),
        Some(ReviewappsCommand::Create(args)) => create::create(&args, ctx),
        Some(ReviewappsCommand::Destroy(args)) => destroy::destroy(&args, ctx),
    }
}
