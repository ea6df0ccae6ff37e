//! `tug pg`: the app's Postgres add-ons: their usage, a `psql` session, new credentials.

mod backups;
mod info;
mod psql;
mod reset;

use clap::{Args as ClapArgs, Subcommand};

use crate::ExitStatus;
use crate::api::{AddOn, AddOnAttachment};
use crate::cli::client::{Client, ClientError};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

pub use crate::cli::commands::addons::credentials::{CredentialsArgs, RotateArgs};
pub use backups::BackupsArgs;
pub use info::InfoArgs;
pub use psql::PsqlArgs;
pub use reset::ResetArgs;

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    pub command: PgCommand,
}

#[derive(Debug, Subcommand)]
pub enum PgCommand {
    /// Show a database's plan, the storage and connections it uses, and its version
    Info(InfoArgs),
    /// Open `psql` (this machine's) on a database of the app
    Psql(PsqlArgs),
    /// A database's credentials
    Credentials(CredentialsArgs),
    /// A database's backups: list (the default), capture, restore, download, schedule
    Backups(BackupsArgs),
    /// Empty a database: every table and row is deleted; its credentials stay
    Reset(ResetArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match args.command {
        PgCommand::Info(args) => info::info(&args, ctx).map(|()| ExitStatus::Success),
        PgCommand::Psql(args) => psql::psql(&args, ctx),
        PgCommand::Credentials(args) => {
            crate::cli::commands::addons::credentials::run(args, ctx, "database", database)
                .map(|()| ExitStatus::Success)
        }
        PgCommand::Backups(args) => backups::run(args, ctx).map(|()| ExitStatus::Success),
        PgCommand::Reset(args) => reset::reset(&args, ctx).map(|()| ExitStatus::Success),
    }
}

/// The app's Postgres attachment named `name` (`DATABASE` by default), with its add-on.
fn database(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    name: Option<&str>,
) -> anyhow::Result<(AddOnAttachment, AddOn)> {
    let name = name
        .map(str::trim)
        .unwrap_or("DATABASE")
        .to_ascii_uppercase();
    let name = name.strip_suffix("_URL").unwrap_or(&name).to_string();
    let no_database = || {
        CliError::failed(
            format!("{app} has no Postgres database `{name}`"),
            format!("create one with `tug addons:create heroku-postgresql -a {app}`"),
        )
    };
    let attachment = match ctx.block_on(client.app_attachment(app, &name)) {
        Ok(a) => a,
        Err(e)
            if e.downcast_ref::<ClientError>()
                .is_some_and(ClientError::is_not_found) =>
        {
            return Err(no_database().into());
        }
        Err(e) => return Err(e),
    };
    let addon = ctx.block_on(client.addon(&attachment.addon.id.to_string()))?;
    if addon.addon_service.name != "heroku-postgresql" {
        return Err(no_database().into());
    }
    Ok((attachment, addon))
}
