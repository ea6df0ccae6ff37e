//! The dashboard's one API call: a single-use sign-in link for `tug dashboard`.

use serde::{Deserialize, Serialize};

use super::Timestamp;

/// How long a sign-in link may wait to be opened.
pub const LINK_TTL_SECS: i64 = 60;

/// `POST /dashboard/links`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DashboardLinkCreate {
    /// The app whose page the link opens on; the apps list when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
}

/// A link that signs a browser in once, before `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardLink {
    pub url: String,
    pub expires_at: Timestamp,
}
