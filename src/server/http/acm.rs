//! `/apps/{app}/acm`: automated certificate management. `POST` turns it on (every custom
//! domain gets a certificate from the ACME CA once its DNS points here), `PATCH` orders again
//! now (failing domains, and renewals), `DELETE` turns it off and stops serving the automatic
//! certificates. Each answers the app, whose `acm` says where it stands.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};

use super::AppState;
use super::error::{ApiError, ApiResult};
use super::extract::{PathApp, PublicUrl};
use crate::api::{App, paths};
use crate::server::present;
use crate::server::store::AppRow;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &paths::app_acm("{app}").to_string(),
        post(enable).patch(refresh).delete(disable),
    )
}

fn answer(state: &AppState, base: &str, app: &str) -> ApiResult<Json<App>> {
    let row = state
        .store
        .app_by_name(app)?
        .ok_or_else(|| ApiError::not_found("app", format!("app `{app}` not found")))?;
    Ok(Json(present::app(state.web_url(&row.name), base, &row)))
}

/// Turns automatic certificates on or off for the app, unless they already are.
fn switch(state: &AppState, row: &AppRow, on: bool) -> ApiResult<()> {
    if row.acm != on {
        state.store.set_acm(row.id, on)?;
        state.certs.reload(&state.store);
    }
    Ok(())
}

async fn enable(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    PublicUrl(base): PublicUrl,
) -> ApiResult<Json<App>> {
    if !row.acm && !state.acm.serves_https() {
        return Err(ApiError::invalid(
            "this platform does not serve apps over HTTPS, so automatic certificates would never be used; the operator starts `tug server` with `--router-tls ADDR`",
        ));
    }
    switch(&state, &row, true)?;
    state.acm.wake();
    answer(&state, &base, &row.name)
}

async fn refresh(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    PublicUrl(base): PublicUrl,
) -> ApiResult<Json<App>> {
    if !row.acm {
        return Err(ApiError::invalid(format!(
            "automatic certificate management is off for {}; turn it on with `tug certs:auto:enable -a {}`",
            row.name, row.name
        )));
    }
    state.store.acm_refresh(row.id)?;
    state.acm.wake();
    answer(&state, &base, &row.name)
}

async fn disable(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    PublicUrl(base): PublicUrl,
) -> ApiResult<Json<App>> {
    switch(&state, &row, false)?;
    answer(&state, &base, &row.name)
}
