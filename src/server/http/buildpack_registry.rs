//! The lookup side of Heroku's buildpack registry: the official CLI turns a `namespace/name`
//! (`heroku/nodejs`) into a buildpack setting by asking
//! `$HEROKU_BUILDPACK_REGISTRY_URL/buildpacks/heroku%2Fnodejs` and setting its `blob_url`.
//! Pointed at this API it finds the built-ins (`blob_url` the same name, which builds here
//! understand) and the buildpacks the operator installed as `DIR/NAMESPACE/NAME` under a
//! `--buildpack-dir` (`blob_url` that directory, a local buildpack builds may use). Public, as
//! the registry is: it tells only what the operator chose to offer every user.

use std::path::{Path as FsPath, PathBuf};

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use uuid::Uuid;

use super::AppState;
use super::error::{ApiError, ApiResult};
use crate::api::Timestamp;
use crate::server::build::builtin;
use crate::server::outbound;

/// When the built-ins were "published": fixed, so answers do not change between starts.
const PUBLISHED: &str = "2026-01-01T00:00:00Z";
/// The most of an installed buildpack's README that is served.
const MAX_README_BYTES: u64 = 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/buildpacks/{buildpack}", get(info))
        .route("/buildpacks/{buildpack}/revisions", get(revisions))
        .route("/buildpacks/{buildpack}/readme", get(readme))
}

/// A name the registry knows, and what it stands for.
struct Found {
    namespace: String,
    name: String,
    what: Kind,
}

enum Kind {
    /// A built-in, by its own name.
    Builtin(&'static str),
    /// A buildpack directory under a `--buildpack-dir`.
    Installed(PathBuf),
}

/// `heroku/nodejs` → what it names: a built-in that answers to it, else the first
/// `DIR/NAMESPACE/NAME` with `bin/detect` and `bin/compile` under the listed directories.
async fn find(slug: String) -> ApiResult<Found> {
    let not_found = || {
        let shown: String = slug.chars().filter(|c| !c.is_control()).take(60).collect();
        ApiError::not_found(
            "buildpack",
            format!(
                "no buildpack `{shown}` here: this registry knows heroku/python, heroku/nodejs, heroku/procfile, heroku/null and what the operator installed as DIR/NAMESPACE/NAME under a --buildpack-dir"
            ),
        )
    };
    let (namespace, name) = slug.split_once('/').ok_or_else(not_found)?;
    if !plain_name(namespace) || !plain_name(name) {
        return Err(not_found());
    }
    let found = |what| Found {
        namespace: namespace.to_owned(),
        name: name.to_owned(),
        what,
    };
    if let Some(builtin) = builtin::lookup(&slug) {
        return Ok(found(Kind::Builtin(builtin.name)));
    }
    let relative = PathBuf::from(namespace).join(name);
    let dir = tokio::task::spawn_blocking(move || installed(&relative))
        .await
        .map_err(ApiError::internal)?;
    dir.map(|dir| found(Kind::Installed(dir)))
        .ok_or_else(not_found)
}

/// One path component a registry name may have: what the official CLI accepts for a name
/// (`[a-z0-9][a-z0-9_-]*`, any case), so no `.`, `..` or separator ever reaches a path.
fn plain_name(part: &str) -> bool {
    !part.is_empty()
        && part.len() <= 100
        && part.as_bytes()[0].is_ascii_alphanumeric()
        && part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The installed buildpack at `relative` under the first listed directory that has one; only
/// where a build would take it from (symbolic links that lead out of the directory do not count).
fn installed(relative: &FsPath) -> Option<PathBuf> {
    let policy = outbound::policy();
    policy
        .buildpack_dirs
        .iter()
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(relative))
        .find(|dir| {
            ["bin/detect", "bin/compile"]
                .iter()
                .all(|script| dir.join(script).is_file())
                && policy.check_buildpack_path(dir).is_ok()
        })
}

/// A stable id per name, so a revision and its buildpack keep theirs.
fn id_of(slug: &str) -> Uuid {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("tug-buildpack:{slug}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

impl Found {
    fn slug(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }

    /// What a build is given: the built-in's name, or the installed directory.
    fn blob_url(&self) -> String {
        match &self.what {
            Kind::Builtin(_) => self.slug(),
            Kind::Installed(dir) => dir.display().to_string(),
        }
    }

    /// When it last changed: fixed for a built-in, its `bin/compile`'s time when installed.
    fn updated_at(&self) -> Value {
        let Kind::Installed(dir) = &self.what else {
            return json!(PUBLISHED);
        };
        let secs = std::fs::metadata(dir.join("bin/compile"))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
        json!(Timestamp(secs))
    }
}

async fn info(Path(slug): Path<String>) -> ApiResult<Json<Value>> {
    let found = find(slug).await?;
    let (description, source) = match &found.what {
        Kind::Builtin(name) => (format!("tug's built-in `{name}` buildpack"), "built-in"),
        Kind::Installed(_) => (
            "a buildpack the operator installed on this server".to_owned(),
            "directory",
        ),
    };
    let at = found.updated_at();
    Ok(Json(json!({
        "id": id_of(&found.slug()),
        "namespace": found.namespace,
        "name": found.name,
        "description": description,
        "category": "languages",
        "support": {"method": "other"},
        "source": {"type": source},
        "blob_url": found.blob_url(),
        "two_factor_authentication": false,
        "created_at": at,
        "updated_at": at,
    })))
}

async fn revisions(Path(slug): Path<String>) -> ApiResult<Json<Value>> {
    let found = find(slug).await?;
    let at = found.updated_at();
    Ok(Json(json!([{
        "id": id_of(&format!("{}#1", found.slug())),
        "buildpack_id": id_of(&found.slug()),
        "release": 1,
        "status": "published",
        "tarball": found.blob_url(),
        "published_by": "tug",
        "created_at": at,
        "updated_at": at,
    }])))
}

async fn readme(Path(slug): Path<String>) -> ApiResult<Json<Value>> {
    let found = find(slug).await?;
    let content = match found.what {
        Kind::Builtin(name) => {
            format!("tug's built-in `{name}` buildpack, compiled into the server.")
        }
        Kind::Installed(dir) => tokio::task::spawn_blocking(move || installed_readme(&dir))
            .await
            .map_err(ApiError::internal)?,
    };
    Ok(Json(json!({"content": content, "format": "markdown"})))
}

/// An installed buildpack's `README.md` (or `README`), its first 64 KiB; one that leads out of
/// the listed directories is not read.
fn installed_readme(dir: &FsPath) -> String {
    use std::io::Read;
    let policy = outbound::policy();
    let text = ["README.md", "README"]
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file() && policy.check_buildpack_path(path).is_ok())
        .and_then(|path| {
            let mut bytes = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(MAX_README_BYTES).read_to_end(&mut bytes))
                .ok()?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        });
    text.unwrap_or_else(|| "A buildpack installed on this server; it has no README.".to_owned())
}
