//! `tug drains`: where the app's log is also sent.

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

pub(super) fn list(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let drains = ctx.block_on(client.drains(&app))?;
    if out.list_ended(
        &drains,
        &format!("{app} has no drains."),
        Some(format!("add one with `tug drains:add URL -a {app}`").as_str()),
    )? {
        return Ok(());
    }
    let mut table = Table::new(vec!["url", "token"]);
    for d in &drains {
        table.row(vec![d.url.clone().into(), d.token.clone().into()]);
    }
    Ok(out.table(&table)?)
}
