//! `tug addons`: the app's add-ons, or every add-on the account can reach.

use clap::Args as ClapArgs;

use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, Clone, Default, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// Every add-on of every app you can reach
    #[arg(long, conflicts_with_all = ["app", "remote"])]
    pub all: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (addons, empty, hint) = if args.all {
        let client = ctx.client()?;
        (
            ctx.block_on(client.all_addons())?,
            "You have no add-ons.".to_string(),
            "create one with `tug addons:create heroku-postgresql -a APP`".to_string(),
        )
    } else {
        let (app, client) = ctx.app_client(&args.app)?;
        (
            ctx.block_on(client.app_addons(&app))?,
            format!("{app} has no add-ons."),
            format!("create one with `tug addons:create heroku-postgresql -a {app}`"),
        )
    };
    if out.list_ended(&addons, &empty, Some(hint.as_str()))? {
        return Ok(());
    }
    let mut table = Table::new(vec!["name", "plan", "app", "config vars", "state"]);
    for a in &addons {
        table.row(vec![
            a.name.clone().into(),
            a.plan.name.clone().into(),
            a.app.name.clone().into(),
            super::vars(a).into(),
            a.state.clone().into(),
        ]);
    }
    Ok(out.table(&table)?)
}
