//! `tug domains`: the app's own domain, then its custom domains and where their DNS should
//! point.

use crate::api::domain::DOMAIN_KIND_HEROKU;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

pub(super) fn list(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let domains = ctx.block_on(client.domains(&app))?;
    if out.is_json() {
        return out.json(&domains);
    }
    let (own, custom): (Vec<_>, Vec<_>) =
        domains.iter().partition(|d| d.kind == DOMAIN_KIND_HEROKU);
    out.header(&format!("{app} Heroku Domain"))?;
    for d in &own {
        out.line(&d.hostname)?;
    }
    if custom.is_empty() {
        out.status(&format!("{app} has no custom domains."));
        out.hint(&format!("add one with `tug domains:add HOSTNAME -a {app}`"));
        return Ok(());
    }
    out.gap()?;
    out.header(&format!("{app} Custom Domains"))?;
    let mut table = Table::new(vec![
        "Domain Name",
        "DNS Record Type",
        "DNS Target",
        "SNI Endpoint",
        "Status",
    ]);
    for d in &custom {
        table.row(vec![
            d.hostname.clone().into(),
            super::record_type(&d.hostname).into(),
            d.cname.clone().unwrap_or_default().into(),
            d.sni_endpoint
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default()
                .into(),
            d.status.clone().into(),
        ]);
    }
    Ok(out.table(&table)?)
}
