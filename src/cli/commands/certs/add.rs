//! `tug certs:add` and `tug certs:update`: a chain and key from two PEM files.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args as ClapArgs;

use crate::api::SniEndpointCreate;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// The certificate chain, PEM, leaf first
    #[arg(value_name = "CERT")]
    pub cert: PathBuf,
    /// The leaf's private key, PEM
    #[arg(value_name = "KEY")]
    pub key: PathBuf,
    /// Which certificate to replace (`certs:update`) [default: the app's only one]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))
}

fn body(args: &AddArgs) -> anyhow::Result<SniEndpointCreate> {
    Ok(SniEndpointCreate {
        certificate_chain: read(&args.cert)?,
        private_key: read(&args.key)?,
    })
}

pub(super) fn add(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let body = body(args)?;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let progress = out.progress(format!("Adding SSL certificate to {}", out.app_name(&app)));
    let e = ctx.block_on(client.add_sni_endpoint(&app, &body))?;
    progress.finish(&format!("done, {}", e.name));
    if out.is_json() {
        return out.json(&e);
    }
    out.status(&format!(
        "Certificate details: covers {}, expires {}",
        super::names(&e),
        e.ssl_cert.expires_at
    ));
    if e.domains.is_empty() {
        out.hint(&format!(
            "it covers none of the app's custom domains yet; add one with `tug domains:add HOSTNAME -a {app}`"
        ));
    }
    Ok(())
}

pub(super) fn update(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let body = body(args)?;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let current = super::pick(ctx, client, &app, args.name.as_deref())?;
    let progress = out.progress(format!(
        "Updating SSL certificate {} for {}",
        current.name,
        out.app_name(&app)
    ));
    let e = ctx.block_on(client.update_sni_endpoint(&app, &current.name, &body))?;
    progress.done();
    if out.is_json() {
        return out.json(&e);
    }
    Ok(())
}
