//! `/apps/{app}/releases`: list, info, and create (a release of a slug, or a rollback).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use uuid::Uuid;

use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, RangeHeader};
use super::{AppState, list, present};
use crate::api::range::SortKey;
use crate::api::{ErrorId, Release, ReleaseCreate};
use crate::server::deploys::Intent;
use crate::server::store::NewRelease;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/apps/{app}/releases", get(list_releases).post(create))
        .route("/apps/{app}/releases/{release}", get(info))
}

async fn list_releases(
    State(state): State<AppState>,
    auth: Auth,
    Path(app): Path<String>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let (row, _) = load_app(&state, &auth, &app)?;
    let current = state.store.current_version(row.id)?;
    let items: Vec<Release> = state
        .store
        .releases(row.id)?
        .iter()
        .map(|r| present::release(&row, r, current))
        .collect();
    list(
        items,
        range,
        "version",
        &["version", "id", "created_at"],
        |r, field| match field {
            "id" => SortKey::Str(r.id.to_string()),
            "created_at" => SortKey::Int(r.created_at.0),
            _ => SortKey::Int(r.version),
        },
    )
}

async fn info(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, release)): Path<(String, String)>,
) -> ApiResult<Json<Release>> {
    let (row, _) = load_app(&state, &auth, &app)?;
    let found = state.store.release(row.id, &release)?.ok_or_else(|| {
        ApiError::not_found(
            "release",
            format!("release `{release}` of `{}` not found", row.name),
        )
    })?;
    let current = state.store.current_version(row.id)?;
    Ok(Json(present::release(&row, &found, current)))
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Path(app): Path<String>,
    ApiJson(body): ApiJson<ReleaseCreate>,
) -> ApiResult<(StatusCode, Json<Release>)> {
    let (row, _) = load_app(&state, &auth, &app)?;
    let (new, intent) = match (&body.release, &body.slug) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "give either `release` (a rollback) or `slug`, not both",
            ));
        }
        (Some(target), None) => {
            let target = state.store.release(row.id, target)?.ok_or_else(|| {
                ApiError::not_found(
                    "release",
                    format!("release `{target}` of `{}` not found", row.name),
                )
            })?;
            if target.status != "succeeded" {
                return Err(ApiError::invalid(format!(
                    "v{} {} and cannot be rolled back to",
                    target.version, target.status
                )));
            }
            let commit = match target.slug_id {
                Some(slug) => state.store.slug(row.id, slug)?.and_then(|s| s.commit),
                None => None,
            };
            let description = format!("Rollback to v{}", target.version);
            let intent = Intent {
                trigger: "rollback".into(),
                git_ref: Some(format!("v{}", target.version)),
                sha: commit,
                description: Some(description.clone()),
                ..Intent::default()
            };
            let new = NewRelease {
                app_id: row.id,
                description,
                user_id: auth.account.id,
                slug_id: target.slug_id,
                config: target.config,
                status: "succeeded".into(),
            };
            (new, intent)
        }
        (None, Some(slug)) => {
            let slug = Uuid::parse_str(slug)
                .ok()
                .and_then(|id| state.store.slug(row.id, id).transpose())
                .transpose()?
                .ok_or_else(|| ApiError::not_found("slug", format!("slug `{slug}` not found")))?;
            let description = match (&body.description, &slug.commit) {
                (Some(d), _) => d.clone(),
                (None, Some(commit)) => format!("Deploy {}", &commit[..commit.len().min(7)]),
                (None, None) => "Deploy".to_string(),
            };
            let intent = Intent {
                trigger: "release".into(),
                sha: slug.commit.clone(),
                description: Some(description.clone()),
                ..Intent::default()
            };
            let new = NewRelease {
                app_id: row.id,
                description,
                user_id: auth.account.id,
                slug_id: Some(slug.id),
                config: state.store.config(row.id)?,
                status: "succeeded".into(),
            };
            (new, intent)
        }
        (None, None) => {
            return Err(ApiError::invalid("`slug` or `release` is required"));
        }
    };
    let deployments = &state.deployments;
    if let Err(refusal) = deployments.check_lock(&row)? {
        let refused = deployments.create(
            &row,
            auth.account.id,
            &intent,
            "refused",
            Some(&refusal.to_string()),
        )?;
        return Err(ApiError::new(
            ErrorId::Locked,
            format!("deployment #{} refused: {refusal}", refused.number),
        )
        .with_resource("deployment"));
    }
    let deployment = deployments.create(&row, auth.account.id, &intent, "releasing", None)?;
    let created = state.store.create_release(&new)?;
    deployments.link(deployment.id, None, Some(created.id));
    state.live.api_log(
        row.id,
        &format!("{} by {}", created.description, auth.account.email),
    );
    state.live.api_log(
        row.id,
        &format!(
            "Release v{} created by {}",
            created.version, auth.account.email
        ),
    );
    state.webhooks.release(&row, &created);
    let (live, deployments) = (state.live.clone(), deployments.clone());
    let (app_id, user, version) = (row.id, auth.account.id, created.version);
    tokio::spawn(async move {
        match live.apply(app_id).await {
            Ok(()) => deployments.set_state(
                deployment.id,
                "succeeded",
                Some(&format!("v{version} released")),
                user,
            ),
            Err(e) => {
                tracing::warn!("could not run the current release of app {app_id}: {e:#}");
                deployments.set_state(
                    deployment.id,
                    "failed",
                    Some(&format!("the dynos of v{version} did not come up: {e}")),
                    user,
                );
            }
        }
    });
    let current = state.store.current_version(row.id)?;
    Ok((
        StatusCode::CREATED,
        Json(present::release(&row, &created, current)),
    ))
}
