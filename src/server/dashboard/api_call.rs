//! The dashboard reads and changes everything through the Platform API's own handlers, called
//! in process with the session's token: the same checks, access rules, rate limit and errors as
//! any API client gets, and no second copy of them to drift apart.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, HOST, RANGE};
use axum::http::{HeaderValue, Method, Request, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tower::ServiceExt;

use crate::api::ErrorBody;

/// The most of an API response the dashboard reads.
const RESPONSE_LIMIT: usize = 16 * 1024 * 1024;

/// What the API said no with: its status and message, shown to the user as they are.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
}

impl Refusal {
    fn internal(what: &str) -> Refusal {
        tracing::warn!("dashboard: {what}");
        Refusal {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "the server could not answer; try again".into(),
        }
    }
}

/// The API as one signed-in browser sees it.
#[derive(Clone)]
pub struct Api {
    pub(super) router: Router,
    pub(super) token: String,
    /// The Host the browser used, so URLs the API hands out (log streams) point where it can go.
    pub(super) host: Option<HeaderValue>,
    /// The browser's address, for the API's per-address rules.
    pub(super) peer: Option<ConnectInfo<SocketAddr>>,
}

/// A path segment with everything but unreserved characters escaped, so a name taken from the
/// dashboard's URL can never reach another API path.
pub fn seg(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Api {
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, Refusal> {
        self.call(Method::GET, path, None, None).await
    }

    /// A list, newest first, at most `max` items, ordered by `field`.
    pub async fn latest<T: DeserializeOwned>(
        &self,
        path: &str,
        field: &str,
        max: usize,
    ) -> Result<T, Refusal> {
        let range = format!("{field} ..; max={max}, order=desc");
        self.call(Method::GET, path, None, Some(range)).await
    }

    pub async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T, Refusal> {
        let body = serde_json::to_vec(body).map_err(|_| Refusal::internal("unencodable body"))?;
        self.call(method, path, Some(body), None).await
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        range: Option<String>,
    ) -> Result<T, Refusal> {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
            .header(CONTENT_TYPE, "application/json");
        if let Some(host) = &self.host {
            req = req.header(HOST, host.clone());
        }
        if let Some(range) = range {
            req = req.header(RANGE, range);
        }
        let mut req = req
            .body(body.map(Body::from).unwrap_or_else(Body::empty))
            .map_err(|e| Refusal::internal(&format!("bad request to {path}: {e}")))?;
        if let Some(peer) = self.peer {
            req.extensions_mut().insert(peer);
        }
        let resp = match self.router.clone().oneshot(req).await {
            Ok(resp) => resp,
            Err(never) => match never {},
        };
        let status = resp.status();
        let bytes = axum::body::to_bytes(resp.into_body(), RESPONSE_LIMIT)
            .await
            .map_err(|e| Refusal::internal(&format!("unreadable answer from {path}: {e}")))?;
        if !status.is_success() {
            let message = serde_json::from_slice::<ErrorBody>(&bytes)
                .map(|e| e.message)
                .unwrap_or_else(|_| format!("the server answered {status}"));
            return Err(Refusal { status, message });
        }
        let text: &[u8] = if bytes.is_empty() { b"null" } else { &bytes };
        serde_json::from_slice(text)
            .map_err(|e| Refusal::internal(&format!("unexpected answer from {path}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cannot_leave_their_place() {
        assert_eq!(seg("demo-app"), "demo-app");
        assert_eq!(seg("../x"), "..%2Fx");
        assert_eq!(seg("a/b?c#d"), "a%2Fb%3Fc%23d");
        assert_eq!(seg("é"), "%C3%A9");
    }
}
