//! `/apps/{app}/formation`: how many dynos of each process type should run, and their size.
//! Process types come from the released slug; scaling one the slug lacks is a 404.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};

use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PathApp, RangeHeader};
use super::{AppState, list};
use crate::api::dyno_size;
use crate::api::paths;
use crate::api::{
    DynoSizeRef, Formation, FormationBatchItem, FormationBatchUpdate, FormationUpdate,
};
use crate::server::present;
use crate::server::store::{AppRow, FormationRow};

pub use crate::api::DYNO_SIZES;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_formation("{app}").to_string(),
            get(list_all).patch(batch_update),
        )
        .route(
            &paths::app_formation_type("{app}", "{kind}").to_string(),
            get(info).patch(update),
        )
}

/// The size a request names, by name or id; 422 naming the sizes there are otherwise.
fn canonical_size(size: &DynoSizeRef) -> ApiResult<Option<String>> {
    let asked = match (&size.name, size.id) {
        (Some(name), _) => name.clone(),
        (None, Some(id)) => id.to_string(),
        (None, None) => return Ok(None),
    };
    dyno_size::find(&asked)
        .map(|s| Some(s.name.to_string()))
        .ok_or_else(|| unknown_size(&asked))
}

/// The error for a size this server does not have.
pub fn unknown_size(asked: &str) -> ApiError {
    // Quoted back only when it is short and one line.
    let named = match asked.chars().any(char::is_control) {
        true => String::new(),
        false => format!(" `{}`", asked.chars().take(40).collect::<String>()),
    };
    ApiError::invalid(format!(
        "unknown dyno size{named}; use one of: {}",
        DYNO_SIZES.join(", ")
    ))
    .with_resource("dyno-size")
}

/// Checks one change against the current formation; returns (type, quantity, size).
fn plan(
    app: &AppRow,
    current: &[FormationRow],
    item: &FormationBatchItem,
) -> ApiResult<(String, i64, String)> {
    let row = current
        .iter()
        .find(|f| f.kind == item.kind || f.id.to_string() == item.kind)
        .ok_or_else(|| {
            let known: Vec<&str> = current.iter().map(|f| f.kind.as_str()).collect();
            let hint = if known.is_empty() {
                "it has none yet: deploy code with a Procfile first".to_string()
            } else {
                format!("it has: {}", known.join(", "))
            };
            ApiError::not_found(
                "formation",
                format!("no process type `{}` on `{}`; {hint}", item.kind, app.name),
            )
        })?;
    let quantity = item
        .quantity
        .map_or(row.quantity, |q| q.apply(row.quantity));
    if quantity < 0 {
        return Err(ApiError::invalid(format!(
            "cannot scale `{}` to {quantity}: quantities start at 0",
            row.kind
        )));
    }
    let size_ref = match (&item.dyno_size, &item.size) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(name)) => Some(DynoSizeRef {
            id: None,
            name: Some(name.clone()),
        }),
        (None, None) => None,
    };
    let size = match size_ref {
        Some(s) => canonical_size(&s)?.unwrap_or_else(|| row.size.clone()),
        None => row.size.clone(),
    };
    Ok((row.kind.clone(), quantity, size))
}

async fn apply(
    state: &AppState,
    auth: &Auth,
    app: &AppRow,
    items: &[FormationBatchItem],
) -> ApiResult<Vec<Formation>> {
    let current = state.store.formations(app.id)?;
    let mut changes = Vec::with_capacity(items.len());
    for item in items {
        let change = plan(app, &current, item)?;
        if changes
            .iter()
            .any(|(k, _, _): &(String, i64, String)| *k == change.0)
        {
            return Err(ApiError::invalid(format!(
                "process type `{}` appears twice in one update",
                change.0
            )));
        }
        changes.push(change);
    }
    let after: Vec<(String, i64)> = current
        .iter()
        .map(|f| {
            let quantity = changes
                .iter()
                .find(|(k, _, _)| *k == f.kind)
                .map_or(f.quantity, |(_, q, _)| *q);
            (f.kind.clone(), quantity)
        })
        .collect();
    state.quotas.check_formation(
        &app.name,
        &after,
        oneoffs(state, app),
        state.store.dynos_scaled_by_owner(app.owner_id, app.id)?,
    )?;
    let rows = state.store.update_formations(app.id, &changes)?;
    let summary: Vec<String> = rows
        .iter()
        .map(|f| format!("{}={}:{}", f.kind, f.quantity, f.size))
        .collect();
    state.live.api_log(
        app.id,
        &format!("Scale to {} by {}", summary.join(", "), auth.account.email),
    );
    let actor = (auth.account.id, auth.account.email.clone());
    for after in &rows {
        if let Some(before) = current.iter().find(|f| f.kind == after.kind) {
            state.webhooks.formation(app, actor.clone(), before, after);
        }
    }
    state.live.scale(app.id).await.map_err(ApiError::from)?;
    Ok(rows.iter().map(|f| present::formation(app, f)).collect())
}

/// One-off dynos the app runs now (they count toward its dynos).
pub fn oneoffs(state: &AppState, app: &AppRow) -> i64 {
    let dynos = state.live.runtime.dynos(app.id);
    dynos.iter().filter(|d| d.kind == "run").count() as i64
}

async fn list_all(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let items: Vec<Formation> = state
        .store
        .formations(row.id)?
        .iter()
        .map(|f| present::formation(&row, f))
        .collect();
    list(items, range)
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, kind)): Path<(String, String)>,
) -> ApiResult<Json<Formation>> {
    let f = state.store.formation(row.id, &kind)?.ok_or_else(|| {
        ApiError::not_found(
            "formation",
            format!("no process type `{kind}` on `{}`", row.name),
        )
    })?;
    Ok(Json(present::formation(&row, &f)))
}

async fn batch_update(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    ApiJson(body): ApiJson<FormationBatchUpdate>,
) -> ApiResult<Json<Vec<Formation>>> {
    if body.updates.is_empty() {
        return Err(ApiError::invalid(
            "`updates` is empty: name at least one process type",
        ));
    }
    Ok(Json(apply(&state, &auth, &row, &body.updates).await?))
}

async fn update(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    Path((_, kind)): Path<(String, String)>,
    ApiJson(body): ApiJson<FormationUpdate>,
) -> ApiResult<Json<Formation>> {
    let item = FormationBatchItem {
        kind,
        quantity: body.quantity,
        dyno_size: body.dyno_size,
        size: body.size,
    };
    let mut out = apply(&state, &auth, &row, std::slice::from_ref(&item)).await?;
    out.pop()
        .map(Json)
        .ok_or_else(|| ApiError::internal("formation update returned nothing"))
}

#[cfg(test)]
mod props;
