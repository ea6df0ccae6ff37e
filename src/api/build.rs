//! Builds, sources and buildpack installations: turning source code into a slug.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{IdRef, Timestamp, UserRef};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceBlob {
    #[serde(default)]
    pub checksum: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub version_description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildpackRef {
    pub url: String,
    pub name: String,
}

/// `GET /apps/{app}/builds/{id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Build {
    pub app: IdRef,
    pub buildpacks: Option<Vec<BuildpackRef>>,
    pub created_at: Timestamp,
    pub generation: String,
    pub id: Uuid,
    /// Capability URL: reading it needs no token. Plain text, or Server-Sent Events when the
    /// client asks for `text/event-stream`.
    pub output_stream_url: String,
    pub source_blob: SourceBlob,
    pub release: Option<IdRef>,
    pub slug: Option<IdRef>,
    pub stack: String,
    /// `pending`, `succeeded` or `failed`.
    pub status: String,
    pub updated_at: Timestamp,
    pub user: UserRef,
}

/// One buildpack of `POST /apps/{app}/builds`, by URL or name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildpackSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `POST /apps/{app}/builds`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildCreate {
    pub source_blob: SourceBlob,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buildpacks: Option<Vec<BuildpackSpec>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceUrls {
    pub get_url: String,
    pub put_url: String,
}

/// `POST /sources`: where to upload a source tarball, and where a build can fetch it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub source_blob: SourceUrls,
}

/// `GET /apps/{app}/buildpack-installations`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildpackInstallation {
    pub ordinal: i64,
    pub buildpack: BuildpackRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildpackUpdate {
    pub buildpack: String,
}

/// `PUT /apps/{app}/buildpack-installations`: replaces the whole ordered list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildpackInstallationsUpdate {
    pub updates: Vec<BuildpackUpdate>,
}
