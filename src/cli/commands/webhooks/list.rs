//! `tug webhooks` (`webhooks:list`): the app's webhooks.

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

pub fn list(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let mut webhooks = ctx.block_on(client.webhooks(&app))?;
    webhooks.sort_by_key(|w| (w.created_at, w.id));
    if out.list_ended(
        &webhooks,
        &format!("`{app}` has no webhooks"),
        Some(
            format!("add one with `tug webhooks:add --url URL --include api:release -a {app}`")
                .as_str(),
        ),
    )? {
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
