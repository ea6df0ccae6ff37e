//! `/apps/{app}/domains`: the hostnames an app answers at. The app's own `APP.DOMAIN` is in
//! every list and cannot be removed; custom hostnames are unique on the platform. A hostname
//! another app holds is a 409 that does not say which app holds it.

use std::net::IpAddr;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};

use super::AppState;
use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, RangeHeader};
use crate::api::domain::{DOMAIN_PENDING, DOMAIN_SUCCEEDED, is_under, normalize_hostname};
use crate::api::paths;
use crate::api::{Domain, DomainCreate, DomainUpdate};
use crate::server::present;
use crate::server::store::{AppRow, DomainRow, is_unique_violation};

/// The most custom domains one app may have (Heroku's limit).
const MAX_DOMAINS: usize = 1000;

/// How long one DNS look-up of a domain check may take.
const DNS_TIMEOUT: Duration = Duration::from_secs(3);

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
    auth: Auth,
    Path(app): Path<String>,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let (row, _) = load_app(&state, &auth, &app)?;
    let mut domains = vec![present::heroku_domain(&row, &state.domain)];
    domains.extend(
        state
            .store
            .domains(row.id)?
            .iter()
            .map(|d| present::domain(d, &state.domain)),
    );
    super::list(domains, range)
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Path(app): Path<String>,
    ApiJson(body): ApiJson<DomainCreate>,
) -> ApiResult<(StatusCode, Json<Domain>)> {
    let (row, _) = load_app(&state, &auth, &app)?;
    let hostname = normalize_hostname(&body.hostname).map_err(ApiError::invalid)?;
    if is_under(&hostname, &state.domain) {
        return Err(ApiError::invalid(format!(
            "`{hostname}` is under the platform's own domain `{}`: apps get `APP.{}` already",
            state.domain, state.domain
        )));
    }
    if body.sni_endpoint.is_some() {
        return Err(ApiError::invalid(
            "this app has no SNI endpoint to attach the domain to; leave `sni_endpoint` null",
        ));
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
    let domain = check_dns(&state, &row, domain).await?;
    Ok((
        StatusCode::CREATED,
        Json(present::domain(&domain, &state.domain)),
    ))
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
    auth: Auth,
    Path((app, ident)): Path<(String, String)>,
) -> ApiResult<Json<Domain>> {
    let (row, _) = load_app(&state, &auth, &app)?;
    match find(&state, &row, &ident)? {
        Found::Own => Ok(Json(present::heroku_domain(&row, &state.domain))),
        Found::Custom(d) => {
            let d = check_dns(&state, &row, d).await?;
            Ok(Json(present::domain(&d, &state.domain)))
        }
    }
}

async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, ident)): Path<(String, String)>,
    ApiJson(body): ApiJson<DomainUpdate>,
) -> ApiResult<Json<Domain>> {
    let (row, _) = load_app(&state, &auth, &app)?;
    let found = find(&state, &row, &ident)?;
    if body.sni_endpoint.is_some() {
        return Err(ApiError::invalid(
            "this app has no SNI endpoint to attach the domain to",
        ));
    }
    Ok(Json(match found {
        Found::Own => present::heroku_domain(&row, &state.domain),
        Found::Custom(d) => present::domain(&d, &state.domain),
    }))
}

async fn destroy(
    State(state): State<AppState>,
    auth: Auth,
    Path((app, ident)): Path<(String, String)>,
) -> ApiResult<Json<Domain>> {
    let (row, _) = load_app(&state, &auth, &app)?;
    match find(&state, &row, &ident)? {
        Found::Own => Err(ApiError::invalid(format!(
            "`{}.{}` is the app's own domain and cannot be removed",
            row.name, state.domain
        ))),
        Found::Custom(d) => {
            state.store.delete_domain(d.id)?;
            state.certs.reload(&state.store);
            Ok(Json(present::domain(&d, &state.domain)))
        }
    }
}

/// `DELETE /apps/{app}/domains`: every custom domain goes; the app's own stays.
async fn clear(
    State(state): State<AppState>,
    auth: Auth,
    Path(app): Path<String>,
) -> ApiResult<Json<Vec<Domain>>> {
    let (row, _) = load_app(&state, &auth, &app)?;
    let gone = state.store.clear_domains(row.id)?;
    state.certs.reload(&state.store);
    Ok(Json(
        gone.iter()
            .map(|d| present::domain(d, &state.domain))
            .collect(),
    ))
}

/// Looks the hostname up and records whether it points here; answers the row as it now is.
async fn check_dns(state: &AppState, app: &AppRow, mut domain: DomainRow) -> ApiResult<DomainRow> {
    let target = format!("{}.{}", app.name, state.domain);
    // A wildcard cannot be looked up itself: any name under it stands for it.
    let probe = match domain.hostname.strip_prefix("*.") {
        Some(rest) => format!("wildcard-check.{rest}"),
        None => domain.hostname.clone(),
    };
    let (resolved, target) = tokio::join!(resolve(&probe), resolve(&target));
    let status = if points_here(&resolved, &target, state.router_addr.ip()) {
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

/// The addresses a name resolves to; none when it does not resolve in time.
async fn resolve(host: &str) -> Vec<IpAddr> {
    match tokio::time::timeout(DNS_TIMEOUT, tokio::net::lookup_host((host, 0))).await {
        Ok(Ok(addrs)) => addrs.map(|a| a.ip().to_canonical()).collect(),
        _ => Vec::new(),
    }
}

/// A hostname points here when one of its addresses is one of the app's own domain's, or the
/// address the router listens on (when it listens on one address).
fn points_here(resolved: &[IpAddr], target: &[IpAddr], router: IpAddr) -> bool {
    let router = router.to_canonical();
    resolved
        .iter()
        .any(|a| target.contains(a) || (!router.is_unspecified() && *a == router))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostname_points_here_through_the_target_or_the_router() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let any = ip("0.0.0.0");
        assert!(points_here(&[ip("192.0.2.1")], &[ip("192.0.2.1")], any));
        assert!(points_here(&[ip("127.0.0.1")], &[], ip("127.0.0.1")));
        assert!(points_here(&[ip("127.0.0.1")], &[], ip("::ffff:127.0.0.1")));
        assert!(!points_here(&[ip("192.0.2.9")], &[ip("192.0.2.1")], any));
        assert!(!points_here(&[], &[ip("192.0.2.1")], ip("127.0.0.1")));
        assert!(!points_here(&[ip("127.0.0.1")], &[], any));
    }
}
