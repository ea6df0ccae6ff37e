//! `tug apps` (`apps:list`): the apps the account owns or collaborates on.

use clap::Args as ClapArgs;

use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub json: JsonArg,
}

/// `--json` is the only flag, and the dispatcher has already read it.
pub fn list(ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let mut apps = ctx.block_on(client.apps())?;
    apps.sort_by(|a, b| a.name.cmp(&b.name));
    if out.list_ended(
        &apps,
        "You have no apps yet.",
        Some("create one with `tug create`"),
    )? {
        return Ok(());
    }
    let mut table = Table::new(vec!["name", "owner", "web url"]);
    for app in &apps {
        table.row(vec![
            app.name.clone().into(),
            app.owner.email.clone().into(),
            app.web_url.clone().unwrap_or_default().into(),
        ]);
    }
    Ok(out.table(&table)?)
}
