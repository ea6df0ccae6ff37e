//! `tug deployments`: the app's newest deployments.

use clap::Args as ClapArgs;

use crate::api::Deployment;
use crate::cli::args::NewestArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
#[command(mut_arg("num", |a| a.help("How many deployments to show, newest first")))]
pub struct ListArgs {
    #[command(flatten)]
    pub list: NewestArgs,
}

fn short_sha(d: &Deployment) -> String {
    d.sha
        .as_deref()
        .map(|s| s[..s.len().min(7)].to_string())
        .unwrap_or_default()
}

pub(super) fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.list.app)?;
    let deployments = ctx.block_on(client.deployments(&app, args.list.count()))?;
    if out.list_ended(
        &deployments,
        &format!("{app} has no deployments."),
        Some("`git push tug main` or `tug deploy` deploys the app"),
    )? {
        return Ok(());
    }
    out.header(&format!("{app} Deployments"))?;
    let mut table = Table::new(vec![
        "#", "status", "env", "ref", "sha", "via", "by", "created",
    ]);
    for d in &deployments {
        table.row(vec![
            d.number.to_string().into(),
            d.status.clone().into(),
            d.environment.clone().unwrap_or_default().into(),
            d.git_ref.clone().unwrap_or_default().into(),
            short_sha(d).into(),
            d.trigger.clone().into(),
            d.deployer.email.clone().into(),
            d.created_at.into(),
        ]);
    }
    Ok(out.table(&table)?)
}
