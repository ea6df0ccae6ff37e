//! Releases, deployments, and what gates them: commit statuses and deploy locks.

use reqwest::Method;

use super::{Client, ClientError};
use crate::api::{
    CommitStatus, CommitStatusCreate, ConfigVars, DeployLock, DeployLockCreate, Deployment,
    DeploymentCreate, DeploymentStatusCreate, Range, Release, ReleaseCreate, paths,
};

impl Client {
    // ---- releases -----------------------------------------------------------------------------

    /// The newest `max` releases, newest first.
    pub async fn releases(&self, app: &str, max: usize) -> Result<Vec<Release>, ClientError> {
        let range = Range::new("version").with_max(max).desc();
        self.list(&paths::app_releases(app), Some(&range), false)
            .await
    }

    pub async fn latest_release(&self, app: &str) -> Result<Option<Release>, ClientError> {
        Ok(self.releases(app, 1).await?.into_iter().next())
    }

    /// By id or version number.
    pub async fn release(&self, app: &str, release: &str) -> Result<Release, ClientError> {
        self.get(&paths::app_release(app, release)).await
    }

    pub async fn release_config_vars(
        &self,
        app: &str,
        release: &str,
    ) -> Result<ConfigVars, ClientError> {
        self.get(&paths::app_release_config_vars(app, release))
            .await
    }

    pub async fn create_release(
        &self,
        app: &str,
        body: &ReleaseCreate,
    ) -> Result<Release, ClientError> {
        self.with_body(Method::POST, &paths::app_releases(app), body)
            .await
    }

    // ---- deployments, commit statuses, deploy locks --------------------------------------------

    /// The newest `max` deployments, newest first.
    pub async fn deployments(&self, app: &str, max: usize) -> Result<Vec<Deployment>, ClientError> {
        let range = Range::new("number").with_max(max).desc();
        self.list(&paths::app_deployments(app), Some(&range), false)
            .await
    }

    /// By id or number.
    pub async fn deployment(&self, app: &str, id: &str) -> Result<Deployment, ClientError> {
        self.get(&paths::app_deployment(app, id)).await
    }

    pub async fn create_deployment(
        &self,
        app: &str,
        body: &DeploymentCreate,
    ) -> Result<Deployment, ClientError> {
        self.with_body(Method::POST, &paths::app_deployments(app), body)
            .await
    }

    pub async fn add_deployment_status(
        &self,
        app: &str,
        id: &str,
        body: &DeploymentStatusCreate,
    ) -> Result<Deployment, ClientError> {
        self.with_body(Method::POST, &paths::app_deployment_statuses(app, id), body)
            .await
    }

    /// Every status of a commit, oldest first.
    pub async fn commit_statuses(
        &self,
        app: &str,
        sha: &str,
    ) -> Result<Vec<CommitStatus>, ClientError> {
        self.list(&paths::app_commit_statuses(app, sha), None, true)
            .await
    }

    pub async fn create_commit_status(
        &self,
        app: &str,
        sha: &str,
        body: &CommitStatusCreate,
    ) -> Result<CommitStatus, ClientError> {
        self.with_body(Method::POST, &paths::app_commit_statuses(app, sha), body)
            .await
    }

    /// The app's deploy lock, if it has one.
    pub async fn deploy_lock(&self, app: &str) -> Result<Option<DeployLock>, ClientError> {
        unless_unlocked(self.get(&paths::app_deploy_lock(app)).await)
    }

    pub async fn lock_deploys(
        &self,
        app: &str,
        body: &DeployLockCreate,
    ) -> Result<DeployLock, ClientError> {
        self.with_body(Method::PUT, &paths::app_deploy_lock(app), body)
            .await
    }

    /// Unlocks; `None` when the app was not locked.
    pub async fn unlock_deploys(&self, app: &str) -> Result<Option<DeployLock>, ClientError> {
        unless_unlocked(self.delete(&paths::app_deploy_lock(app)).await)
    }
}

/// A deploy lock, or `None` for the server's "not locked" (a 404 about the lock itself; one
/// about the app stays an error).
fn unless_unlocked(
    answer: Result<DeployLock, ClientError>,
) -> Result<Option<DeployLock>, ClientError> {
    match answer {
        Ok(lock) => Ok(Some(lock)),
        Err(ClientError::Api { status: 404, body })
            if body.resource.as_deref() == Some("deploy-lock") =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
