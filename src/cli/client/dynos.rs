//! Dynos and the formation: list, run, restart, stop, scale.

use reqwest::Method;

use super::{Client, ClientError, Target};
use crate::api::{Dyno, DynoCreate, Formation, FormationBatchUpdate, paths};

impl Client {
    // ---- dynos and formation ------------------------------------------------------------------

    pub async fn dynos(&self, app: &str) -> Result<Vec<Dyno>, ClientError> {
        self.list(&paths::app_dynos(app), None, true).await
    }

    pub async fn create_dyno(&self, app: &str, body: &DynoCreate) -> Result<Dyno, ClientError> {
        self.with_body(Method::POST, &paths::app_dynos(app), body)
            .await
    }

    /// Restarts every dyno of the app, one dyno (`web.1`), or every dyno of a type.
    pub async fn restart(&self, app: &str, target: &Target) -> Result<(), ClientError> {
        let _: serde_json::Value = match target {
            Target::All => self.delete(&paths::app_dynos(app)).await?,
            Target::Dyno(name) => self.delete(&paths::app_dyno(app, name)).await?,
            Target::Type(kind) => self.delete(&paths::app_formation_dynos(app, kind)).await?,
        };
        Ok(())
    }

    /// Stops one dyno, or every dyno of a type.
    pub async fn stop(&self, app: &str, target: &Target) -> Result<(), ClientError> {
        let empty = serde_json::json!({});
        let _: serde_json::Value = match target {
            Target::All => {
                return Err(ClientError::Unexpected {
                    url: self.api.to_string(),
                    detail: "stopping needs a dyno or a process type".to_string(),
                });
            }
            Target::Dyno(name) => {
                self.with_body(Method::POST, &paths::app_dyno_stop(app, name), &empty)
                    .await?
            }
            Target::Type(kind) => {
                self.with_body(Method::POST, &paths::app_formation_stop(app, kind), &empty)
                    .await?
            }
        };
        Ok(())
    }

    pub async fn formation(&self, app: &str) -> Result<Vec<Formation>, ClientError> {
        let mut list: Vec<Formation> = self.list(&paths::app_formation(app), None, true).await?;
        list.sort_by(|a, b| a.kind.cmp(&b.kind));
        Ok(list)
    }

    pub async fn update_formation(
        &self,
        app: &str,
        body: &FormationBatchUpdate,
    ) -> Result<Vec<Formation>, ClientError> {
        self.with_body(Method::PATCH, &paths::app_formation(app), body)
            .await
    }
}
