//! `/apps/{app}/collaborators`: who besides the owner may see and change an app.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};

use super::apps::require_owner;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, PathApp, RangeHeader};
use super::{AppState, list};
use crate::api::paths;
use crate::api::{Collaborator, CollaboratorCreate};
use crate::server::present;
use crate::server::store::is_unique_violation;
use crate::server::store::{AppRow, CollaboratorRow, Role};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_collaborators("{app}").to_string(),
            get(list_all).post(create),
        )
        .route(
            &paths::app_collaborator("{app}", "{who}").to_string(),
            get(info).delete(remove),
        )
}

fn find(state: &AppState, app: &AppRow, who: &str) -> ApiResult<CollaboratorRow> {
    state
        .store
        .collaborators(app.id)?
        .into_iter()
        .find(|c| {
            c.email.eq_ignore_ascii_case(who)
                || c.id.to_string() == who
                || c.account_id.to_string() == who
        })
        .ok_or_else(|| {
            ApiError::not_found(
                "collaborator",
                format!("`{who}` is not a collaborator on `{}`", app.name),
            )
        })
}

async fn list_all(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let items: Vec<Collaborator> = state
        .store
        .collaborators(row.id)?
        .iter()
        .map(|c| present::collaborator(&row, c))
        .collect();
    list(items, range)
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, who)): Path<(String, String)>,
) -> ApiResult<Json<Collaborator>> {
    let collab = find(&state, &row, &who)?;
    Ok(Json(present::collaborator(&row, &collab)))
}

async fn create(
    State(state): State<AppState>,
    PathApp(row, role, auth): PathApp,
    ApiJson(body): ApiJson<CollaboratorCreate>,
) -> ApiResult<(StatusCode, Json<Collaborator>)> {
    require_owner(&row, role, "give others access")?;
    let user = if body.user == "~" {
        auth.account.email.clone()
    } else {
        body.user.clone()
    };
    let account = state.store.account_by_identity(&user)?.ok_or_else(|| {
        ApiError::not_found(
            "user",
            format!("no account `{user}` on this platform; an admin can add it with `tug server users:add {user}`"),
        )
    })?;
    let collab = state
        .store
        .add_collaborator(row.id, account.id)
        .map_err(|e| {
            if is_unique_violation(&e) {
                ApiError::conflict(format!(
                    "`{}` already has access to `{}`",
                    account.email, row.name
                ))
            } else {
                e.into()
            }
        })?;
    Ok((
        StatusCode::CREATED,
        Json(present::collaborator(&row, &collab)),
    ))
}

async fn remove(
    State(state): State<AppState>,
    PathApp(row, role, auth): PathApp,
    Path((_, who)): Path<(String, String)>,
) -> ApiResult<Json<Collaborator>> {
    let collab = find(&state, &row, &who)?;
    if collab.role == Role::Owner {
        return Err(ApiError::invalid(format!(
            "`{}` owns `{}` and cannot be removed from it",
            collab.email, row.name
        )));
    }
    // Anyone may leave an app; only the owner may remove others.
    if collab.account_id != auth.account.id {
        require_owner(&row, role, "remove others' access")?;
    }
    state.store.remove_collaborator(collab.id)?;
    Ok(Json(present::collaborator(&row, &collab)))
}
