//! An app's domains.

use reqwest::Method;

use super::{Client, ClientError};
use crate::api::{Domain, DomainCreate, Range, paths};

impl Client {
    /// Every domain of the app, the app's own first; `Range: id ..; max=1000` as the official
    /// CLI asks, following `Next-Range`.
    pub async fn domains(&self, app: &str) -> Result<Vec<Domain>, ClientError> {
        let range = Range::new("id").with_max(1000);
        self.list(&paths::app_domains(app), Some(&range), true)
            .await
    }

    /// One domain by hostname or id.
    pub async fn domain(&self, app: &str, domain: &str) -> Result<Domain, ClientError> {
        self.get(&paths::app_domain(app, domain)).await
    }

    pub async fn add_domain(&self, app: &str, hostname: &str) -> Result<Domain, ClientError> {
        let body = DomainCreate {
            hostname: hostname.to_string(),
            sni_endpoint: None,
        };
        self.with_body(Method::POST, &paths::app_domains(app), &body)
            .await
    }

    pub async fn remove_domain(&self, app: &str, domain: &str) -> Result<Domain, ClientError> {
        self.delete(&paths::app_domain(app, domain)).await
    }

    /// Removes every custom domain; answers the ones removed.
    pub async fn clear_domains(&self, app: &str) -> Result<Vec<Domain>, ClientError> {
        self.delete(&paths::app_domains(app)).await
    }
}
