//! `tug webhooks`: HTTP notifications of an app's builds, releases, scaling and dynos, signed
//! with a secret; and the events sent and how each delivery went.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::{
    AppWebhook, AppWebhookCreate, AppWebhookDelivery, AppWebhookUpdate, Timestamp,
    WEBHOOK_INCLUDES, check_webhook_include, check_webhook_url, parse_webhook_include,
};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::{Table, Value};

const STATUSES: [&str; 5] = ["pending", "scheduled", "retrying", "failed", "succeeded"];

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<WebhooksCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// List the app's webhooks (the default)
    List(ListArgs),
    /// Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret
    ///
    /// Each request carries `Heroku-Webhook-Hmac-SHA256`, the base64 HMAC-SHA256 of the raw
    /// body keyed with the webhook's secret. Without --secret the platform makes one; it is
    /// printed on stdout, once. With `--level sync` (the default) a delivery that does not get
    /// a 2xx answer is retried with growing waits for about half an hour; `notify` makes one
    /// attempt.
    Add(AddArgs),
    /// Show a webhook
    Info(InfoArgs),
    /// Change a webhook's URL, events, level, secret or Authorization header
    Update(UpdateArgs),
    /// Remove a webhook
    Remove(InfoArgs),
    /// List the events sent to the app's webhooks, newest first
    Events(EventsArgs),
    /// List the deliveries of events to the app's webhooks and how they went, newest first
    Deliveries(DeliveriesArgs),
}

#[derive(Debug, Default, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

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
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The webhook's id (`tug webhooks` lists them)
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

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
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct EventsArgs {
    /// How many events to show, newest first
    #[arg(short = 'n', long = "num", value_name = "N", default_value_t = 15,
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub num: u16,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct DeliveriesArgs {
    /// Only deliveries with this status
    #[arg(short, long, value_name = "STATUS", value_parser = STATUSES)]
    pub status: Option<String>,
    /// How many deliveries to show, newest first
    #[arg(short = 'n', long = "num", value_name = "N", default_value_t = 15,
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub num: u16,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(WebhooksCommand::List(args)) => list(&args, ctx),
        Some(WebhooksCommand::Add(args)) => add(&args, ctx),
        Some(WebhooksCommand::Info(args)) => info(&args, ctx),
        Some(WebhooksCommand::Update(args)) => update(&args, ctx),
        Some(WebhooksCommand::Remove(args)) => remove(&args, ctx),
        Some(WebhooksCommand::Events(args)) => events(&args, ctx),
        Some(WebhooksCommand::Deliveries(args)) => deliveries(&args, ctx),
    }
}

/// Checks what is plainly wrong before asking the platform, which has the last word.
fn check_url(url: &str) -> anyhow::Result<()> {
    check_webhook_url(url.trim()).map_err(|e| {
        CliError::usage(
            e,
            "give the receiver's address, like `--url https://example.com/hooks`",
        )
        .into()
    })
}

fn parse_include(list: &str) -> anyhow::Result<Vec<String>> {
    let include = parse_webhook_include(list);
    check_webhook_include(&include).map_err(|e| {
        CliError::usage(
            e,
            format!(
                "pass a comma-separated list, like `--include api:build,api:release`; the entities are {}",
                WEBHOOK_INCLUDES.join(", ")
            ),
        )
    })?;
    Ok(include)
}

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let mut webhooks = ctx.block_on(client.webhooks(&app))?;
    webhooks.sort_by_key(|w| (w.created_at, w.id));
    if args.json.json {
        return out.json(&webhooks);
    }
    if webhooks.is_empty() {
        out.status(&format!("`{app}` has no webhooks"));
        out.hint(&format!(
            "add one with `tug webhooks:add --url URL --include api:release -a {app}`"
        ));
        return Ok(());
    }
    let mut table = Table::new(vec!["webhook id", "url", "include", "level"]).flex(1);
    for w in &webhooks {
        table.row(vec![
            w.id.to_string().into(),
            w.url.clone().into(),
            w.include.join(",").into(),
            w.level.clone().into(),
        ]);
    }
    Ok(out.table(&table)?)
}

fn add(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    check_url(&args.url)?;
    let include = parse_include(&args.include)?;
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
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
    if args.json.json {
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

fn show(webhook: &AppWebhook, ctx: &Ctx) -> anyhow::Result<()> {
    Ok(ctx.out.object(&[
        ("Webhook ID", webhook.id.to_string().into()),
        ("URL", webhook.url.clone().into()),
        ("Include", webhook.include.join(",").into()),
        ("Level", webhook.level.clone().into()),
        ("Created", webhook.created_at.into()),
        ("Updated", webhook.updated_at.into()),
    ])?)
}

fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let webhook = ctx.block_on(client.webhook(&app, args.id.trim()))?;
    if args.json.json {
        return out.json(&webhook);
    }
    show(&webhook, ctx)
}

fn update(args: &UpdateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
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
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!(
        "Updating webhook {} on {}",
        args.id.trim(),
        out.app_name(&app)
    ));
    let (webhook, secret) = ctx.block_on(client.update_webhook(&app, args.id.trim(), &body))?;
    progress.done();
    let made = secret.filter(|_| args.new_secret);
    if args.json.json {
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

fn remove(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!(
        "Removing webhook {} from {}",
        args.id.trim(),
        out.app_name(&app)
    ));
    let webhook = ctx.block_on(client.remove_webhook(&app, args.id.trim()))?;
    progress.done();
    if args.json.json {
        out.json(&webhook)?;
    }
    Ok(())
}

fn events(args: &EventsArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let events = ctx.block_on(client.webhook_events(&app, usize::from(args.num)))?;
    if args.json.json {
        return out.json(&events);
    }
    if events.is_empty() {
        out.status(&format!("`{app}` has no webhook events"));
        out.hint(&format!(
            "events are recorded for the app's webhooks; list them with `tug webhooks -a {app}`"
        ));
        return Ok(());
    }
    let mut table = Table::new(vec!["event id", "include", "action", "actor", "created"]);
    for e in &events {
        table.row(vec![
            e.id.to_string().into(),
            e.include.clone().into(),
            e.payload.action.clone().into(),
            e.payload.actor.email.clone().into(),
            e.created_at.into(),
        ]);
    }
    Ok(out.table(&table)?)
}

/// The last attempt's HTTP status, or why there was none.
fn last_code(d: &AppWebhookDelivery) -> String {
    match &d.last_attempt {
        Some(a) => match (a.code, &a.error_class) {
            (Some(code), _) => code.to_string(),
            (None, Some(class)) => class.clone(),
            (None, None) => "-".into(),
        },
        None => "-".into(),
    }
}

/// A time to come: "in 30s" on a terminal, RFC 3339 when piped.
fn until(at: Timestamp, now: Timestamp, tty: bool) -> String {
    if !tty {
        return at.to_rfc3339();
    }
    let secs = (at.0 - now.0).max(0);
    match secs {
        0 => "now".to_string(),
        1..=59 => format!("in {secs}s"),
        60..=3599 => format!("in {}m", secs / 60),
        _ => format!("in {}h", secs / 3600),
    }
}

fn deliveries(args: &DeliveriesArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    // Filtering by status happens here, so it looks further back than `--num`.
    let fetch = if args.status.is_some() {
        1000
    } else {
        usize::from(args.num)
    };
    let mut deliveries = ctx.block_on(client.webhook_deliveries(&app, fetch))?;
    if let Some(status) = &args.status {
        deliveries.retain(|d| &d.status == status);
    }
    deliveries.truncate(usize::from(args.num));
    if args.json.json {
        return out.json(&deliveries);
    }
    if deliveries.is_empty() {
        let with = args
            .status
            .as_ref()
            .map(|s| format!(" with status `{s}`"))
            .unwrap_or_default();
        out.status(&format!("`{app}` has no webhook deliveries{with}"));
        out.hint(&format!(
            "see the events with `tug webhooks:events -a {app}`"
        ));
        return Ok(());
    }
    let mut table = Table::new(vec![
        "delivery id",
        "event",
        "status",
        "attempts",
        "last code",
        "duration",
        "next attempt",
    ]);
    for d in &deliveries {
        let duration = d
            .last_attempt_duration_ms
            .map_or_else(|| "-".to_string(), |ms| format!("{ms} ms"));
        let next = d.next_attempt_at.map_or_else(
            || "-".to_string(),
            |at| until(at, out.now(), out.stdout_tty),
        );
        table.row(vec![
            d.id.to_string().into(),
            d.event.include.clone().into(),
            d.status.clone().into(),
            d.num_attempts.to_string().into(),
            last_code(d).into(),
            duration.into(),
            Value::Text(next),
        ]);
    }
    Ok(out.table(&table)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_are_checked_before_asking() {
        assert_eq!(
            parse_include("api:build, api:release").unwrap(),
            vec!["api:build", "api:release"]
        );
        for bad in ["", "api:nope", "dyno,dyno", " , "] {
            let err = parse_include(bad).unwrap_err();
            assert!(
                matches!(err.downcast_ref::<CliError>(), Some(CliError::Usage { .. })),
                "{bad}: {err}"
            );
        }
        assert!(check_url("ftp://example.com").is_err());
        assert!(check_url(" https://example.com/hook ").is_ok());
    }

    #[test]
    fn future_times_read_as_a_countdown() {
        let now = Timestamp(1_000);
        assert_eq!(until(Timestamp(1_030), now, true), "in 30s");
        assert_eq!(until(Timestamp(1_000 + 300), now, true), "in 5m");
        assert_eq!(until(Timestamp(990), now, true), "now");
        assert_eq!(until(Timestamp(0), now, false), "1970-01-01T00:00:00Z");
    }
}
