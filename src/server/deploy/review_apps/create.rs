//! A new review app: the branch's app.json checked, an app named for the branch made in the
//! `review` stage with app.json's config vars (and the pipeline's on top), buildpacks and
//! add-ons, then the branch built on it; `app_setup` scales it and runs `postdeploy` once the
//! build is released. What fails once the app exists removes the app again.

use std::collections::BTreeMap;
use std::path::PathBuf;

use uuid::Uuid;

use super::super::app_json_plan::{self, Plan, configure, read_manifest};
use super::super::app_setup::{AfterBuild, spawn};
use super::super::build_pipeline::Started;
use super::super::deployments::Intent;
use super::{ReviewApps, internal, not_started, unnameable};
use crate::api::{numbered_name, review_app_name};
use crate::server::store::{
    self, AppRow, NewAppSetup, PipelineRow, ReviewAppConfigRow, ReviewAppRow, is_unique_violation,
};

/// How many numbered names are tried when the plain one is taken.
const NAME_TRIES: u32 = 20;

/// What a new review app is made from.
pub struct NewReviewApp<'a> {
    pub pipeline: &'a PipelineRow,
    pub config: &'a ReviewAppConfigRow,
    pub branch: &'a str,
    pub user: Uuid,
    /// The branch's source as a gzipped tarball, owned from here on.
    pub source: PathBuf,
    pub unwrap_single_dir: bool,
    pub intent: Intent,
    /// Config vars given with this review app, on top of the pipeline's.
    pub environment: BTreeMap<String, String>,
    pub pr_number: Option<i64>,
}

impl ReviewApps {
    /// Makes the review app and starts its build: its row and the build. The error is what
    /// the creator reads.
    pub async fn create(&self, new: NewReviewApp<'_>) -> Result<(ReviewAppRow, Started), String> {
        let source = new.source.clone();
        let made = self.create_from(new).await;
        if made.is_err() {
            let _ = tokio::fs::remove_file(&source).await;
        }
        made
    }

    async fn create_from(&self, new: NewReviewApp<'_>) -> Result<(ReviewAppRow, Started), String> {
        let base = new
            .config
            .base_name
            .as_deref()
            .unwrap_or(&new.pipeline.name);
        let name = review_app_name(base, new.branch).ok_or_else(|| unnameable(new.branch))?;
        let manifest = read_manifest(&new.source, new.unwrap_single_dir).await?;
        let mut env = new.config.config_vars.clone();
        env.extend(new.environment.clone());
        let host = self.host.clone();
        let check = move |bp: &str| host.check_buildpack(bp);
        let plan = app_json_plan::plan(manifest, &env, None, &check)?;
        self.quotas
            .check_new_app(self.store.apps_owned(new.user).map_err(internal)?)
            .map_err(|e| e.message)?;
        let app = self.new_app(&name, new.user)?;
        match self.set_up(&app, &new, plan).await {
            Ok(made) => Ok(made),
            Err(why) => {
                if let Err(undo) = self.host.remove_app(&app, new.user).await {
                    tracing::error!("cannot remove `{}` after it failed: {undo}", app.name);
                }
                Err(why)
            }
        }
    }

    /// The app under `name`, or the first free numbered name after it.
    fn new_app(&self, name: &str, owner: Uuid) -> Result<AppRow, String> {
        for n in 1..=NAME_TRIES {
            let candidate = match n {
                1 => name.to_string(),
                n => numbered_name(name, n),
            };
            match self.store.create_app(&candidate, owner) {
                Ok(app) => return Ok(app),
                Err(e) if is_unique_violation(&e) => continue,
                Err(e) => return Err(internal(e)),
            }
        }
        Err(format!(
            "no free app name near `{name}` after {NAME_TRIES} tries; destroy old review apps with `tug reviewapps:destroy`"
        ))
    }

    async fn set_up(
        &self,
        app: &AppRow,
        new: &NewReviewApp<'_>,
        plan: Plan,
    ) -> Result<(ReviewAppRow, Started), String> {
        let user = new.user;
        self.store
            .insert_coupling(new.pipeline.id, app.id, "review")
            .map_err(internal)?;
        configure(
            &self.live,
            &self.deployments,
            &self.quotas,
            app,
            user,
            &plan,
        )
        .await
        .map_err(|e| e.to_string())?;
        for spec in &plan.addons {
            self.host.provision_addon(app, user, spec).await?;
        }
        let setup = self
            .store
            .insert_app_setup(&NewAppSetup {
                app_id: app.id,
                account_id: user,
                postdeploy: plan.manifest.postdeploy.clone(),
                pr_predestroy: plan.manifest.pr_predestroy.clone(),
            })
            .map_err(internal)?;
        let row = self
            .store
            .insert_review_app(&store::NewReviewApp {
                pipeline_id: new.pipeline.id,
                app_id: app.id,
                app_name: &app.name,
                branch: new.branch,
                creator_id: user,
                pr_number: new.pr_number,
            })
            .map_err(|e| {
                if is_unique_violation(&e) {
                    format!("`{}` already has a review app being made", new.branch)
                } else {
                    internal(e)
                }
            })?;
        self.store
            .set_review_app_setup(row.id, setup.id)
            .map_err(internal)?;
        let request = self.build_request(
            app,
            user,
            new.source.clone(),
            new.intent.clone(),
            new.unwrap_single_dir,
        );
        let started = self.builds.start(request).await.map_err(not_started)?;
        self.store
            .set_app_setup_build(setup.id, started.build.id)
            .map_err(internal)?;
        let finished = spawn(
            self.live.clone(),
            AfterBuild {
                setup_id: setup.id,
                app: app.clone(),
                formation: plan.formation,
                postdeploy: plan.manifest.postdeploy,
                log: started.log.clone(),
                quotas: self.quotas.clone(),
            },
        );
        self.watch(row.id, Some(finished), started.log.clone());
        let row = self
            .store
            .review_app(row.id)
            .map_err(internal)?
            .unwrap_or(row);
        Ok((row, started))
    }
}
