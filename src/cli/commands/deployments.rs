//! `tug deployments`: the record of every deploy (push, deploy, up, rollback), and one
//! deployment's history.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::Deployment;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::out::{Table, Value};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<DeploymentsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum DeploymentsCommand {
    /// List the newest deployments (the default)
    List(ListArgs),
    /// Show a deployment and every state it went through
    Info(InfoArgs),
}

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

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The deployment's number (`3`, `#3`) or id [default: the newest]
    #[arg(value_name = "DEPLOYMENT")]
    pub deployment: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(DeploymentsCommand::List(a)) => list(&a, ctx),
        Some(DeploymentsCommand::Info(a)) => info(&a, ctx),
    }
}

fn short_sha(d: &Deployment) -> String {
    d.sha
        .as_deref()
        .map(|s| s[..s.len().min(7)].to_string())
        .unwrap_or_default()
}

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let deployments = ctx.block_on(client.deployments(&app, usize::from(args.num)))?;
    if out.is_json() {
        return out.json(&deployments);
    }
    if deployments.is_empty() {
        out.status(&format!("{app} has no deployments."));
        out.hint("`git push tug main` or `tug deploy` deploys the app");
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

fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
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
