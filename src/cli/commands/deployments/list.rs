//! `tug deployments`: the app's newest deployments.

use clap::Args as ClapArgs;

use crate::api::Deployment;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    /// How many deployments to show, newest first
    #[arg(short = 'n', long = "num", value_name = "N", default_value_t = 15,
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub num: u16,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

fn short_sha(d: &Deployment) -> String {
    d.sha
        .as_deref()
        .map(|s| s[..s.len().min(7)].to_string())
        .unwrap_or_default()
}

pub(super) fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let deployments = ctx.block_on(client.deployments(&app, usize::from(args.num)))?;
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
