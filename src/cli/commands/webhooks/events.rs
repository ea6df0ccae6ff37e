//! `tug webhooks:events`: the events sent to the app's webhooks, newest first.

use clap::Args as ClapArgs;

use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

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

pub fn events(args: &EventsArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let events = ctx.block_on(client.webhook_events(&app, usize::from(args.num)))?;
    if out.list_ended(
        &events,
        &format!("`{app}` has no webhook events"),
        Some(
            format!(
                "events are recorded for the app's webhooks; list them with `tug webhooks -a {app}`"
            )
            .as_str(),
        ),
    )? {
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
