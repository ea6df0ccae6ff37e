//! Builds that are not pushes: `POST /sources` (somewhere to upload a tarball),
//! `POST /apps/{app}/builds`, build info and output streams, the build cache, and each app's
//! buildpack list (`/apps/{app}/buildpack-installations`).

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use tokio_util::io::StreamReader;
use uuid::Uuid;

use super::apps::load_app;
use super::capability::{Grant, same_secret};
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, Auth, PathApp, PublicUrl, RangeHeader};
use super::{AppState, list};
use crate::api::paths;
use crate::api::{
    Build, BuildCreate, BuildpackInstallation, BuildpackInstallationsUpdate, ErrorId, Source,
    SourceBlob, SourceUrls,
};
use crate::server::deploy::build_pipeline::{BuildRequest, CancelError, StartError, Started};
use crate::server::deploy::deployments::{Intent, Refusal};
use crate::server::outbound::{self, DownloadError};
use crate::server::present;
use crate::server::store::{AppRow, BuildRow};

/// The largest source tarball accepted.
const MAX_SOURCE_BYTES: u64 = 1024 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&paths::sources().to_string(), post(create_source))
        .route(
            &paths::app_sources("{app}").to_string(),
            post(create_app_source),
        )
        .route(
            "/sources/{id}/{secret}",
            get(download_source).put(upload_source),
        )
        .route(
            &paths::app_builds("{app}").to_string(),
            get(list_builds).post(create_build),
        )
        .route(
            &paths::app_build("{app}", "{id}").to_string(),
            get(build_info).delete(cancel_build),
        )
        .route(
            &paths::app_build_cache("{app}").to_string(),
            delete(purge_cache),
        )
        .route(
            &paths::app_buildpack_installations("{app}").to_string(),
            get(list_buildpacks).put(set_buildpacks),
        )
}

/// Built-in buildpacks by name, with Heroku's names for the same thing.
pub const BUILTIN_BUILDPACKS: &[&str] = &[
    "null",
    "procfile",
    "python",
    "node",
    "heroku/python",
    "heroku/nodejs",
    "heroku/procfile",
];

/// A buildpack is a built-in name, an http(s) or file URL (git repository or tarball, with an
/// optional `#ref`), or an absolute path on the server.
pub fn check_buildpack(bp: &str) -> ApiResult<()> {
    let bad = |why: &str| {
        Err(ApiError::invalid(format!(
            "`{bp}` is not a buildpack tug can use: {why}; use a built-in ({}) or a URL",
            ["python", "node", "procfile", "null"].join(", ")
        )))
    };
    if bp.is_empty() || bp.len() > 2048 || bp.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("it is empty, too long or has spaces");
    }
    // A local buildpack must be where the operator allows (`--buildpack-dir`).
    let local = bp
        .strip_prefix("file://")
        .or(bp.starts_with('/').then_some(bp));
    if let Some(path) = local.and_then(|l| l.split('#').next()) {
        outbound::policy()
            .check_buildpack_path(std::path::Path::new(path))
            .map_err(|refused| ApiError::invalid(refused.to_string()))?;
    }
    if BUILTIN_BUILDPACKS.contains(&bp) || bp.starts_with('/') {
        return Ok(());
    }
    // `namespace/name`: a buildpack from Heroku's registry (fetched as a tarball).
    if let Some((ns, name)) = bp.split_once('/')
        && !ns.is_empty()
        && !name.is_empty()
        && !bp.contains("://")
        && (ns.to_string() + name)
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        return Ok(());
    }
    match bp.split_once("://") {
        Some(("http" | "https" | "file", rest)) if !rest.is_empty() => Ok(()),
        Some((scheme, _)) => bad(&format!("the scheme `{scheme}` is not supported")),
        None => bad("it is neither a built-in name nor a URL"),
    }
}

fn source_urls(base: &str, id: Uuid, secret: &str) -> SourceUrls {
    let url = format!("{base}/sources/{id}/{secret}");
    SourceUrls {
        get_url: url.clone(),
        put_url: url,
    }
}

async fn create_source(
    State(state): State<AppState>,
    auth: Auth,
    PublicUrl(base): PublicUrl,
) -> ApiResult<(StatusCode, Json<Source>)> {
    let secret = crate::server::auth::new_token()?;
    // The stored secret names the token that made it, so revoking the token voids the URLs.
    let stored = format!("{}.{secret}", auth.authorization.token_id.simple());
    let row = state.store.insert_source(auth.account.id, &stored)?;
    Ok((
        StatusCode::CREATED,
        Json(Source {
            source_blob: source_urls(&base, row.id, &secret),
        }),
    ))
}

/// `POST /apps/{app}/sources`: as `POST /sources`, once the caller is known to reach the app.
async fn create_app_source(
    State(state): State<AppState>,
    auth: Auth,
    PublicUrl(base): PublicUrl,
    Path(app): Path<String>,
) -> ApiResult<(StatusCode, Json<Source>)> {
    load_app(&state, &auth, &app)?;
    create_source(State(state), auth, PublicUrl(base)).await
}

/// The source a URL's id and secret name, if the secret is right and the token that made the
/// source is still valid. Sources from before secrets named their token are refused.
fn find_source(state: &AppState, id: &str, secret: &str) -> ApiResult<Uuid> {
    let not_found = || ApiError::not_found("source", "no such source upload");
    let id = Uuid::parse_str(id).map_err(|_| not_found())?;
    let row = state.store.source(id)?.ok_or_else(not_found)?;
    let (authorization, expected) = row
        .secret
        .split_once('.')
        .and_then(|(a, s)| Some((Uuid::parse_str(a).ok()?, s)))
        .ok_or_else(not_found)?;
    let grant = Grant {
        account_id: row.account_id,
        token_id: Some(authorization),
        app: None,
    };
    if !same_secret(secret, expected) || !grant.holds(&state.store) {
        return Err(not_found());
    }
    Ok(row.id)
}

async fn upload_source(
    State(state): State<AppState>,
    Path((id, secret)): Path<(String, String)>,
    req: Request,
) -> ApiResult<StatusCode> {
    let id = find_source(&state, &id, &secret)?;
    let path = state.pipeline.source_path(id);
    let tmp = path.with_extension("part");
    let stream = req
        .into_body()
        .into_data_stream()
        .map_err(std::io::Error::other);
    let mut reader = tokio::io::AsyncReadExt::take(StreamReader::new(stream), MAX_SOURCE_BYTES + 1);
    let mut file = tokio::fs::File::create(&tmp)
        .await
        .map_err(ApiError::internal)?;
    let copied = tokio::io::copy(&mut reader, &mut file)
        .await
        .map_err(|e| ApiError::bad_request(format!("the upload ended early: {e}")))?;
    file.flush().await.map_err(ApiError::internal)?;
    if copied > MAX_SOURCE_BYTES {
        let _ = tokio::fs::remove_file(&tmp).await;
        return Err(ApiError::new(
            ErrorId::PayloadTooLarge,
            format!(
                "the source is larger than {} MiB",
                MAX_SOURCE_BYTES / 1024 / 1024
            ),
        ));
    }
    tokio::fs::rename(&tmp, &path)
        .await
        .map_err(ApiError::internal)?;
    state.store.mark_source_uploaded(id)?;
    Ok(StatusCode::OK)
}

async fn download_source(
    State(state): State<AppState>,
    Path((id, secret)): Path<(String, String)>,
) -> ApiResult<Response> {
    let id = find_source(&state, &id, &secret)?;
    let file = tokio::fs::File::open(state.pipeline.source_path(id))
        .await
        .map_err(|_| ApiError::not_found("source", "nothing was uploaded to this source yet"))?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    Ok(([(CONTENT_TYPE, "application/gzip")], body).into_response())
}

/// Copies or downloads the source a build names into a scratch file; checks its checksum.
pub async fn fetch_source(
    state: &AppState,
    base: &str,
    url: &str,
    checksum: Option<&str>,
) -> ApiResult<std::path::PathBuf> {
    let dest = state.pipeline.scratch_file();
    let ours = url
        .strip_prefix(base)
        .and_then(|rest| rest.strip_prefix("/sources/"))
        .and_then(|rest| rest.split_once('/'));
    if let Some((id, secret)) = ours {
        let id = find_source(state, id, secret)?;
        tokio::fs::copy(state.pipeline.source_path(id), &dest)
            .await
            .map_err(|_| {
                ApiError::invalid(
                    "nothing was uploaded to that source: PUT the tarball to its put_url first",
                )
            })?;
    } else if url.starts_with("http://") || url.starts_with("https://") {
        // One answer for every failure, so the error cannot tell a closed port from an open
        // one, or a refused target from an unreachable one; the detail is in the server's log.
        let fetched = outbound::download(url, &dest, MAX_SOURCE_BYTES, Duration::from_secs(300));
        if let Err(e) = fetched.await {
            let _ = tokio::fs::remove_file(&dest).await;
            return Err(match e {
                DownloadError::TooLarge => ApiError::invalid("the source is larger than 1 GiB"),
                DownloadError::Failed(detail) => {
                    tracing::info!("source {} not fetched: {detail}", outbound::redact(url));
                    ApiError::invalid(outbound::fetch_failed("the source", url))
                }
            });
        }
    } else {
        return Err(ApiError::invalid(format!(
            "`{}` is not a source tug can fetch: use the put_url of `POST /sources`, or an http(s) URL",
            outbound::redact(url)
        )));
    }
    if let Some(expected) = checksum {
        let want = expected
            .strip_prefix("SHA256:")
            .ok_or_else(|| ApiError::invalid("checksum must look like `SHA256:<hex>`"))?
            .to_ascii_lowercase();
        let got = sha256_file(&dest).await.map_err(ApiError::internal)?;
        if got != want {
            let _ = tokio::fs::remove_file(&dest).await;
            return Err(ApiError::invalid(format!(
                "the source's checksum is SHA256:{got}, not {expected}"
            )));
        }
    }
    Ok(dest)
}

/// A file's SHA-256 in hex, read in pieces: a source may be up to 1 GiB.
async fn sha256_file(path: &std::path::Path) -> std::io::Result<String> {
    use tokio::io::AsyncReadExt;
    let mut file = tokio::fs::File::open(path).await?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(crate::hex::encode(&hasher.finalize()))
}

async fn create_build(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    PublicUrl(base): PublicUrl,
    ApiJson(body): ApiJson<BuildCreate>,
) -> ApiResult<(StatusCode, Json<Build>)> {
    let url = body
        .source_blob
        .url
        .clone()
        .ok_or_else(|| ApiError::invalid("`source_blob.url` is required"))?;
    let buildpacks = match &body.buildpacks {
        Some(list) => {
            let mut out = vec![];
            for bp in list {
                let name = bp.url.clone().or_else(|| bp.name.clone()).ok_or_else(|| {
                    ApiError::invalid("each of `buildpacks` needs a `url` or a `name`")
                })?;
                check_buildpack(&name)?;
                out.push(name);
            }
            Some(out)
        }
        None => None,
    };
    let source = fetch_source(&state, &base, &url, body.source_blob.checksum.as_deref()).await?;
    let intent = Intent::build(
        &body.source_blob,
        body.source_blob.version_description.clone(),
    );
    let started = start_build(
        &state,
        &row,
        auth.account.id,
        source,
        &url,
        &body.source_blob,
        buildpacks,
        intent,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(present::build(&base, &started.build, auth.reader())),
    ))
}

/// Starts a build of a fetched source; a refusal or a busy app is an API error.
#[allow(clippy::too_many_arguments)]
pub async fn start_build(
    state: &AppState,
    app: &AppRow,
    user_id: Uuid,
    source: std::path::PathBuf,
    url: &str,
    blob: &SourceBlob,
    buildpacks: Option<Vec<String>>,
    intent: Intent,
) -> ApiResult<Started> {
    state
        .pipeline
        .start(BuildRequest {
            web_url: state.web_url(&app.name),
            app: app.clone(),
            user_id,
            source,
            source_url: Some(url.to_string()),
            version: blob.version.clone(),
            version_description: blob.version_description.clone(),
            checksum: blob.checksum.clone(),
            buildpacks,
            unwrap_single_dir: true,
            intent,
        })
        .await
        .map_err(|e| match e {
            StartError::Busy(_) => ApiError::conflict(e.to_string()),
            StartError::Refused {
                deployment,
                refusal,
            } => {
                let id = match refusal {
                    Refusal::Locked(_) => ErrorId::Locked,
                    _ => ErrorId::ChecksFailed,
                };
                ApiError::new(
                    id,
                    format!("deployment #{} refused: {refusal}", deployment.number),
                )
                .with_resource("deployment")
            }
            StartError::ShuttingDown => ApiError::new(ErrorId::Unavailable, e.to_string()),
            StartError::Other(e) => e.into(),
        })
}

async fn list_builds(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    PublicUrl(base): PublicUrl,
    RangeHeader(range): RangeHeader,
) -> ApiResult<Response> {
    let items: Vec<Build> = state
        .store
        .builds(row.id)?
        .iter()
        .map(|b| present::build(&base, b, auth.reader()))
        .collect();
    list(items, range)
}

/// One of the app's builds, by id; the same 404 for a build of another app.
fn find_build(state: &AppState, app: &AppRow, id: &str) -> ApiResult<BuildRow> {
    let not_found =
        || ApiError::not_found("build", format!("build `{id}` of `{}` not found", app.name));
    let build_id = Uuid::parse_str(id).map_err(|_| not_found())?;
    state
        .store
        .build(build_id)?
        .filter(|b| b.app_id == app.id)
        .ok_or_else(not_found)
}

async fn build_info(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    Path((_, id)): Path<(String, String)>,
    PublicUrl(base): PublicUrl,
) -> ApiResult<Json<Build>> {
    let build = find_build(&state, &row, &id)?;
    Ok(Json(present::build(&base, &build, auth.reader())))
}

/// Stops a running build: its processes end, it is recorded as failed, nothing is released.
/// Answers once it has ended, with the build as it ended.
async fn cancel_build(
    State(state): State<AppState>,
    PathApp(row, _, auth): PathApp,
    Path((_, id)): Path<(String, String)>,
    PublicUrl(base): PublicUrl,
) -> ApiResult<Json<Build>> {
    let build = find_build(&state, &row, &id)?;
    match state.pipeline.cancel(build.id, &auth.account.email) {
        Ok(Some(log)) => {
            log.finished().await;
        }
        Ok(None) => {}
        Err(CancelError::NotRunning) => {
            return Err(ApiError::conflict(format!(
                "build `{}` of `{}` has already ended ({}): only a running build can be cancelled",
                build.id, row.name, build.status
            ))
            .with_resource("build"));
        }
        Err(e @ CancelError::Releasing) => {
            return Err(ApiError::conflict(e.to_string()).with_resource("build"));
        }
    }
    let build = find_build(&state, &row, &id)?;
    Ok(Json(present::build(&base, &build, auth.reader())))
}

async fn purge_cache(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
) -> ApiResult<Json<serde_json::Value>> {
    let dir = state.pipeline.cache_dir(row.id);
    if dir.exists() {
        tokio::fs::remove_dir_all(&dir)
            .await
            .map_err(ApiError::internal)?;
    }
    Ok(Json(serde_json::json!({})))
}

fn installations(urls: &[String]) -> Vec<BuildpackInstallation> {
    urls.iter()
        .enumerate()
        .map(|(i, url)| BuildpackInstallation {
            ordinal: i as i64,
            buildpack: crate::api::BuildpackRef {
                url: url.clone(),
                name: url.clone(),
            },
        })
        .collect()
}

async fn list_buildpacks(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
) -> ApiResult<Json<Vec<BuildpackInstallation>>> {
    Ok(Json(installations(&state.store.buildpacks(row.id)?)))
}

async fn set_buildpacks(
    State(state): State<AppState>,
    PathApp(row, _, _): PathApp,
    ApiJson(body): ApiJson<BuildpackInstallationsUpdate>,
) -> ApiResult<Json<Vec<BuildpackInstallation>>> {
    let urls: Vec<String> = body.updates.into_iter().map(|u| u.buildpack).collect();
    for url in &urls {
        check_buildpack(url)?;
    }
    if urls.len() > 20 {
        return Err(ApiError::invalid("an app can have at most 20 buildpacks"));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = urls.iter().find(|u| !seen.insert(u.as_str())) {
        return Err(ApiError::invalid(format!("`{dup}` appears twice")));
    }
    state.store.set_buildpacks(row.id, &urls)?;
    Ok(Json(installations(&urls)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buildpack_names_and_urls() {
        outbound::allow_everything();
        for ok in [
            "python",
            "heroku/nodejs",
            "https://github.com/org/bp.git#v3",
            "file:///srv/bp",
            "/srv/buildpacks/mine",
            "https://example.com/bp.tgz",
            "heroku/ruby",
        ] {
            assert!(check_buildpack(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "ruby",
            "git@github.com:org/bp.git",
            "ftp://x/y",
            "https://",
            "a b",
            "a/b/c",
        ] {
            assert!(check_buildpack(bad).is_err(), "{bad}");
        }
    }
}
