//! `/apps/{app}/addons/{addon}/backups`: backups of a Postgres add-on (tug's extension, for
//! `pg:backups`). `POST` captures one (`pg_dump`, custom format), `GET` lists them, `GET
//! …/{backup}` downloads one, `POST …/{backup}/actions/restore` loads it into the database.
//! Only the owning app manages them.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::AppState;
use super::addons::{Managed, Needs, managed};
use super::error::{ApiError, ApiResult};
use super::extract::Auth;
use crate::api::{AddOnBackup, NamedRef, Timestamp, paths};
use crate::server::addons::backups::{self, Backup};
use crate::server::store::AddonRow;

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
fn owned(state: &AppState, auth: &Auth, app: &str, addon: &str) -> ApiResult<Managed> {
    let m = managed(
        state,
        auth,
        app,
        addon,
        Needs::Owner("manage the backups of"),
    )?;
    if m.row.service != "heroku-postgresql" {
        return Err(ApiError::invalid(format!(
            "`{}` is a {} add-on: only Postgres add-ons have backups",
            m.row.name, m.row.service
        )));
    }
    Ok(m)
}

fn backup_not_found(row: &AddonRow, name: &str) -> ApiError {
    ApiError::not_found("backup", format!("no backup `{name}` of {}", row.name))
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
) -> ApiResult<Json<Vec<AddOnBackup>>> {
    let row = owned(&state, &auth, &app, &addon)?.row;
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
    let m = owned(&state, &auth, &app, &addon)?;
    let (app, row) = (&m.app, &m.row);
    let dir = backups::dir(&state.data_dir, row.id);
    let (name, path) = backups::next(&dir).map_err(ApiError::internal)?;
    let dest = path.clone();
    if let Err(e) = m.call(move |p, id| p.capture(id, &dest)).await {
        let _ = std::fs::remove_file(&path);
        return Err(e);
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
    Ok((StatusCode::CREATED, Json(present(row, &backup))))
}

async fn download(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon, backup)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    let row = owned(&state, &auth, &app, &addon)?.row;
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
    let m = owned(&state, &auth, &app, &addon)?;
    let (app, row) = (&m.app, &m.row);
    let dir = backups::dir(&state.data_dir, row.id);
    let wanted = match backup.as_str() {
        "latest" => None,
        name => Some(name),
    };
    let found = backups::find(&dir, wanted).ok_or_else(|| backup_not_found(row, &backup))?;
    let src = found.path.clone();
    m.call(move |p, id| p.restore(id, &src)).await?;
    state.live.api_log(
        app.id,
        &format!(
            "Restore backup {} into {} by {}",
            found.name, row.name, auth.account.email
        ),
    );
    Ok(Json(present(row, &found)))
}
