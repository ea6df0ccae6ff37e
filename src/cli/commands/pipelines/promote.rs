//! `tug pipelines:promote`: release the app's current slug on the apps of the next stage (or
//! the apps `--to` names), without a build, and report each target's outcome.

use std::time::{Duration, Instant};

use clap::Args as ClapArgs;

use crate::api::{
    AppIdentity, PipelineCoupling, PipelinePromotionCreate, PipelinePromotionTarget,
    PromotionSourceCreate, PromotionTargetCreate, next_stage,
};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

/// How long the command waits for the targets before it gives up (they go on without it).
const WAIT: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, ClapArgs)]
pub struct PromoteArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// The apps to promote to, comma-separated [default: the apps of the next stage]
    #[arg(short, long, value_name = "APP,APP", value_delimiter = ',')]
    pub to: Vec<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn promote(args: &PromoteArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let source = ctx.block_on(client.app_coupling(&app))?;
    let couplings = ctx.block_on(client.pipeline_couplings(&source.pipeline.id.to_string()))?;
    let targets = targets(&source, &couplings, &args.to)?;
    let names: Vec<&str> = targets.iter().map(String::as_str).collect();
    let progress = out.progress(format!(
        "Promoting {} to {}",
        out.app_name(&app),
        names.join(", ")
    ));
    let body = PipelinePromotionCreate {
        pipeline: AppIdentity {
            id: source.pipeline.id.to_string(),
        },
        source: PromotionSourceCreate {
            app: Some(AppIdentity {
                id: source.app.id.to_string(),
            }),
            release: None,
        },
        targets: targets
            .iter()
            .map(|t| PromotionTargetCreate {
                app: Some(AppIdentity { id: t.clone() }),
            })
            .collect(),
    };
    let promotion = ctx.block_on(client.promote(&body))?;
    let ended = ctx.block_on(wait(client, &promotion.id.to_string()))?;
    let failed = ended.iter().filter(|t| t.status != "succeeded").count();
    progress.finish(if failed == 0 { "done" } else { "failed" });
    if out.is_json() {
        out.json(&ended)?;
    } else {
        for t in &ended {
            match &t.error_message {
                Some(e) => out.line(&format!("{}: {}, {e}", t.app.name, t.status))?,
                None => out.line(&format!("{}: {}", t.app.name, t.status))?,
            }
        }
    }
    if failed > 0 {
        return Err(CliError::failed(
            format!(
                "promotion to {failed} of {} app{} failed",
                ended.len(),
                if ended.len() == 1 { "" } else { "s" }
            ),
            "each failed app's reason is on its line; fix it and run `tug pipelines:promote` again",
        )
        .into());
    }
    Ok(())
}

/// The apps to promote to: those named (by name or id, each in the pipeline), else every app
/// of the stage after the source's.
fn targets(
    source: &PipelineCoupling,
    couplings: &[PipelineCoupling],
    named: &[String],
) -> anyhow::Result<Vec<String>> {
    let named: Vec<&str> = named
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    if !named.is_empty() {
        // Names are sent as they are: the server says which is not in the pipeline.
        return Ok(named.into_iter().map(str::to_string).collect());
    }
    let pipeline = &source.pipeline.name;
    let Some(stage) = next_stage(&source.stage) else {
        return Err(CliError::failed(
            format!(
                "`{}` is at the last stage ({}) of pipeline `{pipeline}`: there is no stage to promote to",
                source.app.name, source.stage
            ),
            "name the apps with `--to APP,APP`",
        )
        .into());
    };
    let apps: Vec<String> = couplings
        .iter()
        .filter(|c| c.stage == stage)
        .map(|c| c.app.name.clone())
        .collect();
    if apps.is_empty() {
        return Err(CliError::failed(
            format!("pipeline `{pipeline}` has no app at stage {stage}"),
            format!("add one with `tug pipelines:add {pipeline} -a APP --stage {stage}`"),
        )
        .into());
    }
    Ok(apps)
}

/// Polls the promotion's targets until none is pending.
pub async fn wait(client: &Client, id: &str) -> anyhow::Result<Vec<PipelinePromotionTarget>> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(50);
    loop {
        let targets = client.promotion_targets(id).await?;
        if targets.iter().all(|t| t.status != "pending") {
            return Ok(targets);
        }
        if started.elapsed() > WAIT {
            anyhow::bail!(
                "the promotion is still running after {} minutes; `tug releases` on each target shows how it ends",
                WAIT.as_secs() / 60
            );
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{NamedRef, Timestamp};
    use uuid::Uuid;

    fn coupling(app: &str, stage: &str) -> PipelineCoupling {
        PipelineCoupling {
            app: NamedRef {
                id: Uuid::new_v4(),
                name: app.into(),
            },
            created_at: Timestamp(0),
            id: Uuid::new_v4(),
            pipeline: NamedRef {
                id: Uuid::nil(),
                name: "shop".into(),
            },
            stage: stage.into(),
            updated_at: Timestamp(0),
        }
    }

    #[test]
    fn targets_are_the_next_stage_unless_named() {
        let all = vec![
            coupling("shop-dev", "development"),
            coupling("shop-staging", "staging"),
            coupling("shop-prod", "production"),
            coupling("shop-eu", "production"),
        ];
        assert_eq!(
            targets(&all[1], &all, &[]).unwrap(),
            ["shop-prod", "shop-eu"]
        );
        assert_eq!(targets(&all[0], &all, &[]).unwrap(), ["shop-staging"]);
        assert_eq!(
            targets(&all[1], &all, &["shop-eu".into(), " ".into()]).unwrap(),
            ["shop-eu"]
        );
        let last = targets(&all[2], &all, &[]).unwrap_err().to_string();
        assert!(last.contains("last stage"), "{last}");
        let lonely = vec![coupling("a-staging", "staging")];
        let none = targets(&lonely[0], &lonely, &[]).unwrap_err().to_string();
        assert!(none.contains("no app at stage production"), "{none}");
    }
}
