//! After the upload: the build's output, the wait for the deployment to end, and the verdict.

use std::time::{Duration, Instant};

use super::checks::mark;
use crate::api::Deployment;
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git::CommitInfo;

/// How long `tug deploy` waits for a deployment to end once its build has.
const RELEASE_TIMEOUT: Duration = Duration::from_secs(600);

/// Streams the build's output, waits for the deployment to end, and says how it ended.
pub(super) fn follow(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    deployment: &Deployment,
    commit: &CommitInfo,
    target: &str,
) -> anyhow::Result<()> {
    let out = &ctx.out;
    if let Some(build) = &deployment.build {
        let build = ctx.block_on(client.build(app, &build.id.to_string()))?;
        let mut stream = ctx.block_on(client.build_output(&build.output_stream_url))?;
        let mut output = out.build_output(false);
        while let Some(chunk) = ctx.block_on(stream.chunk())? {
            output.write(&chunk)?;
        }
        output.finish()?;
    }
    let done = wait_until_ended(ctx, client, app, deployment)?;
    if done.status == "succeeded"
        && let Some(release) = &done.release
    {
        crate::cli::commands::ps::wait_for_web(ctx, client, app, release.id)?;
    }
    if out.is_json() {
        out.json(&done)?;
    }
    match done.status.as_str() {
        "succeeded" => {
            let version = done
                .release
                .as_ref()
                .map(|r| format!(" as v{}", r.version))
                .unwrap_or_default();
            out.status(&format!(
                "{} Deployed {} to {target}{version}",
                mark(out, true),
                commit.short()
            ));
            if !out.is_json()
                && let Some(url) = ctx.block_on(client.app(app))?.web_url
            {
                out.line(&url)?;
            }
            Ok(())
        }
        status => Err(CliError::failed(
            format!(
                "deployment #{} {status}: {}",
                done.number,
                done.status_description
                    .as_deref()
                    .unwrap_or("no reason given")
            ),
            format!("`tug builds:output -a {app}` shows the build's output again"),
        )
        .into()),
    }
}

/// The deployment once it has succeeded, failed or been refused.
fn wait_until_ended(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    deployment: &Deployment,
) -> anyhow::Result<Deployment> {
    let deadline = Instant::now() + RELEASE_TIMEOUT;
    let id = deployment.id.to_string();
    loop {
        let current = ctx.block_on(client.deployment(app, &id))?;
        if matches!(current.status.as_str(), "succeeded" | "failed" | "refused") {
            return Ok(current);
        }
        if Instant::now() > deadline {
            return Err(CliError::failed(
                format!(
                    "deployment #{} is still {} after {} s",
                    current.number,
                    current.status,
                    RELEASE_TIMEOUT.as_secs()
                ),
                format!(
                    "`tug deployments:info {} -a {app}` follows it",
                    current.number
                ),
            )
            .into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
