//! Features (Heroku's "labs"): named switches on an account or an app. Each one tug knows is
//! in `APP_FEATURES` or `ACCOUNT_FEATURES` with what it does; the store keeps only the
//! switches someone turned away from their default.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Timestamp;

/// `GET /apps/{app}/features/{feature}` and `GET /account/features/{feature}`: one shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feature {
    pub created_at: Timestamp,
    pub description: String,
    pub doc_url: String,
    pub enabled: bool,
    pub id: Uuid,
    pub name: String,
    /// `public`, `beta` or `alpha`.
    pub state: String,
    pub updated_at: Timestamp,
    pub display_name: String,
    pub feedback_email: String,
}

/// `PATCH /apps/{app}/features/{feature}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureUpdate {
    pub enabled: bool,
}

/// What tug knows of a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureSpec {
    pub name: &'static str,
    pub display_name: &'static str,
    pub description: &'static str,
    pub doc_url: &'static str,
    pub state: &'static str,
    /// On for an app (or account) nobody changed.
    pub default: bool,
    /// Why it cannot be turned on here, for features Heroku has and tug does not.
    pub unsupported: Option<&'static str>,
    /// A stable id: the same on every server.
    pub id: Uuid,
}

pub const RUNTIME_DYNO_METADATA: &str = "runtime-dyno-metadata";
pub const PREBOOT: &str = "preboot";
pub const LOG_RUNTIME_METRICS: &str = "log-runtime-metrics";
pub const SPACES_DNS_DISCOVERY: &str = "spaces-dns-discovery";

pub const APP_FEATURES: &[FeatureSpec] = &[
    FeatureSpec {
        name: RUNTIME_DYNO_METADATA,
        display_name: "Dyno metadata",
        description: "Set HEROKU_APP_ID, HEROKU_APP_NAME, HEROKU_DYNO_ID, HEROKU_RELEASE_VERSION, HEROKU_RELEASE_CREATED_AT, HEROKU_SLUG_COMMIT and HEROKU_SLUG_DESCRIPTION in dynos started from now on",
        doc_url: "https://devcenter.heroku.com/articles/dyno-metadata",
        state: "public",
        default: false,
        unsupported: None,
        id: Uuid::from_u128(0x6c6f_6361_6c00_4000_8000_0000_0000_0101),
    },
    FeatureSpec {
        name: PREBOOT,
        display_name: "Preboot",
        description: "New web dynos are up before the old ones leave the router (zero-downtime deploys); off, old dynos stop first",
        doc_url: "https://devcenter.heroku.com/articles/preboot",
        state: "public",
        default: true,
        unsupported: None,
        id: Uuid::from_u128(0x6c6f_6361_6c00_4000_8000_0000_0000_0102),
    },
    FeatureSpec {
        name: LOG_RUNTIME_METRICS,
        display_name: "Log runtime metrics",
        description: "Every 20 s, each dyno's memory and load as a `heroku[web.1]` line in the app's log (dynos started from now on, inside the wall)",
        doc_url: "https://devcenter.heroku.com/articles/log-runtime-metrics",
        state: "public",
        default: false,
        unsupported: None,
        id: Uuid::from_u128(0x6c6f_6361_6c00_4000_8000_0000_0000_0103),
    },
    FeatureSpec {
        name: SPACES_DNS_DISCOVERY,
        display_name: "DNS service discovery for Private Spaces",
        description: "Private Spaces' DNS names for dynos; tug has no Private Spaces",
        doc_url: "https://devcenter.heroku.com/articles/dyno-dns-service-discovery",
        state: "public",
        default: false,
        unsupported: Some("tug has no Private Spaces, so no DNS discovery between their dynos"),
        id: Uuid::from_u128(0x6c6f_6361_6c00_4000_8000_0000_0000_0104),
    },
];

/// Account features: none yet, but the resource is there for the clients that list it.
pub const ACCOUNT_FEATURES: &[FeatureSpec] = &[];

/// A feature by name or id.
pub fn find(catalogue: &'static [FeatureSpec], ident: &str) -> Option<&'static FeatureSpec> {
    let ident = ident.trim();
    catalogue
        .iter()
        .find(|f| f.name == ident || f.id.to_string().eq_ignore_ascii_case(ident))
}

/// Which switches an app has, as the runtime reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppSwitches {
    pub dyno_metadata: bool,
    pub preboot: bool,
    pub runtime_metrics: bool,
}

impl Default for AppSwitches {
    fn default() -> AppSwitches {
        AppSwitches::from_enabled(|_| None)
    }
}

impl AppSwitches {
    /// From what the store says of each name (`None`: left at its default).
    pub fn from_enabled(set: impl Fn(&str) -> Option<bool>) -> AppSwitches {
        let on = |name: &str| {
            set(name).unwrap_or_else(|| find(APP_FEATURES, name).is_some_and(|f| f.default))
        };
        AppSwitches {
            dyno_metadata: on(RUNTIME_DYNO_METADATA),
            preboot: on(PREBOOT),
            runtime_metrics: on(LOG_RUNTIME_METRICS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_found_by_name_or_id_and_have_defaults() {
        assert_eq!(find(APP_FEATURES, "preboot").unwrap().name, PREBOOT);
        let id = find(APP_FEATURES, "preboot").unwrap().id.to_string();
        assert_eq!(find(APP_FEATURES, &id).unwrap().name, PREBOOT);
        assert!(find(APP_FEATURES, "nope").is_none());
        assert!(find(APP_FEATURES, "").is_none());
        let d = AppSwitches::default();
        assert!(d.preboot && !d.dyno_metadata && !d.runtime_metrics);
        let all = AppSwitches::from_enabled(|n| Some(n != PREBOOT));
        assert!(!all.preboot && all.dyno_metadata && all.runtime_metrics);
        let ids: std::collections::HashSet<_> = APP_FEATURES.iter().map(|f| f.id).collect();
        assert_eq!(ids.len(), APP_FEATURES.len());
    }
}
