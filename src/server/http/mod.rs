//! The Platform API over HTTP: one router per resource, merged here, behind one middleware
//! that applies the wire rules every response shares (Request-Id, RateLimit-Remaining,
//! Accept versions, ETag and If-None-Match).

mod account;
mod acm;
pub mod addon_backups;
mod addon_managed;
mod addon_rename;
mod addon_resolve;
mod addon_services;
pub mod addons;
mod app_setups;
pub(crate) mod apps;
mod buildpack_registry;
pub(crate) mod builds;
mod capability;
mod collaborators;
mod config_vars;
mod deployments;
mod domains;
pub mod drains;
pub mod dynos;
pub mod error;
pub mod extract;
mod features;
mod formation;
mod git;
mod listing;
pub mod logs;
pub(crate) mod oauth;
mod output_streams;
mod pipelines;
mod platform;
mod promotions;
mod releases;
mod review_app_host;
mod review_apps;
mod slugs;
mod sni_endpoints;
mod webhooks;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use self::error::ApiError;
use self::listing::list;
use crate::api::paths;
use crate::api::{ErrorId, Health};
use crate::server::deploy::build_pipeline::Pipeline;
use crate::server::git::{PushSessions, Repos};
use crate::server::ratelimit::{self, RateLimiter};
use crate::server::store::Store;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// What `/health` says of the wall around app code.
    pub sandbox: Arc<str>,
    /// Why `log-runtime-metrics` can sample nothing on this server; `None` when it samples.
    pub no_runtime_metrics: Option<&'static str>,
    pub limiter: Arc<RateLimiter>,
    /// Password logins: their throttle and the pool that hashes them.
    pub login_throttle: Arc<crate::server::login_throttle::LoginThrottle>,
    pub password_checks: Arc<crate::server::auth::PasswordChecks>,
    /// Each account's share of the requests being handled.
    pub in_flight: Arc<crate::server::fairness::InFlight>,
    pub tls: bool,
    pub api_addr: SocketAddr,
    /// Where the router listens: its port is in app URLs, its address tells where DNS should point.
    pub router_addr: SocketAddr,
    pub domain: Arc<str>,
    /// What one account may take of the server.
    pub quotas: crate::server::quotas::Quotas,
    pub data_dir: Arc<Path>,
    pub pipeline: Pipeline,
    pub repos: Arc<Repos>,
    pub pushes: Arc<PushSessions>,
    /// Where `tug server hook` reaches the server during a push.
    pub hook_socket: Arc<Path>,
    /// What runs: the runtime, and the log hub.
    pub live: crate::server::deploy::apply::Live,
    /// Attached one-off dynos waiting for their client.
    pub attaches: Arc<crate::server::attach::Attaches>,
    /// Where the rendezvous listener answers, when the API is on TLS.
    pub rendezvous_port: Option<u16>,
    pub log_sessions: Arc<logs::LogSessions>,
    /// Each log drain's shipping task.
    pub drains: crate::server::drains::Drains,
    /// Deployment records, and the checks every deploy passes.
    pub deployments: crate::server::deploy::deployments::Deployments,
    /// App webhooks: publishes events and delivers them.
    pub webhooks: crate::server::webhooks::Webhooks,
    /// Turns true when the server stops: open streams (log tails, build output, attaches) say
    /// so in a last line and end, so that the API can close.
    pub stopping: tokio::sync::watch::Receiver<bool>,
    /// The add-on providers (Postgres, Redis).
    pub addons: crate::server::addons::Addons,
    /// The certificates the HTTPS router serves for custom domains; reloaded on every change.
    pub certs: crate::server::certs::CertTable,
    /// Orders automatic certificates; woken when there is new work.
    pub acm: crate::server::acm::Acm,
}

impl AppState {
    /// The part of the state the push hook handler gets.
    pub fn hooks(&self) -> crate::server::git::HookState {
        crate::server::git::HookState {
            pushes: self.pushes.clone(),
            pipeline: self.pipeline.clone(),
            review: self.review_apps(),
        }
    }

    /// `http://demo.localhost:7780/`
    pub fn web_url(&self, app: &str) -> String {
        match self.router_addr.port() {
            80 => format!("http://{app}.{}/", self.domain),
            port => format!("http://{app}.{}:{port}/", self.domain),
        }
    }
}

/// Where the auth extractor leaves the caller's remaining rate-limit budget for the response.
#[derive(Clone, Default)]
pub struct RateSlot(Arc<AtomicI64>);

impl RateSlot {
    fn new() -> RateSlot {
        RateSlot(Arc::new(AtomicI64::new(-1)))
    }

    pub fn set(&self, remaining: u64) {
        self.0.store(
            i64::try_from(remaining).unwrap_or(i64::MAX),
            Ordering::Relaxed,
        );
    }

    fn get(&self) -> Option<i64> {
        Some(self.0.load(Ordering::Relaxed)).filter(|v| *v >= 0)
    }
}

/// The last line of a stream (a log tail, a build's output) that ends because the server is
/// stopping, so that whoever reads it knows why it ends.
pub(super) const STOPPING_NOTICE: &str = "the server is stopping; this stream ends here";

/// Resolves once the server is stopping (never, if it cannot tell).
pub(super) async fn stopped(stopping: &mut tokio::sync::watch::Receiver<bool>) {
    if stopping.wait_for(|s| *s).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// The API, and the dashboard beside it on the paths the API does not use.
pub fn router(state: AppState) -> Router {
    let api = api_router(state.clone());
    api.clone()
        .merge(crate::server::dashboard::routes(state, api))
}

fn api_router(state: AppState) -> Router {
    Router::new()
        .route(&paths::health().to_string(), get(health))
        .merge(account::routes())
        .merge(oauth::routes())
        .merge(platform::routes())
        .merge(apps::routes())
        .merge(app_setups::routes())
        .merge(features::routes())
        .merge(config_vars::routes())
        .merge(releases::routes())
        .merge(collaborators::routes())
        .merge(formation::routes())
        .merge(slugs::routes())
        .merge(builds::routes())
        .merge(output_streams::routes())
        .merge(addon_resolve::routes())
        .merge(buildpack_registry::routes())
        .merge(git::routes())
        .merge(dynos::routes())
        .merge(logs::routes())
        .merge(drains::routes())
        .merge(domains::routes())
        .merge(acm::routes())
        .merge(sni_endpoints::routes())
        .merge(deployments::routes())
        .merge(webhooks::routes())
        .merge(pipelines::routes())
        .merge(promotions::routes())
        .merge(review_apps::routes())
        .merge(addons::routes())
        .merge(addon_backups::routes())
        .merge(addon_services::routes())
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(wire))
        .with_state(state)
}

async fn health(State(state): State<AppState>) -> axum::Json<Health> {
    axum::Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        sandbox: state.sandbox.to_string(),
    })
}

async fn no_route(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(
        "route",
        format!("no such endpoint: {method} {}", uri.path()),
    )
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        ErrorId::MethodNotAllowed,
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// True unless the client asked for a Platform API version other than 3 (`3.<variant>` is 3).
fn acceptable(headers: &HeaderMap) -> bool {
    let Some(accept) = headers.get(ACCEPT).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    accept.split(',').all(|media| {
        let mut parts = media.split(';').map(str::trim);
        let kind = parts.next().unwrap_or("");
        if !kind.eq_ignore_ascii_case("application/vnd.heroku+json") {
            return true;
        }
        parts
            .filter_map(|p| p.strip_prefix("version="))
            .all(|v| v == "3" || v.starts_with("3."))
    })
}

/// A client's Request-Id is echoed after ours when it looks like an id, not arbitrary text.
fn client_request_id(headers: &HeaderMap) -> Option<String> {
    let v = headers.get("request-id")?.to_str().ok()?;
    let v = v.split(',').next()?.trim();
    (!v.is_empty()
        && v.len() <= 200
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)))
    .then(|| v.to_string())
}

async fn wire(mut req: Request, next: Next) -> Response {
    let mut request_id = Uuid::new_v4().to_string();
    if let Some(theirs) = client_request_id(req.headers()) {
        request_id = format!("{request_id},{theirs}");
    }
    let slot = RateSlot::new();
    // Held here, past the handler, so an account's turn lasts until its answer is ready.
    let turn = crate::server::fairness::Turn::default();
    let conditional = (req.method() == Method::GET)
        .then(|| req.headers().get(IF_NONE_MATCH).cloned())
        .flatten();
    let is_get = req.method() == Method::GET;
    let mut resp = if acceptable(req.headers()) {
        req.extensions_mut().insert(slot.clone());
        req.extensions_mut().insert(turn.clone());
        next.run(req).await
    } else {
        ApiError::new(
            ErrorId::NotAcceptable,
            "unsupported API version: send `Accept: application/vnd.heroku+json; version=3`",
        )
        .into_response()
    };
    if is_get {
        resp = with_etag(resp, conditional).await;
    }
    drop(turn);
    let headers = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        headers.insert("request-id", v);
    }
    let remaining = slot.get().unwrap_or(ratelimit::CAPACITY as i64);
    headers.insert("ratelimit-remaining", HeaderValue::from(remaining));
    resp
}

/// Adds a strong ETag to successful JSON responses and answers 304 when the client has it.
async fn with_etag(resp: Response, if_none_match: Option<HeaderValue>) -> Response {
    let json = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json || !resp.status().is_success() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return ApiError::internal("could not buffer a response body").into_response();
    };
    let digest = Sha256::digest(&bytes);
    let etag = format!("\"{}\"", crate::hex::encode(&digest[..16]));
    let matches = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        parts.headers.insert(ETAG, v);
    }
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(ACCEPT, HeaderValue::from_str(accept).unwrap());
        h
    }

    #[test]
    fn accepts_v3_and_its_variants_only() {
        for ok in [
            "application/vnd.heroku+json; version=3",
            "application/vnd.heroku+json; version=3.sdk",
            "application/vnd.heroku+json;version=3.webhooks",
            "application/json",
            "*/*",
            "application/vnd.heroku+json",
        ] {
            assert!(acceptable(&headers(ok)), "{ok}");
        }
        for bad in [
            "application/vnd.heroku+json; version=2",
            "application/vnd.heroku+json; version=30",
        ] {
            assert!(!acceptable(&headers(bad)), "{bad}");
        }
    }

    #[test]
    fn echoes_only_sane_client_request_ids() {
        let mut h = HeaderMap::new();
        h.insert("request-id", HeaderValue::from_static("abc-123,def"));
        assert_eq!(client_request_id(&h).as_deref(), Some("abc-123"));
        h.insert("request-id", HeaderValue::from_static("<script>"));
        assert_eq!(client_request_id(&h), None);
    }
}
