//! `/apps/{app}/log-sessions`: a capability URL (no token needed, unguessable, expiring) from
//! which an app's log is read as plain text lines, or Server-Sent Events when the client asks
//! for `text/event-stream`. With `tail` the stream follows new lines; a reader that falls
//! behind is told how many lines it missed, Logplex's L10, instead of slowing anyone down.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use tokio::sync::broadcast::error::RecvError;
use uuid::Uuid;

use super::AppState;
use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PublicUrl};
use crate::api::{LogSession, LogSessionCreate, Timestamp};
use crate::server::logs::{HISTORY, LogLine};

/// How long a session URL stays readable after it is made.
const SESSION_TTL: Duration = Duration::from_secs(300);

/// What a session shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// `web.1`: that dyno; `web`: every dyno of the type; `router`: the router's lines.
    pub dyno: Option<String>,
    /// `app` or `heroku`.
    pub source: Option<String>,
}

impl Filter {
    pub fn matches(&self, line: &LogLine) -> bool {
        if let Some(source) = &self.source
            && &line.source != source
        {
            return false;
        }
        match &self.dyno {
            None => true,
            Some(d) if d.contains('.') => &line.dyno == d,
            Some(kind) => {
                line.dyno == *kind
                    || line
                        .dyno
                        .split_once('.')
                        .is_some_and(|(k, n)| k == kind && n.bytes().all(|b| b.is_ascii_digit()))
            }
        }
    }
}

struct Session {
    app_id: Uuid,
    secret: String,
    lines: usize,
    tail: bool,
    filter: Filter,
    created: Instant,
}

#[derive(Default)]
pub struct LogSessions(Mutex<HashMap<Uuid, Arc<Session>>>);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/apps/{app}/log-sessions", post(create))
        .route("/streams/logs/{id}/{secret}", get(stream))
}

fn check_filter(body: &LogSessionCreate) -> ApiResult<Filter> {
    let dyno = body
        .dyno_name
        .clone()
        .or_else(|| body.dyno.clone())
        .or_else(|| body.kind.clone())
        .filter(|d| !d.is_empty());
    if let Some(d) = &dyno {
        let (kind, number) = d.split_once('.').unwrap_or((d, "1"));
        let ok = crate::api::names::check_process_type(kind).is_ok()
            && !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return Err(ApiError::invalid(format!(
                "`{d}` is not a dyno (`web.1`), a process type (`web`) or `router`"
            )));
        }
    }
    let source = body.source.clone().filter(|s| !s.is_empty());
    if let Some(s) = &source
        && s != "app"
        && s != "heroku"
    {
        return Err(ApiError::invalid(format!(
            "unknown log source `{s}`: use `app` or `heroku`"
        )));
    }
    Ok(Filter { dyno, source })
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Path(app): Path<String>,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<LogSessionCreate>,
) -> ApiResult<(StatusCode, Json<LogSession>)> {
    let (row, _) = load_app(&state, &auth, &app)?;
    let filter = check_filter(&body)?;
    let lines = match body.lines {
        None => 100,
        Some(n) if (0..=HISTORY as i64).contains(&n) => n as usize,
        Some(n) => {
            return Err(ApiError::invalid(format!(
                "`lines` must be between 0 and {HISTORY}, not {n}"
            )));
        }
    };
    let id = Uuid::new_v4();
    let secret = crate::server::auth::new_token()?;
    let session = Arc::new(Session {
        app_id: row.id,
        secret: secret.clone(),
        lines,
        tail: body.tail.unwrap_or(false),
        filter,
        created: Instant::now(),
    });
    {
        let mut sessions = state
            .log_sessions
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        sessions.retain(|_, s| s.created.elapsed() < SESSION_TTL);
        sessions.insert(id, session);
    }
    let now = Timestamp::now();
    Ok((
        StatusCode::CREATED,
        Json(LogSession {
            created_at: now,
            id,
            logplex_url: format!("{base}/streams/logs/{id}/{secret}"),
            updated_at: now,
        }),
    ))
}

async fn stream(
    State(state): State<AppState>,
    Path((id, secret)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let not_found = || ApiError::not_found("log_session", "no such log session, or it has expired");
    let id = Uuid::parse_str(&id).map_err(|_| not_found())?;
    let session = state
        .log_sessions
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&id)
        .cloned()
        .ok_or_else(not_found)?;
    if session.secret != secret || session.created.elapsed() > SESSION_TTL {
        return Err(not_found());
    }
    let sse = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/event-stream"));
    let frame = move |text: &str| {
        if sse {
            format!("data: {text}\n\n")
        } else {
            format!("{text}\n")
        }
    };
    let (history, live) = state.live.logs.follow(session.app_id, HISTORY);
    let mut backlog: Vec<&Arc<LogLine>> = history
        .iter()
        .filter(|l| session.filter.matches(l))
        .collect();
    let skip = backlog.len().saturating_sub(session.lines);
    backlog.drain(..skip);
    let first: String = backlog.iter().map(|l| frame(&l.render())).collect();
    let body = if session.tail {
        let filter = session.filter.clone();
        let start = futures_util::stream::iter([Ok::<_, Infallible>(first)]);
        let follow = futures_util::stream::unfold(live, move |mut live| {
            let filter = filter.clone();
            async move {
                loop {
                    match live.recv().await {
                        Ok(line) if filter.matches(&line) => {
                            return Some((Ok(frame(&line.render())), live));
                        }
                        Ok(_) => {}
                        Err(RecvError::Lagged(n)) => {
                            let notice = LogLine::now(
                                "heroku",
                                "logplex",
                                format!(
                                    "Error L10 (output buffer overflow): {n} messages dropped since this reader fell behind"
                                ),
                            );
                            return Some((Ok(frame(&notice.render())), live));
                        }
                        Err(RecvError::Closed) => return None,
                    }
                }
            }
        });
        Body::from_stream(futures_util::StreamExt::chain(start, follow))
    } else {
        Body::from(first)
    };
    let mut resp = Response::new(body);
    let content_type = if sse {
        "text/event-stream"
    } else {
        "text/plain; charset=utf-8"
    };
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(resp)
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn line(source: &str, dyno: &str) -> LogLine {
        LogLine::now(source, dyno, "x")
    }

    #[test]
    fn filters_by_dyno_type_and_source() {
        let f = Filter {
            dyno: Some("web".into()),
            source: None,
        };
        assert!(f.matches(&line("app", "web.1")) && f.matches(&line("heroku", "web.12")));
        assert!(!f.matches(&line("app", "worker.1")) && !f.matches(&line("app", "webby.1")));
        let f = Filter {
            dyno: Some("web.2".into()),
            source: Some("app".into()),
        };
        assert!(f.matches(&line("app", "web.2")));
        assert!(!f.matches(&line("heroku", "web.2")) && !f.matches(&line("app", "web.1")));
        let f = Filter {
            dyno: Some("router".into()),
            source: None,
        };
        assert!(f.matches(&line("heroku", "router")));
    }

    #[test]
    fn refuses_unknown_filters() {
        let bad = |dyno: &str, source: &str| {
            check_filter(&LogSessionCreate {
                dyno: Some(dyno.into()),
                source: Some(source.into()),
                ..Default::default()
            })
            .is_err()
        };
        assert!(bad("web.x", ""));
        assert!(bad("we b", ""));
        assert!(bad("web.", ""));
        assert!(bad("web", "syslog"));
        assert!(!bad("web.1", "app") && !bad("router", "heroku") && !bad("", ""));
    }
}
