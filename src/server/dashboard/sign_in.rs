//! Signing in (email and password, throttled like the API's logins; or a single-use link from
//! `tug dashboard`) and signing out.

use axum::Json;
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::Dash;
use super::api_call::seg;
use super::page::{Failure, see_other, shell};
use super::session::{self, NoFields, Posted, Session};
use crate::api::Timestamp;
use crate::api::dashboard::{DashboardLink, DashboardLinkCreate, LINK_TTL_SECS};
use crate::server::auth;
use crate::server::http::apps::load_app;
use crate::server::http::error::{ApiError, ApiResult};
use crate::server::http::extract::{Auth, BODY_LIMIT, parse_json, public_url};
use crate::server::http::oauth::password_login;
use crate::server::store::AccountRow;

#[derive(Deserialize)]
pub struct Credentials {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

fn form_page(status: StatusCode, error: Option<&str>, email: &str) -> Response {
    let body = html! {
        h1 { "Sign in" }
        @if let Some(e) = error { p.error role="alert" { (e) } }
        form.signin method="post" action="/dashboard/sign-in" {
            label for="email" { "Email" }
            input #email type="email" name="email" value=(email) autocomplete="username" required autofocus;
            label for="password" { "Password" }
            input #password type="password" name="password" autocomplete="current-password" required;
            button type="submit" { "Sign in" }
        }
        p.hint { "Or run " code { "tug dashboard" } " to open this page already signed in." }
    };
    (status, shell("Sign in", None, body)).into_response()
}

pub async fn form(State(dash): State<Dash>, mut parts: Parts) -> Response {
    if Session::from_request_parts(&mut parts, &dash).await.is_ok() {
        return see_other("/dashboard");
    }
    form_page(StatusCode::OK, None, "")
}

/// A session cookie and a trip to `path`.
fn signed_in(dash: &Dash, account: &AccountRow, path: &str) -> Result<Response, Failure> {
    let token = session::start(dash, account)?;
    let mut resp = see_other(path);
    resp.headers_mut()
        .insert(SET_COOKIE, session::cookie(Some(&token), dash.state.tls));
    Ok(resp)
}

pub async fn sign_in(State(dash): State<Dash>, req: Request) -> Result<Response, Failure> {
    let (parts, body) = req.into_parts();
    if !session::same_origin(&parts, &dash) {
        return Err(Failure::Forged);
    }
    let bytes = axum::body::to_bytes(body, 16 * 1024).await.map_err(|_| {
        Failure::Refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the form is too large".into(),
        )
    })?;
    let Ok(creds) = serde_urlencoded::from_bytes::<Credentials>(&bytes) else {
        return Ok(form_page(
            StatusCode::BAD_REQUEST,
            Some("the form is not valid"),
            "",
        ));
    };
    let email = creds.email.trim().to_string();
    match password_login(&dash.state, &parts, &email, creds.password).await {
        Ok(account) => signed_in(&dash, &account, "/dashboard"),
        Err(e) => {
            let status = StatusCode::from_u16(e.id.status()).unwrap_or(StatusCode::UNAUTHORIZED);
            Ok(form_page(status, Some(&e.message), &email))
        }
    }
}

pub async fn sign_out(
    State(dash): State<Dash>,
    Posted(session, _): Posted<NoFields>,
) -> Result<Response, Failure> {
    dash.state
        .store
        .delete_authorization(session.authorization.id)?;
    let mut resp = see_other("/dashboard/sign-in");
    resp.headers_mut()
        .insert(SET_COOKIE, session::cookie(None, dash.state.tls));
    Ok(resp)
}

/// `POST /dashboard/links` with an API token: a link that signs a browser in once, soon.
pub async fn create_link(
    State(dash): State<Dash>,
    req: Request,
) -> ApiResult<(StatusCode, Json<DashboardLink>)> {
    let (mut parts, body) = req.into_parts();
    let auth = Auth::from_request_parts(&mut parts, &dash.state).await?;
    let base = public_url(&parts, &dash.state);
    let body = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| ApiError::invalid("request body is too large"))?;
    let body: DashboardLinkCreate = parse_json(&body)?;
    let app = match body.app.as_deref() {
        Some(ident) => Some(load_app(&dash.state, &auth, ident)?.0.name),
        None => None,
    };
    let secret = auth::new_token().map_err(|e| ApiError::internal(format!("{e:#}")))?;
    let expires_at = Timestamp(Timestamp::now().0 + LINK_TTL_SECS);
    dash.state.store.insert_dashboard_link(
        &auth::hash_token(&secret),
        auth.account.id,
        app.as_deref(),
        expires_at.0,
    )?;
    Ok((
        StatusCode::CREATED,
        Json(DashboardLink {
            url: format!("{base}/dashboard/link/{secret}"),
            expires_at,
        }),
    ))
}

/// `GET /dashboard/link/{secret}`: the link used up, a session started, the page opened.
pub async fn use_link(
    State(dash): State<Dash>,
    Path(secret): Path<String>,
) -> Result<Response, Failure> {
    if secret.len() > 200 {
        return Err(Failure::StaleLink);
    }
    let link = dash
        .state
        .store
        .take_dashboard_link(&auth::hash_token(&secret))?
        .ok_or(Failure::StaleLink)?;
    let account = dash
        .state
        .store
        .account_by_id(link.account_id)?
        .ok_or(Failure::StaleLink)?;
    let path = match &link.app {
        Some(app) => format!("/dashboard/apps/{}", seg(app)),
        None => "/dashboard".to_string(),
    };
    signed_in(&dash, &account, &path)
}
