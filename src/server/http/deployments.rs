//! Deploying a chosen commit safely: `/apps/{app}/deployments` (records of every deploy, and
//! the door `tug deploy` uses), their statuses, `/apps/{app}/commit-statuses/{sha}` (what CI says
//! about a commit) and `/apps/{app}/deploy-lock`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};

use super::builds::{fetch_source, start_build};
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, PathApp, PublicUrl, RangeHeader};
use super::{AppState, list};
use crate::api::commit_status::{context_problem, full_sha, state_problem};
use crate::api::paths;
use crate::api::{
    CommitStatus, CommitStatusCreate, DeployLock, DeployLockCreate, Deployment, DeploymentCreate,
    DeploymentStatusCreate, ErrorId, NamedRef, Timestamp, UserRef,
};
use crate::server::deploy::deployments::Intent;
use crate::server::present;
use crate::server::store::{CommitStatusRow, DeploymentRow, NewCommitStatus};

/// Longest free text accepted in descriptions and reasons.
const MAX_TEXT: usize = 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_deployments("{app}").to_string(),
            get(list_deployments).post(create),
        )
        .route(
            &paths::app_deployment("{app}", "{id}").to_string(),
            get(info),
        )
        .route(
            &paths::app_deployment_statuses("{app}", "{id}").to_string(),
            post(add_status),
        )
        .route(
            &paths::app_commit_statuses("{app}", "{sha}").to_string(),
            get(list_statuses).post(create_status),
        )
        .route(
            &paths::app_deploy_lock("{app}").to_string(),
            get(lock_info).put(lock).delete(unlock),
        )
}

fn present_status(row: &CommitStatusRow) -> CommitStatus {
    CommitStatus {
        id: row.id,
        app: NamedRef {
            id: row.app_id,
            name: row.app_name.clone(),
        },
        sha: row.sha.clone(),
        context: row.context.clone(),
        state: row.state.clone(),
        description: row.description.clone(),
        target_url: row.target_url.clone(),
        creator: UserRef {
            id: row.creator_id,
            email: row.creator_email.clone(),
        },
        created_at: Timestamp(row.created_at),
    }
}

/// Free text: bounded, no control characters but newlines and tabs; empty is none.
fn text(field: &str, value: Option<&str>) -> ApiResult<Option<String>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.len() > MAX_TEXT {
        return Err(ApiError::invalid(format!(
            "`{field}` is longer than {MAX_TEXT} bytes"
        )));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(ApiError::invalid(format!(
            "`{field}` has control characters"
        )));
    }
    Ok(Some(v.to_string()))
}

fn sha_param(sha: &str) -> ApiResult<String> {
    full_sha(sha).ok_or_else(|| {
        ApiError::invalid(format!(
            "`{sha}` is not a full commit id: give all 40 hex digits (`git rev-parse REF` prints them)"
        ))
    })
}

// ---- deployments -------------------------------------------------------------------------------

async fn list_deployments(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let items: Vec<Deployment> = state
        .store
        .deployments(row.id)?
        .iter()
        .map(present::deployment)
        .collect();
    list(items, range)
}

fn find(
    state: &AppState,
    app: &crate::server::store::AppRow,
    ident: &str,
) -> ApiResult<DeploymentRow> {
    state.store.deployment(app.id, ident)?.ok_or_else(|| {
        ApiError::not_found(
            "deployment",
            format!("deployment `{ident}` of `{}` not found", app.name),
        )
    })
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, id)): Path<(String, String)>,
) -> ApiResult<Json<Deployment>> {
    Ok(Json(present::deployment(&find(&state, &row, &id)?)))
}

async fn create(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<DeploymentCreate>,
) -> ApiResult<(StatusCode, Json<Deployment>)> {
    let trigger = match body.trigger.as_deref() {
        None | Some("deploy") => "deploy",
        Some("up") => "up",
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "`trigger` is `deploy` or `up`, not `{other}`"
            )));
        }
    };
    let sha = match body
        .sha
        .as_deref()
        .or(body.source_blob.as_ref().and_then(|b| b.version.as_deref()))
    {
        Some(sha) => Some(sha_param(sha)?),
        None => None,
    };
    let environment = text("environment", body.environment.as_deref())?;
    if environment
        .as_deref()
        .is_some_and(|e| e.len() > 100 || e.contains('\n'))
    {
        return Err(ApiError::invalid(
            "`environment` is a short name like `production`",
        ));
    }
    let git_ref = text("ref", body.git_ref.as_deref())?;
    for ctx in &body.required_contexts {
        if let Some(problem) = context_problem(ctx) {
            return Err(ApiError::invalid(problem));
        }
    }
    let intent = Intent {
        trigger: trigger.into(),
        environment,
        git_ref,
        sha,
        description: text("description", body.description.as_deref())?,
        required_contexts: body.required_contexts.clone(),
    };
    let Some(blob) = &body.source_blob else {
        // Only a record: a tool that deploys by other means reports through its statuses.
        let recorded = state
            .deployments
            .create(&row, auth.account.id, &intent, "waiting", None)?;
        return Ok((StatusCode::CREATED, Json(present::deployment(&recorded))));
    };
    let url = blob
        .url
        .clone()
        .ok_or_else(|| ApiError::invalid("`source_blob.url` is required"))?;
    let source = fetch_source(&state, &base, &url, blob.checksum.as_deref()).await?;
    let started = start_build(
        &state,
        &row,
        auth.account.id,
        source,
        &url,
        blob,
        None,
        intent,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(present::deployment(&started.deployment)),
    ))
}

async fn add_status(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    Path((_, id)): Path<(String, String)>,
    ApiJson(body): ApiJson<DeploymentStatusCreate>,
) -> ApiResult<(StatusCode, Json<Deployment>)> {
    let found = find(&state, &row, &id)?;
    if !crate::api::deployment::STATES.contains(&body.state.as_str()) {
        return Err(ApiError::invalid(format!(
            "`{}` is not a deployment state: use one of {}",
            body.state,
            crate::api::deployment::STATES.join(", ")
        )));
    }
    let description = text("description", body.description.as_deref())?;
    if found.build_id.is_some()
        && matches!(found.status.as_str(), "queued" | "building" | "releasing")
    {
        return Err(ApiError::conflict(format!(
            "deployment #{} is being deployed by the platform; add statuses once it has ended",
            found.number
        )));
    }
    state.deployments.set_state(
        found.id,
        &body.state,
        description.as_deref(),
        auth.account.id,
    );
    Ok((
        StatusCode::CREATED,
        Json(present::deployment(&find(&state, &row, &id)?)),
    ))
}

// ---- commit statuses ---------------------------------------------------------------------------

async fn list_statuses(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, sha)): Path<(String, String)>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let sha = sha_param(&sha)?;
    let items: Vec<CommitStatus> = state
        .store
        .commit_statuses(row.id, &sha)?
        .iter()
        .map(present_status)
        .collect();
    list(items, range)
}

async fn create_status(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    Path((_, sha)): Path<(String, String)>,
    ApiJson(body): ApiJson<CommitStatusCreate>,
) -> ApiResult<(StatusCode, Json<CommitStatus>)> {
    let sha = sha_param(&sha)?;
    if let Some(problem) = context_problem(&body.context) {
        return Err(ApiError::invalid(problem));
    }
    if let Some(problem) = state_problem(&body.state) {
        return Err(ApiError::invalid(problem));
    }
    let description = text("description", body.description.as_deref())?;
    let target_url = text("target_url", body.target_url.as_deref())?;
    if let Some(url) = &target_url
        && !crate::api::names::is_http_url(url)
    {
        return Err(ApiError::invalid(format!(
            "`target_url` must be an http(s) URL, not `{url}`"
        )));
    }
    let created = state.store.insert_commit_status(
        row.id,
        &sha,
        &NewCommitStatus {
            context: &body.context,
            state: &body.state,
            description: description.as_deref(),
            target_url: target_url.as_deref(),
        },
        auth.account.id,
    )?;
    state.live.api_log(
        row.id,
        &format!(
            "Status {} {} for {} set by {}",
            created.context,
            created.state,
            &sha[..7],
            auth.account.email
        ),
    );
    Ok((StatusCode::CREATED, Json(present_status(&created))))
}

// ---- deploy lock -------------------------------------------------------------------------------

async fn lock_info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
) -> ApiResult<Json<DeployLock>> {
    let lock = state.store.deploy_lock(row.id)?.ok_or_else(|| {
        ApiError::not_found("deploy-lock", format!("`{}` is not locked", row.name))
    })?;
    Ok(Json(present::deploy_lock(&lock)))
}

async fn lock(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    ApiJson(body): ApiJson<DeployLockCreate>,
) -> ApiResult<Json<DeployLock>> {
    let reason = text("reason", body.reason.as_deref())?;
    match state
        .store
        .set_deploy_lock(row.id, auth.account.id, reason.as_deref())?
    {
        Ok(lock) => {
            state
                .live
                .api_log(row.id, &format!("Deploys locked by {}", auth.account.email));
            Ok(Json(present::deploy_lock(&lock)))
        }
        Err(theirs) => Err(ApiError::new(
            ErrorId::Locked,
            format!(
                "`{}` is already {}",
                row.name,
                present::deploy_lock(&theirs).describe()
            ),
        )
        .with_resource("deploy-lock")),
    }
}

async fn unlock(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
) -> ApiResult<Json<DeployLock>> {
    // Only the holder and the app's owner may lift a lock; a collaborator must ask them.
    if let Some(held) = state.store.deploy_lock(row.id)?
        && held.user_id != auth.account.id
        && row.owner_id != auth.account.id
    {
        return Err(ApiError::forbidden(format!(
            "`{}` is {}: only they or the app's owner ({}) can unlock it",
            row.name,
            present::deploy_lock(&held).describe(),
            row.owner_email
        ))
        .with_resource("deploy-lock"));
    }
    let lock = state.store.delete_deploy_lock(row.id)?.ok_or_else(|| {
        ApiError::not_found("deploy-lock", format!("`{}` is not locked", row.name))
    })?;
    state.live.api_log(
        row.id,
        &format!("Deploys unlocked by {}", auth.account.email),
    );
    Ok(Json(present::deploy_lock(&lock)))
}
