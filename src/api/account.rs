//! Accounts and OAuth authorizations (the API tokens).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::{NamedRef, Timestamp};

/// `GET /account`, `GET /users/{email|id|~}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub allow_tracking: bool,
    pub beta: bool,
    pub created_at: Timestamp,
    pub email: String,
    pub federated: bool,
    pub id: Uuid,
    pub identity_provider: Option<Value>,
    pub last_login: Option<Timestamp>,
    pub name: Option<String>,
    pub sms_number: Option<String>,
    pub suspended_at: Option<Timestamp>,
    pub delinquent_at: Option<Timestamp>,
    pub two_factor_authentication: bool,
    pub updated_at: Timestamp,
    pub verified: bool,
    pub country_of_residence: Option<String>,
    pub default_organization: Option<NamedRef>,
    pub default_team: Option<NamedRef>,
}

/// `PATCH /account`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_tracking: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beta: Option<bool>,
    /// `Some(None)` clears the name.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::release::double_option"
    )]
    pub name: Option<Option<String>>,
}

/// `POST /oauth/authorizations`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OAuthAuthorizationCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<i64>,
    #[serde(default)]
    pub scope: Vec<String>,
}

/// `PATCH /oauth/authorizations/{id}`. tug has no OAuth clients, so `client` is accepted
/// only when it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OAuthAuthorizationUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessToken {
    pub expires_in: Option<i64>,
    pub id: Uuid,
    /// The whole token in the response that creates it; a redacted `tug_ab12**********wxyz`
    /// everywhere else, since the server keeps only a hash.
    pub token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationUser {
    pub id: Uuid,
    pub email: String,
    pub full_name: Option<String>,
}

/// `GET /oauth/authorizations/{id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OAuthAuthorization {
    pub access_token: Option<AccessToken>,
    pub client: Option<Value>,
    pub created_at: Timestamp,
    pub description: String,
    pub grant: Option<Value>,
    pub id: Uuid,
    pub refresh_token: Option<Value>,
    pub scope: Vec<String>,
    pub session: Option<Value>,
    pub updated_at: Timestamp,
    pub user: AuthorizationUser,
}
