//! `tug deployments:info`: one deployment and its history.

use clap::Args as ClapArgs;

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::{Table, Value};

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The deployment's number (`3`, `#3`) or id [default: the newest]
    #[arg(value_name = "DEPLOYMENT")]
    pub deployment: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let deployment = match &args.deployment {
        Some(id) => ctx.block_on(client.deployment(&app, id.trim_start_matches('#')))?,
        None => ctx
            .block_on(client.deployments(&app, 1))?
            .into_iter()
            .next()
            .ok_or_else(|| {
                crate::cli::error::CliError::failed(
                    format!("{app} has no deployments"),
                    "`git push tug main` or `tug deploy` deploys the app",
                )
            })?,
    };
    if out.is_json() {
        return out.json(&deployment);
    }
    let d = &deployment;
    out.header(&format!("{app} Deployment #{}", d.number))?;
    let text = |v: &Option<String>| Value::text(v.clone().unwrap_or_default());
    out.object(&[
        ("Status", Value::text(&d.status)),
        ("Why", text(&d.status_description)),
        ("Environment", text(&d.environment)),
        ("Ref", text(&d.git_ref)),
        ("Commit", text(&d.sha)),
        ("Subject", text(&d.description)),
        ("Via", Value::text(&d.trigger)),
        ("By", Value::text(&d.deployer.email)),
        (
            "Build",
            Value::text(
                d.build
                    .as_ref()
                    .map(|b| b.id.to_string())
                    .unwrap_or_default(),
            ),
        ),
        (
            "Release",
            Value::text(
                d.release
                    .as_ref()
                    .map(|r| format!("v{}", r.version))
                    .unwrap_or_default(),
            ),
        ),
        ("Created", d.created_at.into()),
        ("Id", Value::text(d.id.to_string())),
    ])?;
    out.gap()?;
    let mut table = Table::new(vec!["state", "description", "by", "at"]).flex(1);
    for s in &d.statuses {
        table.row(vec![
            s.state.clone().into(),
            s.description.clone().unwrap_or_default().into(),
            s.creator.email.clone().into(),
            s.created_at.into(),
        ]);
    }
    Ok(out.table(&table)?)
}
