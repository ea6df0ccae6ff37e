//! `/apps/{app}/releases`: list, info, and create (a release of a slug, or a rollback).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use uuid::Uuid;

use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, PathApp, PublicUrl, RangeHeader};
use super::{AppState, list};
use crate::api::paths;
use crate::api::{Release, ReleaseCreate};
use crate::server::deploy::release::{Change, release};
use crate::server::present;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_releases("{app}").to_string(),
            get(list_releases).post(create),
        )
        .route(
            &paths::app_release("{app}", "{release}").to_string(),
            get(info),
        )
}

async fn list_releases(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    PublicUrl(base): PublicUrl,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let current = state.store.current_version(row.id)?;
    let items: Vec<Release> = state
        .store
        .releases(row.id)?
        .iter()
        .map(|r| present::release(&base, &row, r, current, auth.reader()))
        .collect();
    list(items, range)
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    PublicUrl(base): PublicUrl,
    Path((_, release)): Path<(String, String)>,
) -> ApiResult<Json<Release>> {
    let found = state.store.release(row.id, &release)?.ok_or_else(|| {
        ApiError::not_found(
            "release",
            format!("release `{release}` of `{}` not found", row.name),
        )
    })?;
    let current = state.store.current_version(row.id)?;
    Ok(Json(present::release(
        &base,
        &row,
        &found,
        current,
        auth.reader(),
    )))
}

async fn create(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<ReleaseCreate>,
) -> ApiResult<(StatusCode, Json<Release>)> {
    let change = match (&body.release, &body.slug) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "give either `release` (a rollback) or `slug`, not both",
            ));
        }
        (Some(target), None) => {
            let target = state.store.release(row.id, target)?.ok_or_else(|| {
                ApiError::not_found(
                    "release",
                    format!("release `{target}` of `{}` not found", row.name),
                )
            })?;
            if target.status != "succeeded" {
                return Err(ApiError::invalid(format!(
                    "v{} {} and cannot be rolled back to",
                    target.version, target.status
                )));
            }
            Change::Rollback { target }
        }
        (None, Some(slug)) => {
            let slug = Uuid::parse_str(slug)
                .ok()
                .and_then(|id| state.store.slug(row.id, id).transpose())
                .transpose()?
                .ok_or_else(|| ApiError::not_found("slug", format!("slug `{slug}` not found")))?;
            Change::Slug {
                slug,
                description: body.description.clone(),
            }
        }
        (None, None) => {
            return Err(ApiError::invalid("`slug` or `release` is required"));
        }
    };
    let created = release(
        &state.live,
        &state.deployments,
        &row,
        auth.account.id,
        change,
    )
    .await?
    .release;
    let current = state.store.current_version(row.id)?;
    Ok((
        StatusCode::CREATED,
        Json(present::release(
            &base,
            &row,
            &created,
            current,
            auth.reader(),
        )),
    ))
}
