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
use super::extract::{ApiJson, Auth};
use crate::api::{
    AddOnBackup, AddOnBackupSchedule, AddOnBackupScheduleUpdate, NamedRef, Timestamp, paths,
};
use crate::server::addons::backups::{self, Backup};
use crate::server::addons::daily;
use crate::server::store::{AddonRow, BackupScheduleRow};

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
        .route(
            &paths::app_addon_backup_schedule("{app}", "{addon}").to_string(),
            get(schedule_info).put(schedule).delete(unschedule),
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
    let by = format!("by {}", auth.account.email);
    let backup = capture_now(&state, &m, backups::Kind::Manual, &by).await?;
    Ok((StatusCode::CREATED, Json(present(&m.row, &backup))))
}

/// Dumps the add-on into its next backup of that kind; the app's log says so, ending with
/// `by`. A scheduled one expires the oldest past [`backups::KEEP_SCHEDULED`].
async fn capture_now(
    state: &AppState,
    m: &Managed,
    kind: backups::Kind,
    by: &str,
) -> ApiResult<Backup> {
    let (app, row) = (&m.app, &m.row);
    let dir = backups::dir(&state.data_dir, row.id);
    let (name, path) = backups::next(&dir, kind).map_err(ApiError::internal)?;
    // Written under another name, so a backup in the list is always whole.
    let partial = path.with_extension("partial");
    let dest = partial.clone();
    if let Err(e) = m.call(move |p, id| p.capture(id, &dest)).await {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &path).map_err(|e| ApiError::internal(e.to_string()))?;
    let backup = backups::find(&dir, Some(&name))
        .ok_or_else(|| ApiError::internal(format!("backup {name} vanished")))?;
    state.live.api_log(
        app.id,
        &format!("Capture backup {name} of {} {by}", row.name),
    );
    if kind == backups::Kind::Scheduled {
        for expired in backups::expire_scheduled(&dir, backups::KEEP_SCHEDULED) {
            state.live.api_log(
                app.id,
                &format!("Expire scheduled backup {expired} of {}", row.name),
            );
        }
    }
    Ok(backup)
}

fn present_schedule(row: &AddonRow, s: &BackupScheduleRow) -> AddOnBackupSchedule {
    AddOnBackupSchedule {
        addon: NamedRef {
            id: row.id,
            name: row.name.clone(),
        },
        at: daily::at_text(s.at_minute, &s.time_zone),
        time_zone: s.time_zone.clone(),
        next_run: Timestamp(s.next_run()),
        last_run: s.last_run.map(Timestamp),
    }
}

/// The add-on's backup schedule, or a 404 that says it has none.
fn current_schedule(state: &AppState, row: &AddonRow) -> ApiResult<BackupScheduleRow> {
    state.store.backup_schedule(row.id)?.ok_or_else(|| {
        ApiError::not_found(
            "backup-schedule",
            format!("{} has no backup schedule", row.name),
        )
    })
}

async fn schedule_info(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
) -> ApiResult<Json<AddOnBackupSchedule>> {
    let m = owned(&state, &auth, &app, &addon)?;
    let s = current_schedule(&state, &m.row)?;
    Ok(Json(present_schedule(&m.row, &s)))
}

async fn schedule(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
    ApiJson(body): ApiJson<AddOnBackupScheduleUpdate>,
) -> ApiResult<Json<AddOnBackupSchedule>> {
    let m = owned(&state, &auth, &app, &addon)?;
    let (minute, zone) = daily::parse_at(&body.at).map_err(ApiError::invalid)?;
    let s = state.store.set_backup_schedule(m.row.id, minute, &zone)?;
    state.live.api_log(
        m.app.id,
        &format!(
            "Schedule a daily backup of {} at {} by {}",
            m.row.name,
            daily::at_text(minute, &zone),
            auth.account.email
        ),
    );
    Ok(Json(present_schedule(&m.row, &s)))
}

async fn unschedule(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
) -> ApiResult<Json<AddOnBackupSchedule>> {
    let m = owned(&state, &auth, &app, &addon)?;
    let s = current_schedule(&state, &m.row)?;
    state.store.delete_backup_schedule(m.row.id)?;
    state.live.api_log(
        m.app.id,
        &format!(
            "Unschedule the daily backup of {} by {}",
            m.row.name, auth.account.email
        ),
    );
    Ok(Json(present_schedule(&m.row, &s)))
}

/// How often the scheduler looks for a backup that is due.
const TICK: std::time::Duration = std::time::Duration::from_secs(10);

/// Captures each scheduled backup when it is due, until the server stops. A capture that
/// fails is logged and tried again the next day.
pub fn spawn_scheduler(state: AppState) {
    tokio::spawn(async move {
        let mut stopping = state.stopping.clone();
        loop {
            if let Err(e) = run_due(&state).await {
                tracing::warn!("the backup scheduler: {e:?}");
            }
            tokio::select! {
                _ = tokio::time::sleep(TICK) => {}
                _ = stopping.changed() => return,
            }
        }
    });
}

async fn run_due(state: &AppState) -> ApiResult<()> {
    let now = Timestamp::now().0;
    for s in state.store.backup_schedules()? {
        if s.next_run() > now {
            continue;
        }
        state.store.backup_schedule_ran(s.addon_id, now)?;
        let Some(row) = state.store.addon(&s.addon_id.to_string())? else {
            continue;
        };
        let Some(app) = state.store.reload_app(row.app_id)? else {
            continue;
        };
        let name = row.name.clone();
        let done = match Managed::new(state, app, row) {
            Ok(m) => capture_now(state, &m, backups::Kind::Scheduled, "on schedule")
                .await
                .map(|_| ()),
            Err(e) => Err(e),
        };
        if let Err(e) = done {
            tracing::warn!("the scheduled backup of {name} failed: {e:?}");
        }
    }
    Ok(())
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
