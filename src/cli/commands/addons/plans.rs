//! `tug addons:plans`: a service's plans, with their connection and storage or memory limits.

use clap::Args as ClapArgs;

use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
pub struct PlansArgs {
    /// The service: `heroku-postgresql`, `heroku-redis`
    #[arg(value_name = "SERVICE")]
    pub service: String,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn plans(args: &PlansArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let plans = ctx.block_on(client.addon_plans(args.service.trim()))?;
    if out.list_ended(&plans, "The service has no plans.", None)? {
        return Ok(());
    }
    let mut table = Table::new(vec!["", "slug", "name", "description", "price"]);
    for p in &plans {
        table.row(vec![
            if p.default { "default" } else { "" }.into(),
            p.name.clone().into(),
            p.human_name.clone().into(),
            p.description.clone().into(),
            format!(
                "${}.{:02}/{}",
                p.price.cents / 100,
                p.price.cents % 100,
                p.price.unit
            )
            .into(),
        ]);
    }
    Ok(out.table(&table)?)
}
