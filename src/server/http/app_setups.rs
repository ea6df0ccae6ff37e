//! `/app-setups`: an app created from a source tarball and the app.json in it, in one call, as
//! Heroku's Button does. Everything app.json asks for is checked before anything is made; what
//! fails after the app exists removes the app again. The build runs like any other, and
//! `deploy::app_setup` finishes the setup once it is released (formation, postdeploy).

use std::collections::BTreeMap;

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
use super::formation::DYNO_SIZES;
use super::platform::{stack_and_region_warnings, with_warnings};
use super::{AppState, addons};
use crate::api::names::{check_app_name, check_config_key, check_config_value};
use crate::api::{AppSetup, AppSetupBuild, AppSetupCreate, NamedRef, Postdeploy, Timestamp, paths};
use crate::app_json::{self, AppJson};
use crate::server::addons::catalog;
use crate::server::deploy::app_setup::{AfterBuild, spawn};
use crate::server::deploy::deployments::{Intent, root_file_in};
use crate::server::store::{AppRow, AppSetupRow, NewAppSetup};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::app_setups().to_string(), post(create))
        .route(&paths::app_setup("{id}").to_string(), get(info))
}

/// What app.json (with the creator's overrides) asks for, checked.
struct Plan {
    manifest: AppJson,
    config: BTreeMap<String, String>,
    buildpacks: Vec<String>,
    addons: Vec<String>,
    formation: Vec<(String, Option<u32>, Option<String>)>,
    warnings: Vec<String>,
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
    let planned = match read_manifest(&source).await {
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

/// app.json from the source, parsed; none is an empty one. A bad one is a 422 naming the line
/// and the field.
async fn read_manifest(source: &std::path::Path) -> ApiResult<AppJson> {
    let path = source.to_path_buf();
    let text = tokio::task::spawn_blocking(move || {
        root_file_in(&path, true, app_json::FILE_NAME, app_json::MAX_BYTES)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(|e| ApiError::invalid(format!("the source cannot be read: {e:#}")))?;
    match text {
        None => Ok(AppJson::default()),
        Some(text) => app_json::parse(&text)
            .map_err(|e| ApiError::invalid(format!("{}: {e}", app_json::FILE_NAME))),
    }
}

fn plan(manifest: AppJson, body: &AppSetupCreate) -> ApiResult<Plan> {
    let overrides = body.overrides.clone().unwrap_or_default();
    for (key, value) in &overrides.env {
        check_config_key(key).map_err(ApiError::invalid)?;
        check_config_value(key, value).map_err(ApiError::invalid)?;
    }
    // 64 hex digits, like Heroku's generated secrets.
    let secret = || {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| format!("no randomness available: {e}"))?;
        Ok(crate::hex::encode(&bytes))
    };
    let config = manifest.config(&overrides.env, secret).map_err(|missing| {
        ApiError::invalid(format!(
            "{}: {}; give values with `--env KEY=VALUE`",
            app_json::FILE_NAME,
            missing.join(", ")
        ))
    })?;
    let buildpacks = match &overrides.buildpacks {
        Some(list) => list.iter().map(|b| b.url.clone()).collect(),
        None => manifest.buildpacks.clone(),
    };
    for bp in &buildpacks {
        check_buildpack(bp)?;
    }
    let mut warnings = vec![];
    if let Some(stack) = &manifest.stack {
        warnings.extend(stack_and_region_warnings(Some(stack), None)?);
    }
    let mut addons = vec![];
    for spec in &manifest.addons {
        let service = spec.split(':').next().unwrap_or_default();
        if catalog::service(service).is_none() && catalog::plan(spec).is_none() {
            warnings.push(format!(
                "app.json's add-on `{spec}` is not offered here and was skipped"
            ));
            continue;
        }
        catalog::resolve(spec)
            .map_err(|e| ApiError::invalid(format!("{}: `addons`: {e}", app_json::FILE_NAME)))?;
        addons.push(spec.clone());
    }
    let mut formation = vec![];
    for (kind, (quantity, size)) in &manifest.formation {
        let size = match size {
            None => None,
            Some(s) => Some(canonical_size(kind, s)?),
        };
        formation.push((kind.clone(), *quantity, size));
    }
    Ok(Plan {
        manifest,
        config,
        buildpacks,
        addons,
        formation,
        warnings,
    })
}

fn canonical_size(kind: &str, size: &str) -> ApiResult<String> {
    DYNO_SIZES
        .iter()
        .find(|s| s.eq_ignore_ascii_case(size))
        .map(|s| s.to_string())
        .ok_or_else(|| {
            ApiError::invalid(format!(
                "{}: `formation.{kind}`: unknown dyno size `{size}`; use one of: {}",
                app_json::FILE_NAME,
                DYNO_SIZES.join(", ")
            ))
        })
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
    if !plan.config.is_empty() {
        let size: usize = plan.config.iter().map(|(k, v)| k.len() + v.len()).sum();
        state.quotas.check_config(size)?;
        let set: BTreeMap<String, Option<String>> = plan
            .config
            .iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect();
        let (_, release) = state.store.update_config(app.id, user, &set)?;
        if let Some(release) = release {
            crate::server::deploy::release::release(
                &state.live,
                &state.deployments,
                app,
                user,
                crate::server::deploy::release::Change::Config { release },
            )
            .await?;
        }
    }
    if !plan.buildpacks.is_empty() {
        state.store.set_buildpacks(app.id, &plan.buildpacks)?;
    }
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
