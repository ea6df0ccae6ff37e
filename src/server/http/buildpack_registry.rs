//! The lookup side of Heroku's buildpack registry, for the built-in buildpacks: the official
//! CLI turns a `namespace/name` (`heroku/nodejs`) into a buildpack URL by asking
//! `$HEROKU_BUILDPACK_REGISTRY_URL/buildpacks/heroku%2Fnodejs`; pointed at this API, it gets
//! `blob_url: "heroku/nodejs"`, a name builds here understand. Public, as the registry is: it
//! tells only what is compiled into every tug.

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use uuid::Uuid;

use super::AppState;
use super::error::{ApiError, ApiResult};
use crate::server::build::builtin;

/// When the built-ins were "published": fixed, so answers do not change between starts.
const PUBLISHED: &str = "2026-01-01T00:00:00Z";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/buildpacks/{buildpack}", get(info))
        .route("/buildpacks/{buildpack}/revisions", get(revisions))
        .route("/buildpacks/{buildpack}/readme", get(readme))
}

/// `heroku/nodejs` → (`heroku`, `nodejs`, the built-in's name), for names the registry would
/// know: a namespace, a slash and a name that a built-in answers to.
fn find(slug: &str) -> ApiResult<(String, String, &'static str)> {
    let not_found = || {
        let shown: String = slug.chars().filter(|c| !c.is_control()).take(60).collect();
        ApiError::not_found(
            "buildpack",
            format!(
                "no buildpack `{shown}` here: this registry knows heroku/python, heroku/nodejs, heroku/procfile and heroku/null"
            ),
        )
    };
    let (namespace, name) = slug.split_once('/').ok_or_else(not_found)?;
    if namespace.is_empty() || name.is_empty() || name.contains('/') {
        return Err(not_found());
    }
    let builtin = builtin::lookup(slug).ok_or_else(not_found)?;
    Ok((namespace.to_string(), name.to_string(), builtin.name))
}

/// A stable id per name, so a revision and its buildpack keep theirs.
fn id_of(slug: &str) -> Uuid {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("tug-buildpack:{slug}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

async fn info(Path(slug): Path<String>) -> ApiResult<Json<Value>> {
    let (namespace, name, builtin) = find(&slug)?;
    Ok(Json(json!({
        "id": id_of(&slug),
        "namespace": namespace,
        "name": name,
        "description": format!("tug's built-in `{builtin}` buildpack"),
        "category": "languages",
        "support": {"method": "other"},
        "source": {"type": "built-in"},
        "blob_url": slug,
        "two_factor_authentication": false,
        "created_at": PUBLISHED,
        "updated_at": PUBLISHED,
    })))
}

async fn revisions(Path(slug): Path<String>) -> ApiResult<Json<Value>> {
    find(&slug)?;
    Ok(Json(json!([{
        "id": id_of(&format!("{slug}#1")),
        "buildpack_id": id_of(&slug),
        "release": 1,
        "status": "published",
        "tarball": slug,
        "published_by": "tug",
        "created_at": PUBLISHED,
        "updated_at": PUBLISHED,
    }])))
}

async fn readme(Path(slug): Path<String>) -> ApiResult<Json<Value>> {
    let (_, _, builtin) = find(&slug)?;
    Ok(Json(json!({
        "content": format!("tug's built-in `{builtin}` buildpack, compiled into the server."),
        "format": "markdown",
    })))
}
