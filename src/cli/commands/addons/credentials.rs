//! `pg:credentials:rotate` and `redis:credentials:rotate`: after the app's name is confirmed, a
//! new password for the add-on; the old one is refused from then on (its connections are
//! closed), and every app it is attached to gets the new URL in a release.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::{AddOn, AddOnAttachment};
use crate::cli::args::{Confirmation, ConfirmedAppArgs};
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct CredentialsArgs {
    #[command(subcommand)]
    pub command: CredentialsCommand,
}

#[derive(Debug, Subcommand)]
pub enum CredentialsCommand {
    /// Give the add-on a new password and its apps the new URL; the old one stops working
    Rotate(RotateArgs),
}

#[derive(Debug, ClapArgs)]
pub struct RotateArgs {
    /// The attachment (`DATABASE`, `REDIS`, `CACHE`…) [default: DATABASE for pg, REDIS for
    /// redis]
    #[arg(value_name = "ATTACHMENT")]
    pub attachment: Option<String>,
    #[command(flatten)]
    pub target: ConfirmedAppArgs,
}

/// How a topic finds its add-on on an app: by attachment name, else its usual one.
pub type Find = fn(&Ctx, &Client, &str, Option<&str>) -> anyhow::Result<(AddOnAttachment, AddOn)>;

/// Runs `TOPIC:credentials:rotate` for the add-on `find` picks (`kind` names it in messages:
/// `database`, `Redis`).
pub fn run(args: CredentialsArgs, ctx: &Ctx, kind: &str, find: Find) -> anyhow::Result<()> {
    let CredentialsCommand::Rotate(args) = args.command;
    let (app, client) = ctx.confirmed_app(&args.target, |app| Confirmation {
        warning: "the current password stops working, and open connections are closed".into(),
        nothing_done: "nothing was changed",
        refusing: format!(
            "refusing to rotate the credentials of `{app}`'s {kind} without confirmation"
        ),
    })?;
    let out = &ctx.out;
    let (attachment, addon) = find(ctx, client, &app, args.attachment.as_deref())?;
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
