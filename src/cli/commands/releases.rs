//! `tug releases`: list, info, rollback.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::{Release, ReleaseCreate};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::commands::config::print_shell;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::{Table, Value};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<ReleasesCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum ReleasesCommand {
    /// List the newest releases (the default)
    List(ListArgs),
    /// Show a release and its config vars
    Info(InfoArgs),
    /// Roll back: a new release with the code and config vars of an earlier one
    Rollback(RollbackArgs),
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    /// How many releases to show, newest first
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
    /// The release, like `v3` [default: the newest]
    #[arg(value_name = "RELEASE", value_parser = parse_release)]
    pub release: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    /// Print the release's config vars as `KEY=value` lines for a shell
    #[arg(short, long, conflicts_with = "json")]
    pub shell: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct RollbackArgs {
    /// The release to go back to, like `v3` [default: the one before the current one]
    #[arg(value_name = "RELEASE", value_parser = parse_release)]
    pub release: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `v3` or `3` → `3`; a release id is kept as it is.
pub fn parse_release(arg: &str) -> Result<String, String> {
    let trimmed = arg.trim();
    let digits = trimmed.strip_prefix(['v', 'V']).unwrap_or(trimmed);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits
            .parse::<u32>()
            .map(|n| n.to_string())
            .map_err(|_| format!("`{arg}` is not a release version"));
    }
    if let Ok(id) = uuid::Uuid::parse_str(trimmed) {
        return Ok(id.to_string());
    }
    Err(format!(
        "`{arg}` is not a release: give a version like `v3`"
    ))
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(ReleasesCommand::List(args)) => list(&args, ctx),
        Some(ReleasesCommand::Info(args)) => info(&args, ctx),
        Some(ReleasesCommand::Rollback(args)) => rollback(&args, ctx),
    }
}

/// The description with the status appended when the release did not simply succeed.
fn describe(release: &Release) -> String {
    match release.status.as_str() {
        "succeeded" | "" => release.description.clone(),
        status => format!("{} ({status})", release.description),
    }
}

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let releases = ctx.block_on(client.releases(&app, usize::from(args.num)))?;
    if args.json.json {
        return out.json(&releases);
    }
    if releases.is_empty() {
        out.status(&format!("{app} has no releases."));
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

fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let (release, vars) = match &args.release {
        Some(id) => ctx.block_on(async {
            tokio::try_join!(
                client.release(&app, id),
                client.release_config_vars(&app, id)
            )
        })?,
        None => {
            let release = ctx
                .block_on(client.latest_release(&app))?
                .ok_or_else(|| no_releases(&app))?;
            let vars =
                ctx.block_on(client.release_config_vars(&app, &release.version.to_string()))?;
            (release, vars)
        }
    };
    if args.json.json {
        return out.json(&release);
    }
    if args.shell {
        return Ok(print_shell(out, &vars)?);
    }
    out.header(&format!("Release v{}", release.version))?;
    out.object(&[
        ("By", release.user.email.clone().into()),
        ("Change", release.description.clone().into()),
        ("Status", release.status.clone().into()),
        ("Current", if release.current { "yes" } else { "no" }.into()),
        ("When", release.created_at.into()),
    ])?;
    out.gap()?;
    out.header(&format!("v{} Config Vars", release.version))?;
    if vars.is_empty() && out.stdout_tty {
        out.line("(none)")?;
    }
    let pairs: Vec<(&str, Value)> = vars
        .iter()
        .map(|(k, v)| (k.as_str(), Value::text(v.as_str())))
        .collect();
    Ok(out.object(&pairs)?)
}

fn no_releases(app: &str) -> CliError {
    CliError::failed(
        format!("{app} has no releases"),
        format!("`tug releases -a {app}` lists the app's releases"),
    )
}

pub fn rollback(args: &RollbackArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let recent = ctx.block_on(client.releases(&app, 10))?;
    let current = recent
        .iter()
        .find(|r| r.current)
        .or(recent.first())
        .cloned();
    let target = match &args.release {
        Some(id) => ctx.block_on(client.release(&app, id))?,
        None => {
            let start = recent.iter().position(|r| r.current).map_or(1, |i| i + 1);
            recent
                .iter()
                .skip(start)
                .find(|r| r.eligible_for_rollback)
                .cloned()
                .ok_or_else(|| {
                    CliError::failed(
                        format!("{app} has no earlier release to roll back to"),
                        format!("`tug releases -a {app}` lists the app's releases"),
                    )
                })?
        }
    };
    let progress = out.progress(format!(
        "Rolling back {} to v{}",
        out.app_name(&app),
        target.version
    ));
    let body = ReleaseCreate {
        release: Some(target.id.to_string()),
        ..ReleaseCreate::default()
    };
    let release = ctx.block_on(client.create_release(&app, &body))?;
    progress.finish(&format!("done, v{}", release.version));
    if let Some(current) = current {
        out.status(&format!(
            "To undo, run `tug releases:rollback v{} -a {app}`",
            current.version
        ));
    }
    if args.json.json {
        out.json(&release)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_are_named_by_version_or_id() {
        assert_eq!(parse_release("v3").unwrap(), "3");
        assert_eq!(parse_release("3").unwrap(), "3");
        assert_eq!(parse_release("V12").unwrap(), "12");
        assert_eq!(parse_release("v007").unwrap(), "7");
        let id = "01234567-89ab-cdef-0123-456789abcdef";
        assert_eq!(parse_release(id).unwrap(), id);
        for bad in [
            "",
            "v",
            "vv3",
            "v-1",
            "3.1",
            "latest",
            "v99999999999",
            "../x",
        ] {
            assert!(parse_release(bad).is_err(), "{bad}");
        }
    }
}
