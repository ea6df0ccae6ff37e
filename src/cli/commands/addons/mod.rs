//! `tug addons`: Postgres and Redis provisioned by the platform and attached to apps as
//! config vars.

mod attach;
mod create;
pub(crate) mod credentials;
mod destroy;
mod detach;
mod info;
mod list;
mod plans;
mod rename;
mod services;
mod upgrade;

use clap::{Args as ClapArgs, Subcommand};

use crate::api::AddOnAttachment;
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

pub use attach::AttachArgs;
pub use create::CreateArgs;
pub use destroy::DestroyArgs;
pub use detach::DetachArgs;
pub use info::InfoArgs;
pub use list::ListArgs;
pub use plans::PlansArgs;
pub use rename::RenameArgs;
pub use services::ServicesArgs;
pub use upgrade::UpgradeArgs;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<AddonsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum AddonsCommand {
    /// List the app's add-ons, or every add-on with --all (the default)
    List(ListArgs),
    /// Provision an add-on for the app: `heroku-postgresql[:PLAN]`, `heroku-redis[:PLAN]`
    Create(CreateArgs),
    /// Show an add-on: its plan, owning app and attachments
    Info(InfoArgs),
    /// Deprovision an add-on and delete its data, once the app's name is confirmed
    Destroy(DestroyArgs),
    /// Attach an existing add-on to another app, which gets its config var
    Attach(AttachArgs),
    /// Detach an add-on from the app, named by its attachment (`DATABASE`)
    Detach(DetachArgs),
    /// List the add-on services this platform offers
    Services(ServicesArgs),
    /// List a service's plans with their limits
    Plans(PlansArgs),
    /// Move an add-on to a bigger plan; its URL and data stay
    Upgrade(UpgradeArgs),
    /// Move an add-on to a smaller plan; refused while it holds more than that plan allows
    Downgrade(UpgradeArgs),
    /// Give an add-on a new name; its attachments and config vars stay as they are
    Rename(RenameArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list::list(&args.list, ctx),
        Some(AddonsCommand::List(args)) => list::list(&args, ctx),
        Some(AddonsCommand::Create(args)) => create::create(&args, ctx),
        Some(AddonsCommand::Info(args)) => info::info(&args, ctx),
        Some(AddonsCommand::Destroy(args)) => destroy::destroy(&args, ctx),
        Some(AddonsCommand::Attach(args)) => attach::attach(&args, ctx),
        Some(AddonsCommand::Detach(args)) => detach::detach(&args, ctx),
        Some(AddonsCommand::Services(args)) => services::services(&args, ctx),
        Some(AddonsCommand::Plans(args)) => plans::plans(&args, ctx),
        Some(AddonsCommand::Upgrade(args) | AddonsCommand::Downgrade(args)) => {
            upgrade::upgrade(&args, ctx)
        }
        Some(AddonsCommand::Rename(args)) => rename::rename(&args, ctx),
    }
}

/// `DATABASE_URL, REPORTING_DB_URL` or `-`.
fn vars(addon: &crate::api::AddOn) -> String {
    if addon.config_vars.is_empty() {
        "-".into()
    } else {
        addon.config_vars.join(", ")
    }
}

/// The URL an attachment set on its app (`DATABASE_URL`, `REDIS_URL`), read and parsed, for a
/// client run on this machine (`pg:psql`, `redis:cli`); `kind` names it in errors.
pub(crate) fn attachment_url(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    attachment: &AddOnAttachment,
    kind: &str,
) -> anyhow::Result<reqwest::Url> {
    let var = format!("{}_URL", attachment.name);
    let config = ctx.block_on(client.config_vars(app))?;
    let url = config.get(&var).ok_or_else(|| {
        CliError::failed(
            format!("{app} has no `{var}` config var"),
            format!(
                "attach the add-on again with `tug addons:attach {} -a {app}`",
                attachment.addon.name
            ),
        )
    })?;
    reqwest::Url::parse(url).map_err(|e| anyhow::anyhow!("`{var}` is not a {kind} URL: {e}"))
}

/// `12.0 MB of 1.0 GB (1.2%)`: what an add-on uses of its plan's storage or memory.
pub(crate) fn used_of(used: u64, limit: u64) -> String {
    let size = |bytes: u64| {
        let mb = bytes as f64 / (1024.0 * 1024.0);
        if mb >= 1024.0 {
            format!("{:.1} GB", mb / 1024.0)
        } else {
            format!("{mb:.1} MB")
        }
    };
    let percent = if limit > 0 {
        used as f64 * 100.0 / limit as f64
    } else {
        0.0
    };
    format!("{} of {} ({percent:.1}%)", size(used), size(limit))
}
