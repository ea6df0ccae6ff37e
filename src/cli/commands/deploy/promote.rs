//! `tug deploy REF -e ENV` for an environment with `promote_from: STAGE`: instead of building
//! REF again, find the release the STAGE app built from REF's commit and promote its slug, once
//! the environment's checks have passed.

use crate::api::{
    AppIdentity, PipelineCoupling, PipelinePromotionCreate, PromotionSourceCreate,
    PromotionTargetCreate, ReleaseIdentity,
};
use crate::cli::client::Client;
use crate::cli::commands::pipelines::wait_for_promotion;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git::CommitInfo;
use crate::deploy_file::Environment;

/// How many of an upstream app's newest releases are searched for the commit.
const SEARCHED: usize = 100;

pub(super) fn promote(
    ctx: &Ctx,
    client: &Client,
    env: &Environment,
    stage: &str,
    app: &str,
    commit: &CommitInfo,
    rev: &str,
) -> anyhow::Result<()> {
    let out = &ctx.out;
    let coupling = own_coupling(ctx, client, env, stage, app)?;
    let couplings = ctx.block_on(client.pipeline_couplings(&coupling.pipeline.id.to_string()))?;
    let upstream: Vec<&PipelineCoupling> = couplings.iter().filter(|c| c.stage == stage).collect();
    if upstream.is_empty() {
        return Err(CliError::failed(
            format!(
                "pipeline `{}` has no app at stage {stage} to promote from",
                coupling.pipeline.name
            ),
            format!(
                "add one with `tug pipelines:add {} -a APP --stage {stage}`",
                coupling.pipeline.name
            ),
        )
        .into());
    }
    let progress = out.progress(format!("Finding the {stage} release of {}", commit.short()));
    let found = ctx.block_on(find_release(client, &upstream, &commit.sha))?;
    let Some((source, release, version)) = found else {
        progress.finish("none");
        return Err(CliError::failed(
            format!("{stage} never built {rev}; deploy it there first"),
            format!(
                "`tug deploy {rev} -a {}` builds it there",
                upstream[0].app.name
            ),
        )
        .into());
    };
    progress.finish(&format!("{} v{version}", source.app.name));
    let progress = out.progress(format!(
        "Promoting {} v{version} to {}",
        out.app_name(&source.app.name),
        out.app_name(app)
    ));
    let body = promotion_of(&coupling, source, release);
    let promotion = ctx.block_on(client.promote(&body))?;
    let targets = ctx.block_on(wait_for_promotion(client, &promotion.id.to_string()))?;
    let failed: Vec<String> = targets
        .iter()
        .filter(|t| t.status != "succeeded")
        .map(|t| t.error_message.clone().unwrap_or_else(|| t.status.clone()))
        .collect();
    progress.finish(if failed.is_empty() { "done" } else { "failed" });
    if out.is_json() {
        out.json(&targets)?;
    }
    if !failed.is_empty() {
        return Err(CliError::failed(
            format!("promotion to `{app}` failed: {}", failed.join("; ")),
            format!("`tug deployments -a {app}` shows the record"),
        )
        .into());
    }
    Ok(())
}

/// The pipeline coupling of `app`, which must be in the pipeline deploy.yml names (if any).
fn own_coupling(
    ctx: &Ctx,
    client: &Client,
    env: &Environment,
    stage: &str,
    app: &str,
) -> anyhow::Result<PipelineCoupling> {
    let coupling = ctx.block_on(client.app_coupling(app)).map_err(|_| {
        CliError::failed(
            format!(
                "environment `{}` promotes from {stage}, and `{app}` is in no pipeline",
                env.name
            ),
            format!(
                "add it with `tug pipelines:add {} -a {app} --stage production`",
                env.pipeline.as_deref().unwrap_or("PIPELINE")
            ),
        )
    })?;
    if let Some(named) = &env.pipeline
        && *named != coupling.pipeline.name
    {
        return Err(CliError::failed(
            format!(
                "deploy.yml puts `{app}` in pipeline `{named}`, and it is in `{}`",
                coupling.pipeline.name
            ),
            "fix `pipeline:` in deploy.yml, or move the app with `tug pipelines:remove` and `tug pipelines:add`",
        )
        .into());
    }
    Ok(coupling)
}

/// The promotion of `source`'s `release` to the app of `target`, in its pipeline.
fn promotion_of(
    target: &PipelineCoupling,
    source: &PipelineCoupling,
    release: uuid::Uuid,
) -> PipelinePromotionCreate {
    PipelinePromotionCreate {
        pipeline: AppIdentity {
            id: target.pipeline.id.to_string(),
        },
        source: PromotionSourceCreate {
            app: Some(AppIdentity {
                id: source.app.id.to_string(),
            }),
            release: Some(ReleaseIdentity { id: release }),
        },
        targets: vec![PromotionTargetCreate {
            app: Some(AppIdentity {
                id: target.app.id.to_string(),
            }),
        }],
    }
}

/// The newest succeeded release of an upstream app whose slug was built from `sha`: the app's
/// coupling, the release's id and its version.
async fn find_release<'a>(
    client: &Client,
    upstream: &[&'a PipelineCoupling],
    sha: &str,
) -> anyhow::Result<Option<(&'a PipelineCoupling, uuid::Uuid, i64)>> {
    for coupling in upstream {
        let app = &coupling.app.name;
        let releases = client.releases(app, SEARCHED).await?;
        let mut checked = std::collections::HashSet::new();
        for release in releases.iter().filter(|r| r.status == "succeeded") {
            let Some(slug) = &release.slug else { continue };
            if !checked.insert(slug.id) {
                continue;
            }
            let slug = client.slug(app, &slug.id.to_string()).await?;
            if slug.commit.as_deref() == Some(sha) {
                return Ok(Some((coupling, release.id, release.version)));
            }
        }
    }
    Ok(None)
}
