//! `tug releases`: the app's newest releases.

use clap::Args as ClapArgs;

use super::which::describe;
use crate::cli::args::NewestArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
#[command(mut_arg("num", |a| a.help("How many releases to show, newest first")))]
pub struct ListArgs {
    #[command(flatten)]
    pub list: NewestArgs,
}

pub(super) fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.list.app)?;
    let releases = ctx.block_on(client.releases(&app, args.list.count()))?;
    if out.list_ended(&releases, &format!("{app} has no releases."), None)? {
        return Ok(());
    }
    let current = releases
        .iter()
        .find(|r| r.current)
        .map(|r| format!(" - Current: v{}", r.version))
        .unwrap_or_default();
    out.header(&format!("{app} Releases{current}"))?;
    let mut table = Table::new(vec!["version", "description", "user", "created"]).flex(1);
    for release in &releases {
        table.row(vec![
            format!("v{}", release.version).into(),
            describe(release).into(),
            release.user.email.clone().into(),
            release.created_at.into(),
        ]);
    }
    Ok(out.table(&table)?)
}
