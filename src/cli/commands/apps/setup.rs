//! `tug apps:setup [DIR]`: a new app from a directory and its app.json in one call (the
//! `app-setup` API, as Heroku's Button does): config vars, buildpacks, add-ons, the build,
//! the formation and the postdeploy script.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args as ClapArgs;

use super::args::parse_app_name;
use crate::api::{AppSetup, AppSetupApp, AppSetupCreate, AppSetupOverrides, SourceBlob};
use crate::cli::args::JsonArg;
use crate::cli::commands::config::parse_pair;
use crate::cli::commands::up::upload_dir;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

/// How long the formation and the postdeploy script get once the build has ended.
const FINISH_TIMEOUT: Duration = Duration::from_secs(3600);

#[derive(Debug, ClapArgs)]
pub struct SetupArgs {
    /// The directory holding the app and its app.json [default: the current one]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Name of the new app [default: generated]
    #[arg(short, long, value_name = "NAME", value_parser = parse_app_name)]
    pub name: Option<String>,
    /// A config var for the new app: app.json's required ones, or in place of its value;
    /// repeat it for several
    #[arg(short, long = "env", value_name = "KEY=VALUE", value_parser = parse_pair)]
    pub env: Vec<(String, String)>,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn setup(args: &SetupArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let given = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let usage = |why: String| {
        CliError::usage(
            why,
            "give the directory of the app and its app.json: `tug apps:setup path/to/app`",
        )
    };
    let dir = given
        .canonicalize()
        .map_err(|e| usage(format!("cannot set up `{}`: {e}", given.display())))?;
    if !dir.is_dir() {
        return Err(usage(format!("`{}` is not a directory", given.display())).into());
    }
    let client = ctx.client()?;
    let source = upload_dir(ctx, client, &dir)?;

    let body = AppSetupCreate {
        source_blob: SourceBlob {
            url: Some(source.source_blob.get_url.clone()),
            ..SourceBlob::default()
        },
        app: Some(AppSetupApp {
            name: args.name.clone(),
            ..AppSetupApp::default()
        }),
        overrides: Some(AppSetupOverrides {
            env: args.env.iter().cloned().collect::<BTreeMap<_, _>>(),
            buildpacks: None,
        }),
    };
    let progress = out.progress("Creating the app from app.json");
    let setup = ctx.block_on(client.create_app_setup(&body))?;
    progress.finish(&format!("done, {}", out.app_name(&setup.app.name)));
    for warning in client.take_warnings() {
        out.warn(&warning);
    }
    if let Some(build) = &setup.build {
        let mut stream = ctx.block_on(client.build_output(&build.output_stream_url))?;
        while let Some(chunk) = ctx.block_on(stream.chunk())? {
            out.raw_stderr(&chunk);
        }
    }
    let setup = finished(ctx, &setup)?;
    report(ctx, &setup)
}

/// The setup once it is no longer pending.
fn finished(ctx: &Ctx, setup: &AppSetup) -> anyhow::Result<AppSetup> {
    let client = ctx.client()?;
    let progress = ctx.out.progress("Finishing the setup");
    let deadline = Instant::now() + FINISH_TIMEOUT;
    loop {
        let now = ctx.block_on(client.app_setup(&setup.id.to_string()))?;
        if now.status != "pending" {
            progress.finish(&now.status);
            return Ok(now);
        }
        if Instant::now() > deadline {
            return Ok(now);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn report(ctx: &Ctx, setup: &AppSetup) -> anyhow::Result<()> {
    let out = &ctx.out;
    let app = &setup.app.name;
    if let Some(postdeploy) = &setup.postdeploy {
        out.status(&format!(
            "postdeploy script exited with status {}:",
            postdeploy.exit_code
        ));
        out.raw_stderr(postdeploy.output.as_bytes());
    }
    if setup.status != "succeeded" {
        let why = setup
            .failure_message
            .clone()
            .unwrap_or_else(|| format!("it is still {}", setup.status));
        return Err(CliError::failed(
            format!("the setup of {app} failed: {why}"),
            format!("`tug logs -a {app}` shows what happened; `tug apps:destroy {app}` removes it"),
        )
        .into());
    }
    if out.is_json() {
        return out.json(setup);
    }
    match &setup.resolved_success_url {
        Some(url) => Ok(out.line(url)?),
        None => Ok(out.line(app)?),
    }
}
