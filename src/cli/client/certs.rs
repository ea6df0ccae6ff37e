//! An app's uploaded certificates (SNI endpoints).

use reqwest::Method;

use super::{Client, ClientError};
use crate::api::{SniEndpoint, SniEndpointCreate, paths};

impl Client {
    pub async fn sni_endpoints(&self, app: &str) -> Result<Vec<SniEndpoint>, ClientError> {
        self.list(&paths::app_sni_endpoints(app), None, true).await
    }

    pub async fn sni_endpoint(&self, app: &str, name: &str) -> Result<SniEndpoint, ClientError> {
        self.get(&paths::app_sni_endpoint(app, name)).await
    }

    pub async fn add_sni_endpoint(
        &self,
        app: &str,
        body: &SniEndpointCreate,
    ) -> Result<SniEndpoint, ClientError> {
        self.with_body(Method::POST, &paths::app_sni_endpoints(app), body)
            .await
    }

    pub async fn update_sni_endpoint(
        &self,
        app: &str,
        name: &str,
        body: &SniEndpointCreate,
    ) -> Result<SniEndpoint, ClientError> {
        self.with_body(Method::PATCH, &paths::app_sni_endpoint(app, name), body)
            .await
    }

    pub async fn remove_sni_endpoint(
        &self,
        app: &str,
        name: &str,
    ) -> Result<SniEndpoint, ClientError> {
        self.delete(&paths::app_sni_endpoint(app, name)).await
    }
}

impl Client {
    /// Turns automated certificate management on for an app.
    pub async fn enable_acm(&self, app: &str) -> Result<crate::api::App, ClientError> {
        self.with_body(Method::POST, &paths::app_acm(app), &serde_json::json!({}))
            .await
    }

    /// Turns it off: the automatic certificates are no longer served.
    pub async fn disable_acm(&self, app: &str) -> Result<crate::api::App, ClientError> {
        self.delete(&paths::app_acm(app)).await
    }

    /// Orders again now: failing domains, and renewals.
    pub async fn refresh_acm(&self, app: &str) -> Result<crate::api::App, ClientError> {
        self.with_body(
            Method::PATCH,
            &paths::app_acm(app),
            &serde_json::json!({"acm_refresh": true}),
        )
        .await
    }
}
