//! `tug buildpacks`: list, set, add, remove, clear. Every change reads the app's list, edits it
//! and puts the whole list back (`PUT /apps/{app}/buildpack-installations`); it applies from the
//! next build on.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::{BuildpackInstallation, BuildpackInstallationsUpdate, BuildpackUpdate};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git;
use crate::cli::out::Out;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<BuildpacksCommand>,
    #[command(flatten)]
    pub list: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum BuildpacksCommand {
    /// List the app's buildpacks in the order builds run them (the default)
    List(AppJsonArgs),
    /// Set the buildpack: replace the first one, or the one at --index
    Set(SetArgs),
    /// Add a buildpack: at the end, or at --index
    Add(SetArgs),
    /// Remove a buildpack, named or at --index
    Remove(RemoveArgs),
    /// Remove all the buildpacks: builds then try the built-ins in turn
    Clear(AppJsonArgs),
}

#[derive(Debug, ClapArgs)]
pub struct AppJsonArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct SetArgs {
    /// A built-in (`python`, `node`, `procfile`, `null`, `heroku/python`…), a git or tarball
    /// URL with an optional `#ref`, or an absolute path on the server
    #[arg(value_name = "BUILDPACK")]
    pub buildpack: String,
    /// The position in the list, starting at 1
    #[arg(short, long, value_name = "N", value_parser = parse_index)]
    pub index: Option<usize>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct RemoveArgs {
    /// The buildpack to remove, as `tug buildpacks` shows it
    #[arg(
        value_name = "BUILDPACK",
        required_unless_present = "index",
        conflicts_with = "index"
    )]
    pub buildpack: Option<String>,
    /// The position of the buildpack to remove, starting at 1
    #[arg(short, long, value_name = "N", value_parser = parse_index)]
    pub index: Option<usize>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

/// A 1-based position in the list.
pub fn parse_index(arg: &str) -> Result<usize, String> {
    match arg.trim().parse::<usize>() {
        Ok(0) => Err("invalid index: it must be greater than 0".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("invalid index: `{arg}` is not a whole number")),
    }
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(BuildpacksCommand::List(args)) => list(&args, ctx),
        Some(BuildpacksCommand::Set(args)) => set(&args, ctx),
        Some(BuildpacksCommand::Add(args)) => add(&args, ctx),
        Some(BuildpacksCommand::Remove(args)) => remove(&args, ctx),
        Some(BuildpacksCommand::Clear(args)) => clear(&args, ctx),
    }
}

fn list(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let installed = ctx.block_on(client.buildpacks(&app))?;
    if args.json.json {
        return out.json(&installed);
    }
    if installed.is_empty() {
        out.status(&format!("{app} has no buildpacks."));
        out.hint("builds try the built-ins in turn; pick one with `tug buildpacks:set BUILDPACK`");
        return Ok(());
    }
    let plural = if installed.len() == 1 { "" } else { "s" };
    out.header(&format!("{app} Buildpack{plural}"))?;
    for (i, b) in installed.iter().enumerate() {
        if out.stdout_tty && installed.len() > 1 {
            out.line(&format!("{}. {}", i + 1, b.buildpack.name))?;
        } else {
            out.line(&b.buildpack.name)?;
        }
    }
    Ok(())
}

/// Whether an installation is the buildpack a user named.
fn is(b: &BuildpackInstallation, given: &str) -> bool {
    b.buildpack.url == given || b.buildpack.name == given
}

fn already_set(buildpack: &str, app: &str) -> CliError {
    CliError::failed(
        format!("the buildpack {buildpack} is already set on {app}"),
        format!("`tug buildpacks -a {app}` lists the app's buildpacks"),
    )
}

fn set(args: &SetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    change(ctx, &args.app, args.json, "set", |list, app| {
        if list.iter().any(|b| is(b, &args.buildpack)) {
            return Err(already_set(&args.buildpack, app));
        }
        let at = args.index.unwrap_or(1) - 1;
        let new = installation(&args.buildpack);
        if at < list.len() {
            list[at] = new;
        } else {
            list.push(new);
        }
        Ok(())
    })
}

fn add(args: &SetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    change(ctx, &args.app, args.json, "added", |list, app| {
        if list.iter().any(|b| is(b, &args.buildpack)) {
            return Err(already_set(&args.buildpack, app));
        }
        let at = args.index.map_or(list.len(), |i| (i - 1).min(list.len()));
        list.insert(at, installation(&args.buildpack));
        Ok(())
    })
}

fn remove(args: &RemoveArgs, ctx: &Ctx) -> anyhow::Result<()> {
    change(ctx, &args.app, args.json, "removed", |list, app| {
        let at = match (&args.buildpack, args.index) {
            (Some(given), _) => list.iter().position(|b| is(b, given)).ok_or_else(|| {
                CliError::failed(
                    format!("buildpack {given} is not set on {app}; nothing was removed"),
                    format!("`tug buildpacks -a {app}` lists the app's buildpacks"),
                )
            })?,
            (None, Some(i)) if list.is_empty() => {
                return Err(CliError::failed(
                    format!("invalid index {i}: {app} has no buildpacks; nothing was removed"),
                    format!("`tug buildpacks -a {app}` lists the app's buildpacks"),
                ));
            }
            (None, Some(i)) if i > list.len() => {
                let n = list.len();
                let plural = if n == 1 { "" } else { "s" };
                return Err(CliError::failed(
                    format!(
                        "invalid index {i}: {app} has {n} buildpack{plural}; nothing was removed"
                    ),
                    format!("choose from 1 to {n}; `tug buildpacks -a {app}` lists them in order"),
                ));
            }
            (None, Some(i)) => i - 1,
            (None, None) => {
                return Err(CliError::usage(
                    "name the buildpack to remove, or give its position with `--index N`",
                    "`tug buildpacks` lists the app's buildpacks",
                ));
            }
        };
        list.remove(at);
        Ok(())
    })
}

fn clear(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    change(ctx, &args.app, args.json, "cleared", |list, _| {
        list.clear();
        Ok(())
    })
}

fn installation(buildpack: &str) -> BuildpackInstallation {
    BuildpackInstallation {
        ordinal: 0,
        buildpack: crate::api::BuildpackRef {
            url: buildpack.to_string(),
            name: buildpack.to_string(),
        },
    }
}

/// Reads the list, lets `edit` change it, puts it back and says what the next build will use.
fn change(
    ctx: &Ctx,
    app: &AppArg,
    json: JsonArg,
    done: &str,
    edit: impl FnOnce(&mut Vec<BuildpackInstallation>, &str) -> Result<(), CliError>,
) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(json.json);
    let remote = app
        .remote
        .clone()
        .unwrap_or_else(|| git::REMOTE.to_string());
    let app = ctx.app(app)?;
    let client = ctx.client()?;
    let mut list = ctx.block_on(client.buildpacks(&app))?;
    edit(&mut list, &app)?;
    let body = BuildpackInstallationsUpdate {
        updates: list
            .iter()
            .map(|b| BuildpackUpdate {
                buildpack: b.buildpack.url.clone(),
            })
            .collect(),
    };
    let installed = ctx.block_on(client.set_buildpacks(&app, &body))?;
    report(out, &app, &remote, done, &installed);
    if json.json {
        out.json(&installed)?;
    }
    Ok(())
}

/// `Buildpack added. Next release on demo will use:` and the list, on stderr.
fn report(out: &Out, app: &str, remote: &str, done: &str, installed: &[BuildpackInstallation]) {
    if installed.is_empty() {
        let what = if done == "cleared" {
            "Buildpacks"
        } else {
            "Buildpack"
        };
        out.status(&format!(
            "{what} {done}. Next release on {app} will detect buildpacks normally."
        ));
        return;
    }
    let mut text = format!("Buildpack {done}. Next release on {app} will use:");
    for (i, b) in installed.iter().enumerate() {
        text.push_str(&format!("\n  {}. {}", i + 1, b.buildpack.name));
    }
    let which = if installed.len() == 1 {
        "this buildpack"
    } else {
        "these buildpacks"
    };
    text.push_str(&format!(
        "\nRun git push {remote} main to create a new release using {which}."
    ));
    out.status(&text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_start_at_one() {
        assert_eq!(parse_index("1"), Ok(1));
        assert_eq!(parse_index(" 12 "), Ok(12));
        for bad in ["0", "-1", "", "one", "1.5", "99999999999999999999999"] {
            let err = parse_index(bad).unwrap_err();
            assert!(err.starts_with("invalid index"), "{bad}: {err}");
        }
    }

    #[test]
    fn reports_name_the_list_and_the_push() {
        let out = Out::test(false);
        let list = [installation("python"), installation("node")];
        report(&out, "demo", "tug", "added", &list);
        report(&out, "demo", "staging", "set", &list[..1]);
        report(&out, "demo", "tug", "removed", &[]);
        report(&out, "demo", "tug", "cleared", &[]);
        assert_eq!(
            out.stderr_text(),
            "Buildpack added. Next release on demo will use:\n  1. python\n  2. node\n\
             Run git push tug main to create a new release using these buildpacks.\n\
             Buildpack set. Next release on demo will use:\n  1. python\n\
             Run git push staging main to create a new release using this buildpack.\n\
             Buildpack removed. Next release on demo will detect buildpacks normally.\n\
             Buildpacks cleared. Next release on demo will detect buildpacks normally.\n"
        );
    }
}
