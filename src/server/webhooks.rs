//! App webhooks: the delivery engine. `publish` records an event and one delivery per webhook
//! that subscribes to it (a few SQLite rows, nothing on the network) and hands each delivery to
//! its own task. A task `POST`s the event to the webhook's URL, signed with the webhook's
//! secret, and records every attempt; a `sync` webhook's delivery is retried with exponential
//! backoff until the receiver answers 2xx or the schedule runs out. Deliveries left unfinished
//! by a shutdown resume when the server starts again.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::Semaphore;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::Instant;
use uuid::Uuid;

use super::outbound;
use super::present;
use super::runtime::{DynoChange, DynoEvent};
use super::store::{
    AppRow, BuildRow, DeliveryJob, DeploymentRow, FormationRow, NewAttempt, NewEvent, ReleaseRow,
    Store,
};
use crate::api::{
    Timestamp, WEBHOOK_PAYLOAD_VERSION, WebhookActor, WebhookDeliveryBody, WebhookEventRef,
    WebhookMetadata, WebhookMetadataId,
};

/// Attempts a `sync` webhook gets at one event: the first and up to seven retries.
pub const SYNC_ATTEMPTS: i64 = 8;
/// The wait before the first retry. Each further retry waits twice as long as the one before,
/// so by default the eighth and last attempt comes about 32 minutes after the first (15 s,
/// 30 s, 1 min, 2 min, 4 min, 8 min, 16 min): long enough for a receiver to come back from a
/// deploy or a restart, short enough that a stale event is not delivered hours later.
pub const RETRY_BASE: Duration = Duration::from_secs(15);
/// No wait between two attempts is longer than this, whatever the base.
pub const RETRY_MAX_WAIT: Duration = Duration::from_secs(30 * 60);
/// How long a receiver has to answer one attempt, connection included.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts in flight at once over all apps; the others wait their turn, so a flood of events
/// to slow receivers holds a bounded number of connections.
const MAX_IN_FLIGHT: usize = 32;
/// Events kept per app; older ones go, with their deliveries.
pub const EVENTS_KEPT: usize = 1000;

const SIGNATURE_HEADER: &str = "Heroku-Webhook-Hmac-SHA256";
const USER_AGENT: &str = concat!("tug-webhooks/", env!("CARGO_PKG_VERSION"));

/// `base64(HMAC-SHA256(secret, body))`: what `Heroku-Webhook-Hmac-SHA256` carries.
pub fn sign(secret: &str, body: &[u8]) -> String {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The wait before retry number `retry` (1 for the first retry).
pub fn retry_wait(base: Duration, retry: u32) -> Duration {
    let factor = 2u32.saturating_pow(retry.saturating_sub(1));
    base.saturating_mul(factor).min(RETRY_MAX_WAIT)
}

/// A new signing secret: 32 random bytes as 64 hex digits.
pub fn new_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness available: {e}"))?;
    Ok(crate::hex::encode(&bytes))
}

/// What one attempt got back.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    code: Option<i64>,
    error_class: Option<&'static str>,
}

impl Outcome {
    fn ok(&self) -> bool {
        self.code.is_some_and(|c| (200..300).contains(&c))
    }
}

/// A short, stable name for why an attempt got no HTTP status.
fn error_class(err: &reqwest::Error) -> &'static str {
    if err.is_timeout() {
        return "timeout";
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return "connection_refused",
                std::io::ErrorKind::ConnectionReset => return "connection_reset",
                std::io::ErrorKind::TimedOut => return "timeout",
                _ => {}
            }
        }
        if e.downcast_ref::<rustls::Error>().is_some() {
            return "tls_failed";
        }
        source = e.source();
    }
    if err.is_connect() {
        "connection_failed"
    } else if err.is_builder() {
        "request_invalid"
    } else {
        "request_failed"
    }
}

/// The body a receiver gets for one attempt.
fn body(job: &DeliveryJob, attempt_id: Uuid) -> serde_json::Result<Vec<u8>> {
    let event = &job.event;
    serde_json::to_vec(&WebhookDeliveryBody {
        id: event.id,
        created_at: Timestamp(event.created_at),
        updated_at: Timestamp(event.updated_at),
        published_at: Timestamp(event.created_at),
        action: event.action.clone(),
        actor: WebhookActor {
            email: event.actor_email.clone(),
            id: event.actor_id,
        },
        data: event.data.clone(),
        previous_data: event.previous_data.clone(),
        resource: event.resource.clone(),
        sequence: None,
        version: WEBHOOK_PAYLOAD_VERSION.into(),
        webhook_metadata: WebhookMetadata {
            attempt: WebhookMetadataId { id: attempt_id },
            delivery: WebhookMetadataId {
                id: job.delivery_id,
            },
            event: WebhookEventRef {
                id: event.id,
                include: event.include.clone(),
            },
            webhook: WebhookMetadataId { id: job.webhook_id },
        },
    })
}

/// The fields of `after` whose value differs in `before`, with their values in `before`.
fn changed_fields(before: &Value, after: &Value, fields: &[&str]) -> Value {
    let mut out = serde_json::Map::new();
    for field in fields {
        if before.get(field) != after.get(field)
            && let Some(old) = before.get(field)
        {
            out.insert((*field).to_string(), old.clone());
        }
    }
    Value::Object(out)
}

/// Publishes events and delivers them. Cheap to clone.
#[derive(Clone)]
pub struct Webhooks {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    /// The API's base URL, for the URLs inside resources (a build's `output_stream_url`).
    base_url: String,
    http: reqwest::Client,
    limit: Semaphore,
    retry_base: Duration,
}

impl Webhooks {
    pub fn new(store: Store, base_url: String, retry_base: Duration) -> anyhow::Result<Webhooks> {
        let builder = reqwest::Client::builder()
            .timeout(ATTEMPT_TIMEOUT)
            .connect_timeout(ATTEMPT_TIMEOUT)
            .user_agent(USER_AGENT);
        // A redirect is an answer: the receiver said where else to go, and the signature and
        // `Authorization` are not for that place. A refused target fails like an unreachable
        // one (`connection_failed`).
        let http = outbound::policy()
            .http_client(builder, false)
            .map_err(|e| anyhow::anyhow!("cannot make the webhooks' HTTP client: {e}"))?;
        Ok(Webhooks {
            inner: Arc::new(Inner {
                store,
                base_url,
                http,
                limit: Semaphore::new(MAX_IN_FLIGHT),
                retry_base,
            }),
        })
    }

    /// At the server's start: resumes unfinished deliveries and follows the dynos.
    pub fn start(&self, mut dynos: broadcast::Receiver<DynoEvent>) {
        match self.inner.store.unfinished_webhook_deliveries() {
            Ok(ids) => {
                if !ids.is_empty() {
                    tracing::info!("resuming {} webhook deliveries", ids.len());
                }
                for id in ids {
                    self.spawn_delivery(id);
                }
            }
            Err(e) => tracing::warn!("cannot resume the webhook deliveries: {e}"),
        }
        let this = self.clone();
        tokio::spawn(async move {
            loop {
                match dynos.recv().await {
                    Ok(event) => this.dyno(&event),
                    Err(RecvError::Lagged(n)) => {
                        tracing::warn!("webhooks missed {n} dyno changes: the platform was busy");
                    }
                    Err(RecvError::Closed) => return,
                }
            }
        });
    }

    /// Whether any webhook of the app subscribes to `include`; saves building an event's data
    /// for the apps (most of them) that have none.
    fn wanted(&self, app_id: Uuid, include: &str) -> bool {
        match self.inner.store.has_webhook_for(app_id, include) {
            Ok(wanted) => wanted,
            Err(e) => {
                tracing::warn!("cannot read the webhooks of app {app_id}: {e}");
                false
            }
        }
    }

    /// Records an event for the webhooks of the app that subscribe to `include` and starts
    /// delivering it. Never waits on the network. `actor` is who made the change; the app's
    /// owner stands in when the platform made it (a dyno crashed).
    #[allow(clippy::too_many_arguments)]
    pub fn publish(
        &self,
        app_id: Uuid,
        include: &str,
        action: &str,
        actor: Option<(Uuid, String)>,
        resource: &str,
        data: Value,
        previous_data: Value,
    ) {
        let store = &self.inner.store;
        let actor = actor.or_else(|| {
            store
                .reload_app(app_id)
                .ok()
                .flatten()
                .map(|app| (app.owner_id, app.owner_email))
        });
        let Some((actor_id, actor_email)) = actor else {
            return;
        };
        let event = NewEvent {
            app_id,
            include: include.to_string(),
            action: action.to_string(),
            actor_id,
            actor_email,
            resource: resource.to_string(),
            data,
            previous_data,
        };
        match store.record_webhook_event(&event, EVENTS_KEPT) {
            Ok(Some((_, deliveries))) => {
                for id in deliveries {
                    self.spawn_delivery(id);
                }
            }
            Ok(None) => {}
            Err(e) => tracing::warn!("cannot record a webhook event of app {app_id}: {e}"),
        }
    }

    /// `api:deployment`: a deployment was recorded (`create`) or changed state (`update`,
    /// with the state before in `previous_data`).
    /// `load` reads the deployment only when some webhook wants it.
    pub fn deployment(
        &self,
        app_id: Uuid,
        action: &str,
        previous_status: Option<&str>,
        load: impl FnOnce() -> Option<DeploymentRow>,
    ) {
        if !self.wanted(app_id, "api:deployment") {
            return;
        }
        let Some(row) = load() else {
            return;
        };
        let data = json!(present::deployment(&row));
        let previous = match previous_status {
            Some(status) => json!({ "status": status }),
            None => json!({}),
        };
        let actor = Some((row.user_id, row.user_email.clone()));
        self.publish(
            row.app_id,
            "api:deployment",
            action,
            actor,
            "deployment",
            data,
            previous,
        );
    }

    /// `api:build`: a build was created (`create`) or ended (`update`).
    pub fn build(&self, action: &str, build: &BuildRow) {
        if !self.wanted(build.app_id, "api:build") {
            return;
        }
        let data = json!(present::build(&self.inner.base_url, build, None));
        let actor = Some((build.user_id, build.user_email.clone()));
        self.publish(
            build.app_id,
            "api:build",
            action,
            actor,
            "build",
            data,
            json!({}),
        );
    }

    /// A build ended: its release (if it made one) is published as created, then the build
    /// as updated.
    pub fn build_finished(&self, build_id: Uuid, release_id: Option<Uuid>) {
        let store = &self.inner.store;
        let build = match store.build(build_id) {
            Ok(Some(build)) => build,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!("cannot read build {build_id} for its webhooks: {e}");
                return;
            }
        };
        if let Some(release_id) = release_id
            && let Ok(Some(app)) = store.reload_app(build.app_id)
            && let Ok(Some(release)) = store.release(app.id, &release_id.to_string())
        {
            self.release(&app, &release);
        }
        self.build("update", &build);
    }

    /// `api:release`: a release was created (a build, a config change, a rollback).
    pub fn release(&self, app: &AppRow, release: &ReleaseRow) {
        if !self.wanted(app.id, "api:release") {
            return;
        }
        let current = self.inner.store.current_version(app.id).ok().flatten();
        let data = json!(present::release(
            &self.inner.base_url,
            app,
            release,
            current,
            None,
        ));
        let actor = Some((release.user_id, release.user_email.clone()));
        self.publish(
            app.id,
            "api:release",
            "create",
            actor,
            "release",
            data,
            json!({}),
        );
    }

    /// `api:formation`: a process type was scaled or resized.
    pub fn formation(
        &self,
        app: &AppRow,
        actor: (Uuid, String),
        before: &FormationRow,
        after: &FormationRow,
    ) {
        if !self.wanted(app.id, "api:formation") {
            return;
        }
        let old = json!(present::formation(app, before));
        let data = json!(present::formation(app, after));
        let previous = changed_fields(&old, &data, &["quantity", "size", "dyno_size"]);
        self.publish(
            app.id,
            "api:formation",
            "update",
            Some(actor),
            "formation",
            data,
            previous,
        );
    }

    /// `api:addon`: an add-on was created, changed plan or credentials, or destroyed; sent
    /// to the webhooks of its owning app.
    pub fn addon(&self, action: &str, actor: (Uuid, String), addon: &crate::api::AddOn) {
        if !self.wanted(addon.app.id, "api:addon") {
            return;
        }
        self.publish(
            addon.app.id,
            "api:addon",
            action,
            Some(actor),
            "addon",
            json!(addon),
            json!({}),
        );
    }

    /// `api:addon-attachment`: an add-on was attached to or detached from an app; sent to
    /// the webhooks of that app.
    pub fn addon_attachment(
        &self,
        action: &str,
        actor: (Uuid, String),
        attachment: &crate::api::AddOnAttachment,
    ) {
        if !self.wanted(attachment.app.id, "api:addon-attachment") {
            return;
        }
        self.publish(
            attachment.app.id,
            "api:addon-attachment",
            action,
            Some(actor),
            "addon-attachment",
            json!(attachment),
            json!({}),
        );
    }

    /// `dyno`: a dyno was created, changed state or was removed.
    fn dyno(&self, event: &DynoEvent) {
        if !self.wanted(event.app_id, "dyno") {
            return;
        }
        let store = &self.inner.store;
        let Ok(Some(app)) = store.reload_app(event.app_id) else {
            return;
        };
        let data = json!(present::dyno(store, &app, &event.dyno, None));
        let (action, previous) = match event.change {
            DynoChange::Created => ("create", json!({})),
            DynoChange::StateChanged { from } => ("update", json!({ "state": from.as_str() })),
            DynoChange::Removed => ("destroy", json!({})),
        };
        self.publish(app.id, "dyno", action, None, "dyno", data, previous);
    }

    fn spawn_delivery(&self, id: Uuid) {
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => {
                handle.spawn(self.clone().deliver(id));
            }
            // Outside the server's runtime (never in practice): the delivery stays pending and
            // the next start resumes it.
            Err(_) => tracing::warn!("webhook delivery {id} left for the next start"),
        }
    }

    /// Works one delivery to its end: attempt, record, wait, attempt again (`sync` only).
    async fn deliver(self, id: Uuid) {
        let store = &self.inner.store;
        let mut resumed = true;
        loop {
            let job = match store.delivery_job(id) {
                Ok(Some(job)) => job,
                // The webhook, its app or the event is gone: nothing left to deliver.
                Ok(None) => return,
                Err(e) => {
                    tracing::warn!("cannot read webhook delivery {id}: {e}");
                    return;
                }
            };
            if !matches!(job.status.as_str(), "pending" | "scheduled" | "retrying") {
                return;
            }
            if std::mem::take(&mut resumed)
                && let Some(at) = job.next_attempt_at
            {
                // A delivery resumed after a restart keeps to its schedule.
                let wait = at - Timestamp::now().0;
                if wait > 0 {
                    tokio::time::sleep(Duration::from_secs(wait.unsigned_abs())).await;
                }
            }
            let Ok(permit) = self.inner.limit.acquire().await else {
                return;
            };
            let under_way = if job.num_attempts == 0 {
                "pending"
            } else {
                "retrying"
            };
            if !matches!(store.set_delivery_status(id, under_way), Ok(true)) {
                return;
            }
            let attempt_id = Uuid::new_v4();
            let created_at = Timestamp::now().0;
            let started = Instant::now();
            let outcome = self.attempt(&job, attempt_id).await;
            let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
            drop(permit);
            let made = job.num_attempts + 1;
            let retry = (!outcome.ok() && job.level == "sync" && made < SYNC_ATTEMPTS).then(|| {
                retry_wait(
                    self.inner.retry_base,
                    u32::try_from(made).unwrap_or(u32::MAX),
                )
            });
            let status = match (outcome.ok(), retry) {
                (true, _) => "succeeded",
                (false, Some(_)) => "scheduled",
                (false, None) => "failed",
            };
            let next_attempt_at = retry.map(|wait| {
                let secs = i64::try_from(wait.as_secs()).unwrap_or(i64::MAX);
                let round_up = i64::from(wait.subsec_nanos() > 0);
                Timestamp::now()
                    .0
                    .saturating_add(secs)
                    .saturating_add(round_up)
            });
            let attempt = NewAttempt {
                id: attempt_id,
                status: if outcome.ok() { "succeeded" } else { "failed" }.to_string(),
                code: outcome.code,
                error_class: outcome.error_class.map(str::to_string),
                duration_ms,
                created_at,
            };
            match store.record_webhook_attempt(id, &attempt, status, next_attempt_at) {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => {
                    tracing::warn!("cannot record an attempt at webhook delivery {id}: {e}");
                    return;
                }
            }
            tracing::debug!(
                "webhook delivery {id} attempt {made} to {}: {:?} in {duration_ms} ms, now {status}",
                outbound::redact(&job.url),
                outcome
            );
            match retry {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return,
            }
        }
    }

    /// One `POST` of the event to the webhook's URL.
    async fn attempt(&self, job: &DeliveryJob, attempt_id: Uuid) -> Outcome {
        let body = match body(job, attempt_id) {
            Ok(body) => body,
            Err(e) => {
                tracing::error!("cannot encode webhook delivery {}: {e}", job.delivery_id);
                return Outcome {
                    code: None,
                    error_class: Some("payload_invalid"),
                };
            }
        };
        // The client's resolver checks names; a literal address is checked here. A refusal
        // reads like any unreachable receiver.
        let allowed = reqwest::Url::parse(&job.url)
            .ok()
            .is_some_and(|url| outbound::policy().check_http_url(&url).is_ok());
        if !allowed {
            return Outcome {
                code: None,
                error_class: Some("connection_failed"),
            };
        }
        let mut req = self
            .inner
            .http
            .post(&job.url)
            .header(CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, sign(&job.secret, &body))
            .header("Heroku-Webhook-Id", job.delivery_id.to_string());
        if let Some(authorization) = &job.authorization {
            req = req.header(AUTHORIZATION, authorization);
        }
        match req.body(body).send().await {
            Ok(resp) => Outcome {
                code: Some(i64::from(resp.status().as_u16())),
                error_class: None,
            },
            Err(e) => Outcome {
                code: None,
                error_class: Some(error_class(&e)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_base64_hmac_sha256() {
        // RFC 4231, test case 2.
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="
        );
        assert_ne!(
            sign("other", b"what do ya want for nothing?"),
            sign("Jefe", b"what do ya want for nothing?")
        );
        assert_eq!(sign("", b"").len(), 44);
    }

    #[test]
    fn retries_back_off_exponentially_within_a_bound() {
        let waits: Vec<u64> = (1..SYNC_ATTEMPTS)
            .map(|n| retry_wait(RETRY_BASE, u32::try_from(n).unwrap()).as_secs())
            .collect();
        assert_eq!(waits, vec![15, 30, 60, 120, 240, 480, 960]);
        let total: u64 = waits.iter().sum();
        assert!((25 * 60..=35 * 60).contains(&total), "{total}");
        assert_eq!(
            retry_wait(Duration::from_millis(50), 3),
            Duration::from_millis(200)
        );
        assert_eq!(retry_wait(RETRY_BASE, 40), RETRY_MAX_WAIT);
        assert_eq!(retry_wait(Duration::MAX, 2), RETRY_MAX_WAIT);
    }

    #[test]
    fn secrets_are_64_hex_digits_and_differ() {
        let a = new_secret().unwrap();
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, new_secret().unwrap());
    }

    #[test]
    fn previous_data_holds_the_old_values_of_changed_fields() {
        let before = json!({"quantity": 1, "size": "basic", "dyno_size": {"name": "basic"}});
        let after = json!({"quantity": 3, "size": "basic", "dyno_size": {"name": "basic"}});
        assert_eq!(
            changed_fields(&before, &after, &["quantity", "size", "dyno_size"]),
            json!({"quantity": 1})
        );
        assert_eq!(changed_fields(&after, &after, &["quantity"]), json!({}));
    }

    #[test]
    fn only_2xx_is_success() {
        let o = |code| Outcome {
            code,
            error_class: None,
        };
        assert!(o(Some(200)).ok() && o(Some(204)).ok());
        assert!(!o(Some(301)).ok() && !o(Some(500)).ok() && !o(None).ok());
    }
}
