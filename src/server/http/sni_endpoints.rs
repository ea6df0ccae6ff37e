//! `/apps/{app}/sni-endpoints`: certificates an app brought for its custom domains. An upload
//! is checked (key matches, dates, chain order) before anything is stored; the key is sealed
//! and never returned. The HTTPS router serves a certificate for every custom domain of the
//! app it covers.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use uuid::Uuid;

use super::AppState;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, PathApp, RangeHeader};
use crate::api::paths;
use crate::api::{NamedRef, SniEndpoint, SniEndpointCreate, SslCert, Timestamp};
use crate::server::acm;
use crate::server::certs::{self, Checked};
use crate::server::store::{AppRow, SniEndpointRow, is_unique_violation};

/// The most certificates one app may hold.
const MAX_ENDPOINTS: usize = 100;
/// The largest chain or key accepted, in bytes.
const MAX_PEM: usize = 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_sni_endpoints("{app}").to_string(),
            get(list).post(create),
        )
        .route(
            &paths::app_sni_endpoint("{app}", "{endpoint}").to_string(),
            get(info).patch(update).delete(destroy),
        )
}

/// An endpoint as the API shows it: the chain and what it says, never the key.
/// The certificate part of an endpoint (`endpoint` is its id), uploaded or automatic (`acm`).
fn ssl_cert(info: certs::CertInfo, endpoint: Uuid, acm: bool) -> SslCert {
    SslCert {
        ca_signed: !info.self_signed,
        cert_domains: info.names,
        expires_at: Timestamp(info.expires_at),
        issuer: info.issuer,
        self_signed: info.self_signed,
        starts_at: Timestamp(info.starts_at),
        subject: info.subject,
        id: Uuid::new_v5(&endpoint, b"ssl-cert"),
        acm,
    }
}

fn present(state: &AppState, row: &SniEndpointRow) -> ApiResult<SniEndpoint> {
    let info = certs::describe(&row.certificate_chain).unwrap_or(certs::CertInfo {
        names: Vec::new(),
        subject: String::new(),
        issuer: String::new(),
        starts_at: 0,
        expires_at: 0,
        self_signed: false,
    });
    let domains = state
        .store
        .domains(row.app_id)?
        .into_iter()
        .filter(|d| info.names.iter().any(|n| certs::covers(n, &d.hostname)))
        .map(|d| d.id)
        .collect();
    Ok(SniEndpoint {
        app: NamedRef {
            id: row.app_id,
            name: row.app_name.clone(),
        },
        certificate_chain: row.certificate_chain.clone(),
        created_at: Timestamp(row.created_at),
        display_name: None,
        domains,
        id: row.id,
        name: row.name.clone(),
        ssl_cert: ssl_cert(info, row.id, false),
        updated_at: Timestamp(row.updated_at),
    })
}

async fn list(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let mut endpoints = state
        .store
        .sni_endpoints(row.id)?
        .iter()
        .map(|e| present(&state, e))
        .collect::<ApiResult<Vec<_>>>()?;
    endpoints.extend(automatic(&state, &row)?);
    super::list(endpoints, range)
}

/// The app's automatic (ACM) certificates, shown among its endpoints as Heroku does: they
/// can be read, not changed (ACM renews them; `certs:auto:disable` removes them).
fn automatic(state: &AppState, app: &AppRow) -> ApiResult<Vec<SniEndpoint>> {
    if !app.acm {
        return Ok(Vec::new());
    }
    Ok(state
        .store
        .acm_states(app.id)?
        .into_iter()
        .filter_map(|a| {
            let chain = a.certificate_chain?;
            let info = certs::describe(&chain)?;
            let named = acm::endpoint_ref(a.id);
            Some(SniEndpoint {
                app: NamedRef {
                    id: app.id,
                    name: app.name.clone(),
                },
                certificate_chain: chain,
                created_at: Timestamp(a.updated_at),
                display_name: None,
                domains: vec![a.id],
                id: named.id,
                name: named.name,
                ssl_cert: ssl_cert(info, named.id, true),
                updated_at: Timestamp(a.updated_at),
            })
        })
        .collect())
}

/// Checks an upload; every refusal is a 422 that changes nothing.
fn check(body: &SniEndpointCreate) -> ApiResult<Checked> {
    if body.certificate_chain.len() > MAX_PEM || body.private_key.len() > MAX_PEM {
        return Err(ApiError::invalid(
            "the certificate chain and the key may each be at most 64 KB",
        ));
    }
    certs::check_upload(
        &body.certificate_chain,
        &body.private_key,
        Timestamp::now().0,
    )
    .map_err(ApiError::invalid)
}

async fn create(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    ApiJson(body): ApiJson<SniEndpointCreate>,
) -> ApiResult<(StatusCode, Json<SniEndpoint>)> {
    let checked = check(&body)?;
    if state.store.sni_endpoints(row.id)?.len() >= MAX_ENDPOINTS {
        return Err(ApiError::invalid(format!(
            "{} has {MAX_ENDPOINTS} certificates, the most an app may have",
            row.name
        )));
    }
    // Names are unique on the platform; a clash with a random suffix is tried again once.
    let mut inserted = None;
    for _ in 0..2 {
        let name = endpoint_name()?;
        match state
            .store
            .insert_sni_endpoint(row.id, &name, &checked.chain_pem, &body.private_key)
        {
            Ok(e) => {
                inserted = Some(e);
                break;
            }
            Err(e) if is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    let endpoint = inserted.ok_or_else(|| ApiError::conflict("try the upload again"))?;
    state.certs.reload(&state.store);
    Ok((StatusCode::CREATED, Json(present(&state, &endpoint)?)))
}

/// `cert-` and eight random hex digits: the schema's `^[a-z][a-z0-9-]{2,29}$`.
fn endpoint_name() -> ApiResult<String> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::from(anyhow::anyhow!("no randomness available: {e}")))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("cert-{hex}"))
}

fn find(state: &AppState, app: &AppRow, ident: &str) -> ApiResult<SniEndpointRow> {
    if let Some(auto) = automatic(state, app)?
        .into_iter()
        .find(|e| e.name == ident || e.id.to_string() == ident)
    {
        return Err(ApiError::invalid(format!(
            "`{}` is an automatic certificate: ACM renews it, and `tug certs:auto:disable -a {}` removes it",
            auto.name, app.name
        )));
    }
    state.store.sni_endpoint(app.id, ident)?.ok_or_else(|| {
        ApiError::not_found(
            "sni_endpoint",
            format!("no certificate `{ident}` on {}", app.name),
        )
    })
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
) -> ApiResult<Json<SniEndpoint>> {
    if let Some(auto) = automatic(&state, &row)?
        .into_iter()
        .find(|e| e.name == ident || e.id.to_string() == ident)
    {
        return Ok(Json(auto));
    }
    Ok(Json(present(&state, &find(&state, &row, &ident)?)?))
}

async fn update(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
    ApiJson(body): ApiJson<SniEndpointCreate>,
) -> ApiResult<Json<SniEndpoint>> {
    let endpoint = find(&state, &row, &ident)?;
    let checked = check(&body)?;
    let endpoint =
        state
            .store
            .update_sni_endpoint(&endpoint, &checked.chain_pem, &body.private_key)?;
    state.certs.reload(&state.store);
    Ok(Json(present(&state, &endpoint)?))
}

async fn destroy(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
) -> ApiResult<Json<SniEndpoint>> {
    let endpoint = find(&state, &row, &ident)?;
    let shown = present(&state, &endpoint)?;
    state.store.delete_sni_endpoint(endpoint.id)?;
    state.certs.reload(&state.store);
    Ok(Json(shown))
}
