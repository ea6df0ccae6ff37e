//! `/apps/{app}/log-sessions`: a capability URL (no token needed, unguessable, expiring, and
//! void once the token or the app access that made it is gone) from which an app's log is read
//! as plain text lines, or Server-Sent Events when the client asks for `text/event-stream`.
//! With `tail` the stream follows new lines. Each SSE event's `id` is the line's position in
//! the app's log: a reader that reconnects with `Last-Event-ID` resumes right after the last
//! line it got, with no gap and no repeat. A reader that falls behind is given the lines it
//! missed from history, and told how many fell out of it (Logplex's L10) when some did.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::{Interval, MissedTickBehavior};
use uuid::Uuid;

use super::AppState;
use super::capability::{Grant, RECHECK, same_secret};
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, PathApp, PublicUrl};
use crate::api::paths;
use crate::api::{LogSession, LogSessionCreate, Timestamp};
use crate::server::logs::{HISTORY, LogLine, Since};

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
    grant: Grant,
}

#[derive(Default)]
pub struct LogSessions(Mutex<HashMap<Uuid, Arc<Session>>>);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::app_log_sessions("{app}").to_string(), post(create))
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
    PathApp(row, _, auth): PathApp,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<LogSessionCreate>,
) -> ApiResult<(StatusCode, Json<LogSession>)> {
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
        grant: Grant::of(&auth, Some(&row)),
    });
    {
        let mut sessions = crate::sync::lock(&state.log_sessions.0);
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

/// Reads `Last-Event-ID`: the id of the last event a reader of an SSE stream already has, a
/// line's position. Build output streams read it the same way.
pub(super) fn last_event_id(headers: &HeaderMap) -> ApiResult<Option<u64>> {
    let Some(value) = headers.get("last-event-id") else {
        return Ok(None);
    };
    let bad = || {
        ApiError::bad_request(
            "`Last-Event-ID` must be the `id` of an event this stream sent (a whole number)",
        )
    };
    let text = value.to_str().map_err(|_| bad())?.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| bad())
}

async fn stream(
    State(state): State<AppState>,
    Path((id, secret)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let not_found = || ApiError::not_found("log_session", "no such log session, or it has expired");
    let id = Uuid::parse_str(&id).map_err(|_| not_found())?;
    let session = crate::sync::lock(&state.log_sessions.0)
        .get(&id)
        .cloned()
        .ok_or_else(not_found)?;
    if !same_secret(&secret, &session.secret)
        || session.created.elapsed() > SESSION_TTL
        || !session.grant.holds(&state.store)
    {
        return Err(not_found());
    }
    let resume = last_event_id(&headers)?;
    let sse = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/event-stream"));
    let reader = Reader::open(&state, &session, resume);
    let items = futures_util::stream::unfold(reader, Reader::next);
    if sse {
        let events = items.map(|item| {
            let event = match &item {
                Item::Line(line) => Event::default().id(line.seq.to_string()),
                // A notice has no position: resuming goes by lines only.
                Item::Notice(_) => Event::default(),
            };
            Ok::<_, Infallible>(event.data(item.line().render()))
        });
        return Ok(Sse::new(events)
            .keep_alive(KeepAlive::default())
            .into_response());
    }
    let body = items.map(|item| Ok::<_, Infallible>(format!("{}\n", item.line().render())));
    let mut resp = Response::new(Body::from_stream(body));
    resp.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(resp)
}

/// One thing a reader is sent.
enum Item {
    /// A line of the app's log.
    Line(Arc<LogLine>),
    /// A notice for this reader alone (lines it lost).
    Notice(LogLine),
}

impl Item {
    fn line(&self) -> &LogLine {
        match self {
            Item::Line(line) => line,
            Item::Notice(line) => line,
        }
    }
}

/// One log session being read: its backlog, then (with `tail`) new lines as they come, until
/// the log goes away or the session's grant stops holding.
struct Reader {
    state: AppState,
    app_id: Uuid,
    filter: Filter,
    grant: Grant,
    tail: bool,
    live: broadcast::Receiver<Arc<LogLine>>,
    /// The position of the newest line dealt with (sent or filtered out).
    last: u64,
    pending: VecDeque<Item>,
    check: Interval,
    /// The server is stopping: the reader gets a last notice, then the stream ends.
    stopping: tokio::sync::watch::Receiver<bool>,
    ended: bool,
}

impl Reader {
    fn open(state: &AppState, session: &Session, resume: Option<u64>) -> Reader {
        let hub = &state.live.logs;
        let (backlog, live, last) = match resume {
            Some(after) => {
                let (since, live) = hub.follow_since(session.app_id, after);
                (since, live, after)
            }
            None => {
                let (history, live) = hub.follow(session.app_id, HISTORY);
                let last = history.last().map_or(0, |l| l.seq);
                let mut lines: Vec<_> = history
                    .into_iter()
                    .filter(|l| session.filter.matches(l))
                    .collect();
                lines.drain(..lines.len().saturating_sub(session.lines));
                (Since { lines, lost: None }, live, last)
            }
        };
        let mut check = tokio::time::interval(RECHECK);
        check.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut reader = Reader {
            state: state.clone(),
            app_id: session.app_id,
            filter: session.filter.clone(),
            grant: session.grant.clone(),
            tail: session.tail,
            live,
            last: resume.unwrap_or(0),
            pending: VecDeque::new(),
            check,
            stopping: state.stopping.clone(),
            ended: false,
        };
        reader.catch_up(backlog);
        // Lines of history the session's filter or line count left out count as dealt with.
        reader.last = reader.last.max(last);
        reader
    }

    /// Queues lines from history that come after what was dealt with, after a notice of any
    /// that fell out of history first.
    fn catch_up(&mut self, since: Since) {
        if let Some(lost) = since.lost.filter(|n| *n > 0) {
            self.pending.push_back(Item::Notice(LogLine::now(
                "heroku",
                "logplex",
                format!(
                    "Error L10 (output buffer overflow): {lost} messages dropped since this reader fell behind"
                ),
            )));
        }
        for line in since.lines {
            if line.seq > self.last {
                self.last = self.last.max(line.seq);
                if self.filter.matches(&line) {
                    self.pending.push_back(Item::Line(line));
                }
            }
        }
    }

    async fn next(mut self) -> Option<(Item, Reader)> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some((item, self));
            }
            if !self.tail || self.ended {
                return None;
            }
            tokio::select! {
                () = super::stopped(&mut self.stopping) => {
                    self.ended = true;
                    self.pending.push_back(Item::Notice(LogLine::now(
                        "heroku",
                        "logplex",
                        super::STOPPING_NOTICE,
                    )));
                }
                got = self.live.recv() => match got {
                    // Already sent from history, or from before a catch-up.
                    Ok(line) if line.seq <= self.last => {}
                    Ok(line) => {
                        self.last = line.seq;
                        if self.filter.matches(&line) {
                            return Some((Item::Line(line), self));
                        }
                    }
                    Err(RecvError::Lagged(_)) => {
                        let since = self.state.live.logs.since(self.app_id, self.last);
                        self.catch_up(since);
                    }
                    // The app was destroyed.
                    Err(RecvError::Closed) => return None,
                },
                _ = self.check.tick() => {
                    if !self.grant.holds(&self.state.store) {
                        return None;
                    }
                }
            }
        }
    }
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
