//! Review apps: an app per branch, made from the branch's app.json in a pipeline's `review`
//! stage, and the pipeline's `review-app-config` that turns them on. Shapes follow the schema's
//! `review-app` and `review-app-config`; references carry a `name` next to the schema's `id`
//! where the CLI shows one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{IdRef, SourceBlob, Timestamp};

/// The most days a review app may go without a push before it is destroyed.
pub const MAX_STALE_DAYS: i64 = 30;

/// `GET /review-apps/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewApp {
    /// The app; null once it is deleted.
    pub app: Option<ReviewAppRef>,
    pub app_setup: Option<IdRef>,
    pub branch: String,
    pub created_at: Timestamp,
    pub id: Uuid,
    pub pipeline: ReviewAppRef,
    /// `pending`, `creating`, `created`, `deleting`, `deleted` or `errored`.
    pub status: String,
    pub updated_at: Timestamp,
    pub creator: IdRef,
    pub wait_for_ci: bool,
    pub error_status: Option<String>,
    pub message: Option<String>,
    pub fork_repo: Option<IdRef>,
    pub pr_number: Option<i64>,
}

/// `{"id": ..., "name": ...}`: the schema has the id; the name is what the CLI shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewAppRef {
    pub id: Uuid,
    #[serde(default)]
    pub name: Option<String>,
}

/// `POST /review-apps`: a review app for `branch`, built from `source_blob` or, when its `url`
/// is left out, from the branch as last pushed to one of the pipeline's apps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewAppCreate {
    pub branch: String,
    pub pipeline: String,
    #[serde(default)]
    pub source_blob: SourceBlob,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<BTreeMap<String, Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pr_number: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fork_repo_id: Option<i64>,
}

/// `GET /pipelines/{id}/review-app-config`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewAppConfig {
    pub repo: RepoRef,
    pub automatic_review_apps: bool,
    pub deploy_target: Option<DeployTarget>,
    pub destroy_stale_apps: bool,
    pub stale_days: i64,
    pub pipeline_id: Uuid,
    pub wait_for_ci: bool,
    pub base_name: Option<String>,
}

/// The repository review apps come from: on tug, the pushes to the pipeline's apps. The schema
/// types `id` as a (GitHub) integer, never null, so it is 0: no GitHub repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepoRef {
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeployTarget {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// `POST` (enable) and `PATCH` (update) `/pipelines/{id}/review-app-config`. The schema's
/// `repo` names a GitHub repository; tug takes branches from pushes, so it is accepted and
/// unused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewAppConfigUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automatic_review_apps: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destroy_stale_apps: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_days: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy_target: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_for_ci: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_name: Option<String>,
}

pub fn check_stale_days(days: i64) -> Result<(), String> {
    if (1..=MAX_STALE_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(format!(
            "`stale_days` is {days}: give a number of days from 1 to {MAX_STALE_DAYS}"
        ))
    }
}

/// The longest review app name: Heroku's app name limit.
const MAX_APP_NAME: usize = 30;
/// The most of the pipeline's name a review app name keeps.
const MAX_BASE: usize = 16;

/// The review app's name for `branch`: `PIPELINE-pr-BRANCH`, lowercased, with every run of
/// other characters turned into one dash and cut to the app name limit. `None` when nothing of
/// the branch survives (a branch of only punctuation, say).
pub fn review_app_name(base: &str, branch: &str) -> Option<String> {
    let mut slug = String::new();
    for c in branch.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        return None;
    }
    // A long pipeline name leaves room for the branch, which is what tells review apps apart.
    let mut base = base.to_string();
    base.truncate(MAX_BASE);
    let mut name = format!("{}-pr-{slug}", base.trim_end_matches('-'));
    name.truncate(MAX_APP_NAME);
    Some(name.trim_end_matches('-').to_string())
}

/// The name with a numbered suffix, for when the plain one is taken; still within the limit.
pub fn numbered_name(name: &str, n: u32) -> String {
    let suffix = format!("-{n}");
    let mut base = name.to_string();
    base.truncate(MAX_APP_NAME - suffix.len());
    format!("{}{suffix}", base.trim_end_matches('-'))
}

/// `--autodestroy 5d`: a number of days, with or without the `d`.
pub fn parse_days(text: &str) -> Result<i64, String> {
    let digits = text.trim().strip_suffix('d').unwrap_or(text.trim());
    let days: i64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a number of days: write it like `5d`"))?;
    check_stale_days(days)?;
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::names::check_app_name;

    #[test]
    fn branch_names_become_valid_app_names() {
        let name = |b| review_app_name("shop", b);
        assert_eq!(name("feature-x").as_deref(), Some("shop-pr-feature-x"));
        assert_eq!(name("Feature/X_2").as_deref(), Some("shop-pr-feature-x-2"));
        assert_eq!(name("--a..b--").as_deref(), Some("shop-pr-a-b"));
        assert_eq!(name("ünïcode-ok").as_deref(), Some("shop-pr-n-code-ok"));
        assert_eq!(name("../../"), None);
        assert_eq!(name("…"), None);
        let long = name("a-very-long-branch-name-that-goes-on").unwrap();
        assert_eq!(long.len(), 30);
        for b in ["feature-x", "a/b/c", "x-----------------------------y", "Q"] {
            let n = name(b).unwrap();
            assert!(check_app_name(&n).is_ok(), "{n}");
            for i in [2, 10, 999] {
                let numbered = numbered_name(&n, i);
                assert!(check_app_name(&numbered).is_ok(), "{numbered}");
            }
        }
    }

    #[test]
    fn days_parse_with_or_without_a_d() {
        assert_eq!(parse_days("5d"), Ok(5));
        assert_eq!(parse_days("7"), Ok(7));
        for bad in ["", "d", "0d", "-1d", "31d", "5 days", "1e3"] {
            assert!(parse_days(bad).is_err(), "{bad}");
        }
    }
}
