//! `tug dyno-sizes`: the sizes a dyno can have (`ps:type`, `ps:scale web=2:SIZE`) and what
//! each one gets.

use clap::Args as ClapArgs;

use crate::api::dyno_size::DynoSize;
use crate::api::paths;
use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;
use crate::cli::out::{Table, Value};

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(_args: &Args, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let mut sizes: Vec<DynoSize> = ctx.block_on(client.list(&paths::dyno_sizes(), None, true))?;
    if out.is_json() {
        return out.json(&sizes);
    }
    // Smallest first, as a reader compares them; the API lists them by name.
    sizes.sort_by(|a, b| {
        a.memory
            .total_cmp(&b.memory)
            .then(a.compute.cmp(&b.compute))
    });
    let mut table = Table::new(vec!["Size", "Memory", "Compute"]);
    for size in &sizes {
        table.row(vec![
            Value::from(size.name.clone()),
            Value::from(format!("{} GB", size.memory)),
            Value::from(format!("{}x", size.compute)),
        ]);
    }
    Ok(out.table(&table)?)
}
