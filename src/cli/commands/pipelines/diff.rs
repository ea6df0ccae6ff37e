//! `tug pipelines:diff`: the commits the app runs that the apps of the next stage do not, from
//! the local repository's history (`git log TARGET..SOURCE`).

use std::process::Command;

use clap::Args as ClapArgs;

use crate::api::names::is_commit_id;
use crate::api::next_stage;
use crate::cli::args::AppArg;
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct DiffArgs {
    #[command(flatten)]
    pub app: AppArg,
}

pub(super) fn diff(args: &DiffArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let source = ctx.block_on(client.app_coupling(&app))?;
    let Some(stage) = next_stage(&source.stage) else {
        return Err(CliError::failed(
            format!(
                "`{app}` is at the last stage ({}) of its pipeline: there is nothing to compare it with",
                source.stage
            ),
            "run `tug pipelines:diff` on an app of an earlier stage",
        )
        .into());
    };
    let couplings = ctx.block_on(client.pipeline_couplings(&source.pipeline.id.to_string()))?;
    let downstream: Vec<_> = couplings.iter().filter(|c| c.stage == stage).collect();
    if downstream.is_empty() {
        return Err(CliError::failed(
            format!(
                "pipeline `{}` has no app at stage {stage}",
                source.pipeline.name
            ),
            format!(
                "add one with `tug pipelines:add {} -a APP --stage {stage}`",
                source.pipeline.name
            ),
        )
        .into());
    }
    let Some(ours) = ctx.block_on(running_commit(client, &app))? else {
        return Err(CliError::failed(
            format!("`{app}` runs no build of a commit, so there is nothing to compare"),
            format!("deploy it first with `git push tug main` or `tug deploy -a {app}`"),
        )
        .into());
    };
    for target in downstream {
        let name = &target.app.name;
        out.header(&format!("{app} → {name}"))?;
        let Some(theirs) = ctx.block_on(running_commit(client, name))? else {
            out.line(&format!("{name} runs no build of a commit yet"))?;
            continue;
        };
        if theirs == ours {
            out.line(&format!(
                "{app} and {name} run the same commit ({})",
                short(&ours)
            ))?;
            continue;
        }
        let log = git_log(&theirs, &ours)?;
        if log.trim().is_empty() {
            out.line(&format!("{app} has no commits that {name} lacks"))?;
        } else {
            out.line(log.trim_end())?;
        }
    }
    Ok(())
}

fn short(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

/// The commit the app's current release was built from, if its slug says. Whoever can deploy
/// the app chose that text (a build's `source_blob.version` is free-form), so anything but a
/// commit id is refused before it can reach `git`.
async fn running_commit(client: &Client, app: &str) -> anyhow::Result<Option<String>> {
    let releases = client.releases(app, 20).await?;
    let Some(slug) = releases
        .iter()
        .find(|r| r.current)
        .and_then(|r| r.slug.as_ref())
    else {
        return Ok(None);
    };
    let Some(commit) = client.slug(app, &slug.id.to_string()).await?.commit else {
        return Ok(None);
    };
    if !is_commit_id(&commit) {
        return Err(CliError::failed(
            format!("the release `{app}` runs was not built from a git commit id, so there is nothing to compare"),
            format!("deploy a commit to `{app}` with `git push` or `tug deploy -a {app}`"),
        )
        .into());
    }
    Ok(Some(commit))
}

fn git_log(from: &str, to: &str) -> anyhow::Result<String> {
    let output = Command::new("git")
        .args([
            "log",
            "--oneline",
            "--no-decorate",
            // Both ends are commit ids already; this keeps git from ever reading them as options.
            "--end-of-options",
            &format!("{from}..{to}"),
        ])
        .output()
        .map_err(|e| anyhow::anyhow!("could not run `git log`: {e}"))?;
    if !output.status.success() {
        return Err(CliError::failed(
            format!(
                "this repository does not have commits {} and {}",
                short(from),
                short(to)
            ),
            "run `tug pipelines:diff` in the app's repository, after `git fetch`",
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
