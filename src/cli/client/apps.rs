//! Apps, their config vars and their collaborators.

use reqwest::Method;

use super::{Client, ClientError};
use crate::api::{
    App, AppCreate, AppSetup, AppSetupCreate, AppUpdate, Collaborator, CollaboratorCreate,
    ConfigVars, ConfigVarsUpdate, Feature, FeatureUpdate, paths,
};

impl Client {
    // ---- apps ---------------------------------------------------------------------------------

    /// Apps the account owns or collaborates on.
    pub async fn apps(&self) -> Result<Vec<App>, ClientError> {
        self.list(&paths::user_apps("~"), None, true).await
    }

    pub async fn app(&self, app: &str) -> Result<App, ClientError> {
        self.get(&paths::app(app)).await
    }

    pub async fn create_app(&self, body: &AppCreate) -> Result<App, ClientError> {
        self.with_body(Method::POST, &paths::apps(), body).await
    }

    pub async fn update_app(&self, app: &str, body: &AppUpdate) -> Result<App, ClientError> {
        self.with_body(Method::PATCH, &paths::app(app), body).await
    }

    pub async fn delete_app(&self, app: &str) -> Result<App, ClientError> {
        self.delete(&paths::app(app)).await
    }

    /// Creates an app from an uploaded source and its app.json.
    pub async fn create_app_setup(&self, body: &AppSetupCreate) -> Result<AppSetup, ClientError> {
        self.with_body(Method::POST, &paths::app_setups(), body)
            .await
    }

    pub async fn app_setup(&self, id: &str) -> Result<AppSetup, ClientError> {
        self.get(&paths::app_setup(id)).await
    }

    // ---- features -----------------------------------------------------------------------------

    pub async fn update_app_feature(
        &self,
        app: &str,
        feature: &str,
        body: &FeatureUpdate,
    ) -> Result<Feature, ClientError> {
        self.with_body(Method::PATCH, &paths::app_feature(app, feature), body)
            .await
    }

    // ---- config vars --------------------------------------------------------------------------

    pub async fn config_vars(&self, app: &str) -> Result<ConfigVars, ClientError> {
        self.get(&paths::app_config_vars(app)).await
    }

    pub async fn update_config_vars(
        &self,
        app: &str,
        body: &ConfigVarsUpdate,
    ) -> Result<ConfigVars, ClientError> {
        self.with_body(Method::PATCH, &paths::app_config_vars(app), body)
            .await
    }

    // ---- collaborators ------------------------------------------------------------------------

    pub async fn collaborators(&self, app: &str) -> Result<Vec<Collaborator>, ClientError> {
        self.list(&paths::app_collaborators(app), None, true).await
    }

    pub async fn add_collaborator(
        &self,
        app: &str,
        body: &CollaboratorCreate,
    ) -> Result<Collaborator, ClientError> {
        self.with_body(Method::POST, &paths::app_collaborators(app), body)
            .await
    }

    pub async fn remove_collaborator(
        &self,
        app: &str,
        email: &str,
    ) -> Result<Collaborator, ClientError> {
        self.delete(&paths::app_collaborator(app, email)).await
    }
}
