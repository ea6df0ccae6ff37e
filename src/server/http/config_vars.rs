//! `/apps/{app}/config-vars`: read and change an app's config; each change is a release.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};

use super::AppState;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, PathApp};
use crate::api::names::{check_config_key, check_config_value};
use crate::api::paths;
use crate::api::{ConfigVars, ConfigVarsUpdate};
use crate::server;
use crate::server::deploy::release::Change;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_config_vars("{app}").to_string(),
            get(info).patch(update),
        )
        .route(
            &paths::app_release_config_vars("{app}", "{release}").to_string(),
            get(info_for_release),
        )
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
) -> ApiResult<Json<ConfigVars>> {
    Ok(Json(state.store.config(row.id)?))
}

async fn info_for_release(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, release)): Path<(String, String)>,
) -> ApiResult<Json<ConfigVars>> {
    let release = state
        .store
        .release(row.id, &release)?
        .ok_or_else(|| ApiError::not_found("release", format!("release `{release}` not found")))?;
    Ok(Json(release.config))
}

async fn update(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    ApiJson(body): ApiJson<ConfigVarsUpdate>,
) -> ApiResult<Json<ConfigVars>> {
    for (key, value) in &body {
        check_config_key(key).map_err(ApiError::invalid)?;
        if let Some(value) = value {
            check_config_value(key, value).map_err(ApiError::invalid)?;
        }
    }
    let mut after = state.store.config(row.id)?;
    for (k, v) in &body {
        match v {
            Some(v) => after.insert(k.clone(), v.clone()),
            None => after.remove(k),
        };
    }
    let size: usize = after.iter().map(|(k, v)| k.len() + v.len()).sum();
    state.quotas.check_config(size)?;
    let (config, release) = state.store.update_config(row.id, auth.account.id, &body)?;
    if let Some(release) = release {
        let change = Change::Config { release };
        server::deploy::release::release(
            &state.live,
            &state.deployments,
            &row,
            auth.account.id,
            change,
        )
        .await?;
    }
    Ok(Json(config))
}
