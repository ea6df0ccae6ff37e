//! `tug webhooks:update`: change a webhook's URL, events, level, secret or Authorization header.

use clap::Args as ClapArgs;

use super::checks::{check_url, parse_include};
use super::info::show;
use crate::api::AppWebhookUpdate;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct UpdateArgs {
    /// The webhook's id (`tug webhooks` lists them)
    #[arg(value_name = "ID")]
    pub id: String,
    /// Where to POST the events: https://… or http://…
    #[arg(short, long, value_name = "URL")]
    pub url: Option<String>,
    /// The events to send, comma-separated (replaces the list)
    #[arg(short, long, value_name = "ENTITIES")]
    pub include: Option<String>,
    /// `sync` (retried until the receiver answers 2xx) or `notify` (one attempt)
    #[arg(short, long, value_name = "LEVEL", value_parser = ["notify", "sync"])]
    pub level: Option<String>,
    /// A new secret to sign the requests with
    #[arg(short, long, value_name = "SECRET")]
    pub secret: Option<String>,
    /// Have the platform make a new signing secret, printed on stdout
    #[arg(long, conflicts_with = "secret")]
    pub new_secret: bool,
    /// A new `Authorization` header value; an empty one removes the header
    #[arg(short = 't', long, value_name = "VALUE")]
    pub authorization: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn update(args: &UpdateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    if let Some(url) = &args.url {
        check_url(url)?;
    }
    let body = AppWebhookUpdate {
        authorization: args.authorization.clone().map(Some),
        include: args.include.as_deref().map(parse_include).transpose()?,
        level: args.level.clone(),
        // `null` asks the platform for a new secret.
        secret: if args.new_secret {
            Some(None)
        } else {
            args.secret.clone().map(Some)
        },
        url: args.url.as_deref().map(|u| u.trim().to_string()),
    };
    if body.is_empty() {
        return Err(CliError::usage(
            "nothing to change",
            "pass one or more of --url, --include, --level, --secret, --new-secret, --authorization",
        )
        .into());
    }
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let progress = out.progress(format!(
        "Updating webhook {} on {}",
        args.id.trim(),
        out.app_name(&app)
    ));
    let (webhook, secret) = ctx.block_on(client.update_webhook(&app, args.id.trim(), &body))?;
    progress.done();
    let made = secret.filter(|_| args.new_secret);
    if ctx.out.is_json() {
        let mut value = serde_json::to_value(&webhook)?;
        if let (Some(secret), Some(object)) = (&made, value.as_object_mut()) {
            object.insert("secret".into(), secret.clone().into());
        }
        return out.json(&value);
    }
    if args.new_secret {
        return match made {
            Some(secret) => Ok(out.line(&secret)?),
            None => {
                out.warn("the platform returned no signing secret");
                Ok(())
            }
        };
    }
    show(&webhook, ctx)
}
