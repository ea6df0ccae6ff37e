//! The one release path: every door that changes what an app runs (a build's slug, a rollback,
//! a slug release, a config change, a promotion, an add-on) hands its change to `release`,
//! which creates the release, writes the two `app[api]` lines, publishes the webhook, moves the
//! deployment record and applies the release to the runtime (release phase, dynos). A new door
//! adds a `Change` variant, not a copy of the sequence.

use std::sync::Arc;

use anyhow::Context;
use tokio::sync::mpsc;
use uuid::Uuid;

use super::apply::Live;
use super::deployments::{Deployments, Intent, Refusal};
use crate::server::runtime::ReleaseSpec;
use crate::server::store::{AppRow, DeploymentRow, NewRelease, ReleaseRow, SlugRow};

/// Where a build's release writes its output (the build log the deployer streams).
pub type BuildOutput = Arc<dyn Fn(String) + Send + Sync>;

/// What changed, as much as each door knows.
pub enum Change {
    /// A build made a slug. Its deployment exists and passed its checks; the release waits for
    /// the release phase and the dynos, since the build's outcome reports them.
    Build {
        slug_id: Uuid,
        /// The commit the slug was built from.
        version: Option<String>,
        deployment: Uuid,
        output: BuildOutput,
    },
    /// Back to an earlier release's slug and config (checked by the caller to have succeeded).
    Rollback { target: ReleaseRow },
    /// An existing slug with the app's current config (`POST /apps/{app}/releases`).
    Slug {
        slug: SlugRow,
        description: Option<String>,
    },
    /// A config change: the store made its release in the same transaction as the config, so
    /// both are kept or neither.
    Config { release: ReleaseRow },
    /// Another app's slug, promoted through a pipeline, with this app's own config. Its
    /// deployment exists and passed this app's checks; like a build's, the release waits for
    /// the release phase and the dynos, since the promotion target reports them.
    Promote {
        slug: SlugRow,
        /// Where the slug comes from: `shop-staging v12`.
        source: String,
        deployment: Uuid,
        output: BuildOutput,
    },
    /// An add-on was attached, detached, rotated or destroyed: like a config change, the
    /// store made its release with the attachment rows.
    Addon { release: ReleaseRow },
}

/// A change that made a release.
pub struct Released {
    pub release: ReleaseRow,
    /// Why a build's release did not go live (the previous release keeps running); the other
    /// changes go live in the background and record the outcome on their deployment.
    pub failed: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    /// The deploy lock refused the change; the refused deployment is recorded.
    #[error("deployment #{} refused: {refusal}", deployment.number)]
    Refused {
        deployment: Box<DeploymentRow>,
        refusal: Refusal,
    },
    /// The change cannot make a release (a 422 through the API).
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<rusqlite::Error> for ReleaseError {
    fn from(e: rusqlite::Error) -> ReleaseError {
        ReleaseError::Other(e.into())
    }
}

/// Makes `change` the app's current release and runs it: the whole sequence, once for every door.
pub async fn release(
    live: &Live,
    deployments: &Deployments,
    app: &AppRow,
    user_id: Uuid,
    change: Change,
) -> Result<Released, ReleaseError> {
    refuse_codeless_rollback(live, app, &change)?;
    let (deployment, release) = record(live, deployments, app, user_id, &change)?;
    let promoted = matches!(change, Change::Promote { .. });
    let (deployment, output) = match change {
        Change::Build {
            deployment, output, ..
        }
        | Change::Promote {
            deployment, output, ..
        } => (deployment, output),
        _ => {
            // Only builds' and promotions' callers wait for the dynos: the others answer the
            // API call now. A release command runs first, as for every release on Heroku; the
            // release is pending until it passes.
            // The store made the release pending if it has one.
            let phase = live
                .spec(app, &release)?
                .filter(|s| s.process_types.contains_key("release"));
            api_lines(live, app, &release);
            live.webhooks.release(app, &release);
            let soon = Soon {
                app: app.clone(),
                user_id,
                deployment,
                phase,
            };
            apply_soon(live, deployments, soon, &release);
            return Ok(Released {
                release,
                failed: None,
            });
        }
    };
    deployments.set_state(
        deployment,
        "releasing",
        Some(&format!("v{}", release.version)),
        user_id,
    );
    go_live(live, app, release, output, promoted).await
}

/// A rollback to a release without code, once the app has code, would keep the dynos on the
/// current code while saying otherwise. (An app that never had code may go back to an earlier
/// config.)
fn refuse_codeless_rollback(
    live: &Live,
    app: &AppRow,
    change: &Change,
) -> Result<(), ReleaseError> {
    if let Change::Rollback { target } = change
        && target.slug_id.is_none()
        && live
            .store
            .current_release(app.id)?
            .is_some_and(|current| current.slug_id.is_some())
    {
        return Err(ReleaseError::Invalid(format!(
            "v{} has no code to run (it was made before any build): roll back to a release made by a deploy",
            target.version
        )));
    }
    Ok(())
}

/// The change's release row (made here, or by the store with a config or add-on change) and
/// the deployment that records it, linked to each other.
fn record(
    live: &Live,
    deployments: &Deployments,
    app: &AppRow,
    user_id: Uuid,
    change: &Change,
) -> Result<(Option<Uuid>, ReleaseRow), ReleaseError> {
    let deployment = match change {
        Change::Build { deployment, .. } | Change::Promote { deployment, .. } => Some(*deployment),
        Change::Config { .. } | Change::Addon { .. } => None,
        Change::Rollback { .. } | Change::Slug { .. } => {
            Some(open_deployment(live, deployments, app, user_id, change)?)
        }
    };
    let release = match change {
        Change::Config { release } | Change::Addon { release } => release.clone(),
        _ => live
            .store
            .create_release(&new_release(live, app, user_id, change)?)?,
    };
    if let Some(deployment) = deployment {
        deployments.link(deployment, None, Some(release.id));
    }
    Ok((deployment, release))
}

/// A build's or a promotion's release, which its caller waits for: the release phase, then
/// the dynos. A failure leaves the previous release running and says why in `output`.
async fn go_live(
    live: &Live,
    app: &AppRow,
    release: ReleaseRow,
    output: BuildOutput,
    promoted: bool,
) -> Result<Released, ReleaseError> {
    // A build's release is published with the build's end (`Webhooks::build_finished`), so that
    // subscribers see the release before the build's update; a promotion's once it has ended.
    let publish = |release: &ReleaseRow| {
        if promoted {
            live.webhooks.release(app, release);
        }
    };
    let failed = |why: String| -> Result<Released, ReleaseError> {
        live.store.set_release_status(&release, "failed")?;
        if let Some(failed) = live.store.release(app.id, &release.version.to_string())? {
            publish(&failed);
        }
        output(format!(" !     Release v{} failed: {why}", release.version));
        output(" !     Nothing was changed: the previous release keeps running.".to_string());
        Ok(Released {
            release: release.clone(),
            failed: Some(format!("release v{} failed: {why}", release.version)),
        })
    };
    let spec = live
        .spec(app, &release)?
        .context("the new release has no slug")?;
    if let Some(command) = spec.process_types.get("release")
        && let Err(why) = release_phase(live, &release, &spec, command, &output).await
    {
        return failed(why);
    }
    live.store.set_release_status(&release, "succeeded")?;
    api_lines(live, app, &release);
    let formation = live.formation(app.id)?;
    // Said before the wait, so that a slow boot shows what is awaited rather than nothing.
    output(launching(release.version, &formation, &spec.process_types));
    // The same words as the CLI's own wait, one line as each dyno comes up.
    let counted = |up: usize, of: usize| output(format!("       web dynos up {up}/{of}"));
    if let Err(e) = live.runtime.deploy_counting(spec, formation, counted).await {
        return failed(format!("the new dynos did not come up: {e}"));
    }
    let release = live
        .store
        .release(app.id, &release.version.to_string())?
        .unwrap_or(release);
    publish(&release);
    Ok(Released {
        release,
        failed: None,
    })
}

/// Runs the release's `release` command, its output indented in `output` and kept for
/// `releases:output`; why it failed.
async fn release_phase(
    live: &Live,
    release: &ReleaseRow,
    spec: &ReleaseSpec,
    command: &str,
    output: &BuildOutput,
) -> Result<(), String> {
    output(format!("-----> Running release command `{command}`"));
    let kept = live
        .release_outputs
        .begin(&live.store, release)
        .map_err(|e| format!("its output could not be kept: {e}"))?;
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    let forward = {
        let (output, kept) = (output.clone(), kept.clone());
        tokio::spawn(async move {
            while let Some(line) = rx.recv().await {
                kept.push(line.clone());
                output(format!("       {line}"));
            }
        })
    };
    let code = live.runtime.release_phase(spec, tx).await;
    let _ = forward.await;
    let outcome = match code {
        Ok(0) => Ok(()),
        Ok(code) => Err(format!("the release command exited with status {code}")),
        Err(e) => Err(format!("the release command could not run: {e}")),
    };
    live.release_outputs
        .end(&live.store, release.id, &kept, outcome.is_ok());
    outcome
}

/// The release command of a release that went live without a build: its lines go to the
/// app's log (as `release.N`'s), its outcome to the release's status, the log and the
/// deployment. Whether the dynos may now run the release.
async fn phase_passed(
    live: &Live,
    deployments: &Deployments,
    soon: &Soon,
    spec: &ReleaseSpec,
    release: &ReleaseRow,
) -> bool {
    let (app_id, version) = (soon.app.id, release.version);
    let command = spec
        .process_types
        .get("release")
        .cloned()
        .unwrap_or_default();
    let quiet: BuildOutput = Arc::new(|_| {});
    let outcome = release_phase(live, release, spec, &command, &quiet).await;
    let status = if outcome.is_ok() {
        "succeeded"
    } else {
        "failed"
    };
    if let Err(e) = live.store.set_release_status(release, status) {
        tracing::warn!("could not record the release phase of app {app_id}: {e}");
    }
    if let Ok(Some(done)) = live.store.release(app_id, &version.to_string()) {
        live.webhooks.release(&soon.app, &done);
    }
    let Err(why) = outcome else {
        return true;
    };
    live.api_log(
        app_id,
        &format!("Release v{version} failed: {why}; the previous release keeps running"),
    );
    if let Some(deployment) = soon.deployment {
        deployments.set_state(
            deployment,
            "failed",
            Some(&format!("release v{version} failed: {why}")),
            soon.user_id,
        );
    }
    false
}

/// `-----> Launching v3: waiting for 2 web and 1 worker dynos to come up`, for the types the
/// release has and the formation runs.
fn launching(
    version: i64,
    formation: &[crate::server::runtime::FormationSpec],
    types: &std::collections::BTreeMap<String, String>,
) -> String {
    let parts: Vec<String> = formation
        .iter()
        .filter(|f| f.quantity > 0 && types.contains_key(&f.kind))
        .map(|f| format!("{} {}", f.quantity, f.kind))
        .collect();
    let total: u32 = formation
        .iter()
        .filter(|f| types.contains_key(&f.kind))
        .map(|f| f.quantity)
        .sum();
    let Some((last, rest)) = parts.split_last() else {
        return format!("-----> Launching v{version}: no dynos to start (the formation is empty)");
    };
    let list = if rest.is_empty() {
        last.clone()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    let noun = if total == 1 { "dyno" } else { "dynos" };
    format!("-----> Launching v{version}: waiting for {list} {noun} to come up")
}

/// The deployment record of a change that did not come through the build pipeline, refused
/// (and recorded so) while the app's deploys are locked.
fn open_deployment(
    live: &Live,
    deployments: &Deployments,
    app: &AppRow,
    user_id: Uuid,
    change: &Change,
) -> Result<Uuid, ReleaseError> {
    let intent = match change {
        Change::Rollback { target } => {
            let commit = match target.slug_id {
                Some(slug) => live.store.slug(app.id, slug)?.and_then(|s| s.commit),
                None => None,
            };
            Intent {
                trigger: "rollback".into(),
                git_ref: Some(format!("v{}", target.version)),
                sha: commit,
                description: Some(description(change)),
                ..Intent::default()
            }
        }
        _ => Intent {
            trigger: "release".into(),
            sha: match change {
                Change::Slug { slug, .. } => slug.commit.clone(),
                _ => None,
            },
            description: Some(description(change)),
            ..Intent::default()
        },
    };
    if let Err(refusal) = deployments.check_lock(app)? {
        let refused =
            deployments.create(app, user_id, &intent, "refused", Some(&refusal.to_string()))?;
        return Err(ReleaseError::Refused {
            deployment: Box::new(refused),
            refusal,
        });
    }
    Ok(deployments
        .create(app, user_id, &intent, "releasing", None)?
        .id)
}

/// What the release says it is (`Deploy 1a2b3c4`, `Rollback to v3`).
fn description(change: &Change) -> String {
    let deploy = |commit: &Option<String>| match commit {
        // By characters: a Builds API caller's version need not be ASCII.
        Some(c) if !c.is_empty() => format!("Deploy {}", c.chars().take(7).collect::<String>()),
        _ => "Deploy".to_string(),
    };
    match change {
        Change::Build { version, .. } => deploy(version),
        Change::Rollback { target } => format!("Rollback to v{}", target.version),
        Change::Slug {
            description: Some(d),
            ..
        } => d.clone(),
        Change::Slug { slug, .. } => deploy(&slug.commit),
        Change::Config { release } | Change::Addon { release } => release.description.clone(),
        Change::Promote { source, .. } => format!("Promote {source}"),
    }
}

fn new_release(
    live: &Live,
    app: &AppRow,
    user_id: Uuid,
    change: &Change,
) -> anyhow::Result<NewRelease> {
    let (slug_id, config) = match change {
        Change::Rollback { target } => (target.slug_id, target.config.clone()),
        Change::Build { slug_id, .. } => (Some(*slug_id), live.store.config(app.id)?),
        Change::Slug { slug, .. } | Change::Promote { slug, .. } => {
            (Some(slug.id), live.store.config(app.id)?)
        }
        Change::Config { release } | Change::Addon { release } => {
            (release.slug_id, release.config.clone())
        }
    };
    Ok(NewRelease {
        app_id: app.id,
        description: description(change),
        user_id,
        slug_id,
        config,
        // A build's or a promotion's release is pending until its release phase passes.
        status: if matches!(change, Change::Build { .. } | Change::Promote { .. }) {
            "pending"
        } else {
            "succeeded"
        }
        .into(),
    })
}

/// The two lines the app's log shows for every release.
fn api_lines(live: &Live, app: &AppRow, release: &ReleaseRow) {
    let by = &release.user_email;
    live.api_log(app.id, &format!("{} by {by}", release.description));
    live.api_log(
        app.id,
        &format!("Release v{} created by {by}", release.version),
    );
}

/// What [`apply_soon`] runs for a release that did not come from a build or a promotion.
struct Soon {
    app: AppRow,
    user_id: Uuid,
    deployment: Option<Uuid>,
    /// The release to run first through its release command (it is pending until then).
    phase: Option<ReleaseSpec>,
}

/// Runs the new release in the background (its release command first, if it has one) and
/// records on its deployment (if any) whether its dynos came up.
fn apply_soon(live: &Live, deployments: &Deployments, soon: Soon, release: &ReleaseRow) {
    let (live, deployments, release) = (live.clone(), deployments.clone(), release.clone());
    tokio::spawn(async move {
        let (app_id, version) = (soon.app.id, release.version);
        if let Some(spec) = &soon.phase
            && !phase_passed(&live, &deployments, &soon, spec, &release).await
        {
            return;
        }
        let (user_id, deployment) = (soon.user_id, soon.deployment);
        let applied = live.apply(app_id).await;
        if let Err(e) = &applied {
            tracing::warn!("could not run the current release of app {app_id}: {e:#}");
        }
        let Some(deployment) = deployment else {
            return;
        };
        match applied {
            Ok(()) => deployments.set_state(
                deployment,
                "succeeded",
                Some(&format!("v{version} released")),
                user_id,
            ),
            Err(e) => deployments.set_state(
                deployment,
                "failed",
                Some(&format!("the dynos of v{version} did not come up: {e}")),
                user_id,
            ),
        }
    });
}

#[cfg(test)]
mod launching_tests {
    use super::launching;
    use crate::server::runtime::FormationSpec;

    #[test]
    fn says_what_the_launch_waits_for() {
        let spec = |kind: &str, quantity| FormationSpec {
            kind: kind.into(),
            quantity,
            size: "standard-1X".into(),
        };
        let types = [("web", "x"), ("worker", "y")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        assert_eq!(
            launching(3, &[spec("web", 2), spec("worker", 1)], &types),
            "-----> Launching v3: waiting for 2 web and 1 worker dynos to come up"
        );
        assert_eq!(
            launching(2, &[spec("web", 1), spec("clock", 1)], &types),
            "-----> Launching v2: waiting for 1 web dyno to come up"
        );
        assert!(launching(4, &[spec("web", 0)], &types).contains("no dynos to start"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(version: Option<&str>) -> Change {
        Change::Build {
            slug_id: Uuid::nil(),
            version: version.map(str::to_string),
            deployment: Uuid::nil(),
            output: Arc::new(|_| {}),
        }
    }

    #[test]
    fn a_build_is_described_by_its_short_commit_whatever_the_version_holds() {
        assert_eq!(
            description(&build(Some("0123456789abcdef"))),
            "Deploy 0123456"
        );
        assert_eq!(description(&build(Some("abc"))), "Deploy abc");
        assert_eq!(description(&build(Some(""))), "Deploy");
        assert_eq!(description(&build(None)), "Deploy");
        // Cut by characters, never inside one.
        assert_eq!(description(&build(Some("ééééééééé"))), "Deploy ééééééé");
    }
}
