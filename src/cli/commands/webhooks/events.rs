//! `tug webhooks:events`: the events sent to the app's webhooks, newest first.

use clap::Args as ClapArgs;

use crate::cli::args::NewestArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
#[command(mut_arg("num", |a| a.help("How many events to show, newest first")))]
pub struct EventsArgs {
    #[command(flatten)]
    pub list: NewestArgs,
}

pub fn events(args: &EventsArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.list.app)?;
    let events = ctx.block_on(client.webhook_events(&app, args.list.count()))?;
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
