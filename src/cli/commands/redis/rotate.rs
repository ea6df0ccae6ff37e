//! `tug redis:credentials:rotate`: a new password for a Redis add-on; the old one is refused
//! from then on (its connections are closed), and every app it is attached to gets the new URL
//! in a release.

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::{Confirmation, ConfirmedAppArgs};
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
    let (app, client) = ctx.confirmed_app(&args.target, |app| Confirmation {
        warning: "the current password stops working, and open connections are closed".into(),
        nothing_done: "nothing was changed",
        refusing: format!(
            "refusing to rotate the credentials of `{app}`'s Redis without confirmation"
        ),
    })?;
    let out = &ctx.out;
    let (attachment, addon) = super::redis(ctx, client, &app, args.redis.as_deref())?;
    let progress = out.progress(format!(
        "Rotating the credentials of {} ({}_URL)",
        addon.name, attachment.name
    ));
    let rotated = ctx.block_on(client.rotate_addon_credentials(&app, &addon.id.to_string()))?;
    progress.done();
    if out.is_json() {
        out.json(&rotated)?;
    }
    Ok(())
}
