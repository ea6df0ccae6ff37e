//! `/apps/{app}/webhooks`, `/apps/{app}/webhook-events` and `/apps/{app}/webhook-deliveries`:
//! an app's webhook subscriptions, what was sent to them and how each delivery went. The
//! signing secret is returned once, in the `Heroku-Webhook-Secret` header of the request that
//! set it, and never in a body.

use axum::extract::{Path, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use uuid::Uuid;

use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PathApp, RangeHeader};
use super::{AppState, list};
use crate::api::paths;
use crate::api::{
    AppWebhook, AppWebhookCreate, AppWebhookDelivery, AppWebhookEvent, AppWebhookUpdate,
    MAX_AUTHORIZATION_LEN, MAX_SECRET_LEN, WEBHOOK_SECRET_HEADER, check_webhook_include,
    check_webhook_level, check_webhook_url,
};
use crate::server::outbound;
use crate::server::present;
use crate::server::store::{AppRow, WebhookChange, WebhookRow, is_unique_violation};
use crate::server::webhooks::new_secret;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_webhooks("{app}").to_string(),
            get(list_webhooks).post(create),
        )
        .route(
            &paths::app_webhook("{app}", "{webhook}").to_string(),
            get(info).patch(update).delete(destroy),
        )
        .route(
            &paths::app_webhook_events("{app}").to_string(),
            get(list_events),
        )
        .route(
            &paths::app_webhook_event("{app}", "{event}").to_string(),
            get(event_info),
        )
        .route(
            &paths::app_webhook_deliveries("{app}").to_string(),
            get(list_deliveries),
        )
        .route(
            &paths::app_webhook_delivery("{app}", "{delivery}").to_string(),
            get(delivery_info),
        )
}

fn check_secret(secret: &str) -> ApiResult<()> {
    if secret.is_empty() {
        return Err(ApiError::invalid(
            "`secret` is empty: leave it out and tug makes one",
        ));
    }
    if secret.len() > MAX_SECRET_LEN {
        return Err(ApiError::invalid(format!(
            "`secret` is {} bytes long; the limit is {MAX_SECRET_LEN}",
            secret.len()
        )));
    }
    Ok(())
}

/// An `Authorization` value must be one header line; an empty one means none.
fn check_authorization(value: Option<&str>) -> ApiResult<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.len() > MAX_AUTHORIZATION_LEN {
        return Err(ApiError::invalid(format!(
            "`authorization` is {} bytes long; the limit is {MAX_AUTHORIZATION_LEN}",
            value.len()
        )));
    }
    if HeaderValue::from_str(value).is_err() {
        return Err(ApiError::invalid(
            "`authorization` must be one line of visible text, like `Bearer 9266671b`",
        ));
    }
    Ok(Some(value.to_string()))
}

fn duplicate_url(app: &AppRow, url: &str) -> ApiError {
    ApiError::invalid(format!(
        "`{}` already has a webhook to `{url}`; change that one with `tug webhooks:update`",
        app.name
    ))
}

/// The response, with the secret in `Heroku-Webhook-Secret` when this request set it.
fn with_secret(status: StatusCode, webhook: &WebhookRow, secret: Option<&str>) -> Response {
    let mut resp = (status, Json(present::webhook(webhook))).into_response();
    if let Some(secret) = secret
        && let Ok(name) = HeaderName::from_bytes(WEBHOOK_SECRET_HEADER.as_bytes())
        && let Ok(value) = HeaderValue::from_str(secret)
    {
        resp.headers_mut().insert(name, value);
    }
    resp
}

/// A webhook to a target the server may not reach is refused now rather than failing at
/// every delivery.
async fn check_reachable(url: &str) -> ApiResult<()> {
    outbound::policy()
        .check_target(url)
        .await
        .map_err(|refused| {
            ApiError::invalid(format!(
                "`{}` is not a URL this server may deliver to: {refused}",
                outbound::redact(url)
            ))
        })
}

async fn create(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    ApiJson(body): ApiJson<AppWebhookCreate>,
) -> ApiResult<Response> {
    let url = body.url.trim();
    check_webhook_url(url).map_err(ApiError::invalid)?;
    check_reachable(url).await?;
    check_webhook_include(&body.include).map_err(ApiError::invalid)?;
    check_webhook_level(&body.level).map_err(ApiError::invalid)?;
    let authorization = check_authorization(body.authorization.as_deref())?;
    let secret = match &body.secret {
        Some(secret) => {
            check_secret(secret)?;
            secret.clone()
        }
        None => new_secret()?,
    };
    let webhook = state
        .store
        .insert_webhook(
            row.id,
            url,
            &body.include,
            &body.level,
            &secret,
            authorization.as_deref(),
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                duplicate_url(&row, url)
            } else {
                e.into()
            }
        })?;
    Ok(with_secret(StatusCode::CREATED, &webhook, Some(&secret)))
}

async fn list_webhooks(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let items: Vec<AppWebhook> = state
        .store
        .webhooks(row.id)?
        .iter()
        .map(present::webhook)
        .collect();
    list(items, range)
}

fn parse_id(kind: &'static str, what: &str, ident: &str, app: &AppRow) -> ApiResult<Uuid> {
    Uuid::parse_str(ident.trim())
        .map_err(|_| ApiError::not_found(kind, format!("no {what} `{ident}` on `{}`", app.name)))
}

fn find(state: &AppState, auth: &Auth, app: &str, ident: &str) -> ApiResult<(AppRow, WebhookRow)> {
    let (row, _) = load_app(state, auth, app)?;
    let id = parse_id("app-webhook", "webhook", ident, &row)?;
    let webhook = state.store.webhook(row.id, id)?.ok_or_else(|| {
        ApiError::not_found(
            "app-webhook",
            format!("no webhook `{ident}` on `{}`", row.name),
        )
    })?;
    Ok((row, webhook))
}

async fn info(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, ident)): Path<(String, String)>,
) -> ApiResult<Json<AppWebhook>> {
    let (_, webhook) = find(&state, &auth, &app, &ident)?;
    Ok(Json(present::webhook(&webhook)))
}

async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, ident)): Path<(String, String)>,
    ApiJson(body): ApiJson<AppWebhookUpdate>,
) -> ApiResult<Response> {
    let (row, webhook) = find(&state, &auth, &app, &ident)?;
    let url = body.url.as_deref().map(str::trim);
    if let Some(url) = url {
        check_webhook_url(url).map_err(ApiError::invalid)?;
        check_reachable(url).await?;
    }
    if let Some(include) = &body.include {
        check_webhook_include(include).map_err(ApiError::invalid)?;
    }
    if let Some(level) = &body.level {
        check_webhook_level(level).map_err(ApiError::invalid)?;
    }
    let authorization = match &body.authorization {
        Some(value) => Some(check_authorization(value.as_deref())?),
        None => None,
    };
    // `secret: null` asks for a new one, which only this answer shows.
    let (secret, made) = match &body.secret {
        Some(Some(secret)) => {
            check_secret(secret)?;
            (Some(secret.clone()), false)
        }
        Some(None) => (Some(new_secret()?), true),
        None => (None, false),
    };
    let change = WebhookChange {
        url: url.map(str::to_string),
        include: body.include.clone(),
        level: body.level.clone(),
        secret: secret.clone(),
        authorization,
    };
    let updated = state
        .store
        .update_webhook(webhook.id, &change)
        .map_err(|e| {
            if is_unique_violation(&e) {
                duplicate_url(&row, url.unwrap_or_default())
            } else {
                e.into()
            }
        })?
        .ok_or_else(|| {
            ApiError::not_found(
                "app-webhook",
                format!("no webhook `{ident}` on `{}`", row.name),
            )
        })?;
    let shown = if made { secret.as_deref() } else { None };
    Ok(with_secret(StatusCode::OK, &updated, shown))
}

async fn destroy(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, ident)): Path<(String, String)>,
) -> ApiResult<Json<AppWebhook>> {
    let (_, webhook) = find(&state, &auth, &app, &ident)?;
    state.store.delete_webhook(webhook.id)?;
    Ok(Json(present::webhook(&webhook)))
}

async fn list_events(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let items: Vec<AppWebhookEvent> = state
        .store
        .webhook_events(row.id)?
        .iter()
        .map(present::webhook_event)
        .collect();
    list(items, range)
}

async fn event_info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
) -> ApiResult<Json<AppWebhookEvent>> {
    let id = parse_id("app-webhook-event", "webhook event", &ident, &row)?;
    let event = state.store.webhook_event(row.id, id)?.ok_or_else(|| {
        ApiError::not_found(
            "app-webhook-event",
            format!("no webhook event `{ident}` on `{}`", row.name),
        )
    })?;
    Ok(Json(present::webhook_event(&event)))
}

async fn list_deliveries(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let items: Vec<AppWebhookDelivery> = state
        .store
        .webhook_deliveries(row.id)?
        .iter()
        .map(present::webhook_delivery)
        .collect();
    // `seq` is the order deliveries were made in, which `heroku webhooks:deliveries` asks for.
    list(items, range)
}

async fn delivery_info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
) -> ApiResult<Json<AppWebhookDelivery>> {
    let id = parse_id("app-webhook-delivery", "webhook delivery", &ident, &row)?;
    let delivery = state.store.webhook_delivery(row.id, id)?.ok_or_else(|| {
        ApiError::not_found(
            "app-webhook-delivery",
            format!("no webhook delivery `{ident}` on `{}`", row.name),
        )
    })?;
    Ok(Json(present::webhook_delivery(&delivery)))
}
