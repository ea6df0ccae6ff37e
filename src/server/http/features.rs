//! `/apps/{app}/features` and `/account/features`: the switches Heroku calls labs. What each
//! app switch does is read where it acts (dyno environment, deploys, the dyno's watcher);
//! a change applies to dynos started after it, as on Heroku.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PathApp, RangeHeader};
use super::platform::with_warnings;
use super::{AppState, list};
use crate::api::feature::{self, ACCOUNT_FEATURES, APP_FEATURES, FeatureSpec};
use crate::api::paths;
use crate::api::{Feature, FeatureUpdate, Timestamp};
use crate::server::store::{FeatureOwner, FeatureRow};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_features("{app}").to_string(),
            get(list_app_features),
        )
        .route(
            &paths::app_feature("{app}", "{feature}").to_string(),
            get(app_feature_info).patch(update_app_feature),
        )
        .route(
            &paths::account_features().to_string(),
            get(list_account_features),
        )
        .route(
            &paths::account_feature("{feature}").to_string(),
            get(account_feature_info).patch(update_account_feature),
        )
}

/// The feature as the API shows it: the catalogue's words and the owner's switch.
fn present(spec: &FeatureSpec, rows: &[FeatureRow], since: i64) -> Feature {
    let row = rows.iter().find(|r| r.name == spec.name);
    Feature {
        created_at: Timestamp(row.map_or(since, |r| r.created_at)),
        description: spec.description.into(),
        doc_url: spec.doc_url.into(),
        enabled: row.map_or(spec.default, |r| r.enabled),
        id: spec.id,
        name: spec.name.into(),
        state: spec.state.into(),
        updated_at: Timestamp(row.map_or(since, |r| r.updated_at)),
        display_name: spec.display_name.into(),
        feedback_email: String::new(),
    }
}

fn feature_list(
    catalogue: &'static [FeatureSpec],
    rows: &[FeatureRow],
    since: i64,
    range: Option<crate::api::Range>,
) -> ApiResult<Response> {
    let items: Vec<Feature> = catalogue.iter().map(|f| present(f, rows, since)).collect();
    list(items, range)
}

fn spec(
    catalogue: &'static [FeatureSpec],
    kind: &'static str,
    ident: &str,
) -> ApiResult<&'static FeatureSpec> {
    feature::find(catalogue, ident).ok_or_else(|| {
        let shown: String = ident.chars().filter(|c| !c.is_control()).take(60).collect();
        ApiError::not_found(kind, format!("no feature `{shown}`; `tug labs` lists them"))
    })
}

fn check_supported(spec: &FeatureSpec, enabled: bool) -> ApiResult<()> {
    match spec.unsupported {
        Some(why) if enabled => Err(ApiError::invalid(format!(
            "`{}` cannot be enabled: {why}",
            spec.name
        ))),
        _ => Ok(()),
    }
}

async fn list_app_features(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let rows = state.store.features(FeatureOwner::App(row.id))?;
    feature_list(APP_FEATURES, &rows, row.created_at, range)
}

async fn app_feature_info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
) -> ApiResult<Json<Feature>> {
    let spec = spec(APP_FEATURES, "app-feature", &ident)?;
    let rows = state.store.features(FeatureOwner::App(row.id))?;
    Ok(Json(present(spec, &rows, row.created_at)))
}

async fn update_app_feature(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    Path((_, ident)): Path<(String, String)>,
    ApiJson(body): ApiJson<FeatureUpdate>,
) -> ApiResult<Response> {
    let spec = spec(APP_FEATURES, "app-feature", &ident)?;
    check_supported(spec, body.enabled)?;
    let owner = FeatureOwner::App(row.id);
    state.store.set_feature(owner, spec.name, body.enabled)?;
    let verb = if body.enabled { "Enable" } else { "Disable" };
    state.live.api_log(
        row.id,
        &format!("{verb} feature {} by {}", spec.name, auth.account.email),
    );
    let rows = state.store.features(owner)?;
    let resp = Json(present(spec, &rows, row.created_at)).into_response();
    Ok(with_warnings(
        resp,
        &feature_warnings(&state, spec, body.enabled),
    ))
}

/// What the caller should know about a switch just turned on: that it will do nothing here.
fn feature_warnings(state: &AppState, spec: &FeatureSpec, enabled: bool) -> Vec<String> {
    match state.no_runtime_metrics {
        Some(why) if enabled && spec.name == feature::LOG_RUNTIME_METRICS => vec![why.to_owned()],
        _ => Vec::new(),
    }
}

async fn list_account_features(
    State(state): State<AppState>,
    auth: Auth,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let rows = state
        .store
        .features(FeatureOwner::Account(auth.account.id))?;
    feature_list(ACCOUNT_FEATURES, &rows, auth.account.created_at, range)
}

async fn account_feature_info(
    State(state): State<AppState>,
    auth: Auth,
    Path(ident): Path<String>,
) -> ApiResult<Json<Feature>> {
    let spec = spec(ACCOUNT_FEATURES, "account-feature", &ident)?;
    let rows = state
        .store
        .features(FeatureOwner::Account(auth.account.id))?;
    Ok(Json(present(spec, &rows, auth.account.created_at)))
}

async fn update_account_feature(
    State(state): State<AppState>,
    auth: Auth,
    Path(ident): Path<String>,
    ApiJson(body): ApiJson<FeatureUpdate>,
) -> ApiResult<Json<Feature>> {
    let spec = spec(ACCOUNT_FEATURES, "account-feature", &ident)?;
    check_supported(spec, body.enabled)?;
    let owner = FeatureOwner::Account(auth.account.id);
    state.store.set_feature(owner, spec.name, body.enabled)?;
    let rows = state.store.features(owner)?;
    Ok(Json(present(spec, &rows, auth.account.created_at)))
}
