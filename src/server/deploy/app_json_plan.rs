//! What app.json asks of a new app, checked before anything is made: its config vars (with
//! the creator's values and generated secrets), buildpacks, add-ons and formation. Both doors
//! that make apps from app.json use it: the app-setup API and review apps made by a push.

use std::collections::BTreeMap;
use std::path::Path;

use crate::api::names::{check_config_key, check_config_value};
use crate::api::platform::{Resolved, resolve_stack};
use crate::app_json::{self, AppJson};
use crate::server::addons::catalog;
use crate::server::deploy::deployments::root_file_in;

/// What app.json (with the creator's values) asks for, checked.
pub struct Plan {
    pub manifest: AppJson,
    pub config: BTreeMap<String, String>,
    pub buildpacks: Vec<String>,
    pub addons: Vec<String>,
    pub formation: Vec<(String, Option<u32>, Option<String>)>,
    pub warnings: Vec<String>,
}

/// app.json from a source tarball, parsed; none is an empty one. A bad one is an error naming
/// the line and the field.
pub async fn read_manifest(source: &Path, unwrap_single_dir: bool) -> Result<AppJson, String> {
    let path = source.to_path_buf();
    let text = tokio::task::spawn_blocking(move || {
        root_file_in(
            &path,
            unwrap_single_dir,
            app_json::FILE_NAME,
            app_json::MAX_BYTES,
        )
    })
    .await
    .map_err(|e| format!("the source cannot be read: {e}"))?
    .map_err(|e| format!("the source cannot be read: {e:#}"))?;
    match text {
        None => Ok(AppJson::default()),
        Some(text) => app_json::parse(&text).map_err(|e| format!("{}: {e}", app_json::FILE_NAME)),
    }
}

/// Checks app.json against what the server offers. `env` gives values that win over
/// app.json's; `buildpacks`, when given, replaces its list; `check_buildpack` says whether the
/// server can use one.
pub fn plan(
    manifest: AppJson,
    env: &BTreeMap<String, String>,
    buildpacks: Option<Vec<String>>,
    check_buildpack: &dyn Fn(&str) -> Result<(), String>,
) -> Result<Plan, String> {
    for (key, value) in env {
        check_config_key(key)?;
        check_config_value(key, value)?;
    }
    // 64 hex digits, like Heroku's generated secrets.
    let secret = || {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| format!("no randomness available: {e}"))?;
        Ok(crate::hex::encode(&bytes))
    };
    let config = manifest.config(env, secret).map_err(|missing| {
        format!(
            "{}: {}; give values with `--env KEY=VALUE`",
            app_json::FILE_NAME,
            missing.join(", ")
        )
    })?;
    let buildpacks = buildpacks.unwrap_or_else(|| manifest.buildpacks.clone());
    for bp in &buildpacks {
        check_buildpack(bp)?;
    }
    let mut warnings = vec![];
    if let Some(stack) = &manifest.stack
        && let Resolved::Alias(w) = resolve_stack(stack)?
    {
        warnings.push(w);
    }
    let mut addons = vec![];
    for spec in &manifest.addons {
        let service = spec.split(':').next().unwrap_or_default();
        if catalog::service(service).is_none() && catalog::plan(spec).is_none() {
            warnings.push(format!(
                "app.json's add-on `{spec}` is not offered here and was skipped"
            ));
            continue;
        }
        catalog::resolve(spec).map_err(|e| format!("{}: `addons`: {e}", app_json::FILE_NAME))?;
        addons.push(spec.clone());
    }
    let mut formation = vec![];
    for (kind, (quantity, size)) in &manifest.formation {
        let size = match size {
            None => None,
            Some(s) => Some(canonical_size(kind, s)?),
        };
        formation.push((kind.clone(), *quantity, size));
    }
    Ok(Plan {
        manifest,
        config,
        buildpacks,
        addons,
        formation,
        warnings,
    })
}

fn canonical_size(kind: &str, size: &str) -> Result<String, String> {
    crate::api::DYNO_SIZES
        .iter()
        .find(|s| s.eq_ignore_ascii_case(size))
        .map(|s| s.to_string())
        .ok_or_else(|| {
            format!(
                "{}: `formation.{kind}`: unknown dyno size `{size}`; use one of: {}",
                app_json::FILE_NAME,
                crate::api::DYNO_SIZES.join(", ")
            )
        })
}

/// Why a new app could not take its plan's config vars.
#[derive(Debug, thiserror::Error)]
pub enum ConfigureError {
    #[error("{0}")]
    Quota(crate::server::quotas::OverQuota),
    #[error(transparent)]
    Store(#[from] rusqlite::Error),
    #[error(transparent)]
    Release(#[from] crate::server::deploy::release::ReleaseError),
}

/// Gives a new app the plan's config vars (released through the one release path) and
/// buildpacks.
pub async fn configure(
    live: &crate::server::deploy::apply::Live,
    deployments: &crate::server::deploy::deployments::Deployments,
    quotas: &crate::server::quotas::Quotas,
    app: &crate::server::store::AppRow,
    user: uuid::Uuid,
    plan: &Plan,
) -> Result<(), ConfigureError> {
    use crate::server::deploy::release::{Change, release};
    if !plan.config.is_empty() {
        let size: usize = plan.config.iter().map(|(k, v)| k.len() + v.len()).sum();
        quotas.check_config(size).map_err(ConfigureError::Quota)?;
        let set: BTreeMap<String, Option<String>> = plan
            .config
            .iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect();
        let (_, made) = live.store.update_config(app.id, user, &set)?;
        if let Some(made) = made {
            release(
                live,
                deployments,
                app,
                user,
                Change::Config { release: made },
            )
            .await?;
        }
    }
    if !plan.buildpacks.is_empty() {
        live.store.set_buildpacks(app.id, &plan.buildpacks)?;
    }
    Ok(())
}
