//! `tug addons`: Postgres and Redis provisioned by the platform and attached to apps as
//! config vars.

mod attach;
mod create;
mod destroy;
mod detach;
mod info;
mod list;
mod plans;
mod services;
mod upgrade;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;

pub use attach::AttachArgs;
pub use create::CreateArgs;
pub use destroy::DestroyArgs;
pub use detach::DetachArgs;
pub use info::InfoArgs;
pub use list::ListArgs;
pub use plans::PlansArgs;
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
