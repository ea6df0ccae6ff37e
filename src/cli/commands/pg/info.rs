//! `tug pg:info`: a database's plan, what it uses of it, and its version.

use clap::Args as ClapArgs;

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The attachment (`DATABASE`, `REPORTING_DB`) [default: DATABASE]
    #[arg(value_name = "DATABASE")]
    pub database: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let (attachment, addon) = super::database(ctx, client, &app, args.database.as_deref())?;
    let usage = ctx.block_on(client.addon_usage(&app, &addon.id.to_string()))?;
    if out.is_json() {
        return out.json(&usage);
    }
    out.header(&format!("{}_URL ({})", attachment.name, addon.name))?;
    out.object(&[
        ("plan", usage.plan.clone().into()),
        (
            "data size",
            crate::cli::commands::addons::used_of(usage.bytes_used, usage.bytes_limit).into(),
        ),
        (
            "connections",
            format!("{}/{}", usage.connections, usage.connection_limit).into(),
        ),
        ("pg version", usage.version.clone().into()),
        ("owning app", addon.app.name.clone().into()),
    ])?;
    if usage.writes_revoked {
        out.warn(&format!(
            "{} is far past its plan's storage: INSERT, UPDATE and CREATE are revoked until it is under; TRUNCATE or DELETE data, or `tug addons:upgrade {} PLAN`",
            addon.name, addon.name
        ));
    } else if usage.bytes_used > usage.bytes_limit {
        out.warn(&format!(
            "{} is past its plan's storage: delete data or `tug addons:upgrade {} PLAN`; well past it, writes are revoked",
            addon.name, addon.name
        ));
    }
    Ok(())
}
