//! An app's log: log sessions, and the drains it is also sent to.

use reqwest::header::ACCEPT;
use reqwest::{Method, Response};

use super::{Client, ClientError, http_client};
use crate::api::{self, LogDrain, LogDrainCreate, paths};
use crate::cli::config::ApiUrl;

impl Client {
    pub async fn create_log_session(
        &self,
        app: &str,
        body: &api::LogSessionCreate,
    ) -> Result<api::LogSession, ClientError> {
        self.with_body(Method::POST, &paths::app_log_sessions(app), body)
            .await
    }

    /// Opens a log session's URL (a capability, like `build_output`) as Server-Sent Events,
    /// resuming just after the line whose event id is `after`.
    pub async fn log_events(&self, url: &str, after: Option<u64>) -> Result<Response, ClientError> {
        let unexpected = |detail: String| ClientError::Unexpected {
            url: url.to_string(),
            detail,
        };
        let target = ApiUrl::parse(url).map_err(unexpected)?;
        let http = http_client(&target, None).map_err(|e| unexpected(e.to_string()))?;
        let mut req = http.get(url).header(ACCEPT, "text/event-stream");
        if let Some(id) = after {
            req = req.header("Last-Event-ID", id.to_string());
        }
        self.send(req).await
    }

    // ---- log drains ---------------------------------------------------------------------------

    pub async fn drains(&self, app: &str) -> Result<Vec<LogDrain>, ClientError> {
        self.list(&paths::app_log_drains(app), None, true).await
    }

    pub async fn add_drain(&self, app: &str, url: &str) -> Result<LogDrain, ClientError> {
        let body = LogDrainCreate {
            url: url.to_string(),
        };
        self.with_body(Method::POST, &paths::app_log_drains(app), &body)
            .await
    }

    /// Removes a drain named by its id, URL or token.
    pub async fn remove_drain(&self, app: &str, drain: &str) -> Result<LogDrain, ClientError> {
        self.delete(&paths::app_log_drain(app, drain)).await
    }
}
