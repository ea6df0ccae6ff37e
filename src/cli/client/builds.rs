//! Builds, their output, buildpacks, and source uploads.

use std::time::Duration;

use reqwest::header::ACCEPT;
use reqwest::{Method, Response};

use super::{Client, ClientError, http_client};
use crate::api::{
    Build, BuildCreate, BuildpackInstallation, BuildpackInstallationsUpdate, Range, Source, paths,
};
use crate::cli::config::ApiUrl;

impl Client {
    // ---- builds and buildpacks ---------------------------------------------------------------

    /// The newest `max` builds, newest first.
    pub async fn builds(&self, app: &str, max: usize) -> Result<Vec<Build>, ClientError> {
        let range = Range::new("created_at").with_max(max).desc();
        self.list(&paths::app_builds(app), Some(&range), false)
            .await
    }

    pub async fn build(&self, app: &str, id: &str) -> Result<Build, ClientError> {
        self.get(&paths::app_build(app, id)).await
    }

    /// Opens a build's output (`output_stream_url`). That URL is a capability: no token goes
    /// with it, and a quiet build may keep it open as long as it runs, so there is no read
    /// timeout.
    pub async fn build_output(&self, url: &str) -> Result<Response, ClientError> {
        let unexpected = |detail: String| ClientError::Unexpected {
            url: url.to_string(),
            detail,
        };
        let target = ApiUrl::parse(url).map_err(unexpected)?;
        let http = http_client(&target, None).map_err(|e| unexpected(e.to_string()))?;
        self.send(http.get(url).header(ACCEPT, "text/plain")).await
    }

    /// The app's buildpacks, in the order builds run them.
    pub async fn buildpacks(&self, app: &str) -> Result<Vec<BuildpackInstallation>, ClientError> {
        let mut list: Vec<BuildpackInstallation> =
            self.get(&paths::app_buildpack_installations(app)).await?;
        list.sort_by_key(|b| b.ordinal);
        Ok(list)
    }

    /// Replaces the app's buildpack list.
    pub async fn set_buildpacks(
        &self,
        app: &str,
        body: &BuildpackInstallationsUpdate,
    ) -> Result<Vec<BuildpackInstallation>, ClientError> {
        self.with_body(Method::PUT, &paths::app_buildpack_installations(app), body)
            .await
    }

    /// `POST /sources`: where to upload a source tarball.
    pub async fn create_source(&self) -> Result<Source, ClientError> {
        self.with_body(Method::POST, &paths::sources(), &serde_json::json!({}))
            .await
    }

    /// Uploads a source tarball to a `put_url` (a capability: no token goes with it).
    pub async fn upload_source(&self, put_url: &str, bytes: Vec<u8>) -> Result<(), ClientError> {
        let unexpected = |detail: String| ClientError::Unexpected {
            url: put_url.to_string(),
            detail,
        };
        let target = ApiUrl::parse(put_url).map_err(unexpected)?;
        let http = http_client(&target, Some(Duration::from_secs(120)))
            .map_err(|e| unexpected(e.to_string()))?;
        let req = http
            .put(put_url)
            .header(reqwest::header::CONTENT_TYPE, "")
            .header(reqwest::header::CONTENT_LENGTH, bytes.len())
            .body(bytes);
        self.send(req).await?;
        Ok(())
    }

    /// Stops a running build; answers once it has ended.
    pub async fn cancel_build(&self, app: &str, id: &str) -> Result<Build, ClientError> {
        self.delete(&paths::app_build(app, id)).await
    }

    pub async fn create_build(&self, app: &str, body: &BuildCreate) -> Result<Build, ClientError> {
        self.with_body(Method::POST, &paths::app_builds(app), body)
            .await
    }
}
