//! Finding an add-on an app may manage, and calling its provider: what every add-on action
//! (plan change, rotation, reset, usage, backups) starts from.

use std::sync::Arc;

use super::AppState;
use super::apps::load_app;
use super::error::{ApiError, ApiResult};
use super::extract::Auth;
use crate::api::ErrorId;
use crate::server::addons::blocking;
use crate::server::addons::catalog::{self, Service};
use crate::server::addons::provider::{Provider, ProviderError, ProviderId};
use crate::server::store::{AddonRow, AppRow};

pub(super) fn provider_error(e: ProviderError) -> ApiError {
    match e {
        ProviderError::Missing { .. }
        | ProviderError::NotOffered(_)
        | ProviderError::Refused(_) => ApiError::invalid(e.to_string()),
        ProviderError::Unavailable { .. } => ApiError::new(ErrorId::Unavailable, e.to_string()),
    }
}

/// An add-on the app owns or has attached.
pub(super) fn app_addon(state: &AppState, app: &AppRow, ident: &str) -> ApiResult<AddonRow> {
    state
        .store
        .addons_of_app(app.id)?
        .into_iter()
        .find(|a| a.id.to_string() == ident || a.name == ident)
        .ok_or_else(|| {
            ApiError::not_found(
                "addon",
                format!("add-on `{ident}` not found on {}", app.name),
            )
        })
}

/// Only the owning app manages an add-on's plan and life; from an app that only attaches
/// it, the answer names the owner.
pub(super) fn owned_by(row: &AddonRow, app: &AppRow, action: &str) -> ApiResult<()> {
    if row.app_id == app.id {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "`{}` belongs to {}, and {} only attaches it: {action} it from {} (`-a {}`), or detach it from {} with `tug addons:detach`",
            row.name, row.app_name, app.name, row.app_name, row.app_name, app.name
        )))
    }
}

pub(super) fn service_and_plan(
    row: &AddonRow,
) -> ApiResult<(&'static Service, &'static catalog::PlanSpec)> {
    catalog::service(&row.service)
        .and_then(|s| catalog::service_plan(s, &row.plan).map(|p| (s, p)))
        .ok_or_else(|| {
            ApiError::internal(format!(
                "add-on {} has an unknown plan {}:{}",
                row.name, row.service, row.plan
            ))
        })
}

/// An add-on of an app the caller reaches, with its service, plan and provider: what every
/// provider call starts from.
pub(super) struct Managed {
    pub app: AppRow,
    pub row: AddonRow,
    pub service: &'static Service,
    pub plan: &'static catalog::PlanSpec,
    provider: Arc<dyn Provider>,
}

/// Who may do what to an add-on: any app it is attached to, or only the app that owns it.
pub(super) enum Needs {
    Attached,
    /// The owning app; the words say what an attaching app was refused (`rotate the
    /// credentials of`).
    Owner(&'static str),
}

/// Finds the app's add-on, checks the app may do what is asked, and looks up its provider.
pub(super) fn managed(
    state: &AppState,
    auth: &Auth,
    app: &str,
    addon: &str,
    needs: Needs,
) -> ApiResult<Managed> {
    let (app, _) = load_app(state, auth, app)?;
    let row = app_addon(state, &app, addon)?;
    if let Needs::Owner(action) = needs {
        owned_by(&row, &app, action)?;
    }
    Managed::new(state, app, row)
}

impl Managed {
    pub(super) fn new(state: &AppState, app: AppRow, row: AddonRow) -> ApiResult<Managed> {
        let (service, plan) = service_and_plan(&row)?;
        let provider = state
            .addons
            .provider(service.kind)
            .map_err(provider_error)?;
        Ok(Managed {
            app,
            row,
            service,
            plan,
            provider,
        })
    }

    /// Runs `f` with the provider and the add-on's provider id on a blocking thread; a
    /// provider's error becomes the API's.
    pub async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Provider, &ProviderId) -> Result<T, ProviderError> + Send + 'static,
    ) -> ApiResult<T> {
        let (provider, pid) = (self.provider.clone(), self.row.provider_id.clone());
        blocking(move || f(provider.as_ref(), &pid))
            .await
            .map_err(provider_error)
    }
}
