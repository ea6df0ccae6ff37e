//! `tug pg:credentials:rotate`: a new password for a database; the old one is refused from then
//! on, and every app it is attached to gets the new URL in a release.

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
    let (app, client) = ctx.confirmed_app(&args.target, |app| Confirmation {
        warning: "the current password stops working, and open connections are closed".into(),
        nothing_done: "nothing was changed",
        refusing: format!(
            "refusing to rotate the credentials of `{app}`'s database without confirmation"
        ),
    })?;
    let out = &ctx.out;
    let (attachment, addon) = super::database(ctx, client, &app, args.database.as_deref())?;
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
