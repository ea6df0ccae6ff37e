//! `tug domains`: the hostnames an app answers at: its own `APP.DOMAIN` and custom ones that
//! point at it through DNS. One file a verb.

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

mod add;
mod clear;
mod info;
mod list;
mod remove;
mod wait;

pub use add::AddArgs;
pub use clear::ClearArgs;
pub use info::InfoArgs;
pub use wait::WaitArgs;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<DomainsCommand>,
    #[command(flatten)]
    pub list: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum DomainsCommand {
    /// List the app's domains: its own, then the custom ones (the default)
    List(AppJsonArgs),
    /// Add a custom domain; then point its DNS (a CNAME) at the app's own domain
    ///
    /// `*.example.com` routes every name one label under `example.com` that no app has
    /// exactly. A hostname belongs to one app on the platform.
    Add(AddArgs),
    /// Show a domain and whether its DNS points at the platform
    Info(InfoArgs),
    /// Remove a custom domain
    Remove(InfoArgs),
    /// Remove every custom domain of the app
    Clear(ClearArgs),
    /// Wait until a custom domain's DNS points at the platform (and, with automatic
    /// certificates on, until its certificate is issued)
    Wait(WaitArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list::list(&args.list, ctx),
        Some(DomainsCommand::List(args)) => list::list(&args, ctx),
        Some(DomainsCommand::Add(args)) => add::add(&args, ctx),
        Some(DomainsCommand::Info(args)) => info::info(&args, ctx),
        Some(DomainsCommand::Remove(args)) => remove::remove(&args, ctx),
        Some(DomainsCommand::Clear(args)) => clear::clear(&args, ctx),
        Some(DomainsCommand::Wait(args)) => wait::wait(&args, ctx),
    }
}

/// What kind of DNS record points a hostname at its target: an apex (`example.com`) cannot
/// have a CNAME.
fn record_type(hostname: &str) -> &'static str {
    if hostname.trim_start_matches("*.").matches('.').count() <= 1 {
        "ALIAS or ANAME"
    } else {
        "CNAME"
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn apex_domains_need_an_alias() {
        assert_eq!(super::record_type("example.com"), "ALIAS or ANAME");
        assert_eq!(super::record_type("www.example.com"), "CNAME");
        assert_eq!(super::record_type("*.example.com"), "ALIAS or ANAME");
        assert_eq!(super::record_type("*.app.example.com"), "CNAME");
    }
}
