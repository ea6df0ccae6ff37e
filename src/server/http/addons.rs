//! Add-ons over the Platform API: `/apps/{app}/addons` (list, create, info, plan change,
//! rename, destroy), `/addons` (every add-on the caller can reach), `/addon-attachments`,
//! (`/addon-services` and `/plans` are in `addon_services.rs`). An add-on belongs to one app (its owner) and is attached to
//! one or more apps; every attach, detach and destroy is a release of the app whose config
//! it changes, through the one release path.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};

use super::AppState;
pub(super) use super::addon_managed::{
    Managed, Needs, app_addon, managed, owned_by, provider_error,
};
use super::addon_rename;
use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PathApp, RangeHeader};
use crate::api::{
    AddOn, AddOnAttachment, AddOnAttachmentCreate, AddOnCreate, AddOnUpdate, AddOnUsage, NamedRef,
    check_addon_name, check_attachment_name, paths,
};
use crate::server::addons::catalog::{self, Service};
use crate::server::addons::{blocking, provider_id};
use crate::server::deploy::release::{self, Change};
use crate::server::present;
use crate::server::store::{AddonRow, AppRow, AttachError, AttachmentRow, NewAddon, ReleaseRow};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::addons().to_string(), get(list_all))
        .route(&paths::user_addons("{user}").to_string(), get(list_of_user))
        .route(&paths::addon("{addon}").to_string(), get(info_any))
        .route(
            &paths::addon_attachments_of("{addon}").to_string(),
            get(list_attachments_of_addon),
        )
        .route(
            &paths::app_addons("{app}").to_string(),
            get(list_app).post(create),
        )
        .route(
            &paths::app_addon("{app}", "{addon}").to_string(),
            get(info_app).patch(update).delete(destroy),
        )
        .route(
            &paths::app_addon_rotate_credentials("{app}", "{addon}").to_string(),
            post(rotate_credentials),
        )
        .route(
            &paths::app_addon_usage("{app}", "{addon}").to_string(),
            get(usage),
        )
        .route(
            &paths::app_addon_reset("{app}", "{addon}").to_string(),
            post(reset),
        )
        .route(
            &paths::addon_attachments().to_string(),
            get(list_attachments).post(attach),
        )
        .route(
            &paths::addon_attachment("{id}").to_string(),
            get(attachment_info).delete(detach),
        )
        .route(
            &paths::app_addon_attachments("{app}").to_string(),
            get(list_app_attachments),
        )
        .route(
            &paths::app_addon_attachment("{app}", "{attachment}").to_string(),
            get(app_attachment_info),
        )
}

fn attach_error(e: AttachError) -> ApiError {
    match e {
        AttachError::Db(e) => e.into(),
        e => ApiError::invalid(format!("{e}: choose another name with `--as NAME`")),
    }
}

pub(super) fn not_found(ident: &str) -> ApiError {
    ApiError::not_found("addon", format!("add-on `{ident}` not found"))
}

/// The add-on as the API shows it: the config vars it sets on its owning app.
pub(super) fn show(state: &AppState, row: &AddonRow) -> ApiResult<AddOn> {
    let vars = state
        .store
        .attachments_of_addon(row.id)?
        .iter()
        .filter(|a| a.app_id == row.app_id)
        .map(AttachmentRow::config_var)
        .collect();
    Ok(present::addon(row, vars))
}

fn list_addons(rows: Vec<AddOn>, range: Option<crate::api::Range>) -> ApiResult<Response> {
    super::list(rows, range)
}

fn list_attachment_rows(
    rows: Vec<AttachmentRow>,
    range: Option<crate::api::Range>,
) -> ApiResult<Response> {
    let items: Vec<AddOnAttachment> = rows.iter().map(present::addon_attachment).collect();
    super::list(items, range)
}

/// An add-on the caller can reach: through its owning app or an app it is attached to.
pub(super) fn visible_addon(state: &AppState, auth: &Auth, ident: &str) -> ApiResult<AddonRow> {
    let row = state.store.addon(ident)?.ok_or_else(|| not_found(ident))?;
    let reachable = |app: uuid::Uuid| -> ApiResult<bool> {
        Ok(matches!(
            state.store.app_for(&app.to_string(), auth.account.id)?,
            Some((_, Some(_)))
        ))
    };
    if reachable(row.app_id)? {
        return Ok(row);
    }
    for attachment in state.store.attachments_of_addon(row.id)? {
        if reachable(attachment.app_id)? {
            return Ok(row);
        }
    }
    Err(not_found(ident))
}

/// Runs each release an add-on change made, on its own app.
async fn release_all(state: &AppState, auth: &Auth, releases: Vec<ReleaseRow>) -> ApiResult<()> {
    for made in releases {
        let Some(app) = state.store.reload_app(made.app_id)? else {
            continue;
        };
        release::release(
            &state.live,
            &state.deployments,
            &app,
            auth.account.id,
            Change::Addon { release: made },
        )
        .await?;
    }
    Ok(())
}

fn actor(auth: &Auth) -> (uuid::Uuid, String) {
    (auth.account.id, auth.account.email.clone())
}

/// The attachment name: the one asked for, or the service's default (`DATABASE`), or, when
/// the app already has that, `HEROKU_POSTGRESQL_<COLOR>` like Heroku's second database.
fn attachment_name(
    state: &AppState,
    app: &AppRow,
    service: &Service,
    asked: Option<&str>,
) -> ApiResult<String> {
    if let Some(name) = asked {
        check_attachment_name(name).map_err(ApiError::invalid)?;
        state
            .store
            .attachment_name_free(app.id, &app.name, name)
            .map_err(attach_error)?;
        return Ok(name.to_string());
    }
    const COLORS: &[&str] = &[
        "RED", "BLUE", "GREEN", "ORANGE", "PURPLE", "YELLOW", "AQUA", "PINK", "WHITE", "BLACK",
        "COPPER", "BRONZE", "SILVER", "GOLD", "CHARCOAL", "OLIVE", "TEAL", "MAROON", "NAVY",
    ];
    let prefix = service.name.to_ascii_uppercase().replace('-', "_");
    let candidates = std::iter::once(service.default_attachment.to_string())
        .chain(COLORS.iter().map(|c| format!("{prefix}_{c}")));
    for name in candidates {
        match state.store.attachment_name_free(app.id, &app.name, &name) {
            Ok(()) => return Ok(name),
            Err(AttachError::Db(e)) => return Err(e.into()),
            Err(_) => continue,
        }
    }
    Err(ApiError::invalid(format!(
        "{} has no free attachment name left: name one with `--as NAME`",
        app.name
    )))
}

async fn list_all(
    State(state): State<AppState>,
    auth: Auth,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let rows = state.store.addons_of_account(auth.account.id)?;
    let items = rows
        .iter()
        .map(|r| show(&state, r))
        .collect::<ApiResult<Vec<_>>>()?;
    list_addons(items, range)
}

/// `/users/~/addons` (or the caller's own id or email): the same as `/addons`. Another
/// account's add-ons are not the caller's to list.
async fn list_of_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(user): Path<String>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let me = &auth.account;
    if !(user == "~" || user == me.id.to_string() || user.eq_ignore_ascii_case(&me.email)) {
        return Err(ApiError::not_found(
            "user",
            format!("user `{user}` not found"),
        ));
    }
    list_all(State(state), auth, RangeHeader(range)).await
}

async fn info_any(
    State(state): State<AppState>,
    auth: Auth,
    Path(addon): Path<String>,
) -> ApiResult<Json<AddOn>> {
    let row = visible_addon(&state, &auth, &addon)?;
    Ok(Json(show(&state, &row)?))
}

async fn list_attachments_of_addon(
    State(state): State<AppState>,
    auth: Auth,
    Path(addon): Path<String>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let row = visible_addon(&state, &auth, &addon)?;
    list_attachment_rows(state.store.attachments_of_addon(row.id)?, range)
}

async fn list_app(
    State(state): State<AppState>,
    PathApp(app, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let items = state
        .store
        .addons_of_app(app.id)?
        .iter()
        .map(|r| show(&state, r))
        .collect::<ApiResult<Vec<_>>>()?;
    list_addons(items, range)
}

async fn info_app(
    State(state): State<AppState>,
    PathApp(app, _, _): PathApp,
    Path((_, addon)): Path<(String, String)>,
) -> ApiResult<Json<AddOn>> {
    let row = app_addon(&state, &app, &addon)?;
    Ok(Json(show(&state, &row)?))
}

async fn create(
    State(state): State<AppState>,
    PathApp(app, _, auth): PathApp,
    ApiJson(body): ApiJson<AddOnCreate>,
) -> ApiResult<(StatusCode, Json<AddOn>)> {
    let asked = body
        .attachment
        .as_ref()
        .and_then(|a| a.name.as_deref())
        .map(str::trim);
    let shown = provision(&state, &auth, &app, &body.plan, asked, body.name.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(shown)))
}

/// Provisions `plan` through its provider and attaches it to `app` (as `attachment`, or the
/// service's default name), releasing the new config vars.
pub async fn provision(
    state: &AppState,
    auth: &Auth,
    app: &AppRow,
    plan: &str,
    attachment: Option<&str>,
    name: Option<&str>,
) -> ApiResult<AddOn> {
    let (service, plan) = catalog::resolve(plan).map_err(ApiError::invalid)?;
    let attachment = attachment_name(state, app, service, attachment)?;
    let name = match name.map(str::trim) {
        Some(name) => {
            check_addon_name(name).map_err(ApiError::invalid)?;
            let name = name.to_ascii_lowercase();
            if state.store.addon(&name)?.is_some() {
                return Err(ApiError::invalid(format!(
                    "the add-on name `{name}` is taken: choose another with `--name`"
                )));
            }
            name
        }
        None => {
            let mut name = catalog::generate_name(service);
            for _ in 0..8 {
                if state.store.addon(&name)?.is_none() {
                    break;
                }
                name = catalog::generate_name(service);
            }
            name
        }
    };
    let provider = state
        .addons
        .provider(service.kind)
        .map_err(provider_error)?;
    let id = uuid::Uuid::new_v4();
    let pid = provider_id(id);
    let url = {
        let (provider, pid) = (provider.clone(), pid.clone());
        blocking(move || provider.provision(&pid, plan))
            .await
            .map_err(provider_error)?
    };
    let new = NewAddon {
        id,
        app_id: app.id,
        name,
        service: service.name.to_string(),
        plan: plan.name.to_string(),
        provider_id: pid.clone(),
        url,
    };
    let created = state
        .store
        .create_addon(&new, &app.name, &attachment, auth.account.id);
    let (row, attached, made) = match created {
        Ok(done) => done,
        Err(e) => {
            // Nothing refers to what was provisioned: give it back.
            let _ = blocking(move || provider.deprovision(&pid)).await;
            return Err(attach_error(e));
        }
    };
    state.live.api_log(
        app.id,
        &format!(
            "Provision {} ({}) by {}",
            row.name,
            catalog::full_name(service, plan),
            auth.account.email
        ),
    );
    release_all(state, auth, made.into_iter().collect()).await?;
    let shown = show(state, &row)?;
    state.webhooks.addon("create", actor(auth), &shown);
    state
        .webhooks
        .addon_attachment("create", actor(auth), &present::addon_attachment(&attached));
    Ok(shown)
}

/// A new plan of the same service, a new name, or both.
async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
    ApiJson(body): ApiJson<AddOnUpdate>,
) -> ApiResult<Json<AddOn>> {
    let m = managed(&state, &auth, &app, &addon, Needs::Owner("change"))?;
    if body.plan.is_none() && body.name.is_none() {
        return Err(ApiError::invalid(
            "nothing to change: give a `plan` to move to or a `name` to rename it to",
        ));
    }
    // Both are checked before either is applied.
    let name = match &body.name {
        Some(asked) => addon_rename::new_name(&state, &m, asked)?,
        None => None,
    };
    let plan = match &body.plan {
        Some(asked) => Some(plan_of(m.service, asked)?).filter(|p| p.id != m.plan.id),
        None => None,
    };
    if let Some(plan) = plan {
        change_plan(&state, &auth, &m, plan).await?;
    }
    if let Some(name) = &name {
        addon_rename::rename(&state, &auth, &m, name)?;
    }
    let row = state
        .store
        .addon(&m.row.id.to_string())?
        .ok_or_else(|| not_found(&addon))?;
    let shown = show(&state, &row)?;
    if plan.is_some() || name.is_some() {
        state.webhooks.addon("update", actor(&auth), &shown);
    }
    Ok(Json(shown))
}

/// A plan of `service` by name; 422 naming its plans otherwise.
fn plan_of(service: &'static Service, asked: &str) -> ApiResult<&'static catalog::PlanSpec> {
    catalog::service_plan(service, asked.trim()).ok_or_else(|| {
        let names: Vec<_> = service
            .plans
            .iter()
            .map(|p| format!("`{}`", catalog::full_name(service, p)))
            .collect();
        ApiError::invalid(format!(
            "unknown plan `{}` of `{}`: valid plans are {}",
            asked.trim(),
            service.name,
            names.join(", ")
        ))
    })
}

async fn change_plan(
    state: &AppState,
    auth: &Auth,
    m: &Managed,
    plan: &'static catalog::PlanSpec,
) -> ApiResult<()> {
    let (service, from) = (m.service, m.plan);
    m.call(move |p, id| p.change_plan(id, plan)).await?;
    state.store.set_addon_plan(m.row.id, plan.name)?;
    state.live.api_log(
        m.app.id,
        &format!(
            "Change {} from {} to {} by {}",
            m.row.name,
            catalog::full_name(service, from),
            catalog::full_name(service, plan),
            auth.account.email
        ),
    );
    Ok(())
}

/// Deprovisions an add-on and forgets it; each attached app gets a release without its
/// config var. Used by `apps:destroy` too.
pub async fn destroy_addon(state: &AppState, auth: &Auth, row: &AddonRow) -> ApiResult<AddOn> {
    let owner = state
        .store
        .reload_app(row.app_id)?
        .ok_or_else(|| not_found(&row.name))?;
    let m = Managed::new(state, owner, row.clone())?;
    let mut shown = show(state, row)?;
    let attachments = state.store.attachments_of_addon(row.id)?;
    m.call(|p, id| p.deprovision(id)).await?;
    let made = state.store.destroy_addon(row, auth.account.id)?;
    let backups = crate::server::addons::backups::dir(&state.data_dir, row.id);
    if let Err(e) = std::fs::remove_dir_all(&backups)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("cannot remove the backups of {}: {e}", row.name);
    }
    state.live.api_log(
        row.app_id,
        &format!("Destroy {} by {}", row.name, auth.account.email),
    );
    release_all(state, auth, made).await?;
    shown.state = "deprovisioned".into();
    for attachment in &attachments {
        state.webhooks.addon_attachment(
            "destroy",
            actor(auth),
            &present::addon_attachment(attachment),
        );
    }
    state.webhooks.addon("destroy", actor(auth), &shown);
    Ok(shown)
}

async fn destroy(
    State(state): State<AppState>,
    PathApp(app, _, auth): PathApp,
    Path((_, addon)): Path<(String, String)>,
) -> ApiResult<Json<AddOn>> {
    let row = app_addon(&state, &app, &addon)?;
    owned_by(&row, &app, "destroy")?;
    Ok(Json(destroy_addon(&state, &auth, &row).await?))
}

/// New credentials: the old password stops working (its connections are closed) and every
/// attached app gets the new URL in a release.
async fn rotate_credentials(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
) -> ApiResult<Json<AddOn>> {
    let m = managed(
        &state,
        &auth,
        &app,
        &addon,
        Needs::Owner("rotate the credentials of"),
    )?;
    let plan = m.plan;
    let url = m.call(move |p, id| p.rotate(id, plan)).await?;
    let made = state.store.set_addon_url(&m.row, &url, auth.account.id)?;
    state.live.api_log(
        m.app.id,
        &format!(
            "Rotate the credentials of {} by {}",
            m.row.name, auth.account.email
        ),
    );
    release_all(&state, &auth, made).await?;
    let row = state
        .store
        .addon(&m.row.id.to_string())?
        .ok_or_else(|| not_found(&addon))?;
    let shown = show(&state, &row)?;
    state.webhooks.addon("update", actor(&auth), &shown);
    Ok(Json(shown))
}

/// Empties the database; its credentials, attachments and config vars stay.
async fn reset(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
) -> ApiResult<Json<AddOn>> {
    let m = managed(&state, &auth, &app, &addon, Needs::Owner("reset"))?;
    m.call(|p, id| p.reset(id)).await?;
    state.live.api_log(
        m.app.id,
        &format!("Reset {} by {}", m.row.name, auth.account.email),
    );
    Ok(Json(show(&state, &m.row)?))
}

async fn usage(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, addon)): Path<(String, String)>,
) -> ApiResult<Json<AddOnUsage>> {
    let m = managed(&state, &auth, &app, &addon, Needs::Attached)?;
    let used = m.call(|p, id| p.usage(id)).await?;
    let plan = m.plan;
    Ok(Json(AddOnUsage {
        addon: NamedRef {
            id: m.row.id,
            name: m.row.name.clone(),
        },
        plan: catalog::full_name(m.service, plan),
        bytes_used: used.bytes,
        bytes_limit: plan.megabytes * 1024 * 1024,
        connections: used.connections,
        connection_limit: plan.connections,
        version: used.version,
        writes_revoked: used.writes_revoked,
    }))
}

async fn list_attachments(
    State(state): State<AppState>,
    auth: Auth,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    list_attachment_rows(state.store.attachments_of_account(auth.account.id)?, range)
}

async fn list_app_attachments(
    State(state): State<AppState>,
    PathApp(app, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    list_attachment_rows(state.store.attachments_of_app(app.id)?, range)
}

fn attachment_not_found(ident: &str) -> ApiError {
    ApiError::not_found(
        "addon-attachment",
        format!("add-on attachment `{ident}` not found"),
    )
}

/// An attachment on an app the caller can reach, by id.
fn visible_attachment(state: &AppState, auth: &Auth, id: &str) -> ApiResult<AttachmentRow> {
    let row = uuid::Uuid::parse_str(id)
        .ok()
        .map(|id| state.store.attachment(id))
        .transpose()?
        .flatten()
        .ok_or_else(|| attachment_not_found(id))?;
    load_app(state, auth, &row.app_id.to_string()).map_err(|_| attachment_not_found(id))?;
    Ok(row)
}

async fn attachment_info(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<AddOnAttachment>> {
    let row = visible_attachment(&state, &auth, &id)?;
    Ok(Json(present::addon_attachment(&row)))
}

async fn app_attachment_info(
    State(state): State<AppState>,
    PathApp(app, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
) -> ApiResult<Json<AddOnAttachment>> {
    let row = state
        .store
        .attachments_of_app(app.id)?
        .into_iter()
        .find(|a| a.id.to_string() == ident || a.name == ident)
        .ok_or_else(|| attachment_not_found(&ident))?;
    Ok(Json(present::addon_attachment(&row)))
}

async fn attach(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<AddOnAttachmentCreate>,
) -> ApiResult<(StatusCode, Json<AddOnAttachment>)> {
    let (app, _) = load_app(&state, &auth, body.app.trim())?;
    let addon = visible_addon(&state, &auth, body.addon.trim())?;
    let service = catalog::service(&addon.service)
        .ok_or_else(|| ApiError::internal(format!("unknown service {}", addon.service)))?;
    let name = attachment_name(&state, &app, service, body.name.as_deref().map(str::trim))?;
    let (attached, made) = state
        .store
        .attach_addon(&addon, app.id, &app.name, &name, auth.account.id)
        .map_err(attach_error)?;
    release_all(&state, &auth, made.into_iter().collect()).await?;
    let shown = present::addon_attachment(&attached);
    state
        .webhooks
        .addon_attachment("create", actor(&auth), &shown);
    Ok((StatusCode::CREATED, Json(shown)))
}

async fn detach(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<AddOnAttachment>> {
    let row = visible_attachment(&state, &auth, &id)?;
    if row.app_id == row.addon_app_id {
        let own = state
            .store
            .attachments_of_addon(row.addon_id)?
            .iter()
            .filter(|a| a.app_id == row.app_id)
            .count();
        if own <= 1 {
            return Err(ApiError::invalid(format!(
                "{} owns `{}` through `{}`: destroy it with `tug addons:destroy {} -a {}` instead",
                row.app_name, row.addon_name, row.name, row.addon_name, row.app_name
            )));
        }
    }
    let made = state.store.detach_addon(&row, auth.account.id)?;
    release_all(&state, &auth, made.into_iter().collect()).await?;
    let shown = present::addon_attachment(&row);
    state
        .webhooks
        .addon_attachment("destroy", actor(&auth), &shown);
    Ok(Json(shown))
}
