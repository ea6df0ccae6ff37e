//! `tug webhooks`: HTTP notifications of an app's builds, releases, scaling and dynos, signed
//! with a secret; and the events sent and how each delivery went. One file a verb.

use crate::cli::args::AppJsonArgs;

mod add;
mod checks;
mod deliveries;
mod events;
mod info;
mod list;
mod remove;
mod update;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;

pub use add::{AddArgs, add};
pub use deliveries::{DeliveriesArgs, deliveries};
pub use events::{EventsArgs, events};
pub use info::{InfoArgs, info};
pub use list::list;
pub use remove::remove;
pub use update::{UpdateArgs, update};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<WebhooksCommand>,
    #[command(flatten)]
    pub list: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// List the app's webhooks (the default)
    List(AppJsonArgs),
    /// Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret
    ///
    /// Each request carries `Heroku-Webhook-Hmac-SHA256`, the base64 HMAC-SHA256 of the raw
    /// body keyed with the webhook's secret. Without --secret the platform makes one; it is
    /// printed on stdout, once. With `--level sync` (the default) a delivery that does not get
    /// a 2xx answer is retried with growing waits for about half an hour; `notify` makes one
    /// attempt.
    Add(AddArgs),
    /// Show a webhook
    Info(InfoArgs),
    /// Change a webhook's URL, events, level, secret or Authorization header
    Update(UpdateArgs),
    /// Remove a webhook
    Remove(InfoArgs),
    /// List the events sent to the app's webhooks, newest first
    Events(EventsArgs),
    /// List the deliveries of events to the app's webhooks and how they went, newest first
    Deliveries(DeliveriesArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(WebhooksCommand::List(args)) => list(&args, ctx),
        Some(WebhooksCommand::Add(args)) => add(&args, ctx),
        Some(WebhooksCommand::Info(args)) => info(&args, ctx),
        Some(WebhooksCommand::Update(args)) => update(&args, ctx),
        Some(WebhooksCommand::Remove(args)) => remove(&args, ctx),
        Some(WebhooksCommand::Events(args)) => events(&args, ctx),
        Some(WebhooksCommand::Deliveries(args)) => deliveries(&args, ctx),
    }
}
