//! App webhooks: subscriptions that have the platform `POST` an app's events (builds, releases,
//! scaling, dynos) to a URL, the events themselves, and each delivery of an event to a webhook.

use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use super::{NamedRef, Timestamp};

/// The `Accept` header the official CLI sends for webhook requests.
pub const WEBHOOKS_ACCEPT: &str = "application/vnd.heroku+json; version=3.webhooks";

/// What a delivered event says its details follow: the Platform API v3 representation.
pub const WEBHOOK_PAYLOAD_VERSION: &str = "application/vnd.heroku+json; version=3";

/// The response header that carries a webhook's signing secret, on the request that set it.
pub const WEBHOOK_SECRET_HEADER: &str = "Heroku-Webhook-Secret";

/// The entities a webhook may subscribe to.
pub const WEBHOOK_INCLUDES: &[&str] = &[
    "api:build",
    "api:release",
    "api:formation",
    "api:deployment",
    "api:addon",
    "api:addon-attachment",
    "dyno",
];

/// `notify`: one attempt per event. `sync`: attempts until the receiver answers 2xx or the
/// retry schedule runs out.
pub const WEBHOOK_LEVELS: &[&str] = &["notify", "sync"];

/// The longest URL, secret and `Authorization` value a webhook keeps.
pub const MAX_URL_LEN: usize = 2048;
pub const MAX_SECRET_LEN: usize = 1024;
pub const MAX_AUTHORIZATION_LEN: usize = 4096;

/// `GET /apps/{app}/webhooks/{id}`. The secret and the `Authorization` value are never shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppWebhook {
    pub app: NamedRef,
    pub created_at: Timestamp,
    pub id: Uuid,
    pub include: Vec<String>,
    pub level: String,
    pub updated_at: Timestamp,
    pub url: String,
}

/// `POST /apps/{app}/webhooks`. Without `secret` the platform makes one and returns it once, in
/// the `Heroku-Webhook-Secret` response header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppWebhookCreate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<String>,
    pub include: Vec<String>,
    pub level: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub url: String,
}

/// `PATCH /apps/{app}/webhooks/{id}`: fields left out stay as they are. `authorization: null`
/// removes the header; `secret: null` has the platform make a new secret (returned in the
/// `Heroku-Webhook-Secret` header).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppWebhookUpdate {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub authorization: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub secret: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl AppWebhookUpdate {
    pub fn is_empty(&self) -> bool {
        self == &AppWebhookUpdate::default()
    }
}

/// A field that is there, possibly as `null` (a missing field stays `None` through `default`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Who caused an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookActor {
    pub email: String,
    pub id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppWebhookEventPayload {
    /// `create`, `update` or `destroy`.
    pub action: String,
    pub actor: WebhookActor,
    /// The resource as the API shows it, after the change.
    pub data: serde_json::Value,
    /// The fields that changed, with their values before the change (`{}` when none).
    pub previous_data: serde_json::Value,
    /// `build`, `release`, `formation`, `dyno`…
    pub resource: String,
    pub version: String,
    /// When the event was published; not in the schema, but what `heroku webhooks:events`
    /// and receivers read.
    #[serde(default)]
    pub published_at: Option<Timestamp>,
}

/// `GET /apps/{app}/webhook-events/{id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppWebhookEvent {
    pub created_at: Timestamp,
    pub id: Uuid,
    pub include: String,
    pub payload: AppWebhookEventPayload,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEventRef {
    pub id: Uuid,
    pub include: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookRef {
    pub id: Uuid,
    pub level: String,
}

/// The last attempt of a delivery, as the Platform API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookAttempt {
    pub id: Uuid,
    /// The receiver's HTTP status; `null` when none came (see `error_class`).
    pub code: Option<i64>,
    /// Why no status came: `timeout`, `connection_refused`, `connection_failed`, …
    pub error_class: Option<String>,
    /// `succeeded` or `failed`.
    pub status: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One attempt in a delivery's `attempts` list (a tug extension): the attempt and how long it
/// took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookAttemptDetail {
    #[serde(flatten)]
    pub attempt: WebhookAttempt,
    pub duration_ms: i64,
}

/// `GET /apps/{app}/webhook-deliveries/{id}`. `status`: `pending` (first attempt not made
/// yet), `scheduled` (waiting for `next_attempt_at`), `retrying` (a retry under way),
/// `succeeded` or `failed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppWebhookDelivery {
    pub created_at: Timestamp,
    pub event: WebhookEventRef,
    pub id: Uuid,
    pub num_attempts: i64,
    pub next_attempt_at: Option<Timestamp>,
    pub last_attempt: Option<WebhookAttempt>,
    pub status: String,
    pub updated_at: Timestamp,
    pub webhook: WebhookRef,
    /// tug extension: how long the last attempt took, in milliseconds.
    #[serde(default)]
    pub last_attempt_duration_ms: Option<i64>,
    /// tug extension: every attempt so far, oldest first.
    #[serde(default)]
    pub attempts: Vec<WebhookAttemptDetail>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookMetadataId {
    pub id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookMetadata {
    pub attempt: WebhookMetadataId,
    pub delivery: WebhookMetadataId,
    pub event: WebhookEventRef,
    pub webhook: WebhookMetadataId,
}

/// The JSON body a webhook receives. `Heroku-Webhook-Hmac-SHA256` signs its exact bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookDeliveryBody {
    pub id: Uuid,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub published_at: Timestamp,
    pub action: String,
    pub actor: WebhookActor,
    pub data: serde_json::Value,
    pub previous_data: serde_json::Value,
    pub resource: String,
    pub sequence: Option<String>,
    pub version: String,
    pub webhook_metadata: WebhookMetadata,
}

/// A webhook URL: `http://` or `https://` with a host.
pub fn check_webhook_url(url: &str) -> Result<(), String> {
    let bad = || format!("`{url}` is not a webhook URL: use `https://host/path` or `http://…`");
    if url.len() > MAX_URL_LEN {
        return Err(format!(
            "the webhook URL is {} characters long; the limit is {MAX_URL_LEN}",
            url.len()
        ));
    }
    if super::names::is_http_url(url) {
        Ok(())
    } else {
        Err(bad())
    }
}

/// The entities of a subscription: at least one, each known, none twice.
pub fn check_webhook_include(include: &[String]) -> Result<(), String> {
    let allowed = || WEBHOOK_INCLUDES.join(", ");
    if include.is_empty() {
        return Err(format!(
            "`include` is empty: name at least one of {}",
            allowed()
        ));
    }
    for (i, entity) in include.iter().enumerate() {
        if !WEBHOOK_INCLUDES.contains(&entity.as_str()) {
            return Err(format!(
                "unknown entity `{entity}` in `include`: use {}",
                allowed()
            ));
        }
        if include[..i].contains(entity) {
            return Err(format!("`{entity}` appears twice in `include`"));
        }
    }
    Ok(())
}

pub fn check_webhook_level(level: &str) -> Result<(), String> {
    if WEBHOOK_LEVELS.contains(&level) {
        Ok(())
    } else {
        Err(format!(
            "unknown level `{level}`: use `notify` (one attempt) or `sync` (retried until it succeeds)"
        ))
    }
}

/// Splits `api:build, api:release` into its entities.
pub fn parse_webhook_include(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_http_with_a_host() {
        for ok in [
            "https://example.com/hooks",
            "http://127.0.0.1:9000/",
            "http://[::1]:8080/x?y=1",
        ] {
            assert!(check_webhook_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "ftp://example.com/",
            "https://",
            "not a url",
            "",
            "example.com/hook",
            "syslog://h:1",
            "file:///etc/passwd",
        ] {
            assert!(check_webhook_url(bad).is_err(), "{bad}");
        }
        let long = format!("https://example.com/{}", "a".repeat(MAX_URL_LEN));
        assert!(check_webhook_url(&long).unwrap_err().contains("limit"));
    }

    #[test]
    fn includes_are_known_present_and_unique() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(check_webhook_include(&v(&["api:build", "dyno", "api:deployment"])).is_ok());
        let err = check_webhook_include(&v(&["api:build", "api:nope"])).unwrap_err();
        assert!(
            err.contains("`api:nope`") && err.contains("api:formation"),
            "{err}"
        );
        assert!(check_webhook_include(&[]).unwrap_err().contains("empty"));
        assert!(
            check_webhook_include(&v(&["dyno", "dyno"]))
                .unwrap_err()
                .contains("twice")
        );
        assert!(check_webhook_include(&v(&["API:BUILD"])).is_err());
    }

    #[test]
    fn levels_and_include_lists() {
        assert!(check_webhook_level("notify").is_ok());
        assert!(check_webhook_level("sync").is_ok());
        assert!(
            check_webhook_level("async")
                .unwrap_err()
                .contains("`async`")
        );
        assert_eq!(
            parse_webhook_include(" api:build, ,api:release ,"),
            vec!["api:build", "api:release"]
        );
        assert!(parse_webhook_include(" , ").is_empty());
    }

    #[test]
    fn updates_tell_null_from_missing() {
        let u: AppWebhookUpdate = serde_json::from_str(r#"{"authorization": null}"#).unwrap();
        assert_eq!(u.authorization, Some(None));
        assert_eq!(u.secret, None);
        assert!(!u.is_empty());
        let u: AppWebhookUpdate = serde_json::from_str("{}").unwrap();
        assert!(u.is_empty());
        assert!(serde_json::from_str::<AppWebhookUpdate>(r#"{"nope": 1}"#).is_err());
        assert!(
            serde_json::from_str::<AppWebhookCreate>(
                r#"{"include": ["dyno"], "level": "sync", "url": "http://x", "extra": 1}"#
            )
            .is_err()
        );
        let wire = serde_json::to_value(AppWebhookUpdate {
            secret: Some(None),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(wire, serde_json::json!({"secret": null}));
    }
}
