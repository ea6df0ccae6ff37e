//! Apps and their collaborators.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{NamedRef, Timestamp, UserRef};

/// `GET /apps/{app}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct App {
    pub acm: bool,
    pub archived_at: Option<Timestamp>,
    pub buildpack_provided_description: Option<String>,
    pub build_stack: NamedRef,
    pub created_at: Timestamp,
    pub generation: NamedRef,
    pub git_url: String,
    pub id: Uuid,
    pub internal_routing: Option<bool>,
    pub maintenance: bool,
    pub name: String,
    pub owner: UserRef,
    pub organization: Option<NamedRef>,
    pub team: Option<NamedRef>,
    pub region: NamedRef,
    pub released_at: Option<Timestamp>,
    pub repo_size: Option<i64>,
    pub slug_size: Option<i64>,
    pub space: Option<NamedRef>,
    pub stack: NamedRef,
    pub updated_at: Timestamp,
    pub web_url: Option<String>,
}

/// `POST /apps`. Region and stack are accepted for compatibility; tug has one of each.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_flags: Option<Vec<String>>,
}

/// `PATCH /apps/{app}`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `true`/`false`, or `1`/`0` as some clients send it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "flag_or_bit"
    )]
    pub maintenance: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_stack: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollaboratorUser {
    pub email: String,
    pub federated: bool,
    pub id: Uuid,
}

/// `GET /apps/{app}/collaborators/{email|id}`. The owner is listed too, with role `owner`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collaborator {
    pub app: NamedRef,
    pub created_at: Timestamp,
    pub id: Uuid,
    pub permissions: Vec<Permission>,
    pub role: Option<String>,
    pub updated_at: Timestamp,
    pub user: CollaboratorUser,
}

/// `POST /apps/{app}/collaborators`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollaboratorCreate {
    pub user: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub silent: Option<bool>,
}

/// `POST /filters/apps` (`Accept: …version=3.filters`): the caller's apps among the ids given,
/// as the official CLI asks for a pipeline's apps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppFilter {
    #[serde(rename = "in")]
    pub within: AppFilterIds,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppFilterIds {
    #[serde(default)]
    pub id: Vec<String>,
}

/// A boolean that also accepts `0` and `1`, which some clients send for one (heroku3's
/// `{"maintenance": 0}`). Any other number is an error, not a guess.
fn flag_or_bit<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Number(serde_json::Number),
    }
    match Option::<Flag>::deserialize(d)? {
        None => Ok(None),
        Some(Flag::Bool(b)) => Ok(Some(b)),
        Some(Flag::Number(n)) => match n.as_u64() {
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            _ => Err(serde::de::Error::custom(format!(
                "expected true, false, 0 or 1, not {n}"
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maintenance_takes_a_bool_or_a_bit() {
        let parse = |s: &str| serde_json::from_str::<AppUpdate>(s).map(|u| u.maintenance);
        assert_eq!(parse(r#"{"maintenance": true}"#).unwrap(), Some(true));
        assert_eq!(parse(r#"{"maintenance": 0}"#).unwrap(), Some(false));
        assert_eq!(parse(r#"{"maintenance": 1}"#).unwrap(), Some(true));
        assert_eq!(parse(r#"{"maintenance": null}"#).unwrap(), None);
        assert_eq!(parse(r#"{}"#).unwrap(), None);
        for bad in [
            r#"{"maintenance": 2}"#,
            r#"{"maintenance": -1}"#,
            r#"{"maintenance": 0.5}"#,
            r#"{"maintenance": "1"}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
