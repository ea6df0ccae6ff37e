//! The build pipeline every deploy door shares (`git push`, `tug deploy`, `tug up`, the Builds
//! API): verification → source tarball → slug compiler → slug → release, recorded as a
//! deployment at each step. One build per app at a time; output is kept live in memory for
//! streaming and stored with the build when it ends.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use std::time::Duration;

use anyhow::Context;
use tokio::sync::{mpsc, watch};
use uuid::Uuid;

pub use self::cancel::CancelError;
use self::cancel::{Cancelled, Cancels};
pub use self::log::BuildLog;
use self::source::RemoveOnDrop;
pub use self::source::unpack_source;
use super::apply::Live;
use super::deployments::{Deployments, Intent, Refusal};
use super::release::{BuildOutput, Change, release};
use crate::api::{STACK_NAME, Timestamp};
use crate::server::build::{self, CompileOutcome, CompileRequest};
use crate::server::quotas::Quotas;
use crate::server::sandbox::Wall;
use crate::server::store::{AppRow, BuildRow, DeploymentRow, NewBuild, SlugRow, Store};
use crate::sync::lock;

/// What a deploy door hands the pipeline.
pub struct BuildRequest {
    pub app: AppRow,
    pub user_id: Uuid,
    /// A gzipped tarball of the source, owned by the build from here on.
    pub source: PathBuf,
    pub source_url: Option<String>,
    pub version: Option<String>,
    pub version_description: Option<String>,
    pub checksum: Option<String>,
    /// Buildpacks for this build only; `None` uses the app's.
    pub buildpacks: Option<Vec<String>>,
    /// How the app is reached once released (`http://demo.localhost:7780/`).
    pub web_url: String,
    /// Unpack from inside a lone top-level folder (archives made by code hosts have one);
    /// off for `git push`, where a repository may hold just one folder.
    pub unwrap_single_dir: bool,
    /// What the deployment record says, and what it must pass.
    pub intent: Intent,
}

/// A deploy the pipeline took on.
pub struct Started {
    pub build: BuildRow,
    pub log: Arc<BuildLog>,
    pub deployment: DeploymentRow,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("a build of `{0}` is already running; wait for it to finish and try again")]
    Busy(String),
    /// Verification failed; the deployment is recorded as `refused`.
    #[error("deployment refused: {refusal}")]
    Refused {
        deployment: Box<DeploymentRow>,
        refusal: Refusal,
    },
    /// The server is stopping: it finishes the builds it has and starts no more.
    #[error("the server is shutting down: push again once it is back")]
    ShuttingDown,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

#[derive(Clone)]
pub struct Pipeline {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    live: Live,
    deployments: Deployments,
    data_dir: PathBuf,
    running: Mutex<HashMap<Uuid, Uuid>>,
    logs: Mutex<HashMap<Uuid, Arc<BuildLog>>>,
    compile_timeout: Duration,
    max_slug_bytes: u64,
    wall: Wall,
    build_memory: u64,
    /// Limits a release must keep to (process types).
    quotas: Quotas,
    /// Set when the server stops: no build starts after it.
    draining: AtomicBool,
    /// Set when the server can wait no longer: running builds end, failed.
    cancel: watch::Sender<bool>,
    /// Each running build's own stop switch (`DELETE /apps/{app}/builds/{id}`).
    cancels: Cancels,
}

impl Pipeline {
    pub fn new(
        store: Store,
        live: Live,
        deployments: Deployments,
        data_dir: &Path,
        wall: Wall,
        build_memory: u64,
        quotas: Quotas,
    ) -> anyhow::Result<Pipeline> {
        for dir in ["slugs", "cache", "buildpacks", "builds", "sources"] {
            std::fs::create_dir_all(data_dir.join(dir))
                .with_context(|| format!("cannot create `{}`", data_dir.join(dir).display()))?;
        }
        let interrupted = store.fail_interrupted_builds()?;
        if interrupted > 0 {
            tracing::warn!("{interrupted} build(s) were interrupted by the last shutdown");
        }
        // An app setup waits on its build, so one the shutdown interrupted ends with it.
        store.fail_interrupted_setups()?;
        sweep::sweep(&store, data_dir)?;
        Ok(Pipeline {
            inner: Arc::new(Inner {
                store,
                live,
                deployments,
                data_dir: data_dir.to_path_buf(),
                running: Mutex::new(HashMap::new()),
                logs: Mutex::new(HashMap::new()),
                compile_timeout: Duration::from_secs(15 * 60),
                max_slug_bytes: 500 * 1024 * 1024,
                wall,
                build_memory,
                quotas,
                draining: AtomicBool::new(false),
                cancel: watch::channel(false).0,
                cancels: Cancels::default(),
            }),
        })
    }

    /// An app's build cache, kept between its builds.
    pub fn cache_dir(&self, app_id: Uuid) -> PathBuf {
        self.inner.data_dir.join("cache").join(app_id.to_string())
    }

    pub fn slug_path(&self, slug_id: Uuid) -> PathBuf {
        self.inner
            .data_dir
            .join("slugs")
            .join(format!("{slug_id}.tgz"))
    }

    pub fn source_path(&self, source_id: Uuid) -> PathBuf {
        self.inner
            .data_dir
            .join("sources")
            .join(format!("{source_id}.tgz"))
    }

    /// Whether the server is stopping (new builds are refused).
    pub fn draining(&self) -> bool {
        self.inner.draining.load(Ordering::SeqCst)
    }

    fn idle(&self) -> bool {
        lock(&self.inner.running).is_empty()
    }

    /// For a stopping server: refuses new builds, lets the running ones finish within `grace`,
    /// then cancels the rest (each is recorded as failed and its push rejected).
    pub async fn drain(&self, grace: Duration) {
        self.inner.draining.store(true, Ordering::SeqCst);
        let wait = |limit: Duration| async move {
            let deadline = tokio::time::Instant::now() + limit;
            while !self.idle() && tokio::time::Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        };
        if self.idle() {
            return;
        }
        tracing::info!("waiting up to {grace:?} for running builds");
        wait(grace).await;
        if !self.idle() {
            tracing::warn!("cancelling the builds still running");
            self.inner.cancel.send_replace(true);
            wait(Duration::from_secs(10)).await;
        }
    }

    /// Removes an app's files once its records are gone: its slugs (`ids`) and build cache.
    /// Its repository, dynos and log buffer belong to others, which forget it themselves.
    pub fn forget_app(&self, app_id: Uuid, slugs: &[Uuid]) {
        for id in slugs {
            let _ = std::fs::remove_file(self.slug_path(*id));
        }
        let _ = std::fs::remove_dir_all(self.cache_dir(app_id));
    }

    /// A scratch file for an incoming source tarball.
    pub fn scratch_file(&self) -> PathBuf {
        self.inner
            .data_dir
            .join("builds")
            .join(format!("{}.tgz", Uuid::new_v4()))
    }

    /// Stops a running build on behalf of `by` (an email); it ends failed, without a release.
    pub fn cancel(&self, build_id: Uuid, by: &str) -> Result<Option<Arc<BuildLog>>, CancelError> {
        self.inner.cancels.cancel(build_id, by)?;
        Ok(self.log(build_id))
    }

    /// The live log of a running build.
    pub fn log(&self, build_id: Uuid) -> Option<Arc<BuildLog>> {
        lock(&self.inner.logs).get(&build_id).cloned()
    }

    /// Records the deployment, verifies it, then records a build and starts it in the
    /// background. Refuses (and records why) when a check fails or the app has a build running.
    pub async fn start(&self, req: BuildRequest) -> Result<Started, StartError> {
        let deployments = &self.inner.deployments;
        let deployment = deployments.create(
            &req.app,
            req.user_id,
            &req.intent,
            "waiting",
            Some("verifying"),
        )?;
        if let Err(refusal) = self.verify(&req).await {
            return Err(self.refuse(&req, &deployment, refusal));
        }
        let (row, buildpacks) = self.record_build(&req, &deployment)?;
        deployments.link(deployment.id, Some(row.id), None);
        deployments.set_state(deployment.id, "queued", None, req.user_id);
        self.inner.live.webhooks.build("create", &row);
        let log = BuildLog::new();
        lock(&self.inner.logs).insert(row.id, log.clone());
        self.spawn_build(row.clone(), req, buildpacks, log.clone(), deployment.id);
        let deployment = self
            .inner
            .store
            .deployment_by_id(deployment.id)
            .map_err(anyhow::Error::from)?
            .unwrap_or(deployment);
        Ok(Started {
            build: row,
            log,
            deployment,
        })
    }

    /// The deploy's checks (`tug deploy`'s expected commit, the app's required checks...).
    async fn verify(&self, req: &BuildRequest) -> Result<(), Refusal> {
        let verified = self
            .inner
            .deployments
            .verify_source(&req.app, &req.intent, &req.source, req.unwrap_single_dir)
            .await;
        verified.unwrap_or_else(|e| {
            Err(Refusal::Other(format!(
                "the deploy could not be verified: {e:#}"
            )))
        })
    }

    /// Records the deployment as refused and why, and drops its source.
    fn refuse(
        &self,
        req: &BuildRequest,
        deployment: &DeploymentRow,
        refusal: Refusal,
    ) -> StartError {
        let _ = std::fs::remove_file(&req.source);
        self.inner.deployments.set_state(
            deployment.id,
            "refused",
            Some(&refusal.to_string()),
            req.user_id,
        );
        let deployment = self
            .inner
            .store
            .deployment_by_id(deployment.id)
            .ok()
            .flatten()
            .unwrap_or_else(|| deployment.clone());
        StartError::Refused {
            deployment: Box::new(deployment),
            refusal,
        }
    }

    /// Takes the app's one build slot and records the build, with the buildpacks it runs.
    /// Refused while the server is stopping or the app has a build running.
    fn record_build(
        &self,
        req: &BuildRequest,
        deployment: &DeploymentRow,
    ) -> Result<(BuildRow, Vec<String>), StartError> {
        let mut running = lock(&self.inner.running);
        // Checked under the lock that `drain` reads `running` with, so no build slips past it.
        if self.inner.draining.load(Ordering::SeqCst) {
            return Err(StartError::ShuttingDown);
        }
        if running.contains_key(&req.app.id) {
            drop(running);
            let _ = self.refuse(
                req,
                deployment,
                Refusal::Other(format!("a build of `{}` is already running", req.app.name)),
            );
            return Err(StartError::Busy(req.app.name.clone()));
        }
        let buildpacks = match &req.buildpacks {
            Some(b) => b.clone(),
            None => self
                .inner
                .store
                .buildpacks(req.app.id)
                .map_err(anyhow::Error::from)?,
        };
        let row = self
            .inner
            .store
            .insert_build(&NewBuild {
                app_id: req.app.id,
                user_id: req.user_id,
                // Kept and shown to every collaborator (and in `api:build` webhooks).
                source_url: req
                    .source_url
                    .as_deref()
                    .map(crate::server::outbound::redact),
                source_version: req.version.clone(),
                source_checksum: req.checksum.clone(),
                source_description: req.version_description.clone(),
                buildpacks: buildpacks.clone(),
                stream_secret: crate::server::auth::new_token()?,
            })
            .map_err(anyhow::Error::from)?;
        running.insert(req.app.id, row.id);
        Ok((row, buildpacks))
    }

    /// Runs the build in the background until it ends or the server can wait no longer.
    fn spawn_build(
        &self,
        build: BuildRow,
        req: BuildRequest,
        buildpacks: Vec<String>,
        log: Arc<BuildLog>,
        deployment: Uuid,
    ) {
        let this = self.clone();
        let mut cancel = self.inner.cancel.subscribe();
        let mut stop = self.inner.cancels.register(build.id);
        tokio::spawn(async move {
            let user = req.user_id;
            // Dropping the build's future kills its processes and removes its scratch.
            let outcome = tokio::select! {
                outcome = this.run(&build, req, buildpacks, &log, deployment) => outcome,
                _ = cancel.wait_for(|c| *c) => Err(anyhow::anyhow!(
                    "the server is shutting down and could not wait for it to finish"
                )),
                by = stop.wait_for(Option::is_some) => Err(Cancelled {
                    by: by.map(|b| b.clone().unwrap_or_default()).unwrap_or_default(),
                }.into()),
            };
            this.settle(&build, outcome, &log, deployment, user);
        });
    }

    /// The build itself: unpack, compile, store the slug, release it.
    async fn run(
        &self,
        build: &BuildRow,
        req: BuildRequest,
        buildpacks: Vec<String>,
        log: &Arc<BuildLog>,
        deployment: Uuid,
    ) -> anyhow::Result<Settled> {
        self.inner
            .deployments
            .set_state(deployment, "building", None, req.user_id);
        let work = self
            .inner
            .data_dir
            .join("builds")
            .join(build.id.to_string());
        let _cleanup = RemoveOnDrop(vec![work.clone(), req.source.clone()]);
        let src = work.join("src");
        std::fs::create_dir_all(&src)?;
        let source = req.source.clone();
        let unwrap = req.unwrap_single_dir;
        tokio::task::spawn_blocking(move || unpack_source(&source, &src, unwrap))
            .await
            .context("source unpacking stopped")??;
        let outcome = match self.compile(&req, &work, buildpacks, log).await? {
            Ok(outcome) => outcome,
            Err(failed) => return Ok(failed),
        };
        // From here the release path runs to its end: a stop asked for now is refused.
        if !self.inner.cancels.begin_release(build.id) {
            std::future::pending::<()>().await;
        }
        let slug_id = self.store_slug(&req, &outcome, &work.join("slug.tgz"))?;
        self.release_slug(&req, outcome.buildpacks, slug_id, log, deployment)
            .await
    }

    /// Compiles `work/src` into `work/slug.tgz`, the output going to the build's log and the
    /// app's. A failed compile, or a slug over the quotas, is the build's failure.
    async fn compile(
        &self,
        req: &BuildRequest,
        work: &Path,
        buildpacks: Vec<String>,
        log: &Arc<BuildLog>,
    ) -> anyhow::Result<Result<CompileOutcome, Settled>> {
        let config = self.inner.store.config(req.app.id)?;
        let (tx, rx) = mpsc::unbounded_channel::<String>();
        let forward = self.forward_output(req.app.id, rx, log.clone());
        let compiled = build::compile(
            CompileRequest {
                source_dir: work.join("src"),
                buildpacks,
                config,
                source_version: req.version.clone(),
                stack: STACK_NAME.to_string(),
                cache_dir: self.cache_dir(req.app.id),
                buildpack_cache: self.inner.data_dir.join("buildpacks"),
                work_dir: work.join("scratch"),
                slug_path: work.join("slug.tgz"),
                compile_timeout: self.inner.compile_timeout,
                max_slug_bytes: self.inner.max_slug_bytes,
                sandbox: self.inner.wall.enabled().then(|| build::BuildSandbox {
                    wall: self.inner.wall.clone(),
                    app: req.app.id,
                    memory: self.inner.build_memory,
                }),
            },
            tx,
        )
        .await;
        let _ = forward.await;
        let outcome = match compiled {
            Ok(o) => o,
            Err(e) => {
                log.push(format!(" !     {e}"));
                let e = crate::server::outbound::redact(&e.to_string());
                return Ok(Err(Settled::failed(
                    vec![],
                    format!("the build failed: {e}"),
                )));
            }
        };
        if let Err(why) = self
            .inner
            .quotas
            .check_process_types(outcome.process_types.len())
        {
            log.push(format!(" !     {why}"));
            return Ok(Err(Settled::failed(
                vec![],
                format!("the build failed: {why}"),
            )));
        }
        Ok(Ok(outcome))
    }

    /// Passes the compiler's lines to the build's log and, as the platform's `build` lines,
    /// to the app's.
    fn forward_output(
        &self,
        app_id: Uuid,
        mut lines: mpsc::UnboundedReceiver<String>,
        log: Arc<BuildLog>,
    ) -> tokio::task::JoinHandle<()> {
        let hub = self.inner.live.logs.clone();
        tokio::spawn(async move {
            while let Some(line) = lines.recv().await {
                // The app's log takes finished lines only; the build's shows the rest live.
                if let Some(so_far) = crate::server::build::unfinished(&line) {
                    log.push_unfinished(so_far);
                    continue;
                }
                hub.emit(
                    app_id,
                    "heroku",
                    "build",
                    &crate::server::outbound::redact(&line),
                );
                log.push(line);
            }
        })
    }

    /// Moves the compiled slug among the app's slugs and records it.
    fn store_slug(
        &self,
        req: &BuildRequest,
        outcome: &CompileOutcome,
        slug_file: &Path,
    ) -> anyhow::Result<Uuid> {
        let slug_id = Uuid::new_v4();
        let stored = self.slug_path(slug_id);
        std::fs::rename(slug_file, &stored).context("cannot store the slug")?;
        // Until its row exists nothing refers to the file (the app may be gone by now).
        let unrecorded = RemoveOnDrop(vec![stored]);
        let now = Timestamp::now().0;
        self.inner.store.insert_slug(&SlugRow {
            id: slug_id,
            app_id: req.app.id,
            process_types: outcome.process_types.clone(),
            commit: req.version.clone(),
            commit_description: req.version_description.clone(),
            checksum: Some(outcome.checksum.clone()),
            size: i64::try_from(outcome.size).ok(),
            buildpack_provided_description: outcome.buildpack_description.clone(),
            created_at: now,
            updated_at: now,
        })?;
        unrecorded.keep();
        Ok(slug_id)
    }

    /// Releases the new slug through the one release path, and says how it went.
    async fn release_slug(
        &self,
        req: &BuildRequest,
        buildpacks: Vec<String>,
        slug_id: Uuid,
        log: &Arc<BuildLog>,
        deployment: Uuid,
    ) -> anyhow::Result<Settled> {
        let output: BuildOutput = {
            let log = log.clone();
            Arc::new(move |line| log.push(line))
        };
        // Said before the release waits for the new dynos, so the pusher knows what it waits
        // for; the finished line (`done, v3`) is drawn over it.
        log.push_unfinished("-----> Launching...");
        let change = Change::Build {
            slug_id,
            version: req.version.clone(),
            deployment,
            output,
        };
        let released = release(
            &self.inner.live,
            &self.inner.deployments,
            &req.app,
            req.user_id,
            change,
        )
        .await
        .map_err(anyhow::Error::from)?;
        let release = released.release;
        if let Some(summary) = released.failed {
            return Ok(Settled {
                ok: false,
                buildpacks,
                slug: Some(slug_id),
                release: Some(release.id),
                summary,
            });
        }
        log.push(format!("-----> Launching... done, v{}", release.version));
        log.push(format!("       {} deployed to tug", req.web_url));
        Ok(Settled {
            ok: true,
            buildpacks,
            slug: Some(slug_id),
            release: Some(release.id),
            summary: format!("v{} released", release.version),
        })
    }

    fn settle(
        &self,
        build: &BuildRow,
        outcome: anyhow::Result<Settled>,
        log: &Arc<BuildLog>,
        deployment: Uuid,
        user: Uuid,
    ) {
        self.inner.cancels.forget(build.id);
        let (settled, cancelled) = match outcome.map_err(|e| e.downcast::<Cancelled>()) {
            Ok(settled) => (settled, None),
            Err(Ok(c)) => (Settled::failed(vec![], c.to_string()), Some(c)),
            Err(Err(e)) => {
                tracing::error!("build {} failed: {e:#}", build.id);
                log.push(format!(" !     build failed: {e:#}"));
                let summary = format!("the build failed: {e:#}");
                (Settled::failed(vec![], summary), None)
            }
        };
        match cancelled {
            Some(c) => log.push(format!(" !     Push rejected: {c}.")),
            None if !settled.ok => log.push(" !     Push rejected: the build failed.".to_string()),
            None => {}
        }
        let status = if settled.ok { "succeeded" } else { "failed" };
        let buildpacks = if settled.buildpacks.is_empty() {
            build.buildpacks.clone()
        } else {
            settled.buildpacks
        };
        if let Err(e) = self.inner.store.finish_build(
            build.id,
            status,
            &log.text(),
            &buildpacks,
            settled.slug,
            settled.release,
        ) {
            tracing::error!("cannot record the end of build {}: {e}", build.id);
        }
        self.inner
            .deployments
            .set_state(deployment, status, Some(&settled.summary), user);
        self.inner
            .live
            .webhooks
            .build_finished(build.id, settled.release);
        log.finish(settled.ok);
        lock(&self.inner.running).remove(&build.app_id);
        // Late readers find the stored output; keep the live log a little for those streaming.
        let this = self.clone();
        let id = build.id;
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(60)).await;
            lock(&this.inner.logs).remove(&id);
        });
    }
}

struct Settled {
    ok: bool,
    buildpacks: Vec<String>,
    slug: Option<Uuid>,
    release: Option<Uuid>,
    /// What the deployment's final state says.
    summary: String,
}

impl Settled {
    fn failed(buildpacks: Vec<String>, summary: String) -> Settled {
        Settled {
            ok: false,
            buildpacks,
            slug: None,
            release: None,
            summary,
        }
    }
}

mod cancel;
mod log;
#[cfg(test)]
pub(crate) mod props;
mod source;
mod sweep;
