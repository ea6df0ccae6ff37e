//! `tug access`: who can use the app.

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

pub(super) fn list(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let mut collaborators = ctx.block_on(client.collaborators(&app))?;
    collaborators.sort_by(|a, b| {
        let owner = |c: &crate::api::Collaborator| c.role.as_deref() != Some("owner");
        (owner(a), &a.user.email).cmp(&(owner(b), &b.user.email))
    });
    if out.list_ended(
        &collaborators,
        &format!("{app} has no collaborators."),
        Some(format!("add one with `tug access:add EMAIL -a {app}`").as_str()),
    )? {
        return Ok(());
    }
    let mut table = Table::new(vec!["email", "role"]);
    for c in &collaborators {
        table.row(vec![
            c.user.email.clone().into(),
            c.role
                .clone()
                .unwrap_or_else(|| "collaborator".to_string())
                .into(),
        ]);
    }
    Ok(out.table(&table)?)
}
