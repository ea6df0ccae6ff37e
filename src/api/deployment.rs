//! Deployments: one record per attempt to deploy, from any door (`git push`, `tug deploy`,
//! `tug up`, a rollback, the Builds and Releases APIs), with the history of its states; and the
//! deploy lock that freezes an app's deploys.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{IdRef, NamedRef, SourceBlob, Timestamp, UserRef};

/// Every state a deployment passes through. `succeeded`, `failed` and `refused` are final.
pub const STATES: [&str; 7] = [
    "waiting",
    "queued",
    "building",
    "releasing",
    "succeeded",
    "failed",
    "refused",
];

/// How a deployment started.
pub const TRIGGERS: [&str; 7] = [
    "push", "deploy", "up", "rollback", "build", "release", "promote",
];

/// `GET /apps/{app}/deployments/{id_or_number}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deployment {
    pub id: Uuid,
    /// Counts up per app from 1, like release versions; also names the deployment in paths.
    pub number: i64,
    pub app: NamedRef,
    /// The deploy.yml environment, when the deploy named one.
    pub environment: Option<String>,
    /// What the deployer asked for: a branch, tag or commit (`v1.4.0`, `main`), or `v12` for a
    /// rollback.
    #[serde(rename = "ref")]
    pub git_ref: Option<String>,
    pub sha: Option<String>,
    /// The commit's subject line, or what the release says.
    pub description: Option<String>,
    /// `push`, `deploy`, `up`, `rollback`, `build` (the Builds API) or `release` (the Releases
    /// API).
    pub trigger: String,
    pub deployer: UserRef,
    /// The latest state, and what it said.
    pub status: String,
    pub status_description: Option<String>,
    pub build: Option<IdRef>,
    pub release: Option<DeploymentRelease>,
    /// Every state so far, oldest first.
    pub statuses: Vec<DeploymentStatus>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentRelease {
    pub id: Uuid,
    pub version: i64,
}

/// One entry of a deployment's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentStatus {
    pub id: Uuid,
    pub state: String,
    pub description: Option<String>,
    pub creator: UserRef,
    pub created_at: Timestamp,
}

/// `POST /apps/{app}/deployments`. With a `source_blob`, the server verifies (deploy lock,
/// required statuses) and builds it; without one, it only records the deployment (`waiting`)
/// for a tool that deploys by other means and reports through its statuses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentCreate {
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub git_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Commit statuses that must be `success` for `sha`, on top of what the source's
    /// deploy.yml requires.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_contexts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_blob: Option<SourceBlob>,
    /// `deploy` (the default) or `up`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
}

/// `POST /apps/{app}/deployments/{id}/statuses`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentStatusCreate {
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `GET /apps/{app}/deploy-lock`: present while the app's deploys are frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeployLock {
    pub app: NamedRef,
    pub reason: Option<String>,
    pub locked_by: UserRef,
    pub created_at: Timestamp,
}

/// `PUT /apps/{app}/deploy-lock`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployLockCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl DeployLock {
    /// "locked by ada@example.com since 2026-11-22 09:00 UTC: release freeze"
    pub fn describe(&self) -> String {
        let t = self.created_at.to_rfc3339();
        let when = format!("{} {} UTC", &t[..10], &t[11..16]);
        match &self.reason {
            Some(r) if !r.is_empty() => {
                format!("locked by {} since {when}: {r}", self.locked_by.email)
            }
            _ => format!("locked by {} since {when}", self.locked_by.email),
        }
    }
}
