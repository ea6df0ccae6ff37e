//! What can be provisioned: `/addon-services` and `/plans`, read from the catalog (the same
//! for every account).

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};

use super::AppState;
use super::error::{ApiError, ApiResult};
use super::extract::Auth;
use crate::api::{AddOnService, Plan, paths};
use crate::server::addons::catalog::{self, Service};
use crate::server::present;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::addon_services().to_string(), get(services))
        .route(&paths::addon_service("{service}").to_string(), get(service))
        .route(
            &paths::addon_service_plans("{service}").to_string(),
            get(service_plans),
        )
        .route(
            &paths::addon_service_plan("{service}", "{plan}").to_string(),
            get(service_plan),
        )
        .route(&paths::plan("{plan}").to_string(), get(plan))
}

fn find_service(ident: &str) -> ApiResult<&'static Service> {
    catalog::service(ident).ok_or_else(|| {
        let names: Vec<_> = catalog::SERVICES
            .iter()
            .map(|s| format!("`{}`", s.name))
            .collect();
        ApiError::not_found(
            "addon-service",
            format!(
                "add-on service `{ident}` not found: this platform offers {}",
                names.join(", ")
            ),
        )
    })
}

async fn services(_auth: Auth) -> Json<Vec<AddOnService>> {
    Json(
        catalog::SERVICES
            .iter()
            .map(present::addon_service)
            .collect(),
    )
}

async fn service(_auth: Auth, Path(ident): Path<String>) -> ApiResult<Json<AddOnService>> {
    Ok(Json(present::addon_service(find_service(&ident)?)))
}

async fn service_plans(_auth: Auth, Path(ident): Path<String>) -> ApiResult<Json<Vec<Plan>>> {
    let s = find_service(&ident)?;
    Ok(Json(s.plans.iter().map(|p| present::plan(s, p)).collect()))
}

fn plan_not_found(s: &Service, ident: &str) -> ApiError {
    let names: Vec<_> = s
        .plans
        .iter()
        .map(|p| format!("`{}`", catalog::full_name(s, p)))
        .collect();
    ApiError::not_found(
        "plan",
        format!(
            "plan `{ident}` not found: `{}` has {}",
            s.name,
            names.join(", ")
        ),
    )
}

async fn service_plan(
    _auth: Auth,
    Path((service, ident)): Path<(String, String)>,
) -> ApiResult<Json<Plan>> {
    let s = find_service(&service)?;
    let p = catalog::service_plan(s, &ident).ok_or_else(|| plan_not_found(s, &ident))?;
    Ok(Json(present::plan(s, p)))
}

async fn plan(_auth: Auth, Path(ident): Path<String>) -> ApiResult<Json<Plan>> {
    let (s, p) = catalog::plan(&ident)
        .ok_or_else(|| ApiError::not_found("plan", format!("plan `{ident}` not found")))?;
    Ok(Json(present::plan(s, p)))
}
