//! What makes a release live: the store's view of an app (its current release, slug and
//! formation) turned into what the runtime runs. New releases reach it through
//! `release::release`; scaling and a server start call it directly.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;
use uuid::Uuid;

use crate::api::Timestamp;
use crate::api::feature::AppSwitches;
use crate::server::logs::LogHub;
use crate::server::runtime::{FormationSpec, ReleaseSpec, Runtime, RuntimeError};
use crate::server::store::{AppRow, FeatureOwner, ReleaseRow, SlugRow, Store};
use crate::server::webhooks::Webhooks;

#[derive(Clone)]
pub struct Live {
    pub store: Store,
    pub runtime: Runtime,
    pub logs: LogHub,
    /// Where the doors publish what they changed, for the app's webhooks.
    pub webhooks: Webhooks,
    /// Release commands' output, for `releases:output`.
    pub release_outputs: super::release_output::ReleaseOutputs,
    slugs: PathBuf,
    /// Apps with an apply running, and who waits for the round after it.
    rounds: Arc<Mutex<HashMap<Uuid, Vec<Waiter>>>>,
}

/// Told how the round of applies it waited for ended.
type Waiter = oneshot::Sender<Result<(), String>>;

impl Live {
    pub fn new(
        store: Store,
        runtime: Runtime,
        logs: LogHub,
        webhooks: Webhooks,
        data_dir: &std::path::Path,
    ) -> Live {
        Live {
            store,
            runtime,
            logs,
            webhooks,
            release_outputs: Default::default(),
            slugs: data_dir.join("slugs"),
            rounds: Arc::default(),
        }
    }

    /// The runtime's view of a release; `None` for a release without a slug (nothing to run).
    pub fn spec(&self, app: &AppRow, release: &ReleaseRow) -> anyhow::Result<Option<ReleaseSpec>> {
        let Some(slug_id) = release.slug_id else {
            return Ok(None);
        };
        let Some(slug) = self.store.slug(app.id, slug_id)? else {
            return Ok(None);
        };
        let set = self.store.features(FeatureOwner::App(app.id))?;
        let switches = AppSwitches::from_enabled(|name| {
            set.iter().find(|f| f.name == name).map(|f| f.enabled)
        });
        let mut config = release.config.clone();
        if switches.dyno_metadata {
            // The dyno's own id, HEROKU_DYNO_ID, is added where each dyno starts.
            config.extend(dyno_metadata(app, release, &slug));
        }
        Ok(Some(ReleaseSpec {
            app_id: app.id,
            app_name: app.name.clone(),
            version: release.version,
            slug_id,
            slug_path: self.slugs.join(format!("{slug_id}.tgz")),
            config,
            process_types: slug.process_types,
            switches,
        }))
    }

    pub fn formation(&self, app_id: Uuid) -> anyhow::Result<Vec<FormationSpec>> {
        Ok(self
            .store
            .formations(app_id)?
            .into_iter()
            .map(|f| FormationSpec {
                kind: f.kind,
                quantity: u32::try_from(f.quantity).unwrap_or(0),
                size: f.size,
            })
            .collect())
    }

    /// Runs the app's current release with its formation; returns when web dynos are up.
    ///
    /// Applies of one app run one at a time, and every call made while one runs is answered
    /// by a single next round, which reads the store afresh and so includes all their changes:
    /// a burst of a thousand config changes restarts the dynos twice, not a thousand times,
    /// and leaves the machine to other apps.
    pub async fn apply(&self, app_id: Uuid) -> anyhow::Result<()> {
        let (tx, rx) = oneshot::channel();
        let first = {
            let mut rounds = crate::sync::lock(&self.rounds);
            match rounds.get_mut(&app_id) {
                Some(next) => {
                    next.push(tx);
                    None
                }
                None => {
                    rounds.insert(app_id, Vec::new());
                    Some(tx)
                }
            }
        };
        if let Some(tx) = first {
            let this = self.clone();
            tokio::spawn(async move { this.run_rounds(app_id, vec![tx]).await });
        }
        match rx.await {
            Ok(outcome) => outcome.map_err(anyhow::Error::msg),
            Err(_) => anyhow::bail!("the apply of app {app_id} was abandoned"),
        }
    }

    /// Applies until no one waits for another round.
    async fn run_rounds(&self, app_id: Uuid, mut waiters: Vec<Waiter>) {
        // Should a round panic, the app must not stay marked as applying forever: its waiters
        // are dropped (they see the apply abandoned) and the next call starts afresh.
        struct Unmark<'a>(&'a Mutex<HashMap<Uuid, Vec<Waiter>>>, Uuid, bool);
        impl Drop for Unmark<'_> {
            fn drop(&mut self) {
                if !self.2 {
                    crate::sync::lock(self.0).remove(&self.1);
                }
            }
        }
        let mut unmark = Unmark(&self.rounds, app_id, false);
        loop {
            let outcome = self.apply_now(app_id).await.map_err(|e| format!("{e:#}"));
            for waiter in waiters {
                let _ = waiter.send(outcome.clone());
            }
            let mut rounds = crate::sync::lock(&self.rounds);
            waiters = rounds
                .get_mut(&app_id)
                .map(std::mem::take)
                .unwrap_or_default();
            if waiters.is_empty() {
                rounds.remove(&app_id);
                unmark.2 = true;
                return;
            }
        }
    }

    async fn apply_now(&self, app_id: Uuid) -> anyhow::Result<()> {
        let Some(app) = self.store.reload_app(app_id)? else {
            return Ok(());
        };
        let Some(release) = self.store.current_release(app_id)? else {
            return Ok(());
        };
        let Some(spec) = self.spec(&app, &release)? else {
            return Ok(());
        };
        let formation = self.formation(app_id)?;
        self.runtime.deploy(spec, formation).await?;
        Ok(())
    }

    /// `apply` in the background, for changes whose API call should not wait for dynos.
    pub fn apply_soon(&self, app_id: Uuid) {
        let this = self.clone();
        tokio::spawn(async move {
            if let Err(e) = this.apply(app_id).await {
                tracing::warn!("could not run the current release of app {app_id}: {e:#}");
            }
        });
    }

    /// A formation change: start or stop dynos of the running release to match.
    pub async fn scale(&self, app_id: Uuid) -> anyhow::Result<()> {
        match self.runtime.scale(app_id, self.formation(app_id)?).await {
            Ok(()) | Err(RuntimeError::NotDeployed) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// After a restart of the server: every app back to its formation.
    pub fn restore_all(&self) {
        let apps = match self.store.all_apps() {
            Ok(a) => a,
            Err(e) => {
                tracing::error!("cannot list apps to restore their dynos: {e}");
                return;
            }
        };
        for app in apps {
            self.apply_soon(app.id);
        }
    }

    /// A line in the app's log from the platform's API.
    pub fn api_log(&self, app_id: Uuid, message: &str) {
        self.logs.emit(app_id, "app", "api", message);
    }
}

/// What `runtime-dyno-metadata` sets, as Heroku names it; a config var of the same name wins.
fn dyno_metadata(
    app: &AppRow,
    release: &ReleaseRow,
    slug: &SlugRow,
) -> impl Iterator<Item = (String, String)> + use<> {
    let vars = [
        ("HEROKU_APP_ID", Some(app.id.to_string())),
        ("HEROKU_APP_NAME", Some(app.name.clone())),
        (
            "HEROKU_RELEASE_VERSION",
            Some(format!("v{}", release.version)),
        ),
        (
            "HEROKU_RELEASE_CREATED_AT",
            Some(Timestamp(release.created_at).to_rfc3339()),
        ),
        ("HEROKU_SLUG_COMMIT", slug.commit.clone()),
        (
            "HEROKU_SLUG_DESCRIPTION",
            // Heroku's words for a slug from a push: `Deploy 2c3a0b2`.
            slug.commit_description.clone().or_else(|| {
                let commit = slug.commit.as_deref()?;
                Some(format!("Deploy {}", commit.get(..7).unwrap_or(commit)))
            }),
        ),
    ];
    let config = release.config.clone();
    vars.into_iter().filter_map(move |(name, value)| {
        let value = value?;
        (!config.contains_key(name)).then(|| (name.to_owned(), value))
    })
}
