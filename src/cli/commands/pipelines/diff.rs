//! `tug pipelines:diff`: the commits the app runs that the apps of the next stage do not, from
//! the local repository's history (`git log TARGET..SOURCE`).

use std::process::Command;

use clap::Args as ClapArgs;
use serde::Serialize;

use crate::api::names::is_commit_id;
use crate::api::{NamedRef, PipelineCoupling, next_stage};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::Out;

#[derive(Debug, ClapArgs)]
pub struct DiffArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

/// What `--json` prints for each app of the next stage.
#[derive(Debug, Serialize)]
struct StageDiff {
    app: NamedRef,
    /// The commit its current release was built from; null when it runs none.
    commit: Option<String>,
    /// The commits the source app runs that this one does not, newest first.
    commits: Vec<CommitInfo>,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
struct CommitInfo {
    sha: String,
    author: String,
    /// UTC, as the API writes times.
    date: String,
    subject: String,
}

pub(super) fn diff(args: &DiffArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let downstream = ctx.block_on(downstream(client, &app))?;
    let Some(ours) = ctx.block_on(running_commit(client, &app))? else {
        return Err(CliError::failed(
            format!("`{app}` runs no build of a commit, so there is nothing to compare"),
            format!("deploy it first with `git push tug main` or `tug deploy -a {app}`"),
        )
        .into());
    };
    let mut diffs = Vec::with_capacity(downstream.len());
    for target in downstream {
        let theirs = ctx.block_on(running_commit(client, &target.app.name))?;
        let commits = match &theirs {
            Some(theirs) if *theirs != ours => git_log(theirs, &ours)?,
            _ => Vec::new(),
        };
        diffs.push(StageDiff {
            app: target.app,
            commit: theirs,
            commits,
        });
    }
    if out.is_json() {
        return out.json(&diffs);
    }
    for d in &diffs {
        print_diff(out, &app, &ours, d)?;
    }
    Ok(())
}

/// The apps of the stage after the app's own.
async fn downstream(client: &Client, app: &str) -> anyhow::Result<Vec<PipelineCoupling>> {
    let source = client.app_coupling(app).await?;
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
    let couplings = client
        .pipeline_couplings(&source.pipeline.id.to_string())
        .await?;
    let downstream: Vec<_> = couplings.into_iter().filter(|c| c.stage == stage).collect();
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
    Ok(downstream)
}

fn print_diff(out: &Out, app: &str, ours: &str, d: &StageDiff) -> anyhow::Result<()> {
    let name = &d.app.name;
    out.header(&format!("{app} → {name}"))?;
    match &d.commit {
        None => out.line(&format!("{name} runs no build of a commit yet"))?,
        Some(theirs) if theirs == ours => out.line(&format!(
            "{app} and {name} run the same commit ({})",
            short(ours)
        ))?,
        Some(_) if d.commits.is_empty() => {
            out.line(&format!("{app} has no commits that {name} lacks"))?;
        }
        Some(_) => {
            for c in &d.commits {
                out.line(&format!("{} {}", short(&c.sha), c.subject))?;
            }
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
            format!(
                "the release `{app}` runs was not built from a git commit id, so there is nothing to compare"
            ),
            format!("deploy a commit to `{app}` with `git push` or `tug deploy -a {app}`"),
        )
        .into());
    }
    Ok(Some(commit))
}

/// Fields of one commit in `git log` output, apart by a unit separator no subject holds.
const FORMAT: &str = "--format=%H%x1f%an%x1f%ad%x1f%s";

fn git_log(from: &str, to: &str) -> anyhow::Result<Vec<CommitInfo>> {
    let output = Command::new("git")
        // `format-local` with TZ=UTC writes the date as the API writes times.
        .env("TZ", "UTC")
        .args([
            "log",
            "--no-decorate",
            FORMAT,
            "--date=format-local:%Y-%m-%dT%H:%M:%SZ",
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
    Ok(parse_log(&String::from_utf8_lossy(&output.stdout)))
}

fn parse_log(text: &str) -> Vec<CommitInfo> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.splitn(4, '\u{1f}');
            Some(CommitInfo {
                sha: fields.next()?.to_string(),
                author: fields.next()?.to_string(),
                date: fields.next()?.to_string(),
                subject: fields.next()?.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_become_commits() {
        let text = "abc1\u{1f}Ada\u{1f}2026-01-01T12:00:00Z\u{1f}Fix the \u{1f} thing\n\
                    def2\u{1f}Bob\u{1f}2026-01-02T12:00:00Z\u{1f}\n\
                    broken line\n";
        let commits = parse_log(text);
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].sha, "abc1");
        assert_eq!(commits[0].author, "Ada");
        assert_eq!(commits[0].date, "2026-01-01T12:00:00Z");
        assert_eq!(commits[0].subject, "Fix the \u{1f} thing");
        assert_eq!(commits[1].subject, "");
        assert!(parse_log("").is_empty());
    }
}
