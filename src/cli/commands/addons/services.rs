//! `tug addons:services`: the add-on services this platform offers.

use clap::Args as ClapArgs;

use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
pub struct ServicesArgs {
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn services(_args: &ServicesArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let services = ctx.block_on(client.addon_services())?;
    if out.list_ended(&services, "This platform offers no add-ons.", None)? {
        return Ok(());
    }
    let mut table = Table::new(vec!["slug", "name", "state"]);
    for s in &services {
        table.row(vec![
            s.name.clone().into(),
            s.human_name.clone().into(),
            s.state.clone().into(),
        ]);
    }
    Ok(out.table(&table)?)
}
