//! `tug builds`: the app's newest builds.

use clap::Args as ClapArgs;

use super::find::short_version;
use crate::cli::args::NewestArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
#[command(mut_arg("num", |a| a.help("How many builds to show, newest first")))]
pub struct ListArgs {
    #[command(flatten)]
    pub list: NewestArgs,
}

pub(super) fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.list.app)?;
    let builds = ctx.block_on(client.builds(&app, args.list.count()))?;
    if out.list_ended(
        &builds,
        &format!("{app} has no builds."),
        Some("`git push tug main` builds and deploys the app"),
    )? {
        return Ok(());
    }
    out.header(&format!("{app} Builds"))?;
    let mut table = Table::new(vec!["id", "status", "version", "user", "created"]);
    for build in &builds {
        table.row(vec![
            build.id.to_string().into(),
            build.status.clone().into(),
            short_version(build).into(),
            build.user.email.clone().into(),
            build.created_at.into(),
        ]);
    }
    Ok(out.table(&table)?)
}
