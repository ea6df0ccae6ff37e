//! An app's log: log sessions, and the drains it is also sent to.

use reqwest::Method;

use super::{Client, ClientError};
use crate::api::{self, LogDrain, LogDrainCreate, paths};

impl Client {
    pub async fn create_log_session(
        &self,
        app: &str,
        body: &api::LogSessionCreate,
    ) -> Result<api::LogSession, ClientError> {
        self.with_body(Method::POST, &paths::app_log_sessions(app), body)
            .await
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
