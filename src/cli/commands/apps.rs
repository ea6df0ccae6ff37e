//! `tug apps`: list, create, info, rename, destroy.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::{App, AppCreate, AppUpdate, BuildpackInstallationsUpdate, BuildpackUpdate, names};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::commands::git as git_cmd;
use crate::cli::commands::shell_quote;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git;
use crate::cli::out::{Table, Value};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<AppsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum AppsCommand {
    /// List the apps you own or collaborate on (the default)
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Create an app, and a `tug` git remote for it in the current repository
    Create(CreateArgs),
    /// Show an app
    Info(InfoArgs),
    /// Rename an app, and update git remotes that point at it
    Rename(RenameArgs),
    /// Destroy an app and everything in it
    #[command(alias = "delete")]
    Destroy(DestroyArgs),
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub json: JsonArg,
}

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
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The app (same as --app)
    #[arg(value_name = "APP")]
    pub target: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    /// Print `key=value` lines for a shell
    #[arg(short, long, conflicts_with = "json")]
    pub shell: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct RenameArgs {
    /// The app's new name
    #[arg(value_name = "NEW_NAME", value_parser = parse_app_name)]
    pub new_name: String,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct DestroyArgs {
    /// The app (same as --app)
    #[arg(value_name = "APP")]
    pub target: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    /// The app's name again, to confirm without a prompt
    #[arg(short, long, value_name = "APP")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn parse_app_name(name: &str) -> Result<String, String> {
    names::check_app_name(name).map(|()| name.to_string())
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(AppsCommand::List(args)) => list(&args, ctx),
        Some(AppsCommand::Create(args)) => create(args, ctx),
        Some(AppsCommand::Info(args)) => info(&args, ctx),
        Some(AppsCommand::Rename(args)) => rename(&args, ctx),
        Some(AppsCommand::Destroy(args)) => destroy(&args, ctx),
    }
}

/// An app named by a positional argument wins over `--app` and the git remotes.
fn app_or_positional(ctx: &Ctx, positional: Option<&str>, arg: &AppArg) -> anyhow::Result<String> {
    match positional {
        Some(app) => Ok(app.to_string()),
        None => ctx.app(arg),
    }
}

pub fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let client = ctx.client()?;
    let mut apps = ctx.block_on(client.apps())?;
    apps.sort_by(|a, b| a.name.cmp(&b.name));
    if args.json.json {
        return out.json(&apps);
    }
    if apps.is_empty() {
        out.status("You have no apps yet.");
        out.hint("create one with `tug create`");
        return Ok(());
    }
    let mut table = Table::new(vec!["name", "owner", "web url"]);
    for app in &apps {
        table.row(vec![
            app.name.clone().into(),
            app.owner.email.clone().into(),
            app.web_url.clone().unwrap_or_default().into(),
        ]);
    }
    Ok(out.table(&table)?)
}

pub fn create(args: CreateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let client = ctx.client()?;
    let body = AppCreate {
        name: args.name.clone(),
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
    // A buildpack the platform refuses fails the command, but the app exists, so the git
    // remote is still added first.
    let buildpacks = set_buildpacks(ctx, &app.name, &args.buildpacks);
    let git_url = ctx.api_url()?.git_url(&app.name);
    if !args.no_remote {
        git_cmd::add_remote_after_create(ctx, &args.remote, &app.name, &git_url);
    }
    buildpacks?;
    if args.json.json {
        out.json(&app)
    } else {
        Ok(out.line(&urls(&app, &git_url))?)
    }
}

fn urls(app: &App, git_url: &str) -> String {
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

pub fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let name = app_or_positional(ctx, args.target.as_deref(), &args.app)?;
    let client = ctx.client()?;
    let app = ctx.block_on(client.app(&name))?;
    if args.json.json {
        return out.json(&app);
    }
    let git_url = ctx.api_url()?.git_url(&app.name);
    let on_off = |b: bool| if b { "on" } else { "off" };
    if args.shell {
        let released = app.released_at.map(|t| t.to_rfc3339()).unwrap_or_default();
        for (key, value) in [
            ("name", app.name.as_str()),
            ("owner", app.owner.email.as_str()),
            ("web_url", app.web_url.as_deref().unwrap_or_default()),
            ("git_url", git_url.as_str()),
            ("region", app.region.name.as_str()),
            ("stack", app.stack.name.as_str()),
            ("maintenance", on_off(app.maintenance)),
            ("created_at", &app.created_at.to_rfc3339()),
            ("released_at", &released),
        ] {
            out.line(&format!("{key}={}", shell_quote(value)))?;
        }
        return Ok(());
    }
    out.header(&app.name)?;
    let mut pairs: Vec<(&str, Value)> = vec![
        ("Owner", app.owner.email.clone().into()),
        ("Web URL", app.web_url.clone().unwrap_or_default().into()),
        ("Git URL", git_url.into()),
        ("Region", app.region.name.clone().into()),
        ("Stack", app.stack.name.clone().into()),
        ("Maintenance", on_off(app.maintenance).into()),
        ("Created", app.created_at.into()),
    ];
    if let Some(released) = app.released_at {
        pairs.push(("Released", released.into()));
    }
    if let Some(lock) = ctx.block_on(client.deploy_lock(&app.name))? {
        pairs.push(("Deploys", lock.describe().into()));
    }
    Ok(out.object(&pairs)?)
}

pub fn rename(args: &RenameArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let old = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let body = AppUpdate {
        name: Some(args.new_name.clone()),
        ..AppUpdate::default()
    };
    let progress = out.progress(format!(
        "Renaming {} to {}",
        out.app_name(&old),
        out.app_name(&args.new_name)
    ));
    let app = ctx.block_on(client.update_app(&old, &body))?;
    progress.done();
    let api = ctx.api_url()?;
    let git_url = api.git_url(&app.name);
    if let Some(repo) = git::open() {
        let remotes = git::remotes(&repo);
        for remote in git::remotes_for_app(&remotes, api, &old) {
            match git::set_remote_url(&repo, &remote.name, &git_url) {
                Ok(()) => out.status(&format!("Git remote {} updated", remote.name)),
                Err(e) => out.warn(&format!("{e:#}")),
            }
        }
    }
    if args.json.json {
        out.json(&app)
    } else {
        Ok(out.line(&urls(&app, &git_url))?)
    }
}

pub fn destroy(args: &DestroyArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let name = app_or_positional(ctx, args.target.as_deref(), &args.app)?;
    match &args.confirm {
        Some(confirm) if *confirm == name => {}
        Some(confirm) => {
            return Err(mismatch(confirm, &name).into());
        }
        None if out.can_prompt() => {
            let client = ctx.client()?;
            // An unknown app fails here, before anyone is asked to type its name.
            ctx.block_on(client.app(&name))?;
            out.warn(&format!(
                "this destroys {} and everything in it: config vars, releases, collaborators",
                out.app_name(&name)
            ));
            let answer = out.prompt(&format!(
                "To proceed, type {name} (or run with `--confirm {name}`)"
            ))?;
            if answer.trim() != name {
                return Err(mismatch(answer.trim(), &name).into());
            }
        }
        None => {
            return Err(CliError::not_interactive(
                out,
                format!("refusing to destroy `{name}` without confirmation"),
                format!("pass `--confirm {name}`"),
            )
            .into());
        }
    }
    let client = ctx.client()?;
    let progress = out.progress(format!("Destroying {}", out.app_name(&name)));
    let app = ctx.block_on(client.delete_app(&name))?;
    progress.done();
    if let Some(repo) = git::open() {
        let api = ctx.api_url()?;
        let remotes = git::remotes(&repo);
        for remote in git::remotes_for_app(&remotes, api, &name) {
            match git::remove_remote(&repo, &remote.name) {
                Ok(()) => out.status(&format!("Git remote {} removed", remote.name)),
                Err(e) => out.warn(&format!("{e:#}")),
            }
        }
    }
    if args.json.json {
        out.json(&app)?;
    }
    Ok(())
}

fn mismatch(given: &str, name: &str) -> CliError {
    CliError::failed(
        format!("`{given}` does not match the app name `{name}`; nothing was destroyed"),
        format!("to destroy `{name}`, pass `--confirm {name}`"),
    )
}
