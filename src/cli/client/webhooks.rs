//! Webhooks, their events and deliveries (`Accept: …version=3.webhooks`, as the official CLI
//! sends).

use reqwest::header::ACCEPT;
use reqwest::{Method, RequestBuilder};

use super::{Client, ClientError};
use crate::api::paths::ApiPath;
use crate::api::{
    self, AppWebhook, AppWebhookCreate, AppWebhookDelivery, AppWebhookEvent, AppWebhookUpdate,
    Range, paths,
};

impl Client {
    fn webhooks_request(&self, method: Method, path: &ApiPath) -> RequestBuilder {
        self.request(method, path)
            .header(ACCEPT, api::WEBHOOKS_ACCEPT)
    }

    /// A webhook answer, with the signing secret when the request set it.
    async fn webhook_with_secret(
        &self,
        req: RequestBuilder,
    ) -> Result<(AppWebhook, Option<String>), ClientError> {
        let resp = self.send(req).await?;
        let secret = resp
            .headers()
            .get(api::WEBHOOK_SECRET_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok((self.decode(resp).await?, secret))
    }

    pub async fn webhooks(&self, app: &str) -> Result<Vec<AppWebhook>, ClientError> {
        self.list_accepting(&paths::app_webhooks(app), None, true, api::WEBHOOKS_ACCEPT)
            .await
    }

    pub async fn webhook(&self, app: &str, id: &str) -> Result<AppWebhook, ClientError> {
        let resp = self
            .send(self.webhooks_request(Method::GET, &paths::app_webhook(app, id)))
            .await?;
        self.decode(resp).await
    }

    pub async fn add_webhook(
        &self,
        app: &str,
        body: &AppWebhookCreate,
    ) -> Result<(AppWebhook, Option<String>), ClientError> {
        let req = self
            .webhooks_request(Method::POST, &paths::app_webhooks(app))
            .json(body);
        self.webhook_with_secret(req).await
    }

    pub async fn update_webhook(
        &self,
        app: &str,
        id: &str,
        body: &AppWebhookUpdate,
    ) -> Result<(AppWebhook, Option<String>), ClientError> {
        let req = self
            .webhooks_request(Method::PATCH, &paths::app_webhook(app, id))
            .json(body);
        self.webhook_with_secret(req).await
    }

    pub async fn remove_webhook(&self, app: &str, id: &str) -> Result<AppWebhook, ClientError> {
        let resp = self
            .send(self.webhooks_request(Method::DELETE, &paths::app_webhook(app, id)))
            .await?;
        self.decode(resp).await
    }

    /// The newest `max` webhook events, newest first.
    pub async fn webhook_events(
        &self,
        app: &str,
        max: usize,
    ) -> Result<Vec<AppWebhookEvent>, ClientError> {
        let range = Range::new("created_at").with_max(max).desc();
        self.list_accepting(
            &paths::app_webhook_events(app),
            Some(&range),
            false,
            api::WEBHOOKS_ACCEPT,
        )
        .await
    }

    /// The newest `max` webhook deliveries, newest first.
    pub async fn webhook_deliveries(
        &self,
        app: &str,
        max: usize,
    ) -> Result<Vec<AppWebhookDelivery>, ClientError> {
        let range = Range::new("created_at").with_max(max).desc();
        self.list_accepting(
            &paths::app_webhook_deliveries(app),
            Some(&range),
            false,
            api::WEBHOOKS_ACCEPT,
        )
        .await
    }
}
