//! `/review-apps` and `/pipelines/{id}/review-app-config`: a pipeline's review apps and the
//! config that turns them on, with the review stage's config vars
//! (`/pipelines/{id}/stage/review/config-vars`). Everything here needs sight of the pipeline,
//! which only people with access to one of its apps have; the work is `deploy::review_apps`.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use uuid::Uuid;

use super::apps::load_app;
use super::builds::fetch_source;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PublicUrl, RangeHeader};
use super::pipelines::load_pipeline;
use super::{AppState, list};
use crate::api::names::{check_config_key, check_config_value};
use crate::api::{
    DeployTarget, IdRef, RepoRef, ReviewApp, ReviewAppConfig, ReviewAppConfigUpdate,
    ReviewAppCreate, ReviewAppRef, Timestamp, check_stale_days, paths,
};
use crate::server::deploy::deployments::Intent;
use crate::server::deploy::review_apps::NewReviewApp;
use crate::server::store::{PipelineRow, ReviewAppConfigRow, ReviewAppRow};

mod source;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::review_apps().to_string(),
            get(list_all).post(create),
        )
        .route(
            &paths::review_app("{id}").to_string(),
            get(info).delete(destroy),
        )
        .route(
            &paths::pipeline_review_apps("{pipeline}").to_string(),
            get(list_pipeline),
        )
        .route(&paths::app_review_app("{app}").to_string(), get(of_app))
        .route(
            &paths::pipeline_review_app_config("{pipeline}").to_string(),
            get(config_info)
                .post(enable)
                .patch(update_config)
                .delete(disable),
        )
        .route(
            &paths::pipeline_stage_config_vars("{pipeline}", "{stage}").to_string(),
            get(stage_vars).patch(update_stage_vars),
        )
}

fn present(row: &ReviewAppRow, pipeline: &str) -> ReviewApp {
    ReviewApp {
        app: row
            .app_id
            .filter(|_| row.status != "deleted")
            .map(|id| ReviewAppRef {
                id,
                name: row.app_name.clone(),
            }),
        app_setup: row.app_setup_id.map(|id| IdRef { id }),
        branch: row.branch.clone(),
        created_at: Timestamp(row.created_at),
        id: row.id,
        pipeline: ReviewAppRef {
            id: row.pipeline_id,
            name: Some(pipeline.to_string()),
        },
        status: row.status.clone(),
        updated_at: Timestamp(row.updated_at),
        creator: IdRef { id: row.creator_id },
        wait_for_ci: false,
        error_status: row.error_status.clone(),
        message: row.message.clone(),
        fork_repo: None,
        pr_number: row.pr_number,
    }
}

fn present_config(row: &ReviewAppConfigRow) -> ReviewAppConfig {
    ReviewAppConfig {
        repo: RepoRef { id: 0 },
        automatic_review_apps: row.automatic_review_apps,
        deploy_target: Some(DeployTarget {
            id: crate::api::REGION_NAME.into(),
            kind: "region".into(),
        }),
        destroy_stale_apps: row.destroy_stale_apps,
        stale_days: row.stale_days,
        pipeline_id: row.pipeline_id,
        wait_for_ci: row.wait_for_ci,
        base_name: row.base_name.clone(),
    }
}

/// The pipeline's review-app config, or a 404 that says how to turn review apps on.
fn load_config(state: &AppState, pipeline: &PipelineRow) -> ApiResult<ReviewAppConfigRow> {
    state.store.review_app_config(pipeline.id)?.ok_or_else(|| {
        ApiError::not_found(
            "review_app_config",
            format!(
                "review apps are off for pipeline `{}`; turn them on with `tug reviewapps:enable -p {}`",
                pipeline.name, pipeline.name
            ),
        )
    })
}

/// A review app by id, if the caller may see its pipeline.
fn load_review_app(
    state: &AppState,
    auth: &Auth,
    id: &str,
) -> ApiResult<(ReviewAppRow, PipelineRow)> {
    let not_found = || ApiError::not_found("review_app", format!("review app `{id}` not found"));
    let id = Uuid::parse_str(id).map_err(|_| not_found())?;
    let row = state.store.review_app(id)?.ok_or_else(not_found)?;
    let pipeline = state
        .store
        .pipeline_for(&row.pipeline_id.to_string(), auth.account.id)?
        .ok_or_else(not_found)?;
    Ok((row, pipeline))
}

async fn list_pipeline(
    State(state): State<AppState>,
    auth: Auth,
    Path(pipeline): Path<String>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let pipeline = load_pipeline(&state, &auth, &pipeline)?;
    let items = state
        .store
        .review_apps(pipeline.id)?
        .iter()
        .map(|r| present(r, &pipeline.name))
        .collect();
    list(items, range)
}

/// The review apps of every pipeline the caller can see.
async fn list_all(
    State(state): State<AppState>,
    auth: Auth,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let mut items = vec![];
    for pipeline in state.store.pipelines_for(auth.account.id)? {
        for row in state.store.review_apps(pipeline.id)? {
            items.push(present(&row, &pipeline.name));
        }
    }
    list(items, range)
}

async fn info(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ReviewApp>> {
    let (row, pipeline) = load_review_app(&state, &auth, &id)?;
    Ok(Json(present(&row, &pipeline.name)))
}

async fn of_app(
    State(state): State<AppState>,
    auth: Auth,
    Path(app): Path<String>,
) -> ApiResult<Json<ReviewApp>> {
    let (app, _) = load_app(&state, &auth, &app)?;
    let not_one =
        || ApiError::not_found("review_app", format!("`{}` is not a review app", app.name));
    let row = state.store.review_app_of_app(app.id)?.ok_or_else(not_one)?;
    let pipeline = state
        .store
        .pipeline_by_id(row.pipeline_id)?
        .ok_or_else(not_one)?;
    Ok(Json(present(&row, &pipeline.name)))
}

/// Destroys the review app's app and add-ons, after its `pr-predestroy` script.
async fn destroy(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ReviewApp>> {
    let (row, pipeline) = load_review_app(&state, &auth, &id)?;
    if row.status == "deleted" {
        return Ok(Json(present(&row, &pipeline.name)));
    }
    state
        .review_apps()
        .destroy(&row, auth.account.id)
        .await
        .map_err(ApiError::invalid)?;
    let row = state.store.review_app(row.id)?.unwrap_or(row);
    Ok(Json(present(&row, &pipeline.name)))
}

/// `POST /review-apps`: a review app for a branch, from `source_blob.url` or, without one,
/// from the branch as last pushed to one of the pipeline's apps the caller can reach.
async fn create(
    State(state): State<AppState>,
    auth: Auth,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<ReviewAppCreate>,
) -> ApiResult<(StatusCode, Json<ReviewApp>)> {
    let pipeline = load_pipeline(&state, &auth, &body.pipeline)?;
    let config = load_config(&state, &pipeline)?;
    source::check_branch(&body.branch).map_err(ApiError::invalid)?;
    if state
        .store
        .review_app_for_branch(pipeline.id, &body.branch)?
        .is_some()
    {
        return Err(ApiError::conflict(format!(
            "`{}` already has a review app in pipeline `{}`; destroy it first with `tug reviewapps:destroy {} -p {}`",
            body.branch, pipeline.name, body.branch, pipeline.name
        )));
    }
    let mut environment = BTreeMap::new();
    for (key, value) in body.environment.clone().unwrap_or_default() {
        check_config_key(&key).map_err(ApiError::invalid)?;
        if let Some(value) = value {
            check_config_value(&key, &value).map_err(ApiError::invalid)?;
            environment.insert(key, value);
        }
    }
    let blob = body.source_blob.clone();
    let (source, sha, from_url) = match &blob.url {
        Some(url) => {
            let source = fetch_source(&state, &base, url, blob.checksum.as_deref()).await?;
            (source, blob.version.clone(), true)
        }
        None => {
            let (source, sha) =
                source::pushed_branch(&state, &auth, &pipeline, &body.branch).await?;
            (source, Some(sha), false)
        }
    };
    let intent = Intent {
        trigger: "build".into(),
        git_ref: Some(body.branch.clone()),
        sha: sha.as_deref().and_then(crate::api::commit_status::full_sha),
        description: Some(format!("review app for {}", body.branch)),
        ..Intent::default()
    };
    let new = NewReviewApp {
        pipeline: &pipeline,
        config: &config,
        branch: &body.branch,
        user: auth.account.id,
        source,
        unwrap_single_dir: from_url,
        intent,
        environment,
        pr_number: body.pr_number,
    };
    let (row, _) = state
        .review_apps()
        .create(new)
        .await
        .map_err(ApiError::invalid)?;
    Ok((StatusCode::CREATED, Json(present(&row, &pipeline.name))))
}

async fn config_info(
    State(state): State<AppState>,
    auth: Auth,
    Path(pipeline): Path<String>,
) -> ApiResult<Json<ReviewAppConfig>> {
    let pipeline = load_pipeline(&state, &auth, &pipeline)?;
    Ok(Json(present_config(&load_config(&state, &pipeline)?)))
}

/// Applies what the body asks to `row`, checked.
fn apply(row: &mut ReviewAppConfigRow, body: &ReviewAppConfigUpdate) -> ApiResult<()> {
    if let Some(days) = body.stale_days {
        check_stale_days(days).map_err(ApiError::invalid)?;
        row.stale_days = days;
    }
    if let Some(name) = &body.base_name {
        crate::api::check_pipeline_name(name).map_err(|_| {
            ApiError::invalid(format!(
                "`{name}` is not a valid `base_name`: use 3 to 30 lowercase letters, digits and dashes, starting with a letter"
            ))
        })?;
        row.base_name = Some(name.clone());
    }
    if let Some(on) = body.automatic_review_apps {
        row.automatic_review_apps = on;
    }
    if let Some(on) = body.destroy_stale_apps {
        row.destroy_stale_apps = on;
    }
    // Review apps are made on push; holding one back until the commit's statuses pass is not
    // built, and a switch that silently does nothing would be worse than a refusal.
    if body.wait_for_ci == Some(true) {
        return Err(ApiError::invalid(
            "`wait_for_ci` is not supported: review apps are made when the branch is pushed",
        ));
    }
    if let Some(on) = body.wait_for_ci {
        row.wait_for_ci = on;
    }
    Ok(())
}

/// Turns review apps on (or, when they are on, changes what the body gives).
async fn enable(
    State(state): State<AppState>,
    auth: Auth,
    Path(pipeline): Path<String>,
    ApiJson(body): ApiJson<ReviewAppConfigUpdate>,
) -> ApiResult<(StatusCode, Json<ReviewAppConfig>)> {
    let pipeline = load_pipeline(&state, &auth, &pipeline)?;
    let existing = state.store.review_app_config(pipeline.id)?;
    let status = if existing.is_some() {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let mut row = existing.unwrap_or(ReviewAppConfigRow {
        pipeline_id: pipeline.id,
        automatic_review_apps: false,
        destroy_stale_apps: false,
        stale_days: 5,
        wait_for_ci: false,
        base_name: None,
        config_vars: BTreeMap::new(),
        created_at: 0,
        updated_at: 0,
    });
    apply(&mut row, &body)?;
    let saved = state.store.put_review_app_config(&row)?;
    Ok((status, Json(present_config(&saved))))
}

async fn update_config(
    State(state): State<AppState>,
    auth: Auth,
    Path(pipeline): Path<String>,
    ApiJson(body): ApiJson<ReviewAppConfigUpdate>,
) -> ApiResult<Json<ReviewAppConfig>> {
    let pipeline = load_pipeline(&state, &auth, &pipeline)?;
    let mut row = load_config(&state, &pipeline)?;
    apply(&mut row, &body)?;
    Ok(Json(present_config(
        &state.store.put_review_app_config(&row)?,
    )))
}

/// Turns review apps off; those that exist stay until destroyed.
async fn disable(
    State(state): State<AppState>,
    auth: Auth,
    Path(pipeline): Path<String>,
) -> ApiResult<Json<ReviewAppConfig>> {
    let pipeline = load_pipeline(&state, &auth, &pipeline)?;
    let row = load_config(&state, &pipeline)?;
    state.store.delete_review_app_config(pipeline.id)?;
    Ok(Json(present_config(&row)))
}

/// Only the review stage has config vars of its own: what each new review app starts with.
fn review_stage(
    state: &AppState,
    auth: &Auth,
    pipeline: &str,
    stage: &str,
) -> ApiResult<ReviewAppConfigRow> {
    let pipeline = load_pipeline(state, auth, pipeline)?;
    if stage != "review" {
        return Err(ApiError::invalid(format!(
            "only the `review` stage has config vars of its own, not `{stage}`; set an app's with `tug config:set`"
        )));
    }
    load_config(state, &pipeline)
}

async fn stage_vars(
    State(state): State<AppState>,
    auth: Auth,
    Path((pipeline, stage)): Path<(String, String)>,
) -> ApiResult<Json<BTreeMap<String, String>>> {
    Ok(Json(
        review_stage(&state, &auth, &pipeline, &stage)?.config_vars,
    ))
}

async fn update_stage_vars(
    State(state): State<AppState>,
    auth: Auth,
    Path((pipeline, stage)): Path<(String, String)>,
    ApiJson(body): ApiJson<BTreeMap<String, Option<String>>>,
) -> ApiResult<Json<BTreeMap<String, String>>> {
    let mut row = review_stage(&state, &auth, &pipeline, &stage)?;
    for (key, value) in body {
        check_config_key(&key).map_err(ApiError::invalid)?;
        match value {
            Some(value) => {
                check_config_value(&key, &value).map_err(ApiError::invalid)?;
                row.config_vars.insert(key, value);
            }
            None => {
                row.config_vars.remove(&key);
            }
        }
    }
    let size: usize = row.config_vars.iter().map(|(k, v)| k.len() + v.len()).sum();
    state.quotas.check_config(size)?;
    Ok(Json(state.store.put_review_app_config(&row)?.config_vars))
}
