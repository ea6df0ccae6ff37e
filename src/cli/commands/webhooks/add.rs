//! `tug webhooks:add`: a new webhook, and its signing secret when the platform made it.

use clap::Args as ClapArgs;

use super::checks::{check_url, parse_include};
use crate::api::AppWebhookCreate;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// Where to POST the events: https://… or http://…
    #[arg(short, long, value_name = "URL")]
    pub url: String,
    /// The events to send, comma-separated: api:build, api:release, api:formation,
    /// api:deployment, dyno
    #[arg(short, long, value_name = "ENTITIES")]
    pub include: String,
    /// `sync`: retried until the receiver answers 2xx (tug's default); `notify`: one attempt
    #[arg(short, long, value_name = "LEVEL", default_value = "sync",
          value_parser = ["notify", "sync"])]
    pub level: String,
    /// The secret that signs every request [default: one the platform makes, printed once]
    #[arg(short, long, value_name = "SECRET")]
    pub secret: Option<String>,
    /// A value for the `Authorization` header of every request, like `Bearer 9266671b`
    #[arg(short = 't', long, value_name = "VALUE")]
    pub authorization: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn add(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    check_url(&args.url)?;
    let include = parse_include(&args.include)?;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let body = AppWebhookCreate {
        authorization: args.authorization.clone(),
        include,
        level: args.level.clone(),
        secret: args.secret.clone(),
        url: args.url.trim().to_string(),
    };
    let progress = out.progress(format!("Adding webhook to {}", out.app_name(&app)));
    let (webhook, secret) = ctx.block_on(client.add_webhook(&app, &body))?;
    progress.finish(&format!("done, {}", webhook.id));
    // The secret is shown only when the platform made it: it cannot be read again later.
    let made = secret.filter(|_| args.secret.is_none());
    if ctx.out.is_json() {
        let mut value = serde_json::to_value(&webhook)?;
        if let (Some(secret), Some(object)) = (&made, value.as_object_mut()) {
            object.insert("secret".into(), secret.clone().into());
        }
        return out.json(&value);
    }
    if args.secret.is_none() {
        match made {
            Some(secret) => {
                out.header("Webhooks Signing Secret")?;
                out.line(&secret)?;
            }
            None => out.warn("the platform returned no signing secret"),
        }
    }
    Ok(())
}
