//! An app's live log: the page, and the log session its script follows. The stream is the
//! API's own log-session SSE stream; the page only asks for a session with the filters chosen.
//! Pages with live states open a session here too, and refetch those parts when it says so.

use axum::Json;
use axum::extract::Path;
use axum::http::{Method, StatusCode};
use maud::{Markup, html};
use serde::{Deserialize, Serialize};

use super::api_call::seg;
use super::app_page::base;
use super::page::{Failure, Tab, app_page};
use super::session::{Posted, Session};
use crate::api::{LogSession, LogSessionCreate};

pub async fn page(session: Session, Path(app): Path<String>) -> Result<Markup, Failure> {
    // The app's own API answer decides whether this caller may see it at all.
    let info: crate::api::App = session.api.get(&base(&app)).await?;
    let body = html! {
        form.filters #log-filters data-session={ "/dashboard/apps/" (seg(&info.name)) "/log-session" } {
            label { "Dyno or type " input type="text" name="dyno" placeholder="web.1, web, router"; }
            label { "Source " select name="source" {
                option value="" { "all" } option value="app" { "app" } option value="heroku" { "heroku" }
            } }
            button type="submit" { "Apply" }
            button type="button" #log-pause aria-pressed="false" { "Pause" }
            span #log-state role="status" { "connecting…" }
        }
        pre #log aria-live="polite" tabindex="0" {}
    };
    Ok(app_page(&session, &info.name, Tab::Logs, None, body))
}

#[derive(Deserialize)]
pub struct LogForm {
    #[serde(default)]
    dyno: String,
    #[serde(default)]
    source: String,
    /// How much history to send first (the live-state follower wants none). Text: a
    /// flattened form hands every value over as a string.
    #[serde(default)]
    lines: String,
}

/// Where the page's script reads the stream: a path on this server.
#[derive(Serialize)]
pub struct Stream {
    url: String,
}

pub async fn open_session(
    Path(app): Path<String>,
    Posted(session, form): Posted<LogForm>,
) -> Result<Json<Stream>, Failure> {
    let given = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let lines = match given(form.lines) {
        None => 100,
        Some(n) => n.parse::<i64>().map_err(|_| {
            Failure::Refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                "`lines` must be a whole number".into(),
            )
        })?,
    };
    let body = LogSessionCreate {
        dyno: given(form.dyno),
        source: given(form.source),
        tail: Some(true),
        lines: Some(lines),
        ..Default::default()
    };
    let created: LogSession = session
        .api
        .send(Method::POST, &format!("{}/log-sessions", base(&app)), &body)
        .await?;
    let at = created.logplex_url.find("/streams/").ok_or_else(|| {
        Failure::Refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the server gave an unexpected log stream address".into(),
        )
    })?;
    Ok(Json(Stream {
        url: created.logplex_url[at..].to_string(),
    }))
}
