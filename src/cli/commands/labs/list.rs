//! `tug labs`: the account's and the app's features, with `[+]` for those that are on.

use crate::api::{Feature, paths};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::{Table, Value};

pub(super) fn list(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let name = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let account: Vec<Feature> =
        ctx.block_on(client.list(&paths::account_features(), None, true))?;
    let app: Vec<Feature> = ctx.block_on(client.list(&paths::app_features(&name), None, true))?;
    if out.is_json() {
        return out.json(&serde_json::json!({"account": account, "app": app}));
    }
    for (title, features) in [("Account features", &account), ("App features", &app)] {
        if features.is_empty() {
            continue;
        }
        let title = if std::ptr::eq(features, &app) {
            format!("{title} ({})", out.app_name(&name))
        } else {
            title.to_string()
        };
        out.header(&title)?;
        let mut table = Table::new(vec!["", "Feature", "Description"]);
        for f in features {
            table.row(vec![
                Value::from(if f.enabled { "[+]" } else { "[ ]" }),
                Value::from(f.name.clone()),
                Value::from(f.description.clone()),
            ]);
        }
        out.table(&table)?;
    }
    Ok(())
}
