//! `/apps/{app}/log-drains`: where an app's log is also sent (and `/addons/{addon}/log-drains`,
//! the drains an add-on made, which none here does). A drain is found by its id, URL
//! or token. A drain that cannot be reached is still added; its failures show up in the log.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};

use super::AppState;
use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PathApp, RangeHeader};
use crate::api::paths;
use crate::api::{LogDrain, LogDrainCreate, NamedRef, Timestamp};
use crate::server::drains::parse_target;
use crate::server::outbound;
use crate::server::store::{DrainRow, is_unique_violation};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_log_drains("{app}").to_string(),
            get(list).post(create),
        )
        .route(
            &paths::app_log_drain("{app}", "{drain}").to_string(),
            get(info).delete(destroy),
        )
        .route(
            &paths::addon_log_drains("{addon}").to_string(),
            get(list_of_addon),
        )
}

/// Heroku's logging add-ons add drains to the apps they serve; tug's add-ons (databases)
/// make none, so the list is empty, for those who can see the add-on.
async fn list_of_addon(
    State(state): State<AppState>,
    auth: Auth,
    Path(addon): Path<String>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    super::addons::visible_addon(&state, &auth, &addon)?;
    super::list(Vec::<LogDrain>::new(), range)
}

pub fn present(row: &DrainRow) -> LogDrain {
    LogDrain {
        addon: None,
        app: Some(NamedRef {
            id: row.app_id,
            name: row.app_name.clone(),
        }),
        created_at: Timestamp(row.created_at),
        id: row.id,
        token: row.token.clone(),
        updated_at: Timestamp(row.updated_at),
        url: row.url.clone(),
    }
}

async fn list(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let drains: Vec<LogDrain> = state.store.drains(row.id)?.iter().map(present).collect();
    super::list(drains, range)
}

async fn create(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    ApiJson(body): ApiJson<LogDrainCreate>,
) -> ApiResult<(StatusCode, Json<LogDrain>)> {
    let url = body.url.trim();
    parse_target(url).map_err(ApiError::invalid)?;
    // A drain to a target the server may not reach is refused now rather than at every batch.
    outbound::policy()
        .check_target(url)
        .await
        .map_err(|refused| {
            ApiError::invalid(format!(
                "`{}` is not a URL this server may drain to: {refused}",
                outbound::redact(url)
            ))
        })?;
    let drain = state.store.insert_drain(row.id, url).map_err(|e| {
        if is_unique_violation(&e) {
            ApiError::conflict(format!("{} already drains to `{url}`", row.name))
        } else {
            e.into()
        }
    })?;
    state.drains.start(&drain);
    Ok((StatusCode::CREATED, Json(present(&drain))))
}

fn find(state: &AppState, auth: &Auth, app: &str, ident: &str) -> ApiResult<DrainRow> {
    let (row, _) = load_app(state, auth, app)?;
    state.store.drain(row.id, ident)?.ok_or_else(|| {
        ApiError::not_found("log_drain", format!("no drain `{ident}` on {}", row.name))
    })
}

async fn info(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, ident)): Path<(String, String)>,
) -> ApiResult<Json<LogDrain>> {
    Ok(Json(present(&find(&state, &auth, &app, &ident)?)))
}

async fn destroy(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, ident)): Path<(String, String)>,
) -> ApiResult<Json<LogDrain>> {
    let drain = find(&state, &auth, &app, &ident)?;
    state.store.delete_drain(drain.id)?;
    state.drains.stop(drain.id);
    Ok(Json(present(&drain)))
}
