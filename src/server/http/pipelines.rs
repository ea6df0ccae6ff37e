//! `/pipelines` and `/pipeline-couplings`: apps grouped by stage. Anyone may create a pipeline;
//! only its owner renames or deletes it. Coupling an app needs access to that app, and an app
//! is in one pipeline at most (409 naming the one it is in). A pipeline is seen by its owner and
//! by everyone with access to one of its apps; others get the 404 of a pipeline that does not
//! exist.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use uuid::Uuid;

use super::account::check_self;
use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PublicUrl, RangeHeader};
use super::{AppState, list};
use crate::api::{
    GENERATION_ID, GENERATION_NAME, NamedRef, Pipeline, PipelineCoupling, PipelineCouplingCreate,
    PipelineCouplingUpdate, PipelineCreate, PipelineOwner, PipelineUpdate, Timestamp,
    check_pipeline_name, check_stage, paths,
};
use crate::server::store::{CouplingRow, PipelineRow, is_unique_violation};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::pipelines().to_string(),
            get(list_pipelines).post(create),
        )
        .route(
            &paths::pipeline("{pipeline}").to_string(),
            get(info).patch(update).delete(destroy),
        )
        .route(
            &paths::pipeline_couplings_of("{pipeline}").to_string(),
            get(pipeline_couplings),
        )
        .route(
            &paths::pipeline_latest_releases("{pipeline}").to_string(),
            get(latest_releases),
        )
        .route(
            &paths::pipeline_couplings().to_string(),
            get(all_couplings).post(couple),
        )
        .route(
            &paths::user_pipeline_couplings("{user}").to_string(),
            get(user_couplings),
        )
        .route(
            &paths::pipeline_coupling("{id}").to_string(),
            get(coupling_info).patch(update_coupling).delete(uncouple),
        )
        .route(
            &paths::app_pipeline_couplings("{app}").to_string(),
            get(app_coupling),
        )
}

pub fn present(row: &PipelineRow) -> Pipeline {
    Pipeline {
        created_at: Timestamp(row.created_at),
        id: row.id,
        name: row.name.clone(),
        owner: Some(PipelineOwner {
            id: row.owner_id,
            kind: "user".into(),
        }),
        updated_at: Timestamp(row.updated_at),
        generation: NamedRef {
            id: GENERATION_ID,
            name: GENERATION_NAME.into(),
        },
    }
}

pub fn present_coupling(row: &CouplingRow) -> PipelineCoupling {
    PipelineCoupling {
        app: NamedRef {
            id: row.app_id,
            name: row.app_name.clone(),
        },
        created_at: Timestamp(row.created_at),
        id: row.id,
        pipeline: NamedRef {
            id: row.pipeline_id,
            name: row.pipeline_name.clone(),
        },
        stage: row.stage.clone(),
        updated_at: Timestamp(row.updated_at),
    }
}

/// The pipeline named by id or name, if the caller may see it.
pub fn load_pipeline(state: &AppState, auth: &Auth, ident: &str) -> ApiResult<PipelineRow> {
    state
        .store
        .pipeline_for(ident, auth.account.id)?
        .ok_or_else(|| ApiError::not_found("pipeline", format!("pipeline `{ident}` not found")))
}

fn require_pipeline_owner(auth: &Auth, pipeline: &PipelineRow, action: &str) -> ApiResult<()> {
    if pipeline.owner_id == auth.account.id {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "only the owner of pipeline `{}` can {action}",
            pipeline.name
        )))
    }
}

fn taken(name: &str) -> ApiError {
    ApiError::invalid(format!("the pipeline name `{name}` is already taken"))
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<PipelineCreate>,
) -> ApiResult<(StatusCode, Json<Pipeline>)> {
    check_pipeline_name(&body.name).map_err(ApiError::invalid)?;
    if let Some(owner) = &body.owner
        && (owner.kind != "user" || owner.id != auth.account.id)
    {
        return Err(ApiError::invalid(
            "a pipeline's owner is the account that creates it: leave `owner` out or give your own id with type `user`",
        ));
    }
    let row = state
        .store
        .insert_pipeline(&body.name, auth.account.id)
        .map_err(|e| {
            if is_unique_violation(&e) {
                taken(&body.name)
            } else {
                e.into()
            }
        })?;
    Ok((StatusCode::CREATED, Json(present(&row))))
}

async fn list_pipelines(
    State(state): State<AppState>,
    auth: Auth,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let items: Vec<Pipeline> = state
        .store
        .pipelines_for(auth.account.id)?
        .iter()
        .map(present)
        .collect();
    list(items, range)
}

async fn info(
    State(state): State<AppState>,
    auth: Auth,
    Path(ident): Path<String>,
) -> ApiResult<Json<Pipeline>> {
    Ok(Json(present(&load_pipeline(&state, &auth, &ident)?)))
}

async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(ident): Path<String>,
    ApiJson(body): ApiJson<PipelineUpdate>,
) -> ApiResult<Json<Pipeline>> {
    let pipeline = load_pipeline(&state, &auth, &ident)?;
    let Some(name) = body.name else {
        return Ok(Json(present(&pipeline)));
    };
    check_pipeline_name(&name).map_err(ApiError::invalid)?;
    require_pipeline_owner(&auth, &pipeline, "rename it")?;
    state
        .store
        .rename_pipeline(pipeline.id, &name)
        .map_err(|e| {
            if is_unique_violation(&e) {
                taken(&name)
            } else {
                e.into()
            }
        })?;
    Ok(Json(present(&load_pipeline(
        &state,
        &auth,
        &pipeline.id.to_string(),
    )?)))
}

async fn destroy(
    State(state): State<AppState>,
    auth: Auth,
    Path(ident): Path<String>,
) -> ApiResult<Json<Pipeline>> {
    let pipeline = load_pipeline(&state, &auth, &ident)?;
    require_pipeline_owner(&auth, &pipeline, "destroy it")?;
    state.store.delete_pipeline(pipeline.id)?;
    Ok(Json(present(&pipeline)))
}

fn couplings_list(rows: Vec<CouplingRow>, range: Option<crate::api::Range>) -> ApiResult<Response> {
    let items: Vec<PipelineCoupling> = rows.iter().map(present_coupling).collect();
    // Without a Range the store's order (by stage) is kept: the order a pipeline reads in.
    if range.is_none() {
        return Ok(Json(items).into_response());
    }
    list(items, range)
}

/// The current release of each of the pipeline's apps (`pipeline-release`), leaving out the
/// apps the caller cannot reach: seeing the pipeline does not open its other apps.
async fn latest_releases(
    State(state): State<AppState>,
    auth: Auth,
    Path(pipeline): Path<String>,
    PublicUrl(base): PublicUrl,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let pipeline = load_pipeline(&state, &auth, &pipeline)?;
    let mut items = vec![];
    for coupling in state.store.couplings(pipeline.id)? {
        let Ok((app, _)) = load_app(&state, &auth, &coupling.app_id.to_string()) else {
            continue;
        };
        if let Some(release) = state.store.current_release(app.id)? {
            let current = Some(release.version);
            items.push(crate::server::present::release(
                &base,
                &app,
                &release,
                current,
                auth.reader(),
            ));
        }
    }
    list(items, range)
}

async fn pipeline_couplings(
    State(state): State<AppState>,
    auth: Auth,
    Path(ident): Path<String>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let pipeline = load_pipeline(&state, &auth, &ident)?;
    couplings_list(state.store.couplings(pipeline.id)?, range)
}

async fn all_couplings(
    State(state): State<AppState>,
    auth: Auth,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    couplings_list(state.store.couplings_for(auth.account.id)?, range)
}

async fn user_couplings(
    State(state): State<AppState>,
    auth: Auth,
    Path(user): Path<String>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    check_self(&auth, &user)?;
    couplings_list(state.store.couplings_for(auth.account.id)?, range)
}

async fn couple(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<PipelineCouplingCreate>,
) -> ApiResult<(StatusCode, Json<PipelineCoupling>)> {
    check_stage(&body.stage).map_err(ApiError::invalid)?;
    let pipeline = load_pipeline(&state, &auth, &body.pipeline)?;
    let (app, _) = load_app(&state, &auth, &body.app)?;
    let already = |state: &AppState| -> ApiResult<ApiError> {
        Ok(match state.store.coupling_of_app(app.id)? {
            Some(c) => ApiError::conflict(format!(
                "`{}` is already in pipeline `{}` (stage {}); remove it first with `tug pipelines:remove -a {}`",
                app.name, c.pipeline_name, c.stage, app.name
            ))
            .with_resource("pipeline_coupling"),
            None => ApiError::conflict(format!("`{}` is already in a pipeline", app.name)),
        })
    };
    if state.store.coupling_of_app(app.id)?.is_some() {
        return Err(already(&state)?);
    }
    let row = match state
        .store
        .insert_coupling(pipeline.id, app.id, &body.stage)
    {
        Ok(row) => row,
        Err(e) if is_unique_violation(&e) => return Err(already(&state)?),
        Err(e) => return Err(e.into()),
    };
    Ok((StatusCode::CREATED, Json(present_coupling(&row))))
}

/// A coupling by id, if the caller may see its pipeline.
fn load_coupling(state: &AppState, auth: &Auth, id: &str) -> ApiResult<CouplingRow> {
    let not_found = || {
        ApiError::not_found(
            "pipeline_coupling",
            format!("pipeline coupling `{id}` not found"),
        )
    };
    let id = Uuid::parse_str(id).map_err(|_| not_found())?;
    let row = state.store.coupling(id)?.ok_or_else(not_found)?;
    state
        .store
        .pipeline_for(&row.pipeline_id.to_string(), auth.account.id)?
        .ok_or_else(not_found)?;
    Ok(row)
}

async fn coupling_info(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PipelineCoupling>> {
    Ok(Json(present_coupling(&load_coupling(&state, &auth, &id)?)))
}

/// Changing or ending a coupling needs access to its app, as creating it did.
fn require_app_access(state: &AppState, auth: &Auth, row: &CouplingRow) -> ApiResult<()> {
    load_app(state, auth, &row.app_id.to_string()).map_err(|_| {
        ApiError::forbidden(format!(
            "you have no access to `{}`, so you cannot change its coupling",
            row.app_name
        ))
    })?;
    Ok(())
}

async fn update_coupling(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PipelineCouplingUpdate>,
) -> ApiResult<Json<PipelineCoupling>> {
    let row = load_coupling(&state, &auth, &id)?;
    let Some(stage) = body.stage else {
        return Ok(Json(present_coupling(&row)));
    };
    check_stage(&stage).map_err(ApiError::invalid)?;
    require_app_access(&state, &auth, &row)?;
    state.store.set_coupling_stage(row.id, &stage)?;
    Ok(Json(present_coupling(&load_coupling(&state, &auth, &id)?)))
}

async fn uncouple(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PipelineCoupling>> {
    let row = load_coupling(&state, &auth, &id)?;
    require_app_access(&state, &auth, &row)?;
    state.store.delete_coupling(row.id)?;
    Ok(Json(present_coupling(&row)))
}

async fn app_coupling(
    State(state): State<AppState>,
    auth: Auth,
    Path(app): Path<String>,
) -> ApiResult<Json<PipelineCoupling>> {
    let (app, _) = load_app(&state, &auth, &app)?;
    let row = state.store.coupling_of_app(app.id)?.ok_or_else(|| {
        ApiError::not_found(
            "pipeline_coupling",
            format!("`{}` is not in a pipeline", app.name),
        )
    })?;
    Ok(Json(present_coupling(&row)))
}
