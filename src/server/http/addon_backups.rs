//! `/apps/{app}/addons/{addon}/backups`: backups of a Postgres add-on (tug's extension, for
//! `pg:backups`). `POST` captures one (`pg_dump`, custom format), `GET` lists them, `GET
//! …/{backup}` downloads one, `POST …/{backup}/actions/restore` loads it into the database.
//! Only the owning app manages them.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::AppState;
use super::addons::{app_addon, owned_by, provider_error, service_and_plan};
use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::Auth;
use crate::api::{AddOnBackup, NamedRef, Timestamp, paths};
use crate::server::addons::backups::{self, Backup};
use crate::server::addons::blocking;
use crate::server::addons::provider::Provider;
use crate::server::store::{AddonRow, AppRow};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_addon_backups("{app}", "{addon}").to_string(),
            get(list).post(capture),
        )
        .route(
            &paths::app_addon_backup("{app}", "{addon}", "{backup}").to_string(),
            get(download),
        )
        .route(
            &paths::app_addon_backup_restore("{app}", "{addon}", "{backup}").to_string(),
            post(restore),
        )
}

fn present(row: &AddonRow, b: &Backup) -> AddOnBackup {
    AddOnBackup {
        name: b.name.clone(),
        addon: NamedRef {
            id: row.id,
            name: row.name.clone(),
        },
        size: b.size,
        created_at: Timestamp(b.created_at),
    }
}

/// The owning app's add-on, which must be a Postgres one.
/// The provider that runs the add-on, and the folder its backups are kept in.
fn provider_and_dir(
    state: &AppState,
    row: &AddonRow,
) -> ApiResult<(Arc<dyn Provider>, std::path::PathBuf)> {
    let (service, _) = service_and_plan(row)?;
    let provider = state
        .addons
        .provider(service.kind)
        .map_err(provider_error)?;
    Ok((provider, backups::dir(&state.data_dir, row.id)))
}

fn owned(state: &AppState, auth: &Auth, app: &str, addon: &str) -> ApiResult<(AppRow, AddonRow)> {
    let (app, _) = load_app(state, auth, app)?;
    let row = app_addon(state, &app, addon)?;
    owned_by(&row, &app, "manage the backups of")?;
    if row.service != "heroku-postgresql" {
        return Err(ApiError::invalid(format!(
            "`{}` is a {} add-on: only Postgres add-ons have backups",
            row.name, row.service
        )));
    }
    Ok((app, row))
}

fn backup_not_found(row: &AddonRow, name: &str) -> ApiError {
    ApiError::not_found("backup", format!("no backup `{name}` of {}", row.name))
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
) -> ApiResult<Json<Vec<AddOnBackup>>> {
    let (_, row) = owned(&state, &auth, &app, &addon)?;
    let dir = backups::dir(&state.data_dir, row.id);
    Ok(Json(
        backups::list(&dir)
            .iter()
            .map(|b| present(&row, b))
            .collect(),
    ))
}

async fn capture(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
) -> ApiResult<(StatusCode, Json<AddOnBackup>)> {
    let (app, row) = owned(&state, &auth, &app, &addon)?;
    let (provider, dir) = provider_and_dir(&state, &row)?;
    let (name, path) = backups::next(&dir).map_err(ApiError::internal)?;
    let pid = row.provider_id.clone();
    let dest = path.clone();
    if let Err(e) = blocking(move || provider.capture(&pid, &dest)).await {
        let _ = std::fs::remove_file(&path);
        return Err(provider_error(e));
    }
    let backup = backups::find(&dir, Some(&name))
        .ok_or_else(|| ApiError::internal(format!("backup {name} vanished")))?;
    state.live.api_log(
        app.id,
        &format!(
            "Capture backup {name} of {} by {}",
            row.name, auth.account.email
        ),
    );
    Ok((StatusCode::CREATED, Json(present(&row, &backup))))
}

async fn download(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon, backup)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    let (_, row) = owned(&state, &auth, &app, &addon)?;
    let dir = backups::dir(&state.data_dir, row.id);
    let found =
        backups::find(&dir, Some(&backup)).ok_or_else(|| backup_not_found(&row, &backup))?;
    let file = tokio::fs::File::open(&found.path)
        .await
        .map_err(|_| backup_not_found(&row, &backup))?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    Ok((
        [
            (CONTENT_TYPE, "application/octet-stream".to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.dump\"", found.name),
            ),
        ],
        body,
    )
        .into_response())
}

async fn restore(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon, backup)): Path<(String, String, String)>,
) -> ApiResult<Json<AddOnBackup>> {
    let (app, row) = owned(&state, &auth, &app, &addon)?;
    let (provider, dir) = provider_and_dir(&state, &row)?;
    let wanted = match backup.as_str() {
        "latest" => None,
        name => Some(name),
    };
    let found = backups::find(&dir, wanted).ok_or_else(|| backup_not_found(&row, &backup))?;
    let pid = row.provider_id.clone();
    let src = found.path.clone();
    blocking(move || provider.restore(&pid, &src))
        .await
        .map_err(provider_error)?;
    state.live.api_log(
        app.id,
        &format!(
            "Restore backup {} into {} by {}",
            found.name, row.name, auth.account.email
        ),
    );
    Ok(Json(present(&row, &found)))
}
