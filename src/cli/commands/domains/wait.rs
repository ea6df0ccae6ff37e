//! `tug domains:wait`: polls a custom domain until its DNS points at the platform and, when the
//! app has automatic certificates (ACM), until its certificate is issued.

use std::time::{Duration, Instant};

use clap::Args as ClapArgs;

use crate::api::Domain;
use crate::api::domain::{DOMAIN_KIND_CUSTOM, DOMAIN_SUCCEEDED};
use crate::cli::args::AppJsonArgs;
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

/// `acm_status` of a domain whose automatic certificate is served.
const ACM_ISSUED: &str = "cert issued";

/// How often the platform is asked again; each answer is a fresh DNS check there.
const POLL: Duration = Duration::from_secs(2);

#[derive(Debug, ClapArgs)]
pub struct WaitArgs {
    /// The hostname [default: every custom domain of the app]
    #[arg(value_name = "HOSTNAME")]
    pub hostname: Option<String>,
    /// Give up after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    pub timeout: u64,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn wait(args: &WaitArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let limit = Some(Duration::from_secs(args.timeout));
    let hostnames = match &args.hostname {
        Some(h) => vec![h.clone()],
        None => ctx
            .block_on(client.domains(&app))?
            .into_iter()
            .filter(|d| d.kind == DOMAIN_KIND_CUSTOM)
            .map(|d| d.hostname)
            .collect(),
    };
    let mut done = Vec::new();
    for hostname in &hostnames {
        done.push(until_ready(ctx, client, &app, hostname, limit)?);
    }
    if out.is_json() {
        return match (&args.hostname, done.pop()) {
            (Some(_), Some(one)) => out.json(&one),
            _ => out.json(&done),
        };
    }
    Ok(())
}

/// Waits (up to `limit`, else ten minutes) until the domain's DNS points here and, with ACM
/// on, its certificate is issued.
pub(super) fn until_ready(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    hostname: &str,
    limit: Option<Duration>,
) -> anyhow::Result<Domain> {
    let out = &ctx.out;
    let limit = limit.unwrap_or(Duration::from_secs(600));
    let deadline = Instant::now() + limit;
    let progress = out.progress(format!("Waiting for {hostname}"));
    loop {
        let domain = ctx.block_on(client.domain(app, hostname))?;
        // With ACM on, a domain is ready once its certificate is issued too; a wildcard never
        // gets one (ACM proves one name at a time), so only its DNS is waited for.
        let certificate_due = domain
            .acm_status
            .as_deref()
            .is_some_and(|s| s != ACM_ISSUED && !domain.hostname.starts_with("*."));
        if domain.status == DOMAIN_SUCCEEDED && !certificate_due {
            progress.done();
            return Ok(domain);
        }
        if Instant::now() + POLL > deadline {
            if domain.status == DOMAIN_SUCCEEDED {
                progress.finish(domain.acm_status.as_deref().unwrap_or("pending"));
                let why = domain
                    .acm_status_reason
                    .as_deref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default();
                return Err(CliError::failed(
                    format!(
                        "the certificate of `{}` is not issued after {} s{why}",
                        domain.hostname,
                        limit.as_secs()
                    ),
                    format!("see where it stands with `tug certs:auto -a {app}`"),
                )
                .into());
            }
            progress.finish(&domain.status);
            let target = domain.cname.unwrap_or_default();
            return Err(CliError::failed(
                format!(
                    "the DNS of `{}` does not point at `{target}` after {} s",
                    domain.hostname,
                    limit.as_secs()
                ),
                format!(
                    "point a {} record for `{}` at `{target}`, then run `tug domains:wait {} -a {app}` again",
                    super::record_type(&domain.hostname),
                    domain.hostname,
                    domain.hostname
                ),
            )
            .into());
        }
        std::thread::sleep(POLL);
    }
}
