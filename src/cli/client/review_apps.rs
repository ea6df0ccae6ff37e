//! Review apps and the pipeline config that turns them on.

use std::collections::BTreeMap;

use reqwest::Method;

use super::{Client, ClientError};
use crate::api::{ReviewApp, ReviewAppConfig, ReviewAppConfigUpdate, ReviewAppCreate, paths};

impl Client {
    pub async fn review_apps(&self, pipeline: &str) -> Result<Vec<ReviewApp>, ClientError> {
        self.list(&paths::pipeline_review_apps(pipeline), None, true)
            .await
    }

    /// A review app for `branch`, built from the branch as last pushed to the pipeline.
    pub async fn create_review_app(
        &self,
        pipeline: &str,
        branch: &str,
    ) -> Result<ReviewApp, ClientError> {
        let body = ReviewAppCreate {
            branch: branch.to_string(),
            pipeline: pipeline.to_string(),
            ..ReviewAppCreate::default()
        };
        self.with_body(Method::POST, &paths::review_apps(), &body)
            .await
    }

    pub async fn delete_review_app(&self, id: &str) -> Result<ReviewApp, ClientError> {
        self.delete(&paths::review_app(id)).await
    }

    /// Turns review apps on, or changes what `body` gives when they are on.
    pub async fn enable_review_apps(
        &self,
        pipeline: &str,
        body: &ReviewAppConfigUpdate,
    ) -> Result<ReviewAppConfig, ClientError> {
        self.with_body(
            Method::POST,
            &paths::pipeline_review_app_config(pipeline),
            body,
        )
        .await
    }

    pub async fn disable_review_apps(
        &self,
        pipeline: &str,
    ) -> Result<ReviewAppConfig, ClientError> {
        self.delete(&paths::pipeline_review_app_config(pipeline))
            .await
    }

    /// Sets (or, with `None`, unsets) the config vars new review apps start with.
    pub async fn set_review_config_vars(
        &self,
        pipeline: &str,
        vars: &BTreeMap<String, Option<String>>,
    ) -> Result<BTreeMap<String, String>, ClientError> {
        let path = paths::pipeline_stage_config_vars(pipeline, "review");
        self.with_body(Method::PATCH, &path, vars).await
    }
}
