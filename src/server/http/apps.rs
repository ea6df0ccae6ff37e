//! `/apps`: create, list, info, update (rename, maintenance) and delete.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::account::check_self;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PathApp, PublicUrl, RangeHeader};
use super::platform::{stack_and_region_warnings, with_warnings};
use super::{AppState, list};
use crate::api::names::check_app_name;
use crate::api::paths;
use crate::api::{App, AppCreate, AppFilter, AppUpdate};
use crate::server::present;
use crate::server::store::is_unique_violation;
use crate::server::store::{AppRow, Role};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::apps().to_string(), get(list_apps).post(create))
        .route(&paths::user_apps("{user}").to_string(), get(list_user_apps))
        .route(&paths::filters_apps().to_string(), post(filter_apps))
        .route(
            &paths::app("{app}").to_string(),
            get(info).patch(update).delete(destroy),
        )
}

/// The app named by a path segment, if the caller may see it. Strangers get the same 404 as
/// for an app that does not exist, so names do not leak.
pub fn load_app(state: &AppState, auth: &Auth, ident: &str) -> ApiResult<(AppRow, Role)> {
    match state.store.app_for(ident, auth.account.id)? {
        Some((app, Some(role))) => Ok((app, role)),
        _ => Err(ApiError::not_found(
            "app",
            format!("app `{ident}` not found"),
        )),
    }
}

pub fn require_owner(app: &AppRow, role: Role, action: &str) -> ApiResult<()> {
    if role == Role::Owner {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "only the owner of `{}` ({}) can {action}",
            app.name, app.owner_email
        )))
    }
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<AppCreate>,
) -> ApiResult<Response> {
    let warnings = stack_and_region_warnings(body.stack.as_deref(), body.region.as_deref())?;
    let row = new_app(&state, &auth, body.name.as_deref())?;
    let resp = (
        StatusCode::CREATED,
        Json(present::app(state.web_url(&row.name), &base, &row)),
    )
        .into_response();
    Ok(with_warnings(resp, &warnings))
}

/// Creates an app owned by the caller, named as asked or Heroku-style, within its quota.
pub fn new_app(state: &AppState, auth: &Auth, name: Option<&str>) -> ApiResult<AppRow> {
    state
        .quotas
        .check_new_app(state.store.apps_owned(auth.account.id)?)?;
    match name {
        Some(name) => {
            check_app_name(name).map_err(ApiError::invalid)?;
            state.store.create_app(name, auth.account.id).map_err(|e| {
                if is_unique_violation(&e) {
                    ApiError::invalid(format!("the name `{name}` is already taken"))
                } else {
                    e.into()
                }
            })
        }
        None => create_with_generated_name(state, auth),
    }
}

fn create_with_generated_name(state: &AppState, auth: &Auth) -> ApiResult<AppRow> {
    for _ in 0..20 {
        let name = generated_name()?;
        match state.store.create_app(&name, auth.account.id) {
            Ok(row) => return Ok(row),
            Err(e) if is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::internal(
        "could not find a free app name in 20 tries",
    ))
}

/// Heroku-style names: `adjective-noun-1234`.
fn generated_name() -> anyhow::Result<String> {
    const ADJECTIVES: &[&str] = &[
        "amber", "brave", "calm", "dapper", "eager", "fancy", "gentle", "happy", "icy", "jolly",
        "keen", "lively", "mellow", "nimble", "polar", "quiet", "rapid", "shiny", "tidy", "vast",
        "warm", "young", "zesty", "bold", "crisp",
    ];
    const NOUNS: &[&str] = &[
        "anchor", "beacon", "canyon", "delta", "ember", "fjord", "glacier", "harbor", "island",
        "jetty", "kettle", "lagoon", "meadow", "nebula", "orchard", "pier", "quarry", "river",
        "summit", "tugboat", "valley", "willow", "yonder", "zephyr", "breeze",
    ];
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness available: {e}"))?;
    let n = u32::from_le_bytes(bytes);
    Ok(format!(
        "{}-{}-{:04}",
        ADJECTIVES[n as usize % ADJECTIVES.len()],
        NOUNS[(n as usize / ADJECTIVES.len()) % NOUNS.len()],
        (n / 1000) % 10_000
    ))
}

fn app_list(
    state: &AppState,
    auth: &Auth,
    base: &str,
    range: Option<crate::api::Range>,
) -> ApiResult<Response> {
    app_list_where(state, auth, base, range, |_| true)
}

fn app_list_where(
    state: &AppState,
    auth: &Auth,
    base: &str,
    range: Option<crate::api::Range>,
    keep: impl Fn(&AppRow) -> bool,
) -> ApiResult<Response> {
    let apps: Vec<App> = state
        .store
        .apps_of(auth.account.id)?
        .iter()
        .filter(|row| keep(row))
        .map(|row| present::app(state.web_url(&row.name), base, row))
        .collect();
    list(apps, range)
}

async fn list_apps(
    State(state): State<AppState>,
    auth: Auth,
    PublicUrl(base): PublicUrl,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    app_list(&state, &auth, &base, range)
}

/// The caller's apps among the ids given; ids of apps it cannot reach are left out.
async fn filter_apps(
    State(state): State<AppState>,
    auth: Auth,
    PublicUrl(base): PublicUrl,
    RangeHeader(range): RangeHeader,
    ApiJson(body): ApiJson<AppFilter>,
) -> ApiResult<Response> {
    let ids = body.within.id;
    app_list_where(&state, &auth, &base, range, |row| {
        ids.iter().any(|id| *id == row.id.to_string())
    })
}

async fn list_user_apps(
    State(state): State<AppState>,
    auth: Auth,
    Path(user): Path<String>,
    PublicUrl(base): PublicUrl,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    check_self(&auth, &user)?;
    app_list(&state, &auth, &base, range)
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    PublicUrl(base): PublicUrl,
) -> ApiResult<Json<App>> {
    Ok(Json(present::app(state.web_url(&row.name), &base, &row)))
}

async fn update(
    State(state): State<AppState>,
    PathApp(row, role, auth): PathApp,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<AppUpdate>,
) -> ApiResult<Response> {
    let warnings = stack_and_region_warnings(body.build_stack.as_deref(), None)?;
    if let Some(name) = &body.name
        && name != &row.name
    {
        require_owner(&row, role, "rename it")?;
        check_app_name(name).map_err(ApiError::invalid)?;
    }
    // Validate everything before changing anything.
    if let Some(name) = &body.name
        && name != &row.name
    {
        state.store.rename_app(row.id, name).map_err(|e| {
            if is_unique_violation(&e) {
                ApiError::invalid(format!("the name `{name}` is already taken"))
            } else {
                e.into()
            }
        })?;
    }
    if let Some(on) = body.maintenance {
        state.store.set_maintenance(row.id, on)?;
        let verb = if on { "Enable" } else { "Disable" };
        state.live.api_log(
            row.id,
            &format!("{verb} maintenance mode by {}", auth.account.email),
        );
    }
    let row = state
        .store
        .reload_app(row.id)?
        .ok_or_else(|| ApiError::not_found("app", format!("app `{}` not found", row.name)))?;
    let resp = Json(present::app(state.web_url(&row.name), &base, &row)).into_response();
    Ok(with_warnings(resp, &warnings))
}

async fn destroy(
    State(state): State<AppState>,
    PathApp(row, role, auth): PathApp,
    PublicUrl(base): PublicUrl,
) -> ApiResult<Json<App>> {
    require_owner(&row, role, "destroy it")?;
    remove_app(&state, &auth, &row).await?;
    Ok(Json(present::app(state.web_url(&row.name), &base, &row)))
}

/// Removes an app with everything it has: add-ons, slugs, repository, dynos, drains, logs.
/// app.json's `pr-predestroy` script runs first, while the add-ons still exist; its failure is
/// logged and does not keep the app.
pub async fn remove_app(state: &AppState, auth: &Auth, row: &AppRow) -> ApiResult<()> {
    if let Some(command) = state
        .store
        .app_setup_of(row.id)?
        .and_then(|setup| setup.pr_predestroy)
    {
        crate::server::deploy::app_setup::predestroy(&state.live, row, &command).await;
    }
    // Its add-ons go first (their databases dropped, other apps' config vars removed); the
    // attachments of other apps' add-ons go with the app's rows.
    for addon in state.store.addons_owned_by(row.id)? {
        super::addons::destroy_addon(state, auth, &addon).await?;
    }
    // A review app's record stays, saying its app is gone.
    if let Some(review) = state.store.review_app_of_app(row.id)? {
        state
            .store
            .set_review_app_status(review.id, "deleted", None, None)?;
    }
    let slugs = state.store.delete_app(row.id)?;
    state.certs.reload(&state.store);
    state.repos.remove(row.id);
    state.pipeline.forget_app(row.id, &slugs);
    state.live.runtime.remove_app(row.id).await;
    state.drains.stop_app(row.id);
    state.live.logs.forget(row.id);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_are_valid_app_names() {
        for _ in 0..200 {
            let name = generated_name().unwrap();
            assert!(check_app_name(&name).is_ok(), "{name}");
        }
    }
}
