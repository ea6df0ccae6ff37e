//! `tug reviewapps -p PIPELINE`: the pipeline's review apps, by branch.

use super::PipelineArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

pub(super) fn list(args: &PipelineArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let pipeline = &args.pipeline(ctx)?;
    let client = ctx.client()?;
    let mut apps = ctx.block_on(client.review_apps(pipeline))?;
    apps.sort_by(|a, b| a.branch.cmp(&b.branch));
    let hint = format!(
        "push a branch to one of its apps, or run `tug reviewapps:create BRANCH -p {pipeline}`"
    );
    if out.list_ended(
        &apps,
        &format!("Pipeline {pipeline} has no review apps."),
        Some(&hint),
    )? {
        return Ok(());
    }
    out.header(&format!("{pipeline} review apps"))?;
    let mut table = Table::new(vec!["branch", "app", "status", "updated"]);
    for a in &apps {
        let app = a
            .app
            .as_ref()
            .and_then(|r| r.name.clone())
            .unwrap_or_default();
        table.row(vec![
            a.branch.clone().into(),
            app.into(),
            a.status.clone().into(),
            a.updated_at.into(),
        ]);
    }
    Ok(out.table(&table)?)
}
