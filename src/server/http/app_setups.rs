//! `/app-setups`: an app created from a source tarball and the app.json in it, in one call, as
//! Heroku's Button does. Everything app.json asks for is checked before anything is made; what
//! fails after the app exists removes the app again. The build runs like any other, and
//! `deploy::app_setup` finishes the setup once it is released (formation, postdeploy).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use uuid::Uuid;

use super::apps::{load_app, new_app, remove_app};
use super::builds::{check_buildpack, fetch_source, start_build};
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PublicUrl};
use super::platform::{stack_and_region_warnings, with_warnings};
use super::{AppState, addons};
use crate::api::names::check_app_name;
use crate::api::{AppSetup, AppSetupBuild, AppSetupCreate, NamedRef, Postdeploy, Timestamp, paths};
use crate::app_json::AppJson;
use crate::server::deploy::app_json_plan::{self, ConfigureError, Plan, read_manifest};
use crate::server::deploy::app_setup::{AfterBuild, spawn};
use crate::server::deploy::deployments::Intent;
use crate::server::store::{AppRow, AppSetupRow, NewAppSetup};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::app_setups().to_string(), post(create))
        .route(&paths::app_setup("{id}").to_string(), get(info))
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<AppSetupCreate>,
) -> ApiResult<Response> {
    let url = body
        .source_blob
        .url
        .clone()
        .ok_or_else(|| ApiError::invalid("`source_blob.url` is required"))?;
    let asked = body.app.clone().unwrap_or_default();
    let mut warnings = stack_and_region_warnings(asked.stack.as_deref(), asked.region.as_deref())?;
    if let Some(name) = &asked.name {
        check_app_name(name).map_err(ApiError::invalid)?;
    }
    let source = fetch_source(&state, &base, &url, body.source_blob.checksum.as_deref()).await?;
    let planned = match read_manifest(&source, true)
        .await
        .map_err(ApiError::invalid)
    {
        Ok(manifest) => plan(manifest, &body),
        Err(e) => Err(e),
    };
    let planned = match planned {
        Ok(p) => p,
        Err(e) => {
            let _ = tokio::fs::remove_file(&source).await;
            return Err(e);
        }
    };
    warnings.extend(planned.warnings.iter().cloned());
    let app = match new_app(&state, &auth, asked.name.as_deref()) {
        Ok(app) => app,
        Err(e) => {
            let _ = tokio::fs::remove_file(&source).await;
            return Err(e);
        }
    };
    let made = set_up(&state, &auth, &app, planned, source, &body).await;
    let row = match made {
        Ok(row) => row,
        Err(e) => {
            if let Err(undo) = remove_app(&state, &auth, &app).await {
                tracing::error!(
                    "cannot remove `{}` after its setup failed: {undo:?}",
                    app.name
                );
            }
            return Err(e);
        }
    };
    let shown = show(&state, &auth, &base, &row)?;
    let resp = (StatusCode::CREATED, Json(shown)).into_response();
    Ok(with_warnings(resp, &warnings))
}

/// app.json's plan with the creator's overrides; what the server cannot do is a 422.
fn plan(manifest: AppJson, body: &AppSetupCreate) -> ApiResult<Plan> {
    let overrides = body.overrides.clone().unwrap_or_default();
    let buildpacks = overrides
        .buildpacks
        .as_ref()
        .map(|list| list.iter().map(|b| b.url.clone()).collect());
    let check = |bp: &str| check_buildpack(bp).map_err(|e| e.message);
    app_json_plan::plan(manifest, &overrides.env, buildpacks, &check).map_err(ApiError::invalid)
}

/// Gives the new app its config vars, buildpacks and add-ons, records the setup and starts
/// the build; the rest happens once the build is released.
async fn set_up(
    state: &AppState,
    auth: &Auth,
    app: &AppRow,
    plan: Plan,
    source: std::path::PathBuf,
    body: &AppSetupCreate,
) -> ApiResult<AppSetupRow> {
    let user = auth.account.id;
    app_json_plan::configure(
        &state.live,
        &state.deployments,
        &state.quotas,
        app,
        user,
        &plan,
    )
    .await
    .map_err(|e| match e {
        ConfigureError::Quota(e) => ApiError::from(e),
        ConfigureError::Store(e) => e.into(),
        ConfigureError::Release(e) => e.into(),
    })?;
    for spec in &plan.addons {
        addons::provision(state, auth, app, spec, None, None).await?;
    }
    let row = state.store.insert_app_setup(&NewAppSetup {
        app_id: app.id,
        account_id: user,
        postdeploy: plan.manifest.postdeploy.clone(),
        pr_predestroy: plan.manifest.pr_predestroy.clone(),
    })?;
    let url = body.source_blob.url.clone().unwrap_or_default();
    let intent = Intent::build(&body.source_blob, Some("app setup".into()));
    let started = start_build(
        state,
        app,
        user,
        source,
        &url,
        &body.source_blob,
        None,
        intent,
    )
    .await?;
    state.store.set_app_setup_build(row.id, started.build.id)?;
    spawn(
        state.live.clone(),
        AfterBuild {
            setup_id: row.id,
            app: app.clone(),
            formation: plan.formation,
            postdeploy: plan.manifest.postdeploy,
            log: started.log,
            quotas: state.quotas.clone(),
        },
    );
    Ok(state.store.app_setup(row.id)?.unwrap_or(row))
}

/// A setup is seen by whoever may see its app.
async fn info(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    PublicUrl(base): PublicUrl,
) -> ApiResult<Json<AppSetup>> {
    let not_found = || ApiError::not_found("app-setup", format!("app setup `{id}` not found"));
    let setup_id = Uuid::parse_str(&id).map_err(|_| not_found())?;
    let row = state.store.app_setup(setup_id)?.ok_or_else(not_found)?;
    load_app(&state, &auth, &row.app_id.to_string()).map_err(|_| not_found())?;
    Ok(Json(show(&state, &auth, &base, &row)?))
}

fn show(state: &AppState, auth: &Auth, base: &str, row: &AppSetupRow) -> ApiResult<AppSetup> {
    let build = match row.build_id {
        Some(id) => state.store.build(id)?.map(|b| {
            let shown = crate::server::present::build(base, &b, auth.reader());
            AppSetupBuild {
                id: b.id,
                status: b.status,
                output_stream_url: shown.output_stream_url,
            }
        }),
        None => None,
    };
    let postdeploy = row.postdeploy_exit_code.map(|exit_code| Postdeploy {
        output: row.postdeploy_output.clone().unwrap_or_default(),
        exit_code,
    });
    Ok(AppSetup {
        id: row.id,
        app: NamedRef {
            id: row.app_id,
            name: row.app_name.clone(),
        },
        build,
        created_at: Timestamp(row.created_at),
        updated_at: Timestamp(row.updated_at),
        status: row.status.clone(),
        failure_message: row.failure_message.clone(),
        manifest_errors: vec![],
        postdeploy,
        resolved_success_url: (row.status == "succeeded").then(|| state.web_url(&row.app_name)),
    })
}
