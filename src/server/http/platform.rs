//! `/stacks`, `/regions`, `/dyno-sizes` and the app's available stacks and sizes: what apps
//! run on, where, and how big. Heroku's stack and region names answer too, with the resource
//! they stand for.

use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use super::error::{ApiError, ApiResult};
use super::extract::{Auth, PathApp, RangeHeader};
use super::{AppState, list};
use crate::api::dyno_size::DynoSize;
use crate::api::platform::{self, Resolved, resolve_region, resolve_stack};
use crate::api::{dyno_size, paths};

/// The header the official CLI and heroku-client print as a warning after a call.
pub const WARNING_HEADER: &str = "warning-message";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::stacks().to_string(), get(list_stacks))
        .route(&paths::stack("{stack}").to_string(), get(stack_info))
        .route(
            &paths::app_available_stacks("{app}").to_string(),
            get(available_stacks),
        )
        .route(&paths::regions().to_string(), get(list_regions))
        .route(&paths::dyno_sizes().to_string(), get(list_dyno_sizes))
        .route(&paths::dyno_size("{size}").to_string(), get(dyno_size_info))
        .route(
            &paths::app_available_dyno_sizes("{app}").to_string(),
            get(available_dyno_sizes),
        )
        .route(&paths::region("{region}").to_string(), get(region_info))
}

/// Adds the warnings to a response, one header line each.
pub fn with_warnings(mut resp: Response, warnings: &[String]) -> Response {
    for w in warnings {
        if let Ok(v) = HeaderValue::from_str(w) {
            resp.headers_mut().append(WARNING_HEADER, v);
        }
    }
    resp
}

/// The warnings for what a request named, or the error when it named nothing this server has.
pub fn stack_and_region_warnings(
    stack: Option<&str>,
    region: Option<&str>,
) -> ApiResult<Vec<String>> {
    let mut warnings = Vec::new();
    if let Some(stack) = stack
        && let Resolved::Alias(w) = resolve_stack(stack).map_err(ApiError::invalid)?
    {
        warnings.push(w);
    }
    if let Some(region) = region
        && let Resolved::Alias(w) = resolve_region(region).map_err(ApiError::invalid)?
    {
        warnings.push(w);
    }
    Ok(warnings)
}

/// The stacks, with the image dynos run on when the runtime runs images.
fn stacks_here(state: &AppState) -> Vec<platform::Stack> {
    let image = state.live.runtime.stack_image();
    platform::stacks()
        .into_iter()
        .map(|stack| platform::Stack {
            image: image.clone(),
            ..stack
        })
        .collect()
}

async fn list_stacks(
    State(state): State<AppState>,
    _auth: Auth,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    list(stacks_here(&state), range)
}

/// For anyone who can see the app: every stack here runs every app.
async fn available_stacks(
    State(state): State<AppState>,
    _: PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    list(stacks_here(&state), range)
}

/// A stack by our name or id, or by a Heroku name (answered with ours and a warning).
async fn stack_info(
    State(state): State<AppState>,
    _auth: Auth,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    the_one("stack", &ident, resolve_stack(&ident), stacks_here(&state))
}

async fn list_regions(_auth: Auth, RangeHeader(range): RangeHeader) -> ApiResult<Response> {
    list(platform::regions(), range)
}

async fn region_info(_auth: Auth, Path(ident): Path<String>) -> ApiResult<Response> {
    the_one(
        "region",
        &ident,
        resolve_region(&ident),
        platform::regions(),
    )
}

/// The one stack or region there is, asked for as `ident` (`resolved` says how it matched):
/// a name of Heroku's is answered with ours and a warning saying so.
fn the_one<T: serde::Serialize>(
    kind: &'static str,
    ident: &str,
    resolved: Result<Resolved, String>,
    items: Vec<T>,
) -> ApiResult<Response> {
    let not_found = || ApiError::not_found(kind, format!("{kind} `{ident}` not found"));
    let resolved = resolved.map_err(|_| not_found())?;
    let item = items.into_iter().next().ok_or_else(not_found)?;
    let resp = Json(item).into_response();
    Ok(match resolved {
        Resolved::Alias(w) => with_warnings(resp, &[w]),
        Resolved::Exact => resp,
    })
}

async fn list_dyno_sizes(_auth: Auth, RangeHeader(range): RangeHeader) -> ApiResult<Response> {
    list(dyno_size::all(), range)
}

/// Every size runs on every app here: there are no private spaces or plan tiers.
async fn available_dyno_sizes(_: PathApp, RangeHeader(range): RangeHeader) -> ApiResult<Response> {
    list(dyno_size::all(), range)
}

async fn dyno_size_info(_auth: Auth, Path(ident): Path<String>) -> ApiResult<Json<DynoSize>> {
    dyno_size::find(&ident)
        .map(|s| Json(DynoSize::from(s)))
        .ok_or_else(|| {
            ApiError::not_found(
                "dyno-size",
                format!(
                    "dyno size not found; there are: {}",
                    dyno_size::NAMES.join(", ")
                ),
            )
        })
}
