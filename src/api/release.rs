//! Releases, config vars and slugs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{IdRef, NamedRef, Timestamp, UserRef};

/// `GET /apps/{app}/config-vars`: the whole map, values are strings.
pub type ConfigVars = BTreeMap<String, String>;

/// `PATCH /apps/{app}/config-vars`: a value of `null` removes the key; keys left out stay.
pub type ConfigVarsUpdate = BTreeMap<String, Option<String>>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Artifact {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Uuid,
}

/// `GET /apps/{app}/releases/{id|version}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub addon_plan_names: Vec<String>,
    pub artifacts: Vec<Artifact>,
    pub app: NamedRef,
    pub created_at: Timestamp,
    pub description: String,
    pub id: Uuid,
    pub updated_at: Timestamp,
    pub slug: Option<IdRef>,
    /// `pending`, `succeeded`, `failed` or `expired`.
    pub status: String,
    pub user: UserRef,
    pub version: i64,
    pub current: bool,
    pub output_stream_url: Option<String>,
    pub eligible_for_rollback: bool,
}

/// `POST /apps/{app}/releases`: either a new release of a slug, or a rollback to a release.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blob {
    pub method: String,
    pub url: String,
}

/// `GET /apps/{app}/slugs/{id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slug {
    pub blob: Blob,
    pub buildpack_provided_description: Option<String>,
    pub checksum: Option<String>,
    pub commit: Option<String>,
    pub commit_description: Option<String>,
    pub created_at: Timestamp,
    pub id: Uuid,
    pub process_types: BTreeMap<String, String>,
    pub size: Option<i64>,
    pub stack: NamedRef,
    pub updated_at: Timestamp,
    pub deleted_at: Option<Timestamp>,
}

/// `POST /apps/{app}/slugs`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlugCreate {
    pub process_types: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buildpack_provided_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
}

/// Serde helper for fields where "absent" and "null" mean different things.
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}
