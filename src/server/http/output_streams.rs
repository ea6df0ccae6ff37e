//! Output streams: a build's output (`build.output_stream_url`) and a release command's
//! (`release.output_stream_url`, read by `releases:output`). Plain text, or Server-Sent Events
//! when asked for (each line's `id` is its number, so `Last-Event-ID` resumes after it); a
//! stream follows a running build or command until it ends.
//!
//! The URL is the capability: no token is needed, but it stands only while the token it was
//! made for (or, in a webhook's payload, the author of the build or release) may still reach
//! the app, and an open stream ends when that stops.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::BoxStream;
use futures_util::{FutureExt, StreamExt};
use uuid::Uuid;

use super::AppState;
use super::capability::{Grant, RECHECK, check_bound, same_secret};
use super::error::{ApiError, ApiResult};
use crate::server::deploy::build_pipeline::BuildLog;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/streams/builds/{id}/{secret}", get(build_output))
        .route("/streams/releases/{id}/{secret}", get(release_output))
}

/// What a piece of a stream is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A finished line of the output, by its number (from 1).
    Line(usize),
    /// The line being written, as it stands.
    Partial,
    /// The server speaking about the stream itself, as its last line. It has no number, so a
    /// reader resuming by `Last-Event-ID` is not moved past output it did not get.
    Notice,
}

/// Numbered lines, the first one past what the reader has; between them, each update of a line
/// being written; at the end, perhaps a notice of why the stream ends early.
type Lines = BoxStream<'static, (Piece, String)>;

async fn build_output(
    State(state): State<AppState>,
    Path((id, secret)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let not_found = || ApiError::not_found("build", "no such build output");
    let build_id = Uuid::parse_str(&id).map_err(|_| not_found())?;
    let build = state.store.build(build_id)?.ok_or_else(not_found)?;
    let key = Key {
        app_id: build.app_id,
        author: build.user_id,
        secret: &build.stream_secret,
    };
    let grant = grant(&state, &key, &secret)?.ok_or_else(not_found)?;
    let seen = seen(&headers)?;
    let lines = match state.pipeline.log(build_id) {
        Some(log) => live_lines(state, log, seen, grant),
        None => kept_lines(state.store.build_output(build_id)?, seen),
    };
    Ok(respond(&headers, lines))
}

/// The output of a release's release command. A release that has not run one (yet) is a 404,
/// which the official CLI's `releases:output` reads as "not started yet".
async fn release_output(
    State(state): State<AppState>,
    Path((id, secret)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let not_found = || ApiError::not_found("release", "no such release output");
    let release_id = Uuid::parse_str(&id).map_err(|_| not_found())?;
    // The running log before the store: a command that ends in between has its output kept
    // by the time it leaves the running ones.
    let running = state.live.release_outputs.running(release_id);
    let (release, output) = state
        .store
        .release_with_output(release_id)?
        .ok_or_else(not_found)?;
    let key_secret = release.output_secret.as_deref().ok_or_else(not_found)?;
    let key = Key {
        app_id: release.app_id,
        author: release.user_id,
        secret: key_secret,
    };
    let grant = grant(&state, &key, &secret)?.ok_or_else(not_found)?;
    let seen = seen(&headers)?;
    let lines = match running {
        Some(log) => live_lines(state, log, seen, grant),
        None => kept_lines(output, seen),
    };
    Ok(respond(&headers, lines))
}

/// What a stream's URL is checked against.
struct Key<'a> {
    app_id: Uuid,
    /// Whom the unbound secret (the one in webhooks' payloads) speaks for.
    author: Uuid,
    secret: &'a str,
}

/// What the URL's secret grants, if it still stands: the stored secret speaks for the author,
/// a token-bound one for that token; either only while it may reach the app.
fn grant(state: &AppState, key: &Key<'_>, secret: &str) -> ApiResult<Option<Grant>> {
    let grant = if same_secret(secret, key.secret) {
        Some(Grant {
            account_id: key.author,
            token_id: None,
            app: None,
        })
    } else {
        check_bound(key.secret, secret)
    };
    let Some(mut grant) = grant else {
        return Ok(None);
    };
    let owner = match state
        .store
        .app_for(&key.app_id.to_string(), grant.account_id)?
    {
        Some((app, _)) => app.owner_id,
        None => return Ok(None),
    };
    grant.app = Some((key.app_id, owner));
    Ok(grant.holds(&state.store).then_some(grant))
}

/// Lines the reader already has, by number (`Last-Event-ID`).
fn seen(headers: &HeaderMap) -> ApiResult<usize> {
    let seen = super::logs::last_event_id(headers)?.unwrap_or(0);
    Ok(usize::try_from(seen).unwrap_or(usize::MAX))
}

/// The output of something that has ended, from the store.
fn kept_lines(output: Option<String>, seen: usize) -> Lines {
    let numbered: Vec<(Piece, String)> = (1..)
        .map(Piece::Line)
        .zip(output.unwrap_or_default().lines().map(str::to_string))
        .skip(seen)
        .collect();
    futures_util::stream::iter(numbered).boxed()
}

fn respond(headers: &HeaderMap, lines: Lines) -> Response {
    let sse = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/event-stream"));
    if sse {
        // Events carry finished lines only: each has its number for `Last-Event-ID`; a notice
        // has none.
        let events = lines.filter_map(|(piece, line)| {
            let event = match piece {
                Piece::Line(n) => Some(Event::default().id(n.to_string()).data(line)),
                Piece::Notice => Some(Event::default().data(line)),
                Piece::Partial => None,
            };
            std::future::ready(event.map(Ok::<_, Infallible>))
        });
        return Sse::new(events)
            .keep_alive(KeepAlive::default())
            .into_response();
    }
    // A line being written ends in `\r`, as a progress display draws it: the next piece is
    // drawn over it. A notice is not drawn over it, but on a line of its own.
    let mut partial = false;
    let body = lines.map(move |(piece, line)| {
        let text = match piece {
            Piece::Line(_) => format!("{line}\n"),
            Piece::Partial => format!("{line}\r"),
            Piece::Notice if partial => format!("\n{line}\n"),
            Piece::Notice => format!("{line}\n"),
        };
        partial = piece == Piece::Partial;
        Ok::<_, Infallible>(text)
    });
    let mut resp = Response::new(Body::from_stream(body));
    resp.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

/// Running output's lines, numbered from the one after `seen`, and the updates of the line
/// being written, as they come, until it ends, the server stops (which the last line says, as
/// a log tail's does) or the grant no longer holds.
fn live_lines(state: AppState, log: Arc<BuildLog>, seen: usize, grant: Grant) -> Lines {
    let mut check = tokio::time::interval(RECHECK);
    check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let start = (log, Some((seen, 0)), check);
    futures_util::stream::unfold(start, move |(log, at, mut check)| {
        let (state, grant) = (state.clone(), grant.clone());
        async move {
            // `None` once the notice that the server is stopping went out.
            let at = at?;
            let mut changed = log.subscribe();
            loop {
                let live = log.read_live(at);
                // Output written without pause still checks its grant.
                if check.tick().now_or_never().is_some() && !grant.holds(&state.store) {
                    return None;
                }
                if !live.pieces.is_empty() {
                    let pieces = live
                        .pieces
                        .into_iter()
                        .map(|(n, line)| (n.map_or(Piece::Partial, Piece::Line), line));
                    let chunk = futures_util::stream::iter(pieces.collect::<Vec<_>>());
                    return Some((chunk, (log, Some(live.next), check)));
                }
                if live.done.is_some() {
                    return None;
                }
                let mut stopping = state.stopping.clone();
                tokio::select! {
                    got = changed.changed() => if got.is_err() {
                        return None;
                    },
                    // The server is stopping: its builds and commands end with it. The reader
                    // (a `tug builds:output`, a dashboard) is told why the output stops here.
                    () = super::stopped(&mut stopping) => {
                        let notice = vec![(Piece::Notice, super::STOPPING_NOTICE.to_string())];
                        return Some((futures_util::stream::iter(notice), (log, None, check)));
                    }
                    _ = check.tick() => if !grant.holds(&state.store) {
                        return None;
                    },
                }
            }
        }
    })
    .flatten()
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(headers: &HeaderMap, pieces: &[(Piece, &str)]) -> String {
        let pieces: Vec<(Piece, String)> =
            pieces.iter().map(|(p, l)| (*p, l.to_string())).collect();
        let resp = respond(headers, futures_util::stream::iter(pieces).boxed());
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .expect("body");
        String::from_utf8(bytes.to_vec()).expect("utf-8")
    }

    /// The stop's notice is a line of its own, even after a line being drawn over, and in
    /// events it has no number, so that resuming does not skip output.
    #[tokio::test]
    async fn the_stop_notice_is_its_own_line_without_a_number() {
        let pieces = [
            (Piece::Line(1), "-----> Building"),
            (Piece::Partial, "Downloading 10 %"),
            (Piece::Notice, super::super::STOPPING_NOTICE),
        ];
        assert_eq!(
            body(&HeaderMap::new(), &pieces).await,
            "-----> Building\nDownloading 10 %\r\nthe server is stopping; this stream ends here\n"
        );
        let mut sse = HeaderMap::new();
        sse.insert(ACCEPT, HeaderValue::from_static("text/event-stream"));
        let events = body(&sse, &pieces).await;
        let blocks: Vec<&str> = events.split("\n\n").filter(|b| !b.is_empty()).collect();
        assert_eq!(blocks.len(), 2, "{events:?}");
        assert!(
            blocks[0].contains("id: 1") && blocks[0].contains("data: -----> Building"),
            "{events:?}"
        );
        assert_eq!(
            blocks[1], "data: the server is stopping; this stream ends here",
            "{events:?}"
        );
    }
}
