//! `tug certs:info`: one certificate.

use super::NameArgs;
use crate::cli::ctx::Ctx;

pub(super) fn info(args: &NameArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let e = super::pick(ctx, client, &app, args.name.as_deref())?;
    if out.is_json() {
        return out.json(&e);
    }
    out.header(&format!("{} Certificate {}", app, e.name))?;
    Ok(out.object(&[
        ("Common Name(s)", super::names(&e).into()),
        ("Subject", e.ssl_cert.subject.clone().into()),
        ("Issuer", e.ssl_cert.issuer.clone().into()),
        ("Starts At", e.ssl_cert.starts_at.into()),
        ("Expires At", e.ssl_cert.expires_at.into()),
        (
            "SSL certificate is self signed",
            if e.ssl_cert.self_signed { "yes" } else { "no" }.into(),
        ),
        ("Domains", e.domains.len().to_string().into()),
    ])?)
}
