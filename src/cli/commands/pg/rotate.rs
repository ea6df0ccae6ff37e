//! `tug pg:credentials:rotate`: a new password for a database; the old one is refused from then
//! on, and every app it is attached to gets the new URL in a release.

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::ConfirmedAppArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct CredentialsArgs {
    #[command(subcommand)]
    pub command: CredentialsCommand,
}

#[derive(Debug, Subcommand)]
pub enum CredentialsCommand {
    /// Give the database a new password and its apps the new URL; the old one stops working
    Rotate(RotateArgs),
}

#[derive(Debug, ClapArgs)]
pub struct RotateArgs {
    /// The attachment (`DATABASE`, `REPORTING_DB`) [default: DATABASE]
    #[arg(value_name = "DATABASE")]
    pub database: Option<String>,
    #[command(flatten)]
    pub target: ConfirmedAppArgs,
}

pub(super) fn run(args: CredentialsArgs, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        CredentialsCommand::Rotate(args) => rotate(&args, ctx),
    }
}

fn rotate(args: &RotateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    crate::cli::commands::addons::rotate_credentials(
        ctx,
        &args.target,
        "database",
        |ctx, client, app| super::database(ctx, client, app, args.database.as_deref()),
    )
}
