//! `tug domains:add`: a custom hostname for the app, and where its DNS should point.

use clap::Args as ClapArgs;

use crate::api::domain::normalize_hostname;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// The hostname, like `www.example.com` or `*.example.com`
    #[arg(value_name = "HOSTNAME")]
    pub hostname: String,
    /// Wait until the hostname's DNS points at the platform
    #[arg(long)]
    pub wait: bool,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn add(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    // A bad name is refused here, before the platform is asked.
    normalize_hostname(&args.hostname)
        .map_err(|e| CliError::usage(e, "give a hostname like `www.example.com`"))?;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let progress = out.progress(format!(
        "Adding {} to {}",
        args.hostname.trim(),
        out.app_name(&app)
    ));
    let domain = ctx.block_on(client.add_domain(&app, &args.hostname))?;
    progress.done();
    let target = domain.cname.clone().unwrap_or_default();
    if !out.is_json() {
        out.status(&format!(
            "Configure your DNS provider to point {} ({}) at the DNS target {target}.",
            domain.hostname,
            super::record_type(&domain.hostname)
        ));
    }
    if args.wait {
        let domain = super::wait::until_ready(ctx, client, &app, &domain.hostname, None)?;
        if out.is_json() {
            return out.json(&domain);
        }
        return Ok(());
    }
    if out.is_json() {
        return out.json(&domain);
    }
    out.hint(&format!(
        "run `tug domains:wait {} -a {app}` to wait until it points here",
        domain.hostname
    ));
    Ok(())
}
