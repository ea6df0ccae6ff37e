//! `tug domains:info`: one domain, and whether its DNS points at the platform.

use clap::Args as ClapArgs;

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The hostname or the domain's id
    #[arg(value_name = "HOSTNAME")]
    pub hostname: String,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let d = ctx.block_on(client.domain(&app, &args.hostname))?;
    if out.is_json() {
        return out.json(&d);
    }
    out.header(&d.hostname)?;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default().into();
    Ok(out.object(&[
        ("App", d.app.name.clone().into()),
        ("Kind", d.kind.clone().into()),
        ("DNS Record Type", super::record_type(&d.hostname).into()),
        ("DNS Target", opt(&d.cname)),
        ("Status", d.status.clone().into()),
        ("ACM Status", opt(&d.acm_status)),
        ("ACM Status Reason", opt(&d.acm_status_reason)),
        (
            "SNI Endpoint",
            d.sni_endpoint
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default()
                .into(),
        ),
        ("Created", d.created_at.into()),
        ("Updated", d.updated_at.into()),
    ])?)
}
