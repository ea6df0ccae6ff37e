//! The account, its authorizations (logging in and out), and the platform's health.

use super::{Client, ClientError};
use crate::api::dashboard::{DashboardLink, DashboardLinkCreate};
use crate::api::{Account, Health, OAuthAuthorization, OAuthAuthorizationCreate, paths};

impl Client {
    pub async fn account(&self) -> Result<Account, ClientError> {
        self.get(&paths::account()).await
    }

    /// `POST /oauth/authorizations` with Basic email:password: the interactive login.
    pub async fn create_authorization(
        &self,
        email: &str,
        password: &str,
        body: &OAuthAuthorizationCreate,
    ) -> Result<OAuthAuthorization, ClientError> {
        let req = self
            .http
            .post(self.api.endpoint(paths::oauth_authorizations().segments()))
            .basic_auth(email, Some(password))
            .json(body);
        let resp = self.send(req).await?;
        self.decode(resp).await
    }

    /// `POST /dashboard/links`: a single-use link that signs a browser in to the dashboard.
    pub async fn create_dashboard_link(
        &self,
        body: &DashboardLinkCreate,
    ) -> Result<DashboardLink, ClientError> {
        self.with_body(reqwest::Method::POST, &paths::dashboard_links(), body)
            .await
    }

    pub async fn delete_authorization(&self, id: &str) -> Result<OAuthAuthorization, ClientError> {
        self.delete(&paths::oauth_authorization(id)).await
    }

    /// A new token for an authorization; the response carries it whole, this once.
    pub async fn rotate_authorization(&self, id: &str) -> Result<OAuthAuthorization, ClientError> {
        let path = paths::oauth_authorization_regenerate(id);
        self.with_body(reqwest::Method::POST, &path, &serde_json::json!({}))
            .await
    }

    /// `GET /health`: answers once the platform accepts requests.
    pub async fn health(&self) -> Result<Health, ClientError> {
        self.get(&paths::health()).await
    }
}
