//! `tug webhooks:deliveries`: how each delivery of an event went, newest first.

use clap::Args as ClapArgs;

use crate::api::{AppWebhookDelivery, Timestamp};
use crate::cli::args::NewestArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::{Table, Value};

const STATUSES: [&str; 5] = ["pending", "scheduled", "retrying", "failed", "succeeded"];

#[derive(Debug, ClapArgs)]
#[command(mut_arg("num", |a| a.help("How many deliveries to show, newest first")))]
pub struct DeliveriesArgs {
    /// Only deliveries with this status
    #[arg(short, long, value_name = "STATUS", value_parser = STATUSES)]
    pub status: Option<String>,
    #[command(flatten)]
    pub list: NewestArgs,
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

pub fn deliveries(args: &DeliveriesArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.list.app)?;
    // Filtering by status happens here, so it looks further back than `--num`.
    let fetch = if args.status.is_some() {
        1000
    } else {
        args.list.count()
    };
    let mut deliveries = ctx.block_on(client.webhook_deliveries(&app, fetch))?;
    if let Some(status) = &args.status {
        deliveries.retain(|d| &d.status == status);
    }
    deliveries.truncate(args.list.count());
    let with = args
        .status
        .as_ref()
        .map(|s| format!(" with status `{s}`"))
        .unwrap_or_default();
    if out.list_ended(
        &deliveries,
        &format!("`{app}` has no webhook deliveries{with}"),
        Some(format!("see the events with `tug webhooks:events -a {app}`").as_str()),
    )? {
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
    fn future_times_read_as_a_countdown() {
        let now = Timestamp(1_000);
        assert_eq!(until(Timestamp(1_030), now, true), "in 30s");
        assert_eq!(until(Timestamp(1_000 + 300), now, true), "in 5m");
        assert_eq!(until(Timestamp(990), now, true), "now");
        assert_eq!(until(Timestamp(0), now, false), "1970-01-01T00:00:00Z");
    }
}
