//! `tug builds:info`: one build's details.

use clap::Args as ClapArgs;

use super::find::{find_build, parse_build_id};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Value;

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The build's id, or the start of it [default: the newest build]
    #[arg(value_name = "ID", value_parser = parse_build_id)]
    pub build: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let app = ctx.app(&args.flags.app)?;
    let build = find_build(ctx, &app, args.build.as_deref())?;
    if ctx.out.is_json() {
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
