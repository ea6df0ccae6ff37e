//! Pipelines: apps grouped by stage (`review`, `development`, `staging`, `production`), and the
//! promotions that release one stage's slug on the apps of the next. Shapes follow the schema's
//! `pipeline`, `pipeline-coupling`, `pipeline-promotion` and `pipeline-promotion-target`;
//! references carry a `name` next to the schema's `id` where the CLI shows one.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{IdRef, NamedRef, Timestamp};

/// The stages an app may be coupled at, in the order a promotion moves through them.
pub const STAGES: [&str; 5] = ["test", "review", "development", "staging", "production"];

/// Where a promotion from `stage` goes by default: the next stage that is not `review` or
/// `test` (review apps are promoted to staging like development is).
pub fn next_stage(stage: &str) -> Option<&'static str> {
    match stage {
        "test" | "review" | "development" => Some("staging"),
        "staging" => Some("production"),
        _ => None,
    }
}

/// Heroku's pipeline name rule: `^[a-z][a-z0-9-]{2,29}$`.
pub fn check_pipeline_name(name: &str) -> Result<(), String> {
    let b = name.as_bytes();
    let ok = (3..=30).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid pipeline name: use 3 to 30 lowercase letters, digits and dashes, starting with a letter"
        ))
    }
}

pub fn check_stage(stage: &str) -> Result<(), String> {
    if STAGES.contains(&stage) {
        Ok(())
    } else {
        Err(format!(
            "`{stage}` is not a pipeline stage: use one of {}",
            STAGES.join(", ")
        ))
    }
}

/// `{"id": ..., "type": "user"}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineOwner {
    pub id: Uuid,
    #[serde(rename = "type")]
    pub kind: String,
}

/// `GET /pipelines/{pipeline_id_or_name}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub created_at: Timestamp,
    pub id: Uuid,
    pub name: String,
    pub owner: Option<PipelineOwner>,
    pub updated_at: Timestamp,
    pub generation: NamedRef,
}

/// `POST /pipelines`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineCreate {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PipelineOwner>,
    /// Sent by the official CLI (`{"name": "cedar"}`); tug has one generation, so it is
    /// accepted and the pipeline says which one it got.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generation: Option<serde_json::Value>,
}

/// `PATCH /pipelines/{pipeline_id}`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `GET /apps/{app}/pipeline-couplings`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineCoupling {
    pub app: NamedRef,
    pub created_at: Timestamp,
    pub id: Uuid,
    pub pipeline: NamedRef,
    pub stage: String,
    pub updated_at: Timestamp,
}

/// `POST /pipeline-couplings`: the app by id or name, the pipeline by id (or name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineCouplingCreate {
    pub app: String,
    pub pipeline: String,
    pub stage: String,
}

/// `PATCH /pipeline-couplings/{id}`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineCouplingUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
}

/// `{"app": {"id": ...}, "release": {"id": ...}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionSource {
    pub app: IdRef,
    pub release: IdRef,
}

/// `GET /pipeline-promotions/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelinePromotion {
    pub created_at: Timestamp,
    pub id: Uuid,
    pub pipeline: IdRef,
    pub source: PromotionSource,
    /// `pending` until every target has ended, then `completed`.
    pub status: String,
    pub updated_at: Option<Timestamp>,
}

/// An app named in a promotion request, by id (or name, which tug accepts too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppIdentity {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseIdentity {
    pub id: Uuid,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionSourceCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<AppIdentity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<ReleaseIdentity>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionTargetCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<AppIdentity>,
}

/// `POST /pipeline-promotions`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelinePromotionCreate {
    pub pipeline: AppIdentity,
    pub source: PromotionSourceCreate,
    pub targets: Vec<PromotionTargetCreate>,
}

/// `GET /pipeline-promotions/{id}/promotion-targets`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelinePromotionTarget {
    pub app: NamedRef,
    pub error_message: Option<String>,
    pub id: Uuid,
    pub pipeline_promotion: IdRef,
    pub release: Option<IdRef>,
    /// `pending`, `succeeded` or `failed`.
    pub status: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_names_follow_heroku() {
        for ok in ["shop", "abc", "a-1-b", &"a".repeat(30)] {
            assert!(check_pipeline_name(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "ab",
            "1shop",
            "Shop",
            "sh_op",
            "-shop",
            &"a".repeat(31),
            "shöp",
        ] {
            assert!(check_pipeline_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn stages_are_the_schema_enum_and_move_forward() {
        assert!(check_stage("production").is_ok());
        assert!(check_stage("prod").unwrap_err().contains("staging"));
        assert_eq!(next_stage("staging"), Some("production"));
        assert_eq!(next_stage("development"), Some("staging"));
        assert_eq!(next_stage("production"), None);
    }
}
