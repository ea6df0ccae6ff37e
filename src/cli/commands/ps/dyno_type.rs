//! `tug ps:type`: the size of each process type, or a change of it.

use std::collections::BTreeMap;

use clap::Args as ClapArgs;

use super::process_types::{is_word, no_process_types};
use crate::api::{FormationBatchItem, FormationBatchUpdate};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
pub struct TypeArgs {
    /// Changes: `web=standard-2X`, or one size for every type [default: show the sizes]
    #[arg(value_name = "TYPE=SIZE")]
    pub changes: Vec<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn dyno_type(args: &TypeArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let hint =
        "example: `tug ps:type web=standard-2X`, or `tug ps:type standard-2X` for every type";
    let mut sizes: Vec<(Option<String>, String)> = Vec::new();
    for arg in &args.changes {
        let (kind, size) = match arg.split_once('=') {
            Some((kind, size)) => (Some(kind.to_string()), size),
            None => (None, arg.as_str()),
        };
        if kind.as_deref().is_some_and(|k| !is_word(k)) || !is_word(size) {
            return Err(CliError::usage(
                format!("`{arg}` is not a size change: use TYPE=SIZE, or SIZE for every type"),
                hint,
            )
            .into());
        }
        sizes.push((kind, size.to_string()));
    }
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let mut formation = ctx.block_on(client.formation(&app))?;
    if !sizes.is_empty() {
        if formation.is_empty() {
            return Err(no_process_types(&app).into());
        }
        let mut updates: BTreeMap<String, String> = BTreeMap::new();
        for (kind, size) in &sizes {
            match kind {
                Some(kind) => {
                    updates.insert(kind.clone(), size.clone());
                }
                None => {
                    for f in &formation {
                        updates.insert(f.kind.clone(), size.clone());
                    }
                }
            }
        }
        let body = FormationBatchUpdate {
            updates: updates
                .into_iter()
                .map(|(kind, size)| FormationBatchItem {
                    kind,
                    quantity: None,
                    dyno_size: None,
                    size: Some(size),
                })
                .collect(),
        };
        let progress = out.progress(format!("Scaling dynos on {}", out.app_name(&app)));
        ctx.block_on(client.update_formation(&app, &body))?;
        progress.done();
        formation = ctx.block_on(client.formation(&app))?;
    }
    if ctx.out.is_json() {
        return out.json(&formation);
    }
    if formation.is_empty() {
        return Err(no_process_types(&app).into());
    }
    out.header(&format!("{app} Dyno Types"))?;
    let mut table = Table::new(vec!["type", "size", "quantity", "command"]).flex(3);
    for f in &formation {
        table.row(vec![
            f.kind.clone().into(),
            f.size.clone().into(),
            f.quantity.to_string().into(),
            f.command.clone().into(),
        ]);
    }
    Ok(out.table(&table)?)
}
