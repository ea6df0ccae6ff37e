//! Promotion: one app's current slug released on another app of its pipeline, with the target's
//! own config, through the one release path. The target's deploy lock and the commit statuses its
//! rules require (from the deploy.yml inside the slug, and any the caller adds) apply as for any
//! deploy of that commit; the deployment record says `promote` and names the source.

use std::path::Path;
use std::sync::{Arc, Mutex};

use uuid::Uuid;

use super::apply::Live;
use super::deployments::{Deployments, Intent};
use super::release::{BuildOutput, Change, ReleaseError, release};
use crate::server::store::{AppRow, ReleaseRow, SlugRow};

/// What is promoted: the source app's release and its slug (with the slug's file).
pub struct Source<'a> {
    pub app: &'a AppRow,
    pub release: &'a ReleaseRow,
    pub slug: &'a SlugRow,
    pub slug_path: &'a Path,
}

/// Releases `source` on `target`; the new release once its dynos are up, or why not.
pub async fn promote_to(
    live: &Live,
    deployments: &Deployments,
    user_id: Uuid,
    source: &Source<'_>,
    target: &AppRow,
    intent: Intent,
) -> Result<ReleaseRow, String> {
    let internal = |e: &dyn std::fmt::Display| {
        tracing::error!(
            "promotion of {} to {} failed: {e:#}",
            source.app.name,
            target.name
        );
        "internal error: the server log has the details".to_string()
    };
    // The slug is a tarball of `./app/`: its deploy.yml is found in that lone folder.
    match deployments
        .verify_source(target, &intent, source.slug_path, true)
        .await
    {
        Ok(Ok(())) => {}
        Ok(Err(refusal)) => {
            let why = refusal.to_string();
            return match deployments.create(target, user_id, &intent, "refused", Some(&why)) {
                Ok(d) => Err(format!("deployment #{} refused: {why}", d.number)),
                Err(e) => Err(internal(&e)),
            };
        }
        Err(e) => return Err(internal(&e)),
    }
    let deployment = deployments
        .create(target, user_id, &intent, "releasing", None)
        .map_err(|e| internal(&e))?;
    // The release phase's output, for the reason a failed promotion gives.
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let output: BuildOutput = {
        let lines = lines.clone();
        let logs = live.logs.clone();
        let app_id = target.id;
        Arc::new(move |line: String| {
            logs.emit(app_id, "heroku", "release", line.trim());
            crate::sync::lock(&lines).push(line);
        })
    };
    let change = Change::Promote {
        slug: source.slug.clone(),
        source: format!("{} v{}", source.app.name, source.release.version),
        deployment: deployment.id,
        output,
    };
    match release(live, deployments, target, user_id, change).await {
        Ok(released) => match released.failed {
            None => {
                deployments.set_state(
                    deployment.id,
                    "succeeded",
                    Some(&format!("v{} released", released.release.version)),
                    user_id,
                );
                Ok(released.release)
            }
            Some(why) => {
                deployments.set_state(deployment.id, "failed", Some(&why), user_id);
                Err(why)
            }
        },
        Err(ReleaseError::Refused { refusal, .. }) => Err(refusal.to_string()),
        Err(ReleaseError::Invalid(why)) => {
            deployments.set_state(deployment.id, "failed", Some(&why), user_id);
            Err(why)
        }
        Err(ReleaseError::Other(e)) => {
            deployments.set_state(deployment.id, "failed", Some("internal error"), user_id);
            Err(internal(&e))
        }
    }
}

/// The deployment record's intent for a promotion of `source` (`Promote shop-staging v12`).
pub fn intent(source: &Source<'_>, environment: Option<String>, required: Vec<String>) -> Intent {
    Intent {
        trigger: "promote".into(),
        environment,
        git_ref: Some(format!("{} v{}", source.app.name, source.release.version)),
        sha: source.slug.commit.clone(),
        description: Some(format!(
            "Promote {} v{}",
            source.app.name, source.release.version
        )),
        required_contexts: required,
    }
}
