//! `/oauth/authorizations`: API tokens. Creating one is how `tug login` turns an email and
//! password (HTTP Basic) into a token; an existing token may also create more.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use uuid::Uuid;

use super::error::{ApiError, ApiResult, retry_secs};
use super::extract::ApiJson;
use super::extract::{Auth, Credentials, RangeHeader, credentials};
use super::{AppState, list};
use crate::api::paths;
use crate::api::{OAuthAuthorization, OAuthAuthorizationCreate, OAuthAuthorizationUpdate};
use crate::server::auth;
use crate::server::present;
use crate::server::store::AccountRow;

/// Ten years: the longest a token may be asked to live.
const MAX_EXPIRES_IN: i64 = 10 * 365 * 24 * 3600;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::oauth_authorizations().to_string(),
            get(list_all).post(create),
        )
        .route(
            &paths::oauth_authorization("{id}").to_string(),
            get(info).patch(update).delete(remove),
        )
        .route(
            &paths::oauth_authorization_regenerate("{id}").to_string(),
            post(regenerate),
        )
        .route("/oauth/sessions/{id}", delete(no_sessions))
}

/// The caller of a create: a token, or an email and password.
async fn caller(state: &AppState, parts: &Parts) -> ApiResult<AccountRow> {
    match credentials(parts)? {
        Some(Credentials::Bearer(token)) => Auth::from_token(state, parts, &token)?
            .map(|a| a.account)
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "invalid credentials: the token is unknown, revoked or expired",
                )
            }),
        Some(Credentials::Basic(user, secret)) => {
            if let Some(auth) = Auth::from_token(state, parts, &secret)? {
                return Ok(auth.account);
            }
            password_login(state, parts, &user, secret).await
        }
        None => Err(ApiError::unauthorized(
            "no credentials: send Basic email:password or an API token",
        )),
    }
}

/// An email and password. Throttled by client address and account before any hashing (see
/// `login_throttle`), and hashed on the blocking pool.
pub(crate) async fn password_login(
    state: &AppState,
    parts: &Parts,
    email: &str,
    password: String,
) -> ApiResult<AccountRow> {
    let addr = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
    if let Err(wait) = state.login_throttle.check(email, addr) {
        return Err(ApiError::rate_limited(
            format!(
                "too many failed logins: wait {} s before trying this account from this address again",
                retry_secs(wait)
            ),
            wait,
        ));
    }
    let account = state.store.account_by_email(email)?;
    let right = match account.as_ref().and_then(|a| a.password_hash.clone()) {
        Some(hash) => state
            .password_checks
            .verify(password, hash)
            .await
            .map_err(|_| {
                ApiError::rate_limited(
                    "the server is checking too many passwords at once: try again in a second",
                    Duration::from_secs(1),
                )
            })?,
        None => false,
    };
    match account {
        Some(account) if right => {
            state.login_throttle.succeeded(email, addr);
            state.store.record_login(account.id)?;
            Ok(account)
        }
        _ => {
            state.login_throttle.failed(email, addr);
            Err(ApiError::unauthorized("invalid email or password"))
        }
    }
}

async fn create(
    State(state): State<AppState>,
    parts: Parts,
    body: axum::body::Bytes,
) -> ApiResult<(StatusCode, Json<OAuthAuthorization>)> {
    let account = caller(&state, &parts).await?;
    if body.len() > super::extract::BODY_LIMIT {
        return Err(ApiError::invalid("request body is too large"));
    }
    let body: OAuthAuthorizationCreate = super::extract::parse_json(&body)?;
    let scope = if body.scope.is_empty() {
        vec!["global".to_string()]
    } else {
        body.scope
    };
    if let Some(bad) = scope.iter().find(|s| s.as_str() != "global") {
        return Err(ApiError::invalid(format!(
            "unsupported scope `{bad}`: tug tokens have the `global` scope"
        )));
    }
    let expires_at = match body.expires_in {
        Some(s) if s <= 0 || s > MAX_EXPIRES_IN => {
            return Err(ApiError::invalid(
                "expires_in must be a positive number of seconds, at most ten years",
            ));
        }
        Some(s) => Some(crate::api::Timestamp::now().0 + s),
        None => None,
    };
    let description = body.description.unwrap_or_else(|| "API token".to_string());
    check_description(&description)?;
    let token = auth::new_token()?;
    let row = state.store.insert_authorization(
        account.id,
        &description,
        &auth::hash_token(&token),
        &auth::token_hint(&token),
        &scope,
        expires_at,
    )?;
    Ok((
        StatusCode::CREATED,
        Json(present::authorization(&row, &account, Some(&token))),
    ))
}

async fn list_all(
    State(state): State<AppState>,
    auth: Auth,
    RangeHeader(range): RangeHeader,
) -> ApiResult<axum::response::Response> {
    let rows = state.store.authorizations_of(auth.account.id)?;
    let items: Vec<OAuthAuthorization> = rows
        .iter()
        .map(|r| present::authorization(r, &auth.account, None))
        .collect();
    list(items, range)
}

/// `~` names the authorization the request itself was made with.
fn find(
    state: &AppState,
    auth: &Auth,
    ident: &str,
) -> ApiResult<crate::server::store::AuthorizationRow> {
    if ident == "~" {
        return Ok(auth.authorization.clone());
    }
    let id = Uuid::parse_str(ident).map_err(|_| {
        ApiError::not_found(
            "authorization",
            format!("authorization `{ident}` not found"),
        )
    })?;
    state
        .store
        .authorization(auth.account.id, id)?
        .ok_or_else(|| {
            ApiError::not_found(
                "authorization",
                format!("authorization `{ident}` not found"),
            )
        })
}

async fn info(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<OAuthAuthorization>> {
    let row = find(&state, &auth, &id)?;
    Ok(Json(present::authorization(&row, &auth.account, None)))
}

fn check_description(description: &str) -> ApiResult<()> {
    if description.chars().count() > 200 {
        return Err(ApiError::invalid(
            "description is longer than 200 characters",
        ));
    }
    if description.chars().any(char::is_control) {
        return Err(ApiError::invalid("description must be one line of text"));
    }
    Ok(())
}

/// Renames a token. Its secret and scope stay as they are.
async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<OAuthAuthorizationUpdate>,
) -> ApiResult<Json<OAuthAuthorization>> {
    let row = find(&state, &auth, &id)?;
    if body
        .client
        .as_ref()
        .is_some_and(|c| !c.is_null() && c.as_object().is_none_or(|o| !o.is_empty()))
    {
        return Err(ApiError::invalid(
            "tug has no OAuth clients: leave `client` out",
        ));
    }
    if let Some(description) = &body.description {
        check_description(description)?;
        state
            .store
            .set_authorization_description(row.id, description)?;
    }
    let row = find(&state, &auth, &row.id.to_string())?;
    Ok(Json(present::authorization(&row, &auth.account, None)))
}

/// A new token for the authorization, shown this once. The old token is refused from now on,
/// and so is every capability URL made for it (they are bound to the token's id, which
/// changes with it). Its description, scope and expiry stay.
async fn regenerate(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<OAuthAuthorization>> {
    let row = find(&state, &auth, &id)?;
    let token = auth::new_token()?;
    state
        .store
        .regenerate_token(row.id, &auth::hash_token(&token), &auth::token_hint(&token))?;
    let row = state
        .store
        .authorization(auth.account.id, row.id)?
        .ok_or_else(|| ApiError::not_found("authorization", "the authorization is gone"))?;
    Ok(Json(present::authorization(
        &row,
        &auth.account,
        Some(&token),
    )))
}

async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<OAuthAuthorization>> {
    let row = find(&state, &auth, &id)?;
    state.store.delete_authorization(row.id)?;
    Ok(Json(present::authorization(&row, &auth.account, None)))
}

/// tug has no browser sessions; clients that end one on logout get the usual 404.
async fn no_sessions(_auth: Auth) -> ApiError {
    ApiError::not_found("session", "no session: tug uses API tokens only")
}
