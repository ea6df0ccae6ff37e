//! `/apps/{app}/domains`: the hostnames an app answers at. The app's own `APP.DOMAIN` is in
//! every list and cannot be removed; custom hostnames are unique on the platform. A hostname
//! another app holds is a 409 that does not say which app holds it.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};

use super::AppState;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, PathApp, RangeHeader};
use crate::api::NamedRef;
use crate::api::domain::{DOMAIN_PENDING, DOMAIN_SUCCEEDED, is_under, normalize_hostname};
use crate::api::paths;
use crate::api::{Domain, DomainCreate, DomainUpdate};
use crate::server::dns::points_at;
use crate::server::store::{AppRow, DomainRow, is_unique_violation};
use crate::server::{acm, certs, present};

/// The most custom domains one app may have (Heroku's limit).
const MAX_DOMAINS: usize = 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &paths::app_domains("{app}").to_string(),
            get(list).post(create).delete(clear),
        )
        .route(
            &paths::app_domain("{app}", "{domain}").to_string(),
            get(info).patch(update).delete(destroy),
        )
}

async fn list(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let mut domains = vec![present::heroku_domain(&row, &state.domain)];
    domains.extend(show(&state, &row, &state.store.domains(row.id)?)?);
    super::list(domains, range)
}

async fn create(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    ApiJson(body): ApiJson<DomainCreate>,
) -> ApiResult<(StatusCode, Json<Domain>)> {
    let hostname = normalize_hostname(&body.hostname).map_err(ApiError::invalid)?;
    if is_under(&hostname, &state.domain) {
        return Err(ApiError::invalid(format!(
            "`{hostname}` is under the platform's own domain `{}`: apps get `APP.{}` already",
            state.domain, state.domain
        )));
    }
    if let Some(endpoint) = &body.sni_endpoint {
        check_endpoint(&state, &row, endpoint, &hostname)?;
    }
    if state.store.count_domains(row.id)? >= MAX_DOMAINS {
        return Err(ApiError::invalid(format!(
            "{} has {MAX_DOMAINS} custom domains, the most an app may have",
            row.name
        )));
    }
    let domain = state.store.insert_domain(row.id, &hostname).map_err(|e| {
        if is_unique_violation(&e) {
            // Which app holds it is not said: it may be one the caller cannot see.
            ApiError::conflict(format!("the domain `{hostname}` is already in use"))
        } else {
            e.into()
        }
    })?;
    state.certs.reload(&state.store);
    if row.acm {
        state.acm.wake();
    }
    let domain = check_dns(&state, &row, domain).await?;
    Ok((StatusCode::CREATED, Json(show_one(&state, &row, &domain)?)))
}

/// A domain of the app by id or hostname: the app's own (`None`) or a custom one.
enum Found {
    Own,
    Custom(DomainRow),
}

fn find(state: &AppState, row: &AppRow, ident: &str) -> ApiResult<Found> {
    let own = format!("{}.{}", row.name, state.domain);
    let own_id = present::heroku_domain(row, &state.domain).id.to_string();
    let normalized = normalize_hostname(ident).unwrap_or_else(|_| ident.to_ascii_lowercase());
    if normalized == own || ident == own_id {
        return Ok(Found::Own);
    }
    match state.store.domain(row.id, &normalized)? {
        Some(d) => Ok(Found::Custom(d)),
        None => Err(ApiError::not_found(
            "domain",
            format!("no domain `{ident}` on {}", row.name),
        )),
    }
}

async fn info(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
) -> ApiResult<Json<Domain>> {
    match find(&state, &row, &ident)? {
        Found::Own => Ok(Json(present::heroku_domain(&row, &state.domain))),
        Found::Custom(d) => {
            let d = check_dns(&state, &row, d).await?;
            Ok(Json(show_one(&state, &row, &d)?))
        }
    }
}

async fn update(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
    ApiJson(body): ApiJson<DomainUpdate>,
) -> ApiResult<Json<Domain>> {
    let found = find(&state, &row, &ident)?;
    if let Some(endpoint) = &body.sni_endpoint {
        let hostname = match &found {
            Found::Own => format!("{}.{}", row.name, state.domain),
            Found::Custom(d) => d.hostname.clone(),
        };
        check_endpoint(&state, &row, endpoint, &hostname)?;
    }
    Ok(Json(match found {
        Found::Own => present::heroku_domain(&row, &state.domain),
        Found::Custom(d) => show_one(&state, &row, &d)?,
    }))
}

async fn destroy(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    Path((_, ident)): Path<(String, String)>,
) -> ApiResult<Json<Domain>> {
    match find(&state, &row, &ident)? {
        Found::Own => Err(ApiError::invalid(format!(
            "`{}.{}` is the app's own domain and cannot be removed",
            row.name, state.domain
        ))),
        Found::Custom(d) => {
            let shown = show_one(&state, &row, &d)?;
            state.store.delete_domain(d.id)?;
            state.certs.reload(&state.store);
            Ok(Json(shown))
        }
    }
}

/// `DELETE /apps/{app}/domains`: every custom domain goes; the app's own stays.
async fn clear(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
) -> ApiResult<Json<Vec<Domain>>> {
    let shown = show(&state, &row, &state.store.domains(row.id)?)?;
    let gone = state.store.clear_domains(row.id)?;
    state.certs.reload(&state.store);
    Ok(Json(
        shown
            .into_iter()
            .filter(|d| gone.iter().any(|g| g.id == d.id))
            .collect(),
    ))
}

/// `sni_endpoint` in a create or update (the official CLI sets it after `certs:add`): the
/// router serves each domain the certificate that covers it, so naming one is accepted when it
/// is the app's and covers the hostname, and changes nothing; anything else is a 422.
fn check_endpoint(state: &AppState, app: &AppRow, endpoint: &str, hostname: &str) -> ApiResult<()> {
    let Some(e) = state.store.sni_endpoint(app.id, endpoint)? else {
        return Err(ApiError::invalid(format!(
            "{} has no certificate `{endpoint}` (see `tug certs -a {}`)",
            app.name, app.name
        )));
    };
    let covers = certs::describe(&e.certificate_chain)
        .is_some_and(|info| info.names.iter().any(|n| certs::covers(n, hostname)));
    if !covers {
        return Err(ApiError::invalid(format!(
            "the certificate `{}` does not cover `{hostname}`",
            e.name
        )));
    }
    Ok(())
}

/// Custom domains as the API shows them: each with its ACM status, and the certificate that
/// covers it (the newest uploaded one, else its automatic one).
fn show(state: &AppState, app: &AppRow, rows: &[DomainRow]) -> ApiResult<Vec<Domain>> {
    let mut uploaded: Vec<(i64, NamedRef, Vec<String>)> = state
        .store
        .sni_endpoints(app.id)?
        .into_iter()
        .filter_map(|e| {
            let names = certs::describe(&e.certificate_chain)?.names;
            Some((
                e.updated_at,
                NamedRef {
                    id: e.id,
                    name: e.name,
                },
                names,
            ))
        })
        .collect();
    uploaded.sort_by_key(|(updated, ..)| std::cmp::Reverse(*updated));
    let automatic = if app.acm {
        state.store.acm_states(app.id)?
    } else {
        Vec::new()
    };
    Ok(rows
        .iter()
        .map(|d| {
            let mut out = present::domain(d, &state.domain);
            let auto = automatic.iter().find(|a| a.id == d.id);
            (out.acm_status, out.acm_status_reason) =
                acm::domain_status(app.acm, &d.hostname, auto);
            out.sni_endpoint = uploaded
                .iter()
                .find(|(_, _, names)| names.iter().any(|n| certs::covers(n, &d.hostname)))
                .map(|(_, r, _)| r.clone())
                .or_else(|| {
                    auto.filter(|a| a.certificate_chain.is_some())
                        .map(|a| acm::endpoint_ref(a.id))
                });
            out
        })
        .collect())
}

fn show_one(state: &AppState, app: &AppRow, row: &DomainRow) -> ApiResult<Domain> {
    show(state, app, std::slice::from_ref(row))?
        .pop()
        .ok_or_else(|| ApiError::from(anyhow::anyhow!("a domain vanished while shown")))
}

/// Looks the hostname up and records whether it points here; answers the row as it now is.
async fn check_dns(state: &AppState, app: &AppRow, mut domain: DomainRow) -> ApiResult<DomainRow> {
    let target = format!("{}.{}", app.name, state.domain);
    // An operator who skips the DNS check (tests, a platform behind a proxy the check cannot
    // see through) says every domain points here.
    let status = if state.acm.skips_dns_check()
        || points_at(&domain.hostname, &target, state.router_addr.ip()).await
    {
        DOMAIN_SUCCEEDED
    } else {
        DOMAIN_PENDING
    };
    if domain.status != status {
        state.store.set_domain_status(domain.id, status)?;
        domain.status = status.to_string();
    }
    Ok(domain)
}
