//! `tug create` / `apps:create`: a new app, its git remote, and its buildpacks.

use clap::Args as ClapArgs;

use super::args::parse_app_name;
use crate::api::{App, AppCreate, BuildpackInstallationsUpdate, BuildpackUpdate};
use crate::cli::args::JsonArg;
use crate::cli::commands::git as git_cmd;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git;

#[derive(Debug, ClapArgs)]
pub struct CreateArgs {
    /// Name of the new app: 3 to 30 lowercase letters, digits and dashes [default: generated]
    #[arg(value_name = "NAME", value_parser = parse_app_name)]
    pub name: Option<String>,
    /// A buildpack for the app's builds: a built-in (`python`, `node`, `procfile`, `null`), a
    /// git URL with an optional `#ref`, or a path on the server; repeat it for several
    #[arg(short, long = "buildpack", value_name = "BUILDPACK")]
    pub buildpacks: Vec<String>,
    /// Name of the git remote to add
    #[arg(short, long, value_name = "REMOTE", default_value = git::REMOTE,
          value_parser = git_cmd::parse_remote_name)]
    pub remote: String,
    /// Do not add a git remote
    #[arg(long)]
    pub no_remote: bool,
    /// The stack to run on (`local`; Heroku's `heroku-24`, `cedar`… mean the same)
    #[arg(short, long, value_name = "STACK")]
    pub stack: Option<String>,
    /// The region to run in (`local`; Heroku's `us` and `eu` mean the same)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn create(args: CreateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let body = AppCreate {
        name: args.name.clone(),
        stack: args.stack.clone(),
        region: args.region.clone(),
        ..AppCreate::default()
    };
    let label = args
        .name
        .as_deref()
        .map_or_else(|| "app".to_string(), |n| out.app_name(n));
    let progress = out.progress(format!("Creating {label}"));
    let app = ctx.block_on(client.create_app(&body))?;
    if args.name.is_some() {
        progress.done();
    } else {
        progress.finish(&format!("done, {}", out.app_name(&app.name)));
    }
    for warning in client.take_warnings() {
        out.warn(&warning);
    }
    // A buildpack the platform refuses fails the command, but the app exists, so the git
    // remote is still added first.
    let buildpacks = set_buildpacks(ctx, &app.name, &args.buildpacks);
    let git_url = ctx.api_url()?.git_url(&app.name);
    if !args.no_remote {
        git_cmd::add_remote_after_create(ctx, &args.remote, &app.name, &git_url);
    }
    buildpacks?;
    if ctx.out.is_json() {
        out.json(&app)
    } else {
        Ok(out.line(&urls(&app, &git_url))?)
    }
}

pub(super) fn urls(app: &App, git_url: &str) -> String {
    format!(
        "{} | {git_url}",
        app.web_url.as_deref().unwrap_or("(no web URL)")
    )
}

/// `tug create --buildpack X`: sets the new app's buildpack list.
fn set_buildpacks(ctx: &Ctx, app: &str, buildpacks: &[String]) -> anyhow::Result<()> {
    if buildpacks.is_empty() {
        return Ok(());
    }
    let out = &ctx.out;
    let client = ctx.client()?;
    let plural = if buildpacks.len() == 1 { "" } else { "s" };
    let progress = out.progress(format!(
        "Setting buildpack{plural} to {}",
        buildpacks.join(", ")
    ));
    let body = BuildpackInstallationsUpdate {
        updates: buildpacks
            .iter()
            .map(|b| BuildpackUpdate {
                buildpack: b.clone(),
            })
            .collect(),
    };
    ctx.block_on(client.set_buildpacks(app, &body))
        .map_err(|e| {
            if matches!(e.downcast_ref(), Some(CliError::Interrupted)) {
                return e;
            }
            CliError::failed(
                format!("{app} was created, but its buildpacks were not set: {e:#}"),
                format!("set them with `tug buildpacks:set BUILDPACK -a {app}`"),
            )
            .into()
        })?;
    progress.done();
    Ok(())
}
