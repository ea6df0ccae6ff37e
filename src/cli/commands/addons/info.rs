//! `tug addons:info`: one add-on, its plan and where it is attached.

use clap::Args as ClapArgs;

use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;
use crate::cli::out::Value;

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The add-on's name or id
    #[arg(value_name = "ADDON")]
    pub addon: String,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let addon = ctx.block_on(client.addon(args.addon.trim()))?;
    if out.is_json() {
        return out.json(&addon);
    }
    let attachments = ctx.block_on(client.addon_attachments(&addon.id.to_string()))?;
    let attached: Vec<String> = attachments
        .iter()
        .map(|a| format!("{}::{}", a.app.name, a.name))
        .collect();
    out.header(&addon.name)?;
    Ok(out.object(&[
        ("plan", addon.plan.name.clone().into()),
        ("owning app", addon.app.name.clone().into()),
        ("attachments", attached.join(", ").into()),
        ("config vars", super::vars(&addon).into()),
        ("state", addon.state.clone().into()),
        ("created", Value::Time(addon.created_at)),
    ])?)
}
