//! `tug certs:auto`: automated certificate management (ACM). The platform orders a certificate
//! from its ACME CA for every custom domain of the app once the domain's DNS points here, and
//! renews it before it expires.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::domain::DOMAIN_KIND_CUSTOM;
use crate::api::{Domain, SniEndpoint};
use crate::cli::args::{AppArg, AppJsonArgs};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::{Table, Value};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AutoArgs {
    #[command(subcommand)]
    pub command: Option<AutoCommand>,
    #[command(flatten)]
    pub show: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum AutoCommand {
    /// Turn ACM on: every custom domain gets a certificate once its DNS points here
    Enable(AppJsonArgs),
    /// Turn ACM off: the automatic certificates are no longer served
    Disable(DisableArgs),
    /// Order again now: domains that failed, and renewals
    Refresh(AppJsonArgs),
}

#[derive(Debug, ClapArgs)]
pub struct DisableArgs {
    /// The app's name again, to confirm without a prompt
    #[arg(short, long, value_name = "APP")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: crate::cli::args::JsonArg,
}

pub fn run(args: AutoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => show(&args.show, ctx),
        Some(AutoCommand::Enable(args)) => enable(&args, ctx),
        Some(AutoCommand::Disable(args)) => disable(&args, ctx),
        Some(AutoCommand::Refresh(args)) => refresh(&args, ctx),
    }
}

/// `Cert issued` → `OK`, as the official CLI words the statuses.
fn humanize(status: Option<&str>) -> &str {
    match status {
        None => "Waiting",
        Some("cert issued") => "OK",
        Some("pending") => "Pending",
        Some("dns-verified") => "DNS Verified",
        Some("failing") => "Failing",
        Some("failed") => "Failed",
        Some(other) => other,
    }
}

fn show(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let (info, domains, certs) = ctx.block_on(async {
        tokio::try_join!(
            client.app(&app),
            client.domains(&app),
            client.sni_endpoints(&app)
        )
    })?;
    let custom: Vec<Domain> = domains
        .into_iter()
        .filter(|d| d.kind == DOMAIN_KIND_CUSTOM)
        .collect();
    if out.is_json() {
        return out.json(&custom);
    }
    if !info.acm {
        out.status(&format!(
            "Automatic Certificate Management is disabled on {app}."
        ));
        out.hint(&format!("turn it on with `tug certs:auto:enable -a {app}`"));
        return Ok(());
    }
    out.header(&format!(
        "Automatic Certificate Management is enabled on {app}"
    ))?;
    if custom.is_empty() {
        out.status(&format!("{app} has no custom domains."));
        out.hint(&format!("add one with `tug domains:add HOSTNAME -a {app}`"));
        return Ok(());
    }
    let mut table = Table::new(vec!["Domain", "Status", "Renews", "Reason", "Last Updated"]);
    for d in &custom {
        let cert = d.sni_endpoint.as_ref().and_then(|r| {
            certs
                .iter()
                .find(|c: &&SniEndpoint| c.id == r.id && c.ssl_cert.acm)
        });
        let renews: Value = match cert {
            Some(c) => renewal(c).into(),
            None => "".into(),
        };
        table.row(vec![
            d.hostname.clone().into(),
            humanize(d.acm_status.as_deref()).into(),
            renews,
            d.acm_status_reason.clone().unwrap_or_default().into(),
            d.updated_at.into(),
        ]);
    }
    out.table(&table)?;
    if custom
        .iter()
        .any(|d| d.acm_status.as_deref() == Some("failing"))
    {
        out.hint(&format!(
            "fix what the reason says, then order again with `tug certs:auto:refresh -a {app}`"
        ));
    }
    Ok(())
}

/// When the platform renews a certificate: 30 days before it expires, or a third of its
/// lifetime before, when that is sooner (as the server does).
fn renewal(c: &SniEndpoint) -> crate::api::Timestamp {
    let (starts, expires) = (c.ssl_cert.starts_at.0, c.ssl_cert.expires_at.0);
    let lifetime = (expires - starts).max(0);
    crate::api::Timestamp(expires - (30 * 86_400).min(lifetime / 3))
}

fn enable(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let progress = out.progress(format!(
        "Enabling Automatic Certificate Management for {app}"
    ));
    let updated = ctx.block_on(client.enable_acm(&app))?;
    progress.done();
    if out.is_json() {
        return out.json(&updated);
    }
    out.hint(&format!(
        "see each domain's certificate with `tug certs:auto -a {app}`, or wait for them with `tug domains:wait -a {app}`"
    ));
    Ok(())
}

fn disable(args: &DisableArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let mismatch = |given: &str| {
        CliError::failed(
            format!("`{given}` does not match the app name `{app}`; nothing was changed"),
            format!("pass `--confirm {app}`"),
        )
    };
    out.confirm_name(
        &app,
        args.confirm.as_deref(),
        "this stops serving the app's automatic certificates: its custom domains answer HTTPS only with certificates you uploaded",
        |given| mismatch(given),
        format!("refusing to disable automatic certificates of {app} without confirmation"),
    )?;
    let progress = out.progress(format!(
        "Disabling Automatic Certificate Management for {app}"
    ));
    let updated = ctx.block_on(client.disable_acm(&app))?;
    progress.done();
    if out.is_json() {
        return out.json(&updated);
    }
    Ok(())
}

fn refresh(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let progress = out.progress(format!(
        "Refreshing Automatic Certificate Management for {app}"
    ));
    let updated = ctx.block_on(client.refresh_acm(&app))?;
    progress.done();
    if out.is_json() {
        return out.json(&updated);
    }
    out.hint(&format!("follow it with `tug certs:auto -a {app}`"));
    Ok(())
}
