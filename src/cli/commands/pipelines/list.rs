//! `tug pipelines`: the pipelines you can see.

use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

pub(super) fn list(_json: &JsonArg, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let pipelines = ctx.block_on(client.pipelines())?;
    if out.list_ended(
        &pipelines,
        "You have no pipelines.",
        Some("create one with `tug pipelines:create NAME -a APP --stage staging`"),
    )? {
        return Ok(());
    }
    out.header("My Pipelines")?;
    let mut table = Table::new(vec!["name", "created"]);
    for p in &pipelines {
        table.row(vec![p.name.clone().into(), p.created_at.into()]);
    }
    Ok(out.table(&table)?)
}
