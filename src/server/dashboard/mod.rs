//! The web dashboard, served by `tug server` on the API listener under `/dashboard` (and `/`
//! for browsers). Pages are HTML rendered on the server with compile-time templates (maud);
//! a small embedded script adds the live parts (log tail over the API's SSE stream; dyno and
//! deployment states refetched when that stream says they changed). Every read and change
//! goes through the API's own handlers, in process, with the session's token (see `api_call`).

mod api_call;
mod app_page;
mod apps_page;
mod assets;
mod deploy_page;
mod logs_page;
mod page;
mod refs;
mod resources;
mod session;
mod settings;
mod sign_in;

use axum::Router;
use axum::extract::Request;
use axum::http::header::{ACCEPT, CACHE_CONTROL};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, get, post};

use crate::server::http::AppState;

/// What the dashboard's handlers reach: the platform's state, and the API to call in process.
#[derive(Clone)]
pub struct Dash {
    pub state: AppState,
    pub api: Router,
}

/// Scripts and styles from this server only, no inline script, no framing.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The dashboard's routes; `api` is the Platform API router its pages call.
pub fn routes(state: AppState, api: Router) -> Router {
    let app = "/dashboard/apps/{app}";
    Router::new()
        .route("/", any(root))
        .route("/dashboard", get(apps_page::apps))
        .route("/dashboard/", get(apps_page::apps))
        .route(
            "/dashboard/sign-in",
            get(sign_in::form).post(sign_in::sign_in),
        )
        .route("/dashboard/sign-out", post(sign_in::sign_out))
        .route(
            &crate::api::paths::dashboard_links().to_string(),
            post(sign_in::create_link),
        )
        .route("/dashboard/link/{secret}", get(sign_in::use_link))
        .route("/dashboard/assets/{file}", get(assets::serve))
        .route(app, get(app_page::overview))
        .route(&format!("{app}/rollback"), post(app_page::rollback))
        .route(
            &format!("{app}/deploy"),
            get(deploy_page::page).post(deploy_page::deploy),
        )
        .route(&format!("{app}/deployments"), get(app_page::deployments))
        .route(&format!("{app}/resources"), get(resources::page))
        .route(&format!("{app}/scale"), post(resources::scale))
        .route(&format!("{app}/restart"), post(resources::restart))
        .route(&format!("{app}/settings"), get(settings::page))
        .route(&format!("{app}/config"), post(settings::set_config))
        .route(&format!("{app}/maintenance"), post(settings::maintenance))
        .route(&format!("{app}/deploy-lock"), post(settings::deploy_lock))
        .route(
            &format!("{app}/collaborators"),
            post(settings::add_collaborator),
        )
        .route(
            &format!("{app}/collaborators/remove"),
            post(settings::remove_collaborator),
        )
        .route(&format!("{app}/logs"), get(logs_page::page))
        .route(&format!("{app}/log-session"), post(logs_page::open_session))
        .layer(middleware::from_fn(guard_headers))
        .with_state(Dash { state, api })
}

/// `/`: browsers go to the dashboard; API clients get the API's own answer for a path it lacks
/// (its JSON error, with the headers every API answer carries).
async fn root(axum::extract::State(dash): axum::extract::State<Dash>, req: Request) -> Response {
    let wants_html = req.method() == axum::http::Method::GET
        && req
            .headers()
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    if wants_html {
        return page::see_other("/dashboard");
    }
    match tower::ServiceExt::oneshot(dash.api, req).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// Headers every dashboard answer carries: the CSP, no sniffing, no referrer to other sites (a
/// sign-in link must not leak onwards; `no-referrer` would also make browsers send
/// `Origin: null` on our own forms), no framing, and no caching of pages that show an
/// account's data.
async fn guard_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let headers = resp.headers_mut();
    let fixed: [(&str, &'static str); 4] = [
        ("content-security-policy", CSP),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("x-frame-options", "DENY"),
    ];
    for (name, value) in fixed {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}
