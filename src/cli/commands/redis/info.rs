//! `tug redis:info`: a Redis add-on's plan, the memory and connections it uses, its version.

use clap::Args as ClapArgs;

use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The attachment (`REDIS`, `CACHE`) [default: REDIS]
    #[arg(value_name = "REDIS")]
    pub redis: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let (attachment, addon) = super::redis(ctx, client, &app, args.redis.as_deref())?;
    let usage = ctx.block_on(client.addon_usage(&app, &addon.id.to_string()))?;
    if out.is_json() {
        return out.json(&usage);
    }
    out.header(&format!("{}_URL ({})", attachment.name, addon.name))?;
    Ok(out.object(&[
        ("plan", usage.plan.clone().into()),
        (
            "memory",
            crate::cli::commands::addons::used_of(usage.bytes_used, usage.bytes_limit).into(),
        ),
        (
            "clients",
            format!("{}/{}", usage.connections, usage.connection_limit).into(),
        ),
        ("version", usage.version.clone().into()),
        ("owning app", addon.app.name.clone().into()),
    ])?)
}
