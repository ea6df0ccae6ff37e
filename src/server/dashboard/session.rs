//! Who is signed in: a session is an API authorization marked as a dashboard session, carried
//! in an HttpOnly, SameSite=Lax cookie (Secure under TLS). Every change carries a CSRF token
//! derived from the session, and a request whose Origin is another site is refused outright.

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header::{COOKIE, HOST, ORIGIN};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::Dash;
use super::api_call::Api;
use super::page::Failure;
use crate::server::auth;
use crate::server::http::extract::Auth;
use crate::server::http::extract::public_url;
use crate::server::store::{AccountRow, AuthorizationRow};

pub const COOKIE_NAME: &str = "tug_session";
/// How long a browser stays signed in.
pub const SESSION_SECS: i64 = 12 * 3600;
/// The largest form the dashboard reads.
const FORM_LIMIT: usize = 64 * 1024;

/// A signed-in browser: its account, the CSRF token its forms carry, and the API as it sees it.
pub struct Session {
    pub account: AccountRow,
    /// The authorization the session is; signing out deletes it.
    pub authorization: AuthorizationRow,
    pub csrf: String,
    pub api: Api,
}

impl Session {
    /// The caller as the API's handlers know it, for the server code the dashboard calls
    /// directly (the deploy path).
    pub fn auth(&self) -> Auth {
        Auth {
            account: self.account.clone(),
            authorization: self.authorization.clone(),
        }
    }
}

/// The session's token from the Cookie header.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.trim().to_string())
        .filter(|v| !v.is_empty() && v.len() <= 200)
}

/// The CSRF token of a session: a MAC of the session's secret, so it needs no storage and
/// tells nothing of the secret.
pub fn csrf_for(token: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(token.as_bytes()) else {
        return String::new();
    };
    mac.update(b"tug dashboard form");
    crate::hex::encode(&mac.finalize().into_bytes())
}

/// The cookie that holds a session, or that ends one (`token` None).
pub fn cookie(token: Option<&str>, tls: bool) -> HeaderValue {
    let secure = if tls { "; Secure" } else { "" };
    let text = match token {
        Some(t) => format!(
            "{COOKIE_NAME}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECS}{secure}"
        ),
        None => format!("{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Starts a session for an account: a new authorization, marked as the dashboard's.
pub fn start(dash: &Dash, account: &AccountRow) -> Result<String, Failure> {
    let token = auth::new_token().map_err(|e| Failure::internal(&e))?;
    let expires = crate::api::Timestamp::now().0 + SESSION_SECS;
    let row = dash.state.store.insert_authorization(
        account.id,
        "dashboard session",
        &auth::hash_token(&token),
        &auth::token_hint(&token),
        &["global".to_string()],
        Some(expires),
    )?;
    dash.state.store.insert_dashboard_session(row.id)?;
    Ok(token)
}

/// The API for a caller with this token, as the request it came with sees it.
pub fn api_for(dash: &Dash, parts: &Parts, token: String) -> Api {
    Api {
        router: dash.api.clone(),
        token,
        host: parts.headers.get(HOST).cloned(),
        peer: parts
            .extensions
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .copied(),
    }
}

impl FromRequestParts<Dash> for Session {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, dash: &Dash) -> Result<Session, Failure> {
        let token = cookie_token(&parts.headers).ok_or(Failure::SignedOut)?;
        let (account, authorization) = dash
            .state
            .store
            .authenticate(&auth::hash_token(&token))?
            .ok_or(Failure::SignedOut)?;
        if !dash.state.store.is_dashboard_session(authorization.id)? {
            return Err(Failure::SignedOut);
        }
        Ok(Session {
            account,
            authorization,
            csrf: csrf_for(&token),
            api: api_for(dash, parts, token),
        })
    }
}

/// True when the request came from a page of this server (or says nothing of where it came
/// from, as non-browser clients do).
pub fn same_origin(parts: &Parts, dash: &Dash) -> bool {
    match parts.headers.get(ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => origin == public_url(parts, &dash.state),
    }
}

/// A form with its CSRF token in `_csrf` (or the `X-CSRF-Token` header, for scripts).
#[derive(Deserialize)]
struct Guarded<T> {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(flatten)]
    form: T,
}

/// A form with nothing in it but its CSRF token (sign out, restart).
#[derive(Deserialize)]
pub struct NoFields {}

/// A change from a signed-in browser: its session and form, checked against forgery.
pub struct Posted<T>(pub Session, pub T);

impl<T: DeserializeOwned> FromRequest<Dash> for Posted<T> {
    type Rejection = Failure;

    async fn from_request(req: Request, dash: &Dash) -> Result<Posted<T>, Failure> {
        let (mut parts, body) = req.into_parts();
        if !same_origin(&parts, dash) {
            return Err(Failure::Forged);
        }
        let session = Session::from_request_parts(&mut parts, dash).await?;
        let bytes = axum::body::to_bytes(body, FORM_LIMIT).await.map_err(|_| {
            Failure::Refused(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the form is too large".into(),
            )
        })?;
        let guarded: Guarded<T> = serde_urlencoded::from_bytes(&bytes).map_err(|e| {
            Failure::Refused(
                StatusCode::BAD_REQUEST,
                format!("the form is not valid: {e}"),
            )
        })?;
        let header = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let sent = if guarded.csrf.is_empty() {
            header
        } else {
            &guarded.csrf
        };
        if sent.is_empty() || !bool::from(sent.as_bytes().ct_eq(session.csrf.as_bytes())) {
            return Err(Failure::Forged);
        }
        Ok(Posted(session, guarded.form))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            COOKIE,
            HeaderValue::from_static("a=1; tug_session=abc ; b=2"),
        );
        assert_eq!(cookie_token(&h).as_deref(), Some("abc"));
        h.insert(COOKIE, HeaderValue::from_static("tug_session=; x=y"));
        assert_eq!(cookie_token(&h), None);
        h.insert(COOKIE, HeaderValue::from_static("garbage"));
        assert_eq!(cookie_token(&h), None);
    }

    #[test]
    fn csrf_tokens_differ_per_session_and_hide_it() {
        let a = csrf_for("tug_a");
        assert_eq!(a, csrf_for("tug_a"));
        assert_ne!(a, csrf_for("tug_b"));
        assert!(!a.contains("tug_a"));
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_under_tls() {
        let plain = cookie(Some("t"), false);
        let plain = plain.to_str().unwrap();
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        assert!(
            cookie(Some("t"), true)
                .to_str()
                .unwrap()
                .contains("; Secure")
        );
        assert!(cookie(None, false).to_str().unwrap().contains("Max-Age=0"));
    }
}
