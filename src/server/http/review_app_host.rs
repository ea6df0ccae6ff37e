//! What the API layer lends the deploy layer's review apps (`deploy::review_apps::Host`):
//! add-ons are provisioned and apps removed exactly as their endpoints do it, so a review
//! app made by a push is the same as one made by hand.

use std::sync::Arc;

use uuid::Uuid;

use super::AppState;
use super::addons::provision;
use super::apps::remove_app;
use super::builds::check_buildpack;
use super::extract::Auth;
use crate::server::deploy::review_apps::{Host, HostFuture, ReviewApps};
use crate::server::store::{AppRow, AuthorizationRow};

impl AppState {
    /// The review apps, reaching add-ons and app removal through this state.
    pub fn review_apps(&self) -> ReviewApps {
        ReviewApps {
            store: self.store.clone(),
            builds: self.pipeline.clone(),
            live: self.live.clone(),
            deployments: self.deployments.clone(),
            quotas: self.quotas.clone(),
            host: Arc::new(self.clone()),
        }
    }
}

/// The server acting for `account_id` outside a request (a push, the stale sweep). The paths
/// it is used on read only the account; the authorization is a placeholder, not a token.
fn acting_as(state: &AppState, account_id: Uuid) -> Result<Auth, String> {
    let account = state
        .store
        .account_by_id(account_id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "the account that made the review app is gone".to_string())?;
    Ok(Auth {
        authorization: AuthorizationRow {
            id: Uuid::nil(),
            account_id,
            description: "review apps".into(),
            token_id: Uuid::nil(),
            token_hint: String::new(),
            scope: vec!["global".into()],
            expires_at: None,
            created_at: 0,
            updated_at: 0,
        },
        account,
    })
}

impl Host for AppState {
    fn provision_addon<'a>(
        &'a self,
        app: &'a AppRow,
        actor: Uuid,
        spec: &'a str,
    ) -> HostFuture<'a, ()> {
        Box::pin(async move {
            let auth = acting_as(self, actor)?;
            provision(self, &auth, app, spec, None, None)
                .await
                .map(drop)
                .map_err(|e| format!("app.json's add-on `{spec}`: {}", e.message))
        })
    }

    fn remove_app<'a>(&'a self, app: &'a AppRow, actor: Uuid) -> HostFuture<'a, ()> {
        Box::pin(async move {
            let auth = acting_as(self, actor)?;
            remove_app(self, &auth, app).await.map_err(|e| e.message)
        })
    }

    fn check_buildpack(&self, buildpack: &str) -> Result<(), String> {
        check_buildpack(buildpack).map_err(|e| e.message)
    }

    fn web_url(&self, app: &str) -> String {
        AppState::web_url(self, app)
    }
}
