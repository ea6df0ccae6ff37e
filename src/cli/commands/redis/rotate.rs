//! `tug redis:credentials:rotate`: a new password for a Redis add-on; the old one is refused
//! from then on (its connections are closed), and every app it is attached to gets the new URL
//! in a release.

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
    /// Give the Redis add-on a new password and its apps the new URL; the old one stops working
    Rotate(RotateArgs),
}

#[derive(Debug, ClapArgs)]
pub struct RotateArgs {
    /// The attachment (`REDIS`, `CACHE`) [default: REDIS]
    #[arg(value_name = "REDIS")]
    pub redis: Option<String>,
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
        "Redis",
        |ctx, client, app| super::redis(ctx, client, app, args.redis.as_deref()),
    )
}
