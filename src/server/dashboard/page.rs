//! The page shell every dashboard page shares (head, navigation, sign-out), the way failures
//! are shown, and small formatting helpers.

use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use super::api_call::{Refusal, seg};
use super::session::Session;
use crate::api::Timestamp;

/// What went wrong for a browser, shown as a page (or, signed out, a trip to sign-in).
#[derive(Debug)]
pub enum Failure {
    SignedOut,
    /// A change without this session's CSRF token, or from another site.
    Forged,
    /// A sign-in link that was used already or waited too long.
    StaleLink,
    Refused(StatusCode, String),
}

impl Failure {
    pub fn internal(e: &dyn std::fmt::Display) -> Failure {
        tracing::warn!("dashboard: {e}");
        Failure::Refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the server could not answer; try again".into(),
        )
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Failure {
        Failure::internal(&e)
    }
}

/// A refusal from the API's own functions, called directly (the deploy path).
impl From<crate::server::http::error::ApiError> for Failure {
    fn from(e: crate::server::http::error::ApiError) -> Failure {
        let status = StatusCode::from_u16(e.id.status()).unwrap_or(StatusCode::BAD_REQUEST);
        if status.is_server_error() {
            return Failure::internal(&e.message);
        }
        Failure::Refused(status, e.message)
    }
}

impl From<Refusal> for Failure {
    fn from(r: Refusal) -> Failure {
        Failure::Refused(r.status, r.message)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let (status, message, hint) = match self {
            Failure::SignedOut => return see_other("/dashboard/sign-in"),
            Failure::Forged => (
                StatusCode::FORBIDDEN,
                "this change was not sent from a dashboard page of your session".to_string(),
                "reload the page and try again",
            ),
            Failure::StaleLink => (
                StatusCode::NOT_FOUND,
                "this sign-in link has expired or was already used".to_string(),
                "run `tug dashboard` for a new link",
            ),
            Failure::Refused(status, message) => (status, message, "go back and try again"),
        };
        let body = html! {
            h1 { "Not done" }
            p.error role="alert" { (message) }
            p.hint { "hint: " (hint) ", or open " a href="/dashboard" { "the apps list" } }
        };
        (status, shell("tug", None, body)).into_response()
    }
}

/// A 303 to a dashboard path.
pub fn see_other(path: &str) -> Response {
    let mut resp = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(path) {
        resp.headers_mut().insert(LOCATION, v);
    }
    resp
}

/// The tabs of an app's pages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Deploy,
    Deployments,
    Resources,
    Settings,
    Logs,
}

const TABS: [(Tab, &str, &str); 6] = [
    (Tab::Overview, "", "Overview"),
    (Tab::Deploy, "/deploy", "Deploy"),
    (Tab::Deployments, "/deployments", "Deployments"),
    (Tab::Resources, "/resources", "Resources"),
    (Tab::Settings, "/settings", "Settings"),
    (Tab::Logs, "/logs", "Logs"),
];

/// A whole page: the shell, the app's tabs when there is an app, and the body.
pub fn shell(title: &str, session: Option<&Session>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(s) = session { meta name="csrf-token" content=(s.csrf); }
                title { (title) " · tug" }
                link rel="stylesheet" href="/dashboard/assets/dash.css";
                script src="/dashboard/assets/dash.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/dashboard" { "tug" }
                    @if let Some(s) = session {
                        span.who { (s.account.email) }
                        form method="post" action="/dashboard/sign-out" {
                            input type="hidden" name="_csrf" value=(s.csrf);
                            button type="submit" { "Sign out" }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// An app's page: its name, tabs and a body.
pub fn app_page(
    session: &Session,
    app: &str,
    tab: Tab,
    notice: Option<&str>,
    body: Markup,
) -> Markup {
    let base = format!("/dashboard/apps/{}", seg(app));
    let inner = html! {
        h1 { (app) }
        nav.tabs aria-label="app" {
            @for (t, path, label) in TABS {
                @if t == tab {
                    a aria-current="page" href={ (base) (path) } { (label) }
                } @else {
                    a href={ (base) (path) } { (label) }
                }
            }
        }
        @if let Some(n) = notice { p.notice role="status" { (n) } }
        (body)
    };
    shell(app, Some(session), inner)
}

/// The notice a change leaves for the page it returns to (`?done=KEY`): looked up by key in
/// the page's own table, so no text from the URL is ever shown.
#[derive(serde::Deserialize)]
pub struct Done {
    #[serde(default)]
    done: Option<String>,
}

impl Done {
    pub fn notice(&self, table: &[(&str, &'static str)]) -> Option<&'static str> {
        let key = self.done.as_deref()?;
        table.iter().find(|(k, _)| *k == key).map(|(_, text)| *text)
    }
}

/// A hidden CSRF field for a form of this session.
pub fn csrf_field(session: &Session) -> Markup {
    html! { input type="hidden" name="_csrf" value=(session.csrf); }
}

/// `3 min ago`, with the exact time on hover.
pub fn ago(t: Timestamp) -> Markup {
    let secs = (Timestamp::now().0 - t.0).max(0);
    let text = match secs {
        0..60 => format!("{secs} s ago"),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86400 => format!("{} h ago", secs / 3600),
        _ => format!("{} d ago", secs / 86400),
    };
    html! { time datetime=(t.to_rfc3339()) title=(t.to_rfc3339()) { (text) } }
}
