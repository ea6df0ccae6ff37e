//! Deployment records and the checks a deploy must pass. Every deploy door (push, `tug deploy`,
//! `tug up`, the Builds API, rollbacks and slug releases) records a deployment here and moves it
//! through its states; the verification (deploy lock, required commit statuses) lives here too,
//! so no door can skip it.

use std::io::Read;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::api::DeployLock;
use crate::api::commit_status::required_states;
use crate::deploy_file::{self, DeployFile};
use crate::server::logs::LogHub;
use crate::server::present;
use crate::server::store::{AppRow, DeploymentRow, NewDeployment, Store};
use crate::server::webhooks::Webhooks;

/// What a door knows about the deploy it asks for.
#[derive(Debug, Clone, Default)]
pub struct Intent {
    /// `push`, `deploy`, `up`, `rollback`, `build` or `release`.
    pub trigger: String,
    pub environment: Option<String>,
    pub git_ref: Option<String>,
    /// The full commit id, when the deploy has one.
    pub sha: Option<String>,
    pub description: Option<String>,
    /// Statuses the caller requires on top of the source's deploy.yml.
    pub required_contexts: Vec<String>,
}

impl Intent {
    /// A build of an uploaded source: its `version` is the ref (and the commit, when it is
    /// one), `description` what the deployment says.
    pub fn build(blob: &crate::api::SourceBlob, description: Option<String>) -> Intent {
        Intent {
            trigger: "build".into(),
            sha: blob
                .version
                .as_deref()
                .and_then(crate::api::commit_status::full_sha),
            git_ref: blob.version.clone(),
            description,
            ..Intent::default()
        }
    }
}

/// Why a deploy was refused. The message is what the deployer reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Locked(DeployLock),
    /// Each required context that is not `success`, with what it is instead.
    Checks(Vec<(String, String)>),
    Other(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Locked(lock) => write!(f, "`{}` is {}", lock.app.name, lock.describe()),
            Refusal::Checks(failing) => {
                let n = failing.len();
                let list: Vec<String> = failing.iter().map(|(c, s)| format!("{c}: {s}")).collect();
                write!(
                    f,
                    "{n} required check{} not successful ({})",
                    if n == 1 { " is" } else { "s are" },
                    list.join(", ")
                )
            }
            Refusal::Other(why) => f.write_str(why),
        }
    }
}

/// Deployment records: created by every door, moved through their states here, and
/// published to the app's `api:deployment` webhooks at each step. Each step also writes one
/// `app[api]` line, so whoever follows the app's log (the dashboard among them) sees it move.
#[derive(Clone)]
pub struct Deployments {
    store: Store,
    webhooks: Webhooks,
    logs: LogHub,
}

impl Deployments {
    pub fn new(store: Store, webhooks: Webhooks, logs: LogHub) -> anyhow::Result<Deployments> {
        let interrupted = store.fail_interrupted_deployments()?;
        if interrupted > 0 {
            tracing::warn!("{interrupted} deployment(s) were interrupted by the last shutdown");
        }
        let promotions = store.fail_interrupted_promotions()?;
        if promotions > 0 {
            tracing::warn!(
                "{promotions} promotion target(s) were interrupted by the last shutdown"
            );
        }
        Ok(Deployments {
            store,
            webhooks,
            logs,
        })
    }

    pub fn create(
        &self,
        app: &AppRow,
        user_id: Uuid,
        intent: &Intent,
        state: &str,
        description: Option<&str>,
    ) -> anyhow::Result<DeploymentRow> {
        let row = self.store.insert_deployment(&NewDeployment {
            app_id: app.id,
            environment: intent.environment.clone(),
            git_ref: intent.git_ref.clone(),
            sha: intent.sha.clone(),
            description: intent.description.clone(),
            trigger: intent.trigger.clone(),
            user_id,
            state: state.to_string(),
            state_description: description.map(str::to_string),
        })?;
        self.log_state(&row, state);
        self.webhooks
            .deployment(row.app_id, "create", None, || Some(row.clone()));
        Ok(row)
    }

    /// Moves a deployment on; a failure to record it is logged, never fatal to the deploy.
    pub fn set_state(&self, id: Uuid, state: &str, description: Option<&str>, actor: Uuid) {
        match self
            .store
            .add_deployment_status(id, state, description, actor)
        {
            Ok(Some((app_id, previous))) => {
                let row = self.store.deployment_by_id(id).ok().flatten();
                if let Some(row) = &row {
                    self.log_state(row, state);
                }
                self.webhooks
                    .deployment(app_id, "update", Some(&previous), || row);
            }
            Ok(None) => {}
            Err(e) => tracing::error!("cannot record deployment {id} as {state}: {e}"),
        }
    }

    /// `Deployment 12 to production: in_progress` in the app's log.
    fn log_state(&self, row: &DeploymentRow, state: &str) {
        let to = match &row.environment {
            Some(env) => format!(" to {env}"),
            None => String::new(),
        };
        let line = format!("Deployment {}{to}: {state}", row.number);
        self.logs.emit(row.app_id, "app", "api", &line);
    }

    pub fn link(&self, id: Uuid, build: Option<Uuid>, release: Option<Uuid>) {
        if let Err(e) = self.store.link_deployment(id, build, release) {
            tracing::error!("cannot link deployment {id}: {e}");
        }
    }

    /// Refused when the app's deploys are locked.
    pub fn check_lock(&self, app: &AppRow) -> anyhow::Result<Result<(), Refusal>> {
        Ok(match self.store.deploy_lock(app.id)? {
            Some(lock) => Err(Refusal::Locked(present::deploy_lock(&lock))),
            None => Ok(()),
        })
    }

    /// Refused unless every required context's latest status for the commit is `success`.
    pub fn check_statuses(
        &self,
        app: &AppRow,
        sha: Option<&str>,
        required: &[String],
    ) -> anyhow::Result<Result<(), Refusal>> {
        if required.is_empty() {
            return Ok(Ok(()));
        }
        let Some(sha) = sha else {
            return Ok(Err(Refusal::Other(format!(
                "the required checks ({}) are about a commit, and this deploy names none",
                required.join(", ")
            ))));
        };
        let latest = self.store.latest_commit_statuses(app.id, sha)?;
        let latest: Vec<(&str, &str)> = latest
            .iter()
            .map(|s| (s.context.as_str(), s.state.as_str()))
            .collect();
        let failing: Vec<(String, String)> = required_states(required, &latest)
            .into_iter()
            .filter(|(_, state)| *state != "success")
            .map(|(ctx, state)| (ctx.to_string(), state.to_string()))
            .collect();
        Ok(if failing.is_empty() {
            Ok(())
        } else {
            Err(Refusal::Checks(failing))
        })
    }

    /// Every check a source deploy must pass: the lock, then the statuses the request and the
    /// source's own deploy.yml require.
    pub async fn verify_source(
        &self,
        app: &AppRow,
        intent: &Intent,
        source: &Path,
        unwrap_single_dir: bool,
    ) -> anyhow::Result<Result<(), Refusal>> {
        if let Err(refusal) = self.check_lock(app)? {
            return Ok(Err(refusal));
        }
        let path = source.to_path_buf();
        // An archive that cannot be read has no rules to apply; its build fails on unpacking,
        // with the better message.
        let text = tokio::task::spawn_blocking(move || deploy_file_in(&path, unwrap_single_dir))
            .await?
            .unwrap_or_else(|e| {
                tracing::debug!("no deploy.yml read from the source: {e:#}");
                None
            });
        let mut required = intent.required_contexts.clone();
        if let Some(text) = text {
            let file: DeployFile = match deploy_file::parse(&text) {
                Ok(Some(f)) => f,
                Ok(None) => DeployFile::default(),
                Err(e) => {
                    return Ok(Err(Refusal::Other(format!(
                        "the source's `{}` is not valid, so its checks cannot be applied: {e}",
                        deploy_file::FILE_NAME
                    ))));
                }
            };
            if let Some(env) = intent.environment.as_deref().and_then(|n| file.env(n))
                && env.app != app.name
            {
                return Ok(Err(Refusal::Other(format!(
                    "`{}` line {} deploys environment `{}` to `{}`, not `{}`",
                    deploy_file::FILE_NAME,
                    env.app_line,
                    env.name,
                    env.app,
                    app.name
                ))));
            }
            for ctx in file.required_contexts(&app.name, intent.environment.as_deref()) {
                if !required.contains(&ctx) {
                    required.push(ctx);
                }
            }
        }
        self.check_statuses(app, intent.sha.as_deref(), &required)
    }
}

/// deploy.yml at the root of a gzipped source tarball (or inside its lone top-level folder when
/// the tarball is unwrapped that way), if there is one.
pub fn deploy_file_in(tarball: &Path, unwrap_single_dir: bool) -> anyhow::Result<Option<String>> {
    root_file_in(
        tarball,
        unwrap_single_dir,
        deploy_file::FILE_NAME,
        deploy_file::MAX_BYTES,
    )
}

/// The text of the file `name` at the root of a gzipped source tarball (or inside its lone
/// top-level folder when the tarball is unwrapped that way), if there is one; at most
/// `max_bytes` of it are read.
pub fn root_file_in(
    tarball: &Path,
    unwrap_single_dir: bool,
    name: &str,
    max_bytes: usize,
) -> anyhow::Result<Option<String>> {
    let file = std::fs::File::open(tarball)?;
    let mut archive = tar::Archive::new(crate::server::gunzip::gunzip(
        file,
        crate::server::gunzip::TARBALL_LIMIT,
    ));
    let mut top: Option<PathBuf> = None;
    let mut single_top = true;
    let mut nested: Option<String> = None;
    for entry in archive.entries()? {
        let mut entry = entry?;
        let path: PathBuf = entry
            .path()?
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        let mut parts = path.components();
        let Some(first) = parts.next() else { continue };
        let first = PathBuf::from(first.as_os_str());
        let rest: PathBuf = parts.collect();
        match &top {
            None => top = Some(first.clone()),
            Some(t) if *t != first => single_top = false,
            Some(_) => {}
        }
        let is_file = entry.header().entry_type().is_file();
        if path == Path::new(name) && is_file {
            return read_capped(&mut entry, name, max_bytes).map(Some);
        }
        if unwrap_single_dir && is_file && nested.is_none() && rest == Path::new(name) {
            nested = Some(read_capped(&mut entry, name, max_bytes)?);
        }
    }
    Ok(if unwrap_single_dir && single_top {
        nested
    } else {
        None
    })
}

/// Reads one byte past the cap, so that the file's parser can say it is too big.
fn read_capped(entry: &mut impl Read, name: &str, max_bytes: usize) -> anyhow::Result<String> {
    let mut text = String::new();
    entry
        .take(max_bytes as u64 + 1)
        .read_to_string(&mut text)
        .map_err(|_| anyhow::anyhow!("`{name}` is not UTF-8 text"))?;
    Ok(text)
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn tarball(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
        let path = dir.join(format!("{}.tgz", Uuid::new_v4()));
        let gz = flate2::write::GzEncoder::new(
            std::fs::File::create(&path).unwrap(),
            flate2::Compression::fast(),
        );
        let mut tar = tar::Builder::new(gz);
        for (name, body) in files {
            let mut header = tar::Header::new_gnu();
            header.set_size(body.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            tar.append_data(&mut header, name, body.as_bytes()).unwrap();
        }
        tar.into_inner().unwrap().finish().unwrap();
        path
    }

    #[test]
    fn finds_deploy_yml_at_the_root_or_in_a_lone_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = tarball(dir.path(), &[("app.py", "x"), ("deploy.yml", "envs: []\n")]);
        assert_eq!(
            deploy_file_in(&root, false).unwrap().as_deref(),
            Some("envs: []\n")
        );
        let dotted = tarball(dir.path(), &[("./deploy.yml", "a\n")]);
        assert_eq!(
            deploy_file_in(&dotted, false).unwrap().as_deref(),
            Some("a\n")
        );
        let wrapped = tarball(
            dir.path(),
            &[("repo-1/app.py", "x"), ("repo-1/deploy.yml", "b\n")],
        );
        assert_eq!(
            deploy_file_in(&wrapped, true).unwrap().as_deref(),
            Some("b\n")
        );
        assert_eq!(deploy_file_in(&wrapped, false).unwrap(), None);
        let two = tarball(dir.path(), &[("a/deploy.yml", "c\n"), ("b/x", "y")]);
        assert_eq!(deploy_file_in(&two, true).unwrap(), None);
        let none = tarball(dir.path(), &[("app.py", "x")]);
        assert_eq!(deploy_file_in(&none, true).unwrap(), None);
    }

    #[test]
    fn refusals_read_well() {
        let one = Refusal::Checks(vec![("ci/test".into(), "pending".into())]);
        assert_eq!(
            one.to_string(),
            "1 required check is not successful (ci/test: pending)"
        );
        let two = Refusal::Checks(vec![
            ("ci/test".into(), "failure".into()),
            ("ci/lint".into(), "missing".into()),
        ]);
        assert!(
            two.to_string()
                .starts_with("2 required checks are not successful")
        );
    }
}
