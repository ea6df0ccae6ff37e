//! The end of a review app: its branch deleted, `reviewapps:destroy`, or `stale_days` without
//! a push. The app goes with its add-ons, after its `pr-predestroy` script; the row stays,
//! `deleted`, for the record.

use std::time::Duration;

use tokio::sync::watch;
use uuid::Uuid;

use super::{PushOutcome, ReviewApps, internal};
use crate::api::Timestamp;
use crate::server::store::{PipelineRow, ReviewAppRow};

/// How often stale review apps are looked for; `stale_days` counts whole days.
const SWEEP_EVERY: Duration = Duration::from_secs(3600);

impl ReviewApps {
    /// Destroys the review app's app, acting as `actor`; the error is what the caller reads.
    pub async fn destroy(&self, row: &ReviewAppRow, actor: Uuid) -> Result<(), String> {
        self.store
            .set_review_app_status(row.id, "deleting", None, None)
            .map_err(internal)?;
        let app = match row.app_id {
            Some(id) => self.store.reload_app(id).map_err(internal)?,
            None => None,
        };
        if let Some(app) = app
            && let Err(why) = self.host.remove_app(&app, actor).await
        {
            let _ = self
                .store
                .set_review_app_status(row.id, "errored", Some(&why), None);
            return Err(why);
        }
        self.store
            .set_review_app_status(row.id, "deleted", None, None)
            .map_err(internal)
    }

    /// A deleted branch takes its review app with it.
    pub(super) async fn branch_deleted(
        &self,
        pipeline: &PipelineRow,
        existing: Option<ReviewAppRow>,
        user: Uuid,
    ) -> PushOutcome {
        let Some(row) = existing else {
            return PushOutcome::Noted(vec![format!(
                "Pipeline `{}` has no review app for this branch: nothing to destroy.",
                pipeline.name
            )]);
        };
        let name = row.app_name.clone().unwrap_or_default();
        match self.destroy(&row, user).await {
            Ok(()) => PushOutcome::Noted(vec![format!("Destroyed review app `{name}`.")]),
            Err(why) => PushOutcome::Refused(vec![format!(
                "Review app `{name}` could not be destroyed: {why}"
            )]),
        }
    }

    /// Destroys the review apps gone stale at start (the server may have been down for days),
    /// then every hour until `stop`.
    pub fn spawn_sweeper(self, mut stop: watch::Receiver<bool>) {
        tokio::spawn(async move {
            loop {
                self.sweep(Timestamp::now().0).await;
                tokio::select! {
                    _ = stop.wait_for(|s| *s) => return,
                    _ = tokio::time::sleep(SWEEP_EVERY) => {}
                }
            }
        });
    }

    /// Destroys the review apps stale at `now`, each as the account that made it.
    pub async fn sweep(&self, now: i64) -> usize {
        let stale = match self.store.stale_review_apps(now) {
            Ok(stale) => stale,
            Err(e) => {
                tracing::error!("cannot look for stale review apps: {e}");
                return 0;
            }
        };
        let mut destroyed = 0;
        for row in stale {
            match self.destroy(&row, row.creator_id).await {
                Ok(()) => destroyed += 1,
                Err(why) => tracing::warn!("stale review app {} stays: {why}", row.id),
            }
        }
        destroyed
    }
}
