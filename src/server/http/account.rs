//! `/account`, `/users/{~|email|id}` and `/account/rate-limits`.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};

use super::AppState;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth};
use crate::api::paths;
use crate::api::{Account, AccountUpdate, RateLimit};
use crate::server::present;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::account().to_string(),
            get(info).patch(update).delete(remove),
        )
        .route(
            "/users/{user}",
            get(info_by_user)
                .patch(update_by_user)
                .delete(remove_by_user),
        )
        .route(&paths::account_rate_limits().to_string(), get(rate_limits))
}

/// `~`, the caller's email or id: an account may only read itself.
pub fn check_self(auth: &Auth, ident: &str) -> ApiResult<()> {
    let is_self = ident == "~"
        || ident.eq_ignore_ascii_case(&auth.account.email)
        || ident == auth.account.id.to_string();
    if is_self {
        Ok(())
    } else {
        Err(ApiError::not_found(
            "user",
            format!("user `{ident}` not found"),
        ))
    }
}

async fn info(auth: Auth) -> Json<Account> {
    Json(present::account(&auth.account))
}

async fn info_by_user(auth: Auth, Path(user): Path<String>) -> ApiResult<Json<Account>> {
    check_self(&auth, &user)?;
    Ok(Json(present::account(&auth.account)))
}

async fn update(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<AccountUpdate>,
) -> ApiResult<Json<Account>> {
    apply_update(&state, &auth, body)
}

async fn update_by_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(user): Path<String>,
    ApiJson(body): ApiJson<AccountUpdate>,
) -> ApiResult<Json<Account>> {
    check_self(&auth, &user)?;
    apply_update(&state, &auth, body)
}

async fn remove(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Account>> {
    delete_account(&state, &auth)
}

async fn remove_by_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(user): Path<String>,
) -> ApiResult<Json<Account>> {
    check_self(&auth, &user)?;
    delete_account(&state, &auth)
}

/// Deletes the caller's account, refused while it owns apps or pipelines (they would be left
/// without an owner). Its tokens go with it, so this request's is the last it makes.
fn delete_account(state: &AppState, auth: &Auth) -> ApiResult<Json<Account>> {
    let (apps, pipelines) = state.store.account_holdings(auth.account.id)?;
    if apps > 0 {
        return Err(ApiError::invalid(format!(
            "the account owns {apps} app(s): destroy them first with `tug apps:destroy APP --confirm APP` (`tug apps` lists them)"
        ))
        .with_resource("account"));
    }
    if pipelines > 0 {
        return Err(ApiError::invalid(format!(
            "the account owns {pipelines} pipeline(s): destroy them (`tug pipelines:destroy`) first"
        ))
        .with_resource("account"));
    }
    state.store.delete_account(auth.account.id)?;
    Ok(Json(present::account(&auth.account)))
}

fn apply_update(state: &AppState, auth: &Auth, body: AccountUpdate) -> ApiResult<Json<Account>> {
    if let Some(Some(name)) = &body.name
        && name.chars().count() > 200
    {
        return Err(ApiError::invalid("name is longer than 200 characters"));
    }
    let row = state
        .store
        .update_account(
            auth.account.id,
            body.name.as_ref().map(|n| n.as_deref()),
            body.allow_tracking,
            body.beta,
        )?
        .ok_or_else(|| ApiError::internal("account vanished during update"))?;
    Ok(Json(present::account(&row)))
}

/// Free of charge, like Heroku's: reading the budget does not spend it.
async fn rate_limits(State(state): State<AppState>, auth: Auth) -> Json<RateLimit> {
    let remaining = state.limiter.take(auth.account.id, 0.0).unwrap_or(0);
    Json(RateLimit { remaining })
}
