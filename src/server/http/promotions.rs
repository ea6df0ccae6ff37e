//! `/pipeline-promotions`: release the source app's current slug (or a named release's) on
//! other apps of its pipeline. The request is checked whole before anything starts (422 for a
//! source without a slug, a target outside the pipeline or the source itself; 403 for an app the
//! caller cannot reach); then each target is released in the background and reports its own
//! outcome as a `pipeline-promotion-target`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use uuid::Uuid;

use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, RangeHeader};
use super::pipelines::load_pipeline;
use super::{AppState, list};
use crate::api::{
    IdRef, NamedRef, PipelinePromotion, PipelinePromotionCreate, PipelinePromotionTarget,
    PromotionSource, Timestamp, paths,
};
use crate::server::deploy::promote::{self, Source};
use crate::server::store::{AppRow, PromotionRow, PromotionTargetRow, ReleaseRow, SlugRow};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::pipeline_promotions().to_string(), post(create))
        .route(&paths::pipeline_promotion("{id}").to_string(), get(info))
        .route(
            &paths::pipeline_promotion_targets("{id}").to_string(),
            get(targets),
        )
}

pub fn present(row: &PromotionRow) -> PipelinePromotion {
    PipelinePromotion {
        created_at: Timestamp(row.created_at),
        id: row.id,
        pipeline: IdRef {
            id: row.pipeline_id,
        },
        source: PromotionSource {
            app: IdRef {
                id: row.source_app_id,
            },
            release: IdRef {
                id: row.source_release_id,
            },
        },
        status: row.status.clone(),
        updated_at: Some(Timestamp(row.updated_at)),
    }
}

fn present_target(
    state: &AppState,
    row: &PromotionTargetRow,
) -> ApiResult<PipelinePromotionTarget> {
    // A target app destroyed since keeps its id; its name is gone with it.
    let name = state
        .store
        .reload_app(row.app_id)?
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(PipelinePromotionTarget {
        app: NamedRef {
            id: row.app_id,
            name,
        },
        error_message: row.error_message.clone(),
        id: row.id,
        pipeline_promotion: IdRef {
            id: row.promotion_id,
        },
        release: row.release_id.map(|id| IdRef { id }),
        status: row.status.clone(),
    })
}

/// What a promotion request names, checked: the source's release and slug and the targets.
pub struct Checked {
    pub pipeline_id: Uuid,
    pub source: AppRow,
    pub release: ReleaseRow,
    pub slug: SlugRow,
    pub targets: Vec<AppRow>,
}

/// Checks a promotion request whole; nothing has started when it fails.
pub fn check(state: &AppState, auth: &Auth, body: &PipelinePromotionCreate) -> ApiResult<Checked> {
    let pipeline = load_pipeline(state, auth, &body.pipeline.id)?;
    let source_ident = body
        .source
        .app
        .as_ref()
        .map(|a| a.id.as_str())
        .ok_or_else(|| ApiError::invalid("`source.app.id` is required"))?;
    let (source, _) = load_app(state, auth, source_ident)?;
    let in_pipeline = |app: &AppRow| -> ApiResult<bool> {
        Ok(state
            .store
            .coupling_of_app(app.id)?
            .is_some_and(|c| c.pipeline_id == pipeline.id))
    };
    if !in_pipeline(&source)? {
        return Err(ApiError::invalid(format!(
            "`{}` is not in pipeline `{}`",
            source.name, pipeline.name
        )));
    }
    let release = match &body.source.release {
        Some(r) => state
            .store
            .release(source.id, &r.id.to_string())?
            .filter(|r| r.status == "succeeded")
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "release `{}` is not a succeeded release of `{}`",
                    r.id, source.name
                ))
            })?,
        None => state.store.current_release(source.id)?.ok_or_else(|| {
            ApiError::invalid(format!("`{}` has no release to promote", source.name))
        })?,
    };
    let slug = release
        .slug_id
        .map(|id| state.store.slug(source.id, id))
        .transpose()?
        .flatten()
        .ok_or_else(|| {
            ApiError::invalid(format!(
                "`{}` v{} has no slug to promote: deploy `{}` first with `git push` or `tug deploy`",
                source.name, release.version, source.name
            ))
        })?;
    if body.targets.is_empty() {
        return Err(ApiError::invalid("`targets` names no app to promote to"));
    }
    let mut targets: Vec<AppRow> = vec![];
    for target in &body.targets {
        let ident = target
            .app
            .as_ref()
            .map(|a| a.id.as_str())
            .ok_or_else(|| ApiError::invalid("every target needs `app.id`"))?;
        let app = match state.store.app_for(ident, auth.account.id)? {
            Some((app, Some(_))) => app,
            Some((app, None)) if in_pipeline(&app)? => {
                return Err(ApiError::forbidden(format!(
                    "you have no access to `{}`, so you cannot promote to it",
                    app.name
                )));
            }
            _ => {
                return Err(ApiError::invalid(format!(
                    "`{ident}` is not an app of pipeline `{}`",
                    pipeline.name
                )));
            }
        };
        if app.id == source.id {
            return Err(ApiError::invalid(format!(
                "`{}` cannot be promoted to itself",
                app.name
            )));
        }
        if !in_pipeline(&app)? {
            return Err(ApiError::invalid(format!(
                "`{}` is not an app of pipeline `{}`",
                app.name, pipeline.name
            )));
        }
        if !targets.iter().any(|t| t.id == app.id) {
            targets.push(app);
        }
    }
    Ok(Checked {
        pipeline_id: pipeline.id,
        source,
        release,
        slug,
        targets,
    })
}

/// Records the promotion and releases every target in the background.
pub fn start(
    state: &AppState,
    user_id: Uuid,
    checked: Checked,
    environment: Option<String>,
    required: Vec<String>,
) -> ApiResult<PromotionRow> {
    let ids: Vec<Uuid> = checked.targets.iter().map(|t| t.id).collect();
    let (promotion, rows) = state.store.insert_promotion(
        checked.pipeline_id,
        checked.source.id,
        checked.release.id,
        &ids,
    )?;
    let checked = std::sync::Arc::new(checked);
    for (row, target) in rows.into_iter().zip(checked.targets.clone()) {
        let (state, checked) = (state.clone(), checked.clone());
        let (environment, required) = (environment.clone(), required.clone());
        tokio::spawn(async move {
            let slug_path = state.pipeline.slug_path(checked.slug.id);
            let source = Source {
                app: &checked.source,
                release: &checked.release,
                slug: &checked.slug,
                slug_path: &slug_path,
            };
            let intent = promote::intent(&source, environment, required);
            let outcome = promote::promote_to(
                &state.live,
                &state.deployments,
                user_id,
                &source,
                &target,
                intent,
            )
            .await;
            let recorded = match outcome {
                Ok(release) => {
                    state
                        .store
                        .finish_promotion_target(row.id, "succeeded", Some(release.id), None)
                }
                Err(why) => state
                    .store
                    .finish_promotion_target(row.id, "failed", None, Some(&why)),
            };
            if let Err(e) = recorded {
                tracing::error!("cannot record promotion target {}: {e}", row.id);
            }
        });
    }
    Ok(promotion)
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<PipelinePromotionCreate>,
) -> ApiResult<(StatusCode, Json<PipelinePromotion>)> {
    let checked = check(&state, &auth, &body)?;
    let promotion = start(&state, auth.account.id, checked, None, vec![])?;
    Ok((StatusCode::CREATED, Json(present(&promotion))))
}

/// A promotion, if the caller may see its pipeline.
fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<PromotionRow> {
    let not_found = || {
        ApiError::not_found(
            "pipeline_promotion",
            format!("pipeline promotion `{id}` not found"),
        )
    };
    let id = Uuid::parse_str(id).map_err(|_| not_found())?;
    let row = state.store.promotion(id)?.ok_or_else(not_found)?;
    state
        .store
        .pipeline_for(&row.pipeline_id.to_string(), auth.account.id)?
        .ok_or_else(not_found)?;
    Ok(row)
}

async fn info(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PipelinePromotion>> {
    Ok(Json(present(&load(&state, &auth, &id)?)))
}

async fn targets(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let promotion = load(&state, &auth, &id)?;
    let items = state
        .store
        .promotion_targets(promotion.id)?
        .iter()
        .map(|t| present_target(&state, t))
        .collect::<ApiResult<Vec<_>>>()?;
    list(items, range)
}
