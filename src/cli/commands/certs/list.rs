//! `tug certs`: the app's certificates, the names each covers and when each expires.

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

pub(super) fn list(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let certs = ctx.block_on(client.sni_endpoints(&app))?;
    if out.list_ended(
        &certs,
        &format!("{app} has no certificates."),
        Some(format!("upload one with `tug certs:add CERT KEY -a {app}`").as_str()),
    )? {
        return Ok(());
    }
    let mut table = Table::new(vec![
        "Name",
        "Common Name(s)",
        "Expires",
        "Trusted",
        "Type",
        "Domains",
    ]);
    for e in &certs {
        table.row(vec![
            e.name.clone().into(),
            super::names(e).into(),
            e.ssl_cert.expires_at.into(),
            if e.ssl_cert.self_signed {
                "False"
            } else {
                "True"
            }
            .into(),
            if e.ssl_cert.acm { "ACM" } else { "SNI" }.into(),
            e.domains.len().to_string().into(),
        ]);
    }
    Ok(out.table(&table)?)
}
