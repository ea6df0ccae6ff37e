//! `tug builds`: list, info, output. A build turns pushed (or uploaded) source into a slug and
//! a release; its output is readable while it runs and after it ended.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::Build;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::{Table, Value};

/// How many builds a short id is looked for among.
const PREFIX_SEARCH: usize = 1000;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<BuildsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum BuildsCommand {
    /// List the newest builds (the default)
    List(ListArgs),
    /// Show a build
    Info(InfoArgs),
    /// Print a build's output; a running build is followed to its end
    Output(OutputArgs),
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    /// How many builds to show, newest first
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
    /// The build's id, or the start of it [default: the newest build]
    #[arg(value_name = "ID", value_parser = parse_build_id)]
    pub build: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct OutputArgs {
    /// The build's id, or the start of it [default: the newest build]
    #[arg(value_name = "ID", value_parser = parse_build_id)]
    pub build: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

/// A build id (a UUID) or the start of one, lowercased.
pub fn parse_build_id(arg: &str) -> Result<String, String> {
    let id = arg.trim().to_ascii_lowercase();
    if !id.is_empty() && id.len() <= 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        Ok(id)
    } else {
        Err(format!(
            "`{arg}` is not a build id: `tug builds` lists them"
        ))
    }
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(BuildsCommand::List(args)) => list(&args, ctx),
        Some(BuildsCommand::Info(args)) => info(&args, ctx),
        Some(BuildsCommand::Output(args)) => output(&args, ctx),
    }
}

/// `1a2b3c4` for a commit sha, the version as it is otherwise.
fn short_version(build: &Build) -> String {
    let version = build.source_blob.version.as_deref().unwrap_or_default();
    if version.len() == 40 && version.chars().all(|c| c.is_ascii_hexdigit()) {
        version[..7].to_string()
    } else {
        version.to_string()
    }
}

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let builds = ctx.block_on(client.builds(&app, usize::from(args.num)))?;
    if args.json.json {
        return out.json(&builds);
    }
    if builds.is_empty() {
        out.status(&format!("{app} has no builds."));
        out.hint("`git push tug main` builds and deploys the app");
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

/// The build an argument names: the newest, a full id, or the one build whose id starts so.
fn find_build(ctx: &Ctx, app: &str, id: Option<&str>) -> anyhow::Result<Build> {
    let client = ctx.client()?;
    let Some(id) = id else {
        return ctx
            .block_on(client.builds(app, 1))?
            .into_iter()
            .next()
            .ok_or_else(|| {
                CliError::failed(
                    format!("{app} has no builds"),
                    "`git push tug main` builds and deploys the app",
                )
                .into()
            });
    };
    if uuid::Uuid::parse_str(id).is_ok() {
        return ctx.block_on(client.build(app, id));
    }
    let builds = ctx.block_on(client.builds(app, PREFIX_SEARCH))?;
    let mut matches = builds
        .into_iter()
        .filter(|b| b.id.to_string().starts_with(id));
    match (matches.next(), matches.next()) {
        (Some(build), None) => Ok(build),
        (None, _) => Err(CliError::failed(
            format!("{app} has no build whose id starts with `{id}`"),
            format!("`tug builds -a {app}` lists the app's builds"),
        )
        .into()),
        (Some(a), Some(b)) => Err(CliError::usage(
            format!(
                "`{id}` could be several builds of {app} ({}, {}…)",
                a.id, b.id
            ),
            "give more of the id",
        )
        .into()),
    }
}

fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let build = find_build(ctx, &app, args.build.as_deref())?;
    if args.json.json {
        return out.json(&build);
    }
    let release = match &build.release {
        Some(r) => {
            let client = ctx.client()?;
            match ctx.block_on(client.release(&app, &r.id.to_string())) {
                Ok(release) => format!("v{}", release.version),
                Err(_) => r.id.to_string(),
            }
        }
        None => String::new(),
    };
    let buildpacks: Vec<&str> = build
        .buildpacks
        .iter()
        .flatten()
        .map(|b| b.name.as_str())
        .collect();
    out.header(&format!("Build {}", build.id))?;
    let mut pairs: Vec<(&str, Value)> = vec![
        ("Status", build.status.clone().into()),
        (
            "Version",
            build.source_blob.version.clone().unwrap_or_default().into(),
        ),
    ];
    if let Some(description) = &build.source_blob.version_description {
        pairs.push(("Description", description.clone().into()));
    }
    pairs.extend([
        ("By", build.user.email.clone().into()),
        ("Buildpacks", buildpacks.join(", ").into()),
        ("Release", release.into()),
        (
            "Slug",
            build
                .slug
                .as_ref()
                .map(|s| s.id.to_string())
                .unwrap_or_default()
                .into(),
        ),
        ("Stack", build.stack.clone().into()),
        ("Created", build.created_at.into()),
        ("Updated", build.updated_at.into()),
    ]);
    Ok(out.object(&pairs)?)
}

fn output(args: &OutputArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let app = ctx.app(&args.app)?;
    let mut build = find_build(ctx, &app, args.build.as_deref())?;
    let client = ctx.client()?;
    let mut stream = ctx.block_on(client.build_output(&build.output_stream_url))?;
    while let Some(chunk) = ctx.block_on(stream.chunk())? {
        out.raw(&chunk)?;
    }
    if build.status == "pending" {
        // It ran while we read; say how it ended.
        build = ctx.block_on(client.build(&app, &build.id.to_string()))?;
    }
    out.status(&format!("Build {} {}", build.id, build.status));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_ids_and_their_starts() {
        assert_eq!(parse_build_id("1A2b").unwrap(), "1a2b");
        let id = "01234567-89ab-cdef-0123-456789abcdef";
        assert_eq!(parse_build_id(id).unwrap(), id);
        for bad in ["", "latest", "v3", "../x", "0123 4", &format!("{id}0")] {
            assert!(parse_build_id(bad).is_err(), "{bad}");
        }
    }
}
