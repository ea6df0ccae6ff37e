//! Log sessions: a short-lived capability URL from which an app's log can be read or followed.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Timestamp;

/// `POST /apps/{app}/log-sessions`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSessionCreate {
    /// A dyno (`web.1`), a process type (`web`) or `router`; `dyno` is what the official CLI sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dyno_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dyno: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// How many lines of history: 100 when left out, at most 1500.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<i64>,
    /// `app` or `heroku`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tail: Option<bool>,
}

/// `POST /apps/{app}/log-sessions` answers this; reading `logplex_url` needs no token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogSession {
    pub created_at: Timestamp,
    pub id: Uuid,
    pub logplex_url: String,
    pub updated_at: Timestamp,
}

/// `POST /apps/{app}/log-drains`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogDrainCreate {
    /// `syslog+tcp://host:port`, `syslog://host:port`, `http://…` or `https://…`.
    pub url: String,
}

/// A log drain: where an app's log is also sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogDrain {
    pub addon: Option<super::NamedRef>,
    pub app: Option<super::NamedRef>,
    pub created_at: Timestamp,
    pub id: Uuid,
    /// `d.<uuid>`: written into every drained message's HOSTNAME field.
    pub token: String,
    pub updated_at: Timestamp,
    pub url: String,
}
