//! `/apps/{app}/slugs`: slug metadata. Builds create slugs; this API lets other tools
//! register one and release it with `POST /apps/{app}/releases {"slug": id}`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use uuid::Uuid;

use super::AppState;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, PathApp, PublicUrl};
use crate::api::names::{check_process_type, is_commit_id};
use crate::api::paths;
use crate::api::{STACK_ID, STACK_NAME, Slug, SlugCreate, Timestamp};
use crate::server::present;
use crate::server::store::SlugRow;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::app_slugs("{app}").to_string(), post(create))
        .route(&paths::app_slug("{app}", "{id}").to_string(), get(info))
}

async fn create(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<SlugCreate>,
) -> ApiResult<(StatusCode, Json<Slug>)> {
    state
        .quotas
        .check_process_types(body.process_types.len())
        .map_err(ApiError::invalid)?;
    for (kind, command) in &body.process_types {
        check_process_type(kind).map_err(ApiError::invalid)?;
        if command.trim().is_empty() {
            return Err(ApiError::invalid(format!(
                "process type `{kind}` has an empty command"
            )));
        }
    }
    if let Some(stack) = &body.stack
        && stack != STACK_NAME
        && stack != &STACK_ID.to_string()
    {
        return Err(ApiError::invalid(format!(
            "unknown stack `{stack}`: this platform has one, `{STACK_NAME}`"
        )));
    }
    // Other tools read this back and hand it to `git` (`tug pipelines:diff`): only a commit id.
    if body.commit.as_deref().is_some_and(|c| !is_commit_id(c)) {
        return Err(ApiError::invalid(
            "`commit` must be a git commit id: 4 to 40 hexadecimal characters (64 for SHA-256)",
        ));
    }
    let now = Timestamp::now().0;
    let slug = SlugRow {
        id: Uuid::new_v4(),
        app_id: row.id,
        process_types: body.process_types,
        commit: body.commit,
        commit_description: body.commit_description,
        checksum: body.checksum,
        size: None,
        buildpack_provided_description: body.buildpack_provided_description,
        created_at: now,
        updated_at: now,
    };
    state.store.insert_slug(&slug)?;
    Ok((StatusCode::CREATED, Json(present::slug(&base, &row, &slug))))
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, id)): Path<(String, String)>,
    PublicUrl(base): PublicUrl,
) -> ApiResult<Json<Slug>> {
    let not_found = || ApiError::not_found("slug", format!("slug `{id}` not found"));
    let slug_id = Uuid::parse_str(&id).map_err(|_| not_found())?;
    let slug = state.store.slug(row.id, slug_id)?.ok_or_else(not_found)?;
    Ok(Json(present::slug(&base, &row, &slug)))
}
