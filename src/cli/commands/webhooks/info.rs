//! `tug webhooks:info`: one webhook.

use clap::Args as ClapArgs;

use crate::api::AppWebhook;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The webhook's id (`tug webhooks` lists them)
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let webhook = ctx.block_on(client.webhook(&app, args.id.trim()))?;
    if ctx.out.is_json() {
        return out.json(&webhook);
    }
    show(&webhook, ctx)
}

pub(super) fn show(webhook: &AppWebhook, ctx: &Ctx) -> anyhow::Result<()> {
    Ok(ctx.out.object(&[
        ("Webhook ID", webhook.id.to_string().into()),
        ("URL", webhook.url.clone().into()),
        ("Include", webhook.include.join(",").into()),
        ("Level", webhook.level.clone().into()),
        ("Created", webhook.created_at.into()),
        ("Updated", webhook.updated_at.into()),
    ])?)
}
