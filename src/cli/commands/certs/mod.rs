//! `tug certs`: certificates an app brought for its custom domains (SNI endpoints), served
//! by the platform's HTTPS router. One file a verb.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::SniEndpoint;
use crate::cli::args::AppJsonArgs;
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

mod add;
mod auto;
mod info;
mod list;
mod remove;

pub use add::AddArgs;
pub use auto::AutoArgs;
pub use remove::RemoveArgs;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<CertsCommand>,
    #[command(flatten)]
    pub list: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum CertsCommand {
    /// List the app's certificates (the default)
    List(AppJsonArgs),
    /// Upload a certificate chain (PEM, leaf first) and its private key
    ///
    /// The key must match the leaf, every certificate must be valid now, and the chain must go
    /// leaf, intermediate(s), root (a shuffled chain is put in order). The HTTPS router serves
    /// it for every custom domain of the app it covers. The key is stored encrypted and never
    /// shown again.
    Add(AddArgs),
    /// Show a certificate: the names it covers, its issuer and dates
    Info(NameArgs),
    /// Replace a certificate's chain and key
    Update(AddArgs),
    /// Remove a certificate
    Remove(RemoveArgs),
    /// Automatic certificates (ACM): each custom domain's status and renewal (the default),
    /// enable, disable, refresh
    ///
    /// With ACM on, the platform orders a certificate from its ACME CA (Let's Encrypt unless
    /// the operator chose another) for every custom domain once the domain's DNS points here,
    /// proves the domain over HTTP, and renews the certificate 30 days before it expires.
    Auto(AutoArgs),
}

/// Which certificate: `--name`, or the app's only one.
#[derive(Debug, ClapArgs)]
pub struct NameArgs {
    /// The certificate's name (see `tug certs`) [default: the app's only one]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list::list(&args.list, ctx),
        Some(CertsCommand::List(args)) => list::list(&args, ctx),
        Some(CertsCommand::Add(args)) => add::add(&args, ctx),
        Some(CertsCommand::Info(args)) => info::info(&args, ctx),
        Some(CertsCommand::Update(args)) => add::update(&args, ctx),
        Some(CertsCommand::Remove(args)) => remove::remove(&args, ctx),
        Some(CertsCommand::Auto(args)) => auto::run(args, ctx),
    }
}

/// The certificate `name` names, or the app's only one.
fn pick(ctx: &Ctx, client: &Client, app: &str, name: Option<&str>) -> anyhow::Result<SniEndpoint> {
    if let Some(name) = name {
        return ctx.block_on(client.sni_endpoint(app, name));
    }
    let mut all = ctx.block_on(client.sni_endpoints(app))?;
    match all.len() {
        1 => Ok(all.remove(0)),
        0 => Err(CliError::failed(
            format!("{app} has no certificates"),
            format!("upload one with `tug certs:add CERT KEY -a {app}`"),
        )
        .into()),
        _ => Err(CliError::usage(
            format!("{app} has {} certificates", all.len()),
            "name one with `--name NAME` (see `tug certs`)",
        )
        .into()),
    }
}

/// The names a certificate covers, for one table cell.
fn names(e: &SniEndpoint) -> String {
    e.ssl_cert.cert_domains.join(", ")
}
