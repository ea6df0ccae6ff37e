//! `/apps/{app}/dynos`: what runs, restarts and stops, and one-off dynos (`tug run`). An
//! attached one-off answers on its `attach_url`: over TLS a `rendezvous://` URL (see
//! `server::rendezvous`), else an HTTP upgrade (`Upgrade: tug-attach`) after which the
//! connection carries `api::attach` frames both ways. Both lead to `server::attach`.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::header::{CONNECTION, UPGRADE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use hyper_util::rt::TokioIo;
use uuid::Uuid;

use super::AppState;
use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PathApp, PublicUrl};
use crate::api::attach;
use crate::api::names::check_process_type;
use crate::api::paths;
use crate::api::{Dyno, DynoCreate, Timestamp};
use crate::server::attach::Framing;
use crate::server::present;
use crate::server::runtime::{DynoInfo, OneOff, OneOffRequest, RuntimeError, Target};
use crate::server::store::AppRow;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_dynos("{app}").to_string(),
            get(list).post(create).delete(restart_all),
        )
        .route(
            &paths::app_dyno("{app}", "{dyno}").to_string(),
            get(info).delete(restart_one),
        )
        .route(
            &paths::app_dyno_stop("{app}", "{dyno}").to_string(),
            post(stop_one),
        )
        .route(
            &paths::app_formation_dynos("{app}", "{kind}").to_string(),
            delete(restart_type),
        )
        .route(
            &paths::app_formation_stop("{app}", "{kind}").to_string(),
            post(stop_type),
        )
        .route("/apps/{app}/dynos/{dyno}/attach/{secret}", get(attach_one))
}

fn dyno(state: &AppState, app: &AppRow, d: &DynoInfo, attach_url: Option<String>) -> Dyno {
    present::dyno(&state.store, app, d, attach_url)
}

fn runtime_error(app: &AppRow, e: RuntimeError) -> ApiError {
    match e {
        RuntimeError::UnknownDyno(d) => {
            ApiError::not_found("dyno", format!("no dyno `{d}` on `{}`", app.name))
        }
        RuntimeError::UnknownType(t) => ApiError::not_found(
            "formation",
            format!("no process type `{t}` on `{}`", app.name),
        ),
        RuntimeError::NotDeployed => ApiError::invalid(format!(
            "`{}` has no release running: deploy code first",
            app.name
        )),
        RuntimeError::EmptyCommand | RuntimeError::EmptyProcessCommand(_) => {
            ApiError::invalid(e.to_string())
        }
        RuntimeError::ShuttingDown => ApiError::new(
            crate::api::ErrorId::Unavailable,
            "the platform is shutting down",
        ),
        other => ApiError::internal(other),
    }
}

async fn list(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
) -> ApiResult<Json<Vec<Dyno>>> {
    let mut dynos: Vec<Dyno> = state
        .live
        .runtime
        .dynos(row.id)
        .iter()
        .map(|d| dyno(&state, &row, d, None))
        .collect();
    dynos.sort_by(|a, b| (&a.kind, a.name.len(), &a.name).cmp(&(&b.kind, b.name.len(), &b.name)));
    Ok(Json(dynos))
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, name)): Path<(String, String)>,
) -> ApiResult<Json<Dyno>> {
    state
        .live
        .runtime
        .dynos(row.id)
        .iter()
        .find(|d| d.name == name || d.id.to_string() == name)
        .map(|d| Json(dyno(&state, &row, d, None)))
        .ok_or_else(|| ApiError::not_found("dyno", format!("no dyno `{name}` on `{}`", row.name)))
}

async fn act(
    state: &AppState,
    auth: &Auth,
    app: &str,
    target: Target,
    stop: bool,
) -> ApiResult<Json<serde_json::Value>> {
    let (row, _) = load_app(state, auth, app)?;
    if let Target::Type(t) = &target {
        check_process_type(t).map_err(ApiError::invalid)?;
    }
    let what = match &target {
        Target::All => "all dynos".to_string(),
        Target::Type(t) => format!("{t} dynos"),
        Target::Dyno(d) => d.clone(),
    };
    let runtime = &state.live.runtime;
    let result = if stop {
        runtime.stop(row.id, target).await
    } else {
        runtime.restart(row.id, target).await
    };
    result.map_err(|e| runtime_error(&row, e))?;
    let verb = if stop { "Stop" } else { "Restart" };
    state
        .live
        .api_log(row.id, &format!("{verb} {what} by {}", auth.account.email));
    Ok(Json(serde_json::json!({})))
}

async fn restart_all(
    State(state): State<AppState>,
    auth: Auth,
    Path(app): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    act(&state, &auth, &app, Target::All, false).await
}

async fn restart_one(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, name)): Path<(String, String)>,
) -> ApiResult<Json<serde_json::Value>> {
    act(&state, &auth, &app, Target::Dyno(name), false).await
}

async fn restart_type(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, kind)): Path<(String, String)>,
) -> ApiResult<Json<serde_json::Value>> {
    act(&state, &auth, &app, Target::Type(kind), false).await
}

async fn stop_one(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, name)): Path<(String, String)>,
) -> ApiResult<Json<serde_json::Value>> {
    act(&state, &auth, &app, Target::Dyno(name), true).await
}

async fn stop_type(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, kind)): Path<(String, String)>,
) -> ApiResult<Json<serde_json::Value>> {
    act(&state, &auth, &app, Target::Type(kind), true).await
}

async fn create(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<DynoCreate>,
) -> ApiResult<(StatusCode, Json<Dyno>)> {
    let env = check_oneoff(&state, &row, &body)?;
    let release = state.store.current_release(row.id)?;
    let spec = match &release {
        Some(r) => state.live.spec(&row, r)?,
        None => None,
    }
    .ok_or_else(|| {
        ApiError::invalid(format!(
            "`{}` has no code released yet: deploy first",
            row.name
        ))
    })?;
    let attached = body.attach.unwrap_or(false);
    let tty = (attached && !body.force_no_tty.unwrap_or(false)).then(|| {
        let num = |k: &str, d: u16| env.get(k).and_then(|v| v.parse().ok()).unwrap_or(d);
        (num("COLUMNS", 80), num("LINES", 24))
    });
    let size = match body.size.as_deref() {
        Some(asked) => crate::api::dyno_size::find(asked)
            .ok_or_else(|| super::formation::unknown_size(asked))?
            .name
            .to_string(),
        None => crate::api::DYNO_SIZE_NAME.to_string(),
    };
    let oneoff = state
        .live
        .runtime
        .run_oneoff(
            &spec,
            OneOffRequest {
                command: body.command.clone(),
                env,
                size: size.clone(),
                tty,
                attached,
            },
        )
        .await
        .map_err(|e| runtime_error(&row, e))?;
    state.live.api_log(
        row.id,
        &format!(
            "Starting process with command `{}` by {}",
            body.command, auth.account.email
        ),
    );
    let info = state
        .live
        .runtime
        .dynos(row.id)
        .into_iter()
        .find(|d| d.id == oneoff.id);
    let name = oneoff.name.clone();
    let attach_url = if attached {
        Some(offer_attach(&state, &row, &base, oneoff, tty.is_some())?)
    } else {
        None
    };
    let now = Timestamp::now().0;
    let d = info.unwrap_or(DynoInfo {
        id: Uuid::new_v4(),
        name: name.clone(),
        kind: "run".into(),
        command: body.command.clone(),
        state: crate::server::runtime::DynoState::Starting,
        release_version: spec.version,
        size,
        updated_at: now,
        created_at: now,
        port: None,
        node: None,
    });
    Ok((
        StatusCode::CREATED,
        Json(dyno(&state, &row, &d, attach_url)),
    ))
}

/// Whether the app may start this one-off (a command, within the quotas, with valid config
/// names and values); the environment it adds.
fn check_oneoff(
    state: &AppState,
    row: &AppRow,
    body: &DynoCreate,
) -> ApiResult<BTreeMap<String, String>> {
    if body.command.trim().is_empty() {
        return Err(ApiError::invalid("`command` is empty: name what to run"));
    }
    state.quotas.check_oneoff(
        &row.name,
        crate::server::quotas::scaled(&state.store.formations(row.id)?),
        super::formation::oneoffs(state, row),
        state.store.dynos_scaled_by_owner(row.owner_id, row.id)?,
    )?;
    let env = body.env.clone().unwrap_or_default();
    for (key, value) in &env {
        crate::api::names::check_config_key(key).map_err(ApiError::invalid)?;
        crate::api::names::check_config_value(key, value).map_err(ApiError::invalid)?;
    }
    Ok(env)
}

/// Holds an attached one-off for its client; the URL (a capability) it attaches with.
fn offer_attach(
    state: &AppState,
    row: &AppRow,
    base: &str,
    oneoff: OneOff,
    tty: bool,
) -> ApiResult<String> {
    let secret = crate::server::auth::new_token()?;
    let url = match state.rendezvous_port {
        Some(port) => format!("rendezvous://{}:{port}/{secret}", public_host(base)),
        None => format!(
            "{base}/apps/{}/dynos/{}/attach/{secret}",
            row.name, oneoff.name
        ),
    };
    state.attaches.offer(secret, oneoff, tty);
    Ok(url)
}

async fn attach_one(
    State(state): State<AppState>,
    Path((_app, _name, secret)): Path<(String, String, String)>,
    mut req: Request,
) -> Response {
    let wants_upgrade = req
        .headers()
        .get(UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case(attach::PROTOCOL));
    if !wants_upgrade {
        return ApiError::bad_request(format!(
            "attach with `Connection: Upgrade` and `Upgrade: {}`",
            attach::PROTOCOL
        ))
        .into_response();
    }
    let Some(claimed) = state.attaches.claim(&secret) else {
        return ApiError::not_found("dyno", "no one-off dyno is waiting at this address")
            .into_response();
    };
    let upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        match upgrade.await {
            Ok(upgraded) => {
                claimed
                    .attach(TokioIo::new(upgraded), Framing::Frames, Vec::new())
                    .await
            }
            Err(e) => {
                tracing::debug!("attach upgrade failed: {e}");
                claimed.abandon();
            }
        }
    });
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    resp.headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("upgrade"));
    resp.headers_mut()
        .insert(UPGRADE, HeaderValue::from_static(attach::PROTOCOL));
    resp
}

/// The host of the API's public URL (`https://tug.example.com:7700` → `tug.example.com`),
/// where the rendezvous listener answers too.
fn public_host(base: &str) -> String {
    // `host_str` keeps an IPv6 address in brackets, as a URL needs it.
    reqwest::Url::parse(base)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "localhost".to_string())
}
