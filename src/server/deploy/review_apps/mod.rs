//! Review apps: with a pipeline's review-app config on, a push of a branch other than
//! `main`/`master` to one of its apps makes (or updates) an app for that branch in the
//! `review` stage, from the branch's app.json plus the config's vars, and builds the branch on
//! it. Deleting the branch, `reviewapps:destroy` or going `stale_days` without a push destroys
//! it. A review app is an app of its own: its builds, failures and add-ons never touch the
//! pipeline's other apps.
//!
//! Add-ons and app removal belong to their API resources; the deploy layer reaches them
//! through `Host`, which the server hands in at start, so it never imports the HTTP layer.

mod create;
mod destroy;

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

use uuid::Uuid;

use super::apply::Live;
use super::build_pipeline::{BuildLog, BuildRequest, Pipeline, StartError};
use super::deployments::{Deployments, Intent};
use crate::server::quotas::Quotas;
use crate::server::store::{AppRow, PipelineRow, ReviewAppConfigRow, ReviewAppRow, Store};

pub use create::NewReviewApp;

pub type HostFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send + 'a>>;

/// What the API layer lends review apps: the add-on providers and app removal, done as its
/// own endpoints do them, and the checks and URLs it owns.
pub trait Host: Send + Sync {
    /// Provisions one of app.json's add-ons for `app`, acting as `actor`.
    fn provision_addon<'a>(
        &'a self,
        app: &'a AppRow,
        actor: Uuid,
        spec: &'a str,
    ) -> HostFuture<'a, ()>;
    /// Removes `app` with its add-ons, after its `pr-predestroy` script, acting as `actor`.
    fn remove_app<'a>(&'a self, app: &'a AppRow, actor: Uuid) -> HostFuture<'a, ()>;
    /// Whether the server can build with this buildpack.
    fn check_buildpack(&self, buildpack: &str) -> Result<(), String>;
    /// `http://APP.localhost:7780/`
    fn web_url(&self, app: &str) -> String;
}

/// The review apps of every pipeline: a cloneable handle.
#[derive(Clone)]
pub struct ReviewApps {
    pub store: Store,
    pub builds: Pipeline,
    pub live: Live,
    pub deployments: Deployments,
    pub quotas: Quotas,
    pub host: Arc<dyn Host>,
}

/// What a push of a branch other than `main`/`master` did.
pub enum PushOutcome {
    /// The push is refused: why, line by line.
    Refused(Vec<String>),
    /// The push stands with nothing built: what the pusher should know.
    Noted(Vec<String>),
    /// The branch is building on its review app.
    Building {
        log: Arc<BuildLog>,
        app: String,
        url: String,
        created: bool,
    },
}

/// One push of a branch: the pushed commit's source, or none when the branch is deleted.
pub struct BranchPush {
    pub branch: String,
    pub source: Option<PathBuf>,
    pub sha: String,
    pub subject: Option<String>,
}

impl ReviewApps {
    /// A push of `push.branch` to `app` by `user`.
    pub async fn push(&self, app: &AppRow, user: Uuid, push: BranchPush) -> PushOutcome {
        let outcome = self.route_push(app, user, &push).await;
        if let (PushOutcome::Refused(_) | PushOutcome::Noted(_), Some(source)) =
            (&outcome, &push.source)
        {
            let _ = tokio::fs::remove_file(source).await;
        }
        outcome
    }

    async fn route_push(&self, app: &AppRow, user: Uuid, push: &BranchPush) -> PushOutcome {
        let branch = &push.branch;
        let (pipeline, config) = match self.config_of(app) {
            Ok(Ok(found)) => found,
            Ok(Err(hint)) => return PushOutcome::Noted(kept(branch, push.source.is_some(), hint)),
            Err(e) => return PushOutcome::Refused(vec![e]),
        };
        let existing = match self.store.review_app_for_branch(pipeline.id, branch) {
            Ok(found) => found,
            Err(e) => return PushOutcome::Refused(vec![internal(e)]),
        };
        let Some(source) = push.source.clone() else {
            return self.branch_deleted(&pipeline, existing, user).await;
        };
        let intent = push_intent(push);
        let base = config.base_name.as_deref().unwrap_or(&pipeline.name);
        match existing {
            Some(row) => self.update(row, user, source, intent).await,
            // Said at the push, before anyone asks for the app.
            None if crate::api::review_app_name(base, branch).is_none() => {
                PushOutcome::Refused(vec![unnameable(branch)])
            }
            None if !config.automatic_review_apps => PushOutcome::Noted(vec![
                format!(
                    "`{branch}` was pushed; pipeline `{}` makes review apps on request.",
                    pipeline.name
                ),
                format!(
                    "To make one, run `tug reviewapps:create {branch} -p {}`.",
                    pipeline.name
                ),
            ]),
            None => {
                let new = NewReviewApp {
                    pipeline: &pipeline,
                    config: &config,
                    branch,
                    user,
                    source,
                    unwrap_single_dir: false,
                    intent,
                    environment: Default::default(),
                    pr_number: None,
                };
                match self.create(new).await {
                    Ok((row, started)) => PushOutcome::Building {
                        log: started.log,
                        url: self
                            .host
                            .web_url(row.app_name.as_deref().unwrap_or_default()),
                        app: row.app_name.unwrap_or_default(),
                        created: true,
                    },
                    Err(why) => PushOutcome::Refused(vec![why]),
                }
            }
        }
    }

    /// The pipeline `app` is in and its review-app config, or a hint on how to get them.
    fn config_of(
        &self,
        app: &AppRow,
    ) -> Result<Result<(PipelineRow, ReviewAppConfigRow), Option<String>>, String> {
        let Some(coupling) = self.store.coupling_of_app(app.id).map_err(internal)? else {
            return Ok(Err(None));
        };
        // Review apps come from the pipeline's other apps, not from one another.
        if coupling.stage == "review" {
            return Ok(Err(None));
        }
        let pipeline = self
            .store
            .pipeline_by_id(coupling.pipeline_id)
            .map_err(internal)?;
        let Some(pipeline) = pipeline else {
            return Ok(Err(None));
        };
        match self
            .store
            .review_app_config(pipeline.id)
            .map_err(internal)?
        {
            Some(config) => Ok(Ok((pipeline, config))),
            None => Ok(Err(Some(format!(
                "To make a review app per branch, run `tug reviewapps:enable -p {} --autodeploy`.",
                pipeline.name
            )))),
        }
    }

    /// Builds a new push of the branch on its review app.
    async fn update(
        &self,
        row: ReviewAppRow,
        user: Uuid,
        source: PathBuf,
        intent: Intent,
    ) -> PushOutcome {
        let app = match row.app_id.map(|id| self.store.reload_app(id)) {
            Some(Ok(Some(app))) => app,
            Some(Err(e)) => return PushOutcome::Refused(vec![internal(e)]),
            _ => {
                // Its app went some other way: the record closes, and the next push starts over.
                let _ = self
                    .store
                    .set_review_app_status(row.id, "deleted", None, None);
                return PushOutcome::Refused(vec![format!(
                    "the review app of `{}` was gone; push the branch again to make a new one",
                    row.branch
                )]);
            }
        };
        if let Err(e) = self.store.touch_review_app(row.id) {
            return PushOutcome::Refused(vec![internal(e)]);
        }
        let url = self.host.web_url(&app.name);
        let started = self
            .builds
            .start(self.build_request(&app, user, source, intent, false));
        match started.await {
            Ok(started) => {
                self.watch(row.id, None, started.log.clone());
                PushOutcome::Building {
                    log: started.log,
                    app: app.name,
                    url,
                    created: false,
                }
            }
            Err(e) => PushOutcome::Refused(vec![not_started(e)]),
        }
    }

    fn build_request(
        &self,
        app: &AppRow,
        user: Uuid,
        source: PathBuf,
        intent: Intent,
        unwrap_single_dir: bool,
    ) -> BuildRequest {
        BuildRequest {
            web_url: self.host.web_url(&app.name),
            app: app.clone(),
            user_id: user,
            source,
            source_url: None,
            version: intent.sha.clone(),
            version_description: intent.description.clone(),
            checksum: None,
            buildpacks: None,
            unwrap_single_dir,
            intent,
        }
    }

    /// Records how the review app's build (and, for a new one, its setup) went.
    fn watch(
        &self,
        id: Uuid,
        setup: Option<tokio::task::JoinHandle<Result<(), String>>>,
        log: Arc<BuildLog>,
    ) {
        let store = self.store.clone();
        tokio::spawn(async move {
            let outcome = match setup {
                Some(setup) => setup
                    .await
                    .unwrap_or_else(|e| Err(format!("the setup stopped: {e}"))),
                None if super::app_setup::build_succeeded(&log).await => Ok(()),
                None => Err("the build failed: `tug builds:output` shows why".into()),
            };
            let saved = match &outcome {
                Ok(()) => store.set_review_app_status(id, "created", None, None),
                Err(why) => store.set_review_app_status(id, "errored", Some(why), None),
            };
            if let Err(e) = saved {
                tracing::error!("cannot record the state of review app {id}: {e}");
            }
        });
    }
}

fn push_intent(push: &BranchPush) -> Intent {
    Intent {
        trigger: "push".into(),
        git_ref: Some(push.branch.clone()),
        sha: crate::api::commit_status::full_sha(&push.sha),
        description: push.subject.clone(),
        ..Intent::default()
    }
}

/// What a branch push did on an app without review apps: the branch is kept (for `tug
/// deploy` and the dashboard's Deploy tab) or deleted, and nothing is built.
fn kept(branch: &str, pushed: bool, hint: Option<String>) -> Vec<String> {
    let mut lines = if pushed {
        vec![
            format!("`{branch}` was kept, not deployed: only `main` and `master` deploy."),
            format!(
                "To deploy it, run `tug deploy {branch}`, pick it on the dashboard's Deploy tab, or run `git push tug {branch}:main`."
            ),
        ]
    } else {
        vec![format!("`{branch}` was deleted; nothing was deployed.")]
    };
    lines.extend(hint);
    lines
}

/// Why a branch gets no review app when its name has nothing an app name can use.
fn unnameable(branch: &str) -> String {
    format!(
        "the branch `{branch}` cannot become an app name: it needs letters or digits; push it under another name"
    )
}

fn not_started(e: StartError) -> String {
    match e {
        StartError::Other(e) => internal(e),
        e => e.to_string(),
    }
}

/// What the pusher reads for a fault of the server's own; the cause goes to its log.
fn internal(e: impl std::fmt::Display) -> String {
    tracing::error!("review app: {e}");
    "the server failed to handle the review app; its log says why".into()
}
