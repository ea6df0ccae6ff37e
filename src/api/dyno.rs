//! Dynos: the running processes of an app, and one-off dynos (`tug run`).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use super::{NamedRef, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DynoRelease {
    pub id: Uuid,
    pub version: i64,
}

/// `GET /apps/{app}/dynos/{id|name}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dyno {
    /// For an attached one-off dyno: where to connect (an HTTP upgrade) for its stdin and output.
    pub attach_url: Option<String>,
    pub command: String,
    pub created_at: Timestamp,
    pub id: Uuid,
    pub name: String,
    pub release: DynoRelease,
    pub app: NamedRef,
    pub size: String,
    /// `starting`, `up`, `crashed` or `down`.
    pub state: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub updated_at: Timestamp,
    /// Beside the schema: the cluster node the dyno runs on (a runtime with nodes only; other
    /// clients ignore it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
}

/// `POST /apps/{app}/dynos`: a one-off dyno.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DynoCreate {
    pub command: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<bool>,
    /// Values may come as strings or numbers (the official CLI sends `COLUMNS` as a number).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "env_map"
    )]
    pub env: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_no_tty: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<i64>,
}

fn env_map<'de, D: Deserializer<'de>>(d: D) -> Result<Option<BTreeMap<String, String>>, D::Error> {
    let raw: Option<BTreeMap<String, serde_json::Value>> = Option::deserialize(d)?;
    let Some(raw) = raw else { return Ok(None) };
    raw.into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => Ok((k, s)),
            serde_json::Value::Number(n) => Ok((k, n.to_string())),
            serde_json::Value::Bool(b) => Ok((k, b.to_string())),
            other => Err(serde::de::Error::custom(format!(
                "env value of `{k}` must be a string or a number, not {other}"
            ))),
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_accepts_strings_and_numbers_only() {
        let d: DynoCreate =
            serde_json::from_str(r#"{"command":"bash","env":{"COLUMNS":80,"TERM":"xterm"}}"#)
                .unwrap();
        let env = d.env.unwrap();
        assert_eq!(env["COLUMNS"], "80");
        assert_eq!(env["TERM"], "xterm");
        assert!(serde_json::from_str::<DynoCreate>(r#"{"command":"x","env":{"A":[1]}}"#).is_err());
        assert!(
            serde_json::from_str::<DynoCreate>(r#"{"env":{}}"#).is_err(),
            "command is required"
        );
    }
}
