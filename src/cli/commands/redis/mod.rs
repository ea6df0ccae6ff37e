//! `tug redis`: the app's Redis add-ons: their usage, a `redis-cli` session, new credentials.

mod cli;
mod info;

use clap::{Args as ClapArgs, Subcommand};

use crate::ExitStatus;
use crate::api::{AddOn, AddOnAttachment};
use crate::cli::client::{Client, ClientError};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

pub use crate::cli::commands::addons::credentials::{CredentialsArgs, RotateArgs};
pub use cli::CliArgs;
pub use info::InfoArgs;

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    pub command: RedisCommand,
}

#[derive(Debug, Subcommand)]
pub enum RedisCommand {
    /// Show a Redis add-on's plan, the memory and connections it uses, and its version
    Info(InfoArgs),
    /// Open `redis-cli` (this machine's) on a Redis add-on of the app
    Cli(CliArgs),
    /// A Redis add-on's credentials
    Credentials(CredentialsArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match args.command {
        RedisCommand::Info(args) => info::info(&args, ctx).map(|()| ExitStatus::Success),
        RedisCommand::Cli(args) => cli::cli(&args, ctx),
        RedisCommand::Credentials(args) => {
            crate::cli::commands::addons::credentials::run(args, ctx, "Redis", redis)
                .map(|()| ExitStatus::Success)
        }
    }
}

/// The app's Redis attachment named `name` (`REDIS` by default), with its add-on.
fn redis(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    name: Option<&str>,
) -> anyhow::Result<(AddOnAttachment, AddOn)> {
    let name = name.map(str::trim).unwrap_or("REDIS").to_ascii_uppercase();
    let name = name.strip_suffix("_URL").unwrap_or(&name).to_string();
    let no_redis = || {
        CliError::failed(
            format!("{app} has no Redis add-on `{name}`"),
            format!("create one with `tug addons:create heroku-redis -a {app}`"),
        )
    };
    let attachment = match ctx.block_on(client.app_attachment(app, &name)) {
        Ok(a) => a,
        Err(e)
            if e.downcast_ref::<ClientError>()
                .is_some_and(ClientError::is_not_found) =>
        {
            return Err(no_redis().into());
        }
        Err(e) => return Err(e),
    };
    let addon = ctx.block_on(client.addon(&attachment.addon.id.to_string()))?;
    if addon.addon_service.name != "heroku-redis" {
        return Err(no_redis().into());
    }
    Ok((attachment, addon))
}
