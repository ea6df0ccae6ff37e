//! Extractors that turn the outside of a request into checked values: who is calling (`Auth`),
//! a JSON body with Platform API errors instead of axum's (`ApiJson`), the `Range` header, and
//! the public base URL the client used.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::header::{AUTHORIZATION, HOST, RANGE};
use axum::http::request::Parts;
use base64::Engine;
use serde::de::DeserializeOwned;

use super::apps::load_app;
use super::error::{ApiError, ApiResult, retry_secs};
use super::{AppState, RateSlot};
use crate::api::{ErrorId, Range};
use crate::server::auth;
use crate::server::fairness::Turn;
use crate::server::store::{AccountRow, AppRow, AuthorizationRow, Role};

/// The largest request body the API reads.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Credentials as sent: a bearer token, or Basic `user:password`.
pub enum Credentials {
    Bearer(String),
    Basic(String, String),
}

pub fn credentials(parts: &Parts) -> ApiResult<Option<Credentials>> {
    let Some(value) = parts.headers.get(AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| ApiError::unauthorized("the Authorization header is not valid text"))?;
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    let rest = rest.trim();
    if scheme.eq_ignore_ascii_case("bearer") && !rest.is_empty() {
        return Ok(Some(Credentials::Bearer(rest.to_string())));
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(rest)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or_else(|| ApiError::unauthorized("the Basic credentials are not valid base64"))?;
        let (user, pass) = decoded.split_once(':').unwrap_or((&decoded, ""));
        return Ok(Some(Credentials::Basic(user.to_string(), pass.to_string())));
    }
    Err(ApiError::unauthorized(
        "use `Authorization: Bearer <token>` or Basic with the token as password",
    ))
}

/// An authenticated caller. Bearer, or Basic with the API token as the password.
pub struct Auth {
    pub account: AccountRow,
    pub authorization: AuthorizationRow,
}

impl Auth {
    /// Who reads the output URLs in a response: the caller's account and token.
    pub fn reader(&self) -> Option<(uuid::Uuid, uuid::Uuid)> {
        Some((self.account.id, self.authorization.token_id))
    }

    /// Resolves a token to its account; charges the rate limit.
    pub fn from_token(state: &AppState, parts: &Parts, token: &str) -> ApiResult<Option<Auth>> {
        let Some((account, authorization)) = state.store.authenticate(&auth::hash_token(token))?
        else {
            return Ok(None);
        };
        let remaining = state.limiter.take(account.id, 1.0).map_err(|wait| {
            ApiError::rate_limited(
                format!(
                    "rate limit reached: this account may make another request in {} s",
                    retry_secs(wait)
                ),
                wait,
            )
        })?;
        if let Some(slot) = parts.extensions.get::<RateSlot>() {
            slot.set(remaining);
        }
        Ok(Some(Auth {
            account,
            authorization,
        }))
    }
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Auth> {
        let token = match credentials(parts)? {
            Some(Credentials::Bearer(t)) => t,
            Some(Credentials::Basic(_, t)) => t,
            None => {
                return Err(ApiError::unauthorized(
                    "no credentials: send an API token as `Authorization: Bearer <token>`",
                ));
            }
        };
        let auth = Auth::from_token(state, parts, &token)?.ok_or_else(|| {
            ApiError::unauthorized("invalid credentials: the token is unknown, revoked or expired")
        })?;
        if let Some(turn) = parts.extensions.get::<Turn>().cloned() {
            turn.hold(state.in_flight.enter(auth.account.id).await);
        }
        Ok(auth)
    }
}

/// The app a request's `{app}` path segment names, loaded for a caller who may see it (else the
/// same 404 as for an app that does not exist): the app, the caller's role on it, the caller.
pub struct PathApp(pub AppRow, pub Role, pub Auth);

impl FromRequestParts<AppState> for PathApp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<PathApp> {
        // The caller first, as the handlers always had it: no credentials is a 401, not a 404.
        let auth = Auth::from_request_parts(parts, state).await?;
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::bad_request(format!("invalid path: {}", e.body_text())))?;
        let ident = params
            .iter()
            .find_map(|(name, value)| (name == "app").then_some(value))
            .ok_or_else(|| ApiError::not_found("app", "no app in the path"))?;
        let (app, role) = load_app(state, &auth, ident)?;
        Ok(PathApp(app, role, auth))
    }
}

/// A JSON request body. Syntax errors are 400, wrong shapes 422, over 1 MiB 413; an empty
/// body reads as `{}`.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> ApiResult<ApiJson<T>> {
        let body = axum::body::to_bytes(req.into_body(), BODY_LIMIT)
            .await
            .map_err(|_| {
                ApiError::new(
                    ErrorId::PayloadTooLarge,
                    format!("request body is larger than {} KiB", BODY_LIMIT / 1024),
                )
            })?;
        parse_json(&body).map(ApiJson)
    }
}

pub fn parse_json<T: DeserializeOwned>(body: &Bytes) -> ApiResult<T> {
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(text).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Data => ApiError::invalid(format!("invalid request body: {e}")),
            _ => ApiError::bad_request(format!("request body is not valid JSON: {e}")),
        }
    })
}

/// The `Range` header, if any (an empty header counts as none).
pub struct RangeHeader(pub Option<Range>);

impl<S: Send + Sync> FromRequestParts<S> for RangeHeader {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> ApiResult<RangeHeader> {
        let Some(value) = parts.headers.get(RANGE) else {
            return Ok(RangeHeader(None));
        };
        let text = value
            .to_str()
            .map_err(|_| ApiError::bad_request("invalid `Range` header: not valid text"))?;
        Range::parse(text).map(RangeHeader).map_err(|e| {
            ApiError::bad_request(format!(
                "invalid `Range` header: {e}; use a form like `id ..; max=10, order=desc`"
            ))
        })
    }
}

/// The base URL the client reached the API at (`http://127.0.0.1:7700`), from the Host header.
pub struct PublicUrl(pub String);

impl FromRequestParts<AppState> for PublicUrl {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<PublicUrl> {
        Ok(PublicUrl(public_url(parts, state)))
    }
}

pub fn public_url(parts: &Parts, state: &AppState) -> String {
    let scheme = if state.tls { "https" } else { "http" };
    let host = parts
        .headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]_".contains(c))
        })
        .map(str::to_string)
        .unwrap_or_else(|| state.api_addr.to_string());
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod props;
