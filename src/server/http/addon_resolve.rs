//! `POST /actions/addons/resolve` and `POST /actions/addon-attachments/resolve`: which add-on
//! or attachment a name means, as the official CLI asks before `addons:info`, `addons:destroy`,
//! `addons:detach` and the rest. A name is an add-on's name or id, an attachment's name on the
//! given app (`DATABASE`), or `APP::ATTACHMENT`; `addon_service` narrows it to one service.
//! Only what the caller can reach is found; the 404s name the resource as Heroku's do
//! (`add_on`, `add_on attachment`), which the official CLI reads to fall back to another lookup.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;

use super::AppState;
use super::addons::{show, visible_addon};
use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth};
use crate::api::{AddOn, AddOnAttachment, paths};
use crate::server::present;
use crate::server::store::{AddonRow, AttachmentRow};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::addons_resolve().to_string(), post(resolve_addons))
        .route(
            &paths::addon_attachments_resolve().to_string(),
            post(resolve_attachments),
        )
}

#[derive(Debug, Deserialize)]
struct AddonQuery {
    addon: String,
    #[serde(default)]
    app: Option<String>,
    #[serde(default)]
    addon_service: Option<String>,
}

#[derive(Debug, Deserialize)]
struct AttachmentQuery {
    addon_attachment: String,
    #[serde(default)]
    app: Option<String>,
    #[serde(default)]
    addon_service: Option<String>,
}

fn no_addon(ident: &str) -> ApiError {
    ApiError::not_found("add_on", format!("add-on `{ident}` not found"))
}

fn no_attachment(ident: &str) -> ApiError {
    ApiError::not_found(
        "add_on attachment",
        format!("add-on attachment `{ident}` not found"),
    )
}

/// `APP::NAME` → (`APP`, `NAME`); a plain name keeps the app it came with.
fn split<'a>(ident: &'a str, app: Option<&'a str>) -> (Option<&'a str>, &'a str) {
    match ident.split_once("::") {
        Some((app, name)) => (Some(app), name),
        None => (app.filter(|a| !a.is_empty()), ident),
    }
}

/// Whether an add-on of `service` is wanted when the caller narrowed to `wanted` (if at all).
fn wanted(wanted: Option<&str>, service: &str) -> bool {
    wanted.is_none_or(|w| w.is_empty() || w == service)
}

async fn resolve_addons(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(q): ApiJson<AddonQuery>,
) -> ApiResult<Json<Vec<AddOn>>> {
    let ident = q.addon.trim();
    let (app, name) = split(ident, q.app.as_deref());
    let service = q.addon_service.as_deref();
    let mut found: Vec<AddonRow> = vec![];
    if let Some(app) = app {
        // On an app: its attachments by name, then the add-ons it has by name or id.
        let (app, _) = load_app(&state, &auth, app).map_err(|_| no_addon(ident))?;
        for attachment in state.store.attachments_of_app(app.id)? {
            if attachment.name.eq_ignore_ascii_case(name)
                && let Some(row) = state.store.addon(&attachment.addon_id.to_string())?
            {
                found.push(row);
            }
        }
        for row in state.store.addons_of_app(app.id)? {
            if row.name == name || row.id.to_string() == name {
                found.push(row);
            }
        }
    } else if let Ok(row) = visible_addon(&state, &auth, name) {
        found.push(row);
    }
    found.sort_by_key(|row| row.id);
    found.dedup_by_key(|row| row.id);
    found.retain(|row| wanted(service, &row.service));
    if found.is_empty() {
        return Err(no_addon(ident));
    }
    let shown = found
        .iter()
        .map(|row| show(&state, row))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(shown))
}

async fn resolve_attachments(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(q): ApiJson<AttachmentQuery>,
) -> ApiResult<Json<Vec<AddOnAttachment>>> {
    let ident = q.addon_attachment.trim();
    let (app, name) = split(ident, q.app.as_deref());
    let service = q.addon_service.as_deref();
    let mut found: Vec<AttachmentRow> = vec![];
    if let Some(app) = app {
        let (app, _) = load_app(&state, &auth, app).map_err(|_| no_attachment(ident))?;
        found = state
            .store
            .attachments_of_app(app.id)?
            .into_iter()
            .filter(|a| a.name.eq_ignore_ascii_case(name) || a.id.to_string() == name)
            .collect();
    } else if let Ok(id) = uuid::Uuid::parse_str(name)
        && let Some(row) = state.store.attachment(id)?
        && load_app(&state, &auth, &row.app_id.to_string()).is_ok()
    {
        found.push(row);
    }
    let mut kept = vec![];
    for row in found {
        let addon = state.store.addon(&row.addon_id.to_string())?;
        if addon.is_some_and(|addon| wanted(service, &addon.service)) {
            kept.push(present::addon_attachment(&row));
        }
    }
    if kept.is_empty() {
        return Err(no_attachment(ident));
    }
    Ok(Json(kept))
}
