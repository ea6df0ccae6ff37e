//! Git's smart HTTP protocol on the API listener: `/APP.git/info/refs`,
//! `/APP.git/git-receive-pack` and `/APP.git/git-upload-pack`, served by the system
//! `git receive-pack`/`upload-pack` in stateless-RPC mode. Authentication is HTTP Basic with
//! an API token as password; only the owner and collaborators may push or clone.

use std::process::Stdio;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::TryStreamExt;
use serde::Deserialize;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use tokio_util::io::{ReaderStream, StreamReader, SyncIoBridge};

use super::AppState;
use super::apps::load_app;
use super::error::ApiError;
use super::extract::{Auth, Credentials, credentials};
use crate::api::ErrorId;
use crate::server::git::{HOOK_SOCKET_ENV, PUSH_ID_ENV, PushSession};
use crate::server::gunzip::{gunzip, is_too_big};
use crate::server::store::AppRow;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{repo}/info/refs", get(info_refs))
        .route("/{repo}/git-receive-pack", post(receive_pack))
        .route("/{repo}/git-upload-pack", post(upload_pack))
}

/// The most a gzipped fetch request (want/have negotiation) may inflate to.
const NEGOTIATION_LIMIT: u64 = 64 * 1024 * 1024;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Service {
    Upload,
    Receive,
}

impl Service {
    fn name(self) -> &'static str {
        match self {
            Service::Upload => "upload-pack",
            Service::Receive => "receive-pack",
        }
    }
}

/// An error as git should see it: a 401 carries the challenge that makes git ask its
/// credential helper for the token.
fn refuse(e: ApiError) -> Response {
    let challenge = e.id == crate::api::ErrorId::Unauthorized;
    let mut resp = e.into_response();
    if challenge {
        resp.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"tug\""),
        );
    }
    resp
}

/// Authenticates the caller and finds the app.
fn authorize(
    state: &AppState,
    parts: &axum::http::request::Parts,
    repo: &str,
) -> Result<(Auth, AppRow), ApiError> {
    let app = repo.strip_suffix(".git").ok_or_else(|| {
        ApiError::not_found(
            "app",
            format!("no repository `{repo}`: app repositories end in `.git`"),
        )
    })?;
    let token = match credentials(parts)? {
        Some(Credentials::Basic(_, t)) | Some(Credentials::Bearer(t)) => t,
        None => {
            return Err(ApiError::unauthorized(
                "authentication required: git needs an API token as the password",
            ));
        }
    };
    let auth = Auth::from_token(state, parts, &token)?.ok_or_else(|| {
        ApiError::unauthorized("invalid credentials: the token is unknown, revoked or expired")
    })?;
    let (row, _) = load_app(state, &auth, app)?;
    Ok((auth, row))
}

#[derive(Deserialize)]
struct InfoRefsQuery {
    service: Option<String>,
}

fn git_protocol(headers: &HeaderMap) -> Option<String> {
    headers
        .get("git-protocol")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() < 256 && v.bytes().all(|b| b.is_ascii_graphic() || b == b' '))
        .map(str::to_string)
}

fn pkt_line(s: &str) -> Vec<u8> {
    format!("{:04x}{s}", s.len() + 4).into_bytes()
}

async fn info_refs(
    State(state): State<AppState>,
    Path(repo): Path<String>,
    Query(query): Query<InfoRefsQuery>,
    req: Request,
) -> Response {
    let service = match query.service.as_deref() {
        Some("git-upload-pack") => Service::Upload,
        Some("git-receive-pack") => Service::Receive,
        _ => {
            return ApiError::forbidden("only git's smart HTTP protocol is served: update git")
                .into_response();
        }
    };
    let (parts, _) = req.into_parts();
    let (_, _, path) = match open_repo(&state, &parts, &repo, service) {
        Ok(x) => x,
        Err(e) => return refuse(e),
    };
    let protocol = git_protocol(&parts.headers);
    let mut cmd = Command::new("git");
    cmd.args([service.name(), "--stateless-rpc", "--advertise-refs"])
        .arg(&path)
        .stdin(Stdio::null());
    if let Some(p) = &protocol {
        cmd.env("GIT_PROTOCOL", p);
    }
    let out = match cmd.output().await {
        Ok(o) if o.status.success() => o,
        Ok(o) => return ApiError::internal(String::from_utf8_lossy(&o.stderr)).into_response(),
        Err(e) => return ApiError::internal(format!("cannot run git: {e}")).into_response(),
    };
    let mut body = vec![];
    if !protocol.as_deref().is_some_and(|p| p.contains("version=2")) {
        body.extend(pkt_line(&format!("# service=git-{}\n", service.name())));
        body.extend(b"0000");
    }
    body.extend(out.stdout);
    (
        [
            (
                CONTENT_TYPE,
                format!("application/x-git-{}-advertisement", service.name()),
            ),
            (CACHE_CONTROL, "no-cache".to_string()),
        ],
        body,
    )
        .into_response()
}

async fn receive_pack(
    State(state): State<AppState>,
    Path(repo): Path<String>,
    req: Request,
) -> Response {
    rpc(state, repo, req, Service::Receive).await
}

async fn upload_pack(
    State(state): State<AppState>,
    Path(repo): Path<String>,
    req: Request,
) -> Response {
    rpc(state, repo, req, Service::Upload).await
}

/// Runs one stateless-RPC exchange: the request body goes to git's stdin, git's stdout
/// streams back as it is written (so build output reaches `git push` live).
async fn rpc(state: AppState, repo: String, req: Request, service: Service) -> Response {
    let (parts, body) = req.into_parts();
    let (auth, app, path) = match open_repo(&state, &parts, &repo, service) {
        Ok(x) => x,
        Err(e) => return refuse(e),
    };
    let feed = match feed(&state, &parts.headers, body, service).await {
        Ok(feed) => feed,
        Err(e) => return e.into_response(),
    };
    let mut cmd = git_command(service, &path, &parts.headers);
    let mut push_id = None;
    if service == Service::Receive {
        let session = PushSession {
            web_url: state.web_url(&app.name),
            app: app.clone(),
            user_id: auth.account.id,
        };
        match state.pushes.open(session) {
            Ok(id) => {
                cmd.env(PUSH_ID_ENV, &id)
                    .env(HOOK_SOCKET_ENV, state.hook_socket.as_ref());
                push_id = Some(id);
            }
            Err(e) => return ApiError::internal(format!("{e:#}")).into_response(),
        }
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return ApiError::internal(format!("cannot run git: {e}")).into_response(),
    };
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return ApiError::internal("git's pipes are missing").into_response();
    };
    // Feed the request body to git while its answer streams back.
    tokio::spawn(async move {
        let copied = match feed {
            Feed::Inflated(mut file) => tokio::io::copy(&mut file, &mut stdin).await,
            Feed::Stream(body) => {
                let stream = body.into_data_stream().map_err(std::io::Error::other);
                let mut reader = StreamReader::new(stream);
                tokio::io::copy(&mut reader, &mut stdin).await
            }
        };
        if let Err(e) = copied {
            tracing::debug!("git request body ended early: {e}");
        }
        let _ = stdin.shutdown().await;
    });
    let pushes = state.pushes.clone();
    tokio::spawn(async move {
        let _ = child.wait().await;
        if let Some(id) = push_id {
            pushes.close(&id);
        }
    });
    let mut resp = Response::new(Body::from_stream(ReaderStream::new(stdout)));
    *resp.status_mut() = StatusCode::OK;
    let headers = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&format!("application/x-git-{}-result", service.name())) {
        headers.insert(CONTENT_TYPE, v);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

/// A stopping server finishes the pushes it has and takes no new one.
/// The caller, the app and its repository, once the caller may use `service` on it (and,
/// for a push, the server still takes pushes); else why not, for `refuse`.
fn open_repo(
    state: &AppState,
    parts: &axum::http::request::Parts,
    repo: &str,
    service: Service,
) -> Result<(Auth, AppRow, std::path::PathBuf), ApiError> {
    let (auth, app) = authorize(state, parts, repo)?;
    if service == Service::Receive {
        accepting_pushes(state)?;
    }
    let path = state
        .repos
        .ensure(app.id)
        .map_err(|e| ApiError::internal(format!("{e:#}")))?;
    Ok((auth, app, path))
}

fn accepting_pushes(state: &AppState) -> Result<(), ApiError> {
    if state.pipeline.draining() {
        return Err(ApiError::new(
            ErrorId::Unavailable,
            "the server is shutting down: push again once it is back",
        ));
    }
    Ok(())
}

/// What git will read: a gzipped body is inflated onto disk before git starts, so that one too
/// big is refused with a 413 while nothing has run, and memory stays flat whatever it inflates
/// to.
async fn feed(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    service: Service,
) -> Result<Feed, ApiError> {
    let gzipped = headers
        .get(CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("gzip"));
    if gzipped {
        Ok(Feed::Inflated(inflate(state, body, service).await?))
    } else {
        Ok(Feed::Stream(body))
    }
}

/// `git upload-pack` or `git receive-pack` in stateless-RPC mode on the app's repository.
fn git_command(service: Service, repo: &std::path::Path, headers: &HeaderMap) -> Command {
    let mut cmd = Command::new("git");
    if service == Service::Receive {
        // Bounds what a push writes to disk, gzipped or not.
        cmd.arg("-c").arg(format!(
            "receive.maxInputSize={}",
            crate::server::git::MAX_PUSH_BYTES
        ));
    }
    cmd.args([service.name(), "--stateless-rpc"])
        .arg(repo)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(false);
    if let Some(p) = git_protocol(headers) {
        cmd.env("GIT_PROTOCOL", p);
    }
    cmd
}

/// What git reads on its stdin.
enum Feed {
    /// The request body, as it arrives.
    Stream(Body),
    /// A gzipped request body, inflated into an unlinked scratch file.
    Inflated(tokio::fs::File),
}

/// Inflates a gzipped request body into an unlinked file under `DATA/builds`, refusing (413)
/// one that would inflate past what this service ever needs: a push is capped like any push,
/// a fetch's negotiation is small.
async fn inflate(
    state: &AppState,
    body: Body,
    service: Service,
) -> Result<tokio::fs::File, ApiError> {
    let cap = match service {
        Service::Receive => crate::server::git::MAX_PUSH_BYTES,
        Service::Upload => NEGOTIATION_LIMIT,
    };
    let dir = state.data_dir.join("builds");
    let reader = SyncIoBridge::new(StreamReader::new(
        body.into_data_stream().map_err(std::io::Error::other),
    ));
    let inflated = tokio::task::spawn_blocking(move || -> std::io::Result<std::fs::File> {
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!(".git-request-{}", uuid::Uuid::new_v4()));
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        // Unlinked at once: nothing is left behind whatever happens next.
        std::fs::remove_file(&path)?;
        std::io::copy(&mut gunzip(reader, cap), &mut file)?;
        std::io::Seek::rewind(&mut file)?;
        Ok(file)
    })
    .await
    .map_err(|e| ApiError::internal(format!("inflating the request failed: {e}")))?;
    match inflated {
        Ok(file) => Ok(tokio::fs::File::from_std(file)),
        Err(e) if is_too_big(&e) => Err(ApiError::new(
            ErrorId::PayloadTooLarge,
            format!("the gzipped git request is too large: {e}"),
        )),
        Err(e)
            if e.kind() == std::io::ErrorKind::InvalidInput
                || e.kind() == std::io::ErrorKind::InvalidData
                || e.kind() == std::io::ErrorKind::UnexpectedEof =>
        {
            Err(ApiError::bad_request(
                "the git request says `Content-Encoding: gzip` but is not valid gzip",
            ))
        }
        Err(e) => Err(ApiError::internal(format!(
            "cannot read the git request: {e}"
        ))),
    }
}

#[cfg(test)]
mod props;
