//! App setups (`/app-setups`): an app created from a source tarball and the app.json in it, in
//! one call, as Heroku's Button does. Shapes follow the schema's `app-setup`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{NamedRef, SourceBlob, Timestamp};

/// `POST /app-setups`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppSetupCreate {
    pub source_blob: SourceBlob,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<AppSetupApp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides: Option<AppSetupOverrides>,
}

/// The app to create: its name and stack (the schema's team and space fields are accepted and
/// unused: tug has neither).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppSetupApp {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// What the creator gives in place of app.json's: config var values, and buildpacks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppSetupOverrides {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buildpacks: Option<Vec<AppSetupBuildpack>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppSetupBuildpack {
    pub url: String,
}

/// `GET /app-setups/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppSetup {
    pub id: Uuid,
    pub app: NamedRef,
    pub build: Option<AppSetupBuild>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// `pending`, `succeeded` or `failed`.
    pub status: String,
    pub failure_message: Option<String>,
    pub manifest_errors: Vec<String>,
    pub postdeploy: Option<Postdeploy>,
    pub resolved_success_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppSetupBuild {
    pub id: Uuid,
    pub status: String,
    pub output_stream_url: String,
}

/// The outcome of app.json's `postdeploy` script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Postdeploy {
    pub output: String,
    pub exit_code: i32,
}
