//! Pipelines, their couplings and promotions.

use reqwest::Method;

use super::{Client, ClientError};
use crate::api::{
    Pipeline, PipelineCoupling, PipelineCouplingCreate, PipelineCouplingUpdate, PipelineCreate,
    PipelinePromotion, PipelinePromotionCreate, PipelinePromotionTarget, PipelineUpdate, Slug,
    paths,
};

impl Client {
    pub async fn pipelines(&self) -> Result<Vec<Pipeline>, ClientError> {
        self.list(&paths::pipelines(), None, true).await
    }

    /// A pipeline by id or name.
    pub async fn pipeline(&self, pipeline: &str) -> Result<Pipeline, ClientError> {
        self.get(&paths::pipeline(pipeline)).await
    }

    pub async fn create_pipeline(&self, name: &str) -> Result<Pipeline, ClientError> {
        let body = PipelineCreate {
            name: name.to_string(),
            owner: None,
            generation: None,
        };
        self.with_body(Method::POST, &paths::pipelines(), &body)
            .await
    }

    pub async fn rename_pipeline(&self, id: &str, name: &str) -> Result<Pipeline, ClientError> {
        let body = PipelineUpdate {
            name: Some(name.to_string()),
        };
        self.with_body(Method::PATCH, &paths::pipeline(id), &body)
            .await
    }

    pub async fn delete_pipeline(&self, id: &str) -> Result<Pipeline, ClientError> {
        self.delete(&paths::pipeline(id)).await
    }

    /// A pipeline's couplings, in stage order.
    pub async fn pipeline_couplings(
        &self,
        pipeline: &str,
    ) -> Result<Vec<PipelineCoupling>, ClientError> {
        self.list(&paths::pipeline_couplings_of(pipeline), None, true)
            .await
    }

    /// The app's coupling; a 404 when it is in no pipeline.
    pub async fn app_coupling(&self, app: &str) -> Result<PipelineCoupling, ClientError> {
        self.get(&paths::app_pipeline_couplings(app)).await
    }

    pub async fn couple(
        &self,
        pipeline: &str,
        app: &str,
        stage: &str,
    ) -> Result<PipelineCoupling, ClientError> {
        let body = PipelineCouplingCreate {
            app: app.to_string(),
            pipeline: pipeline.to_string(),
            stage: stage.to_string(),
        };
        self.with_body(Method::POST, &paths::pipeline_couplings(), &body)
            .await
    }

    pub async fn set_coupling_stage(
        &self,
        id: &str,
        stage: &str,
    ) -> Result<PipelineCoupling, ClientError> {
        let body = PipelineCouplingUpdate {
            stage: Some(stage.to_string()),
        };
        self.with_body(Method::PATCH, &paths::pipeline_coupling(id), &body)
            .await
    }

    pub async fn uncouple(&self, id: &str) -> Result<PipelineCoupling, ClientError> {
        self.delete(&paths::pipeline_coupling(id)).await
    }

    pub async fn promote(
        &self,
        body: &PipelinePromotionCreate,
    ) -> Result<PipelinePromotion, ClientError> {
        self.with_body(Method::POST, &paths::pipeline_promotions(), body)
            .await
    }

    pub async fn promotion(&self, id: &str) -> Result<PipelinePromotion, ClientError> {
        self.get(&paths::pipeline_promotion(id)).await
    }

    pub async fn promotion_targets(
        &self,
        id: &str,
    ) -> Result<Vec<PipelinePromotionTarget>, ClientError> {
        self.list(&paths::pipeline_promotion_targets(id), None, true)
            .await
    }

    /// A slug's metadata (its commit, for `pipelines:diff`).
    pub async fn slug(&self, app: &str, id: &str) -> Result<Slug, ClientError> {
        self.get(&paths::app_slug(app, id)).await
    }
}
