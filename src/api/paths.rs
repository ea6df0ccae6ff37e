//! Every Platform API path, spelled once. A path is a list of segments: the client turns it
//! into a URL with each segment percent-encoded (`Display` is never used for that), and the
//! server can turn it into an axum route by passing placeholders:
//! `paths::app_config_vars("{app}").to_string()` is `/apps/{app}/config-vars`.

use std::fmt;

/// One API path, as its segments (unencoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiPath(Vec<String>);

impl ApiPath {
    fn new(segments: &[&str]) -> ApiPath {
        ApiPath(segments.iter().map(|s| (*s).to_string()).collect())
    }

    /// The segments, for building a URL that encodes each one.
    pub fn segments(&self) -> &[String] {
        &self.0
    }
}

/// `/apps/{app}/config-vars`: the segments joined as they are, for route templates and logs.
impl fmt::Display for ApiPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in &self.0 {
            write!(f, "/{segment}")?;
        }
        Ok(())
    }
}

// ---- platform ---------------------------------------------------------------------------------

pub fn health() -> ApiPath {
    ApiPath::new(&["health"])
}

pub fn sources() -> ApiPath {
    ApiPath::new(&["sources"])
}

/// The schema's app-scoped form of [`sources`]: the same upload URLs, for someone who may
/// deploy the app.
pub fn app_sources(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "sources"])
}

pub fn stacks() -> ApiPath {
    ApiPath::new(&["stacks"])
}

pub fn stack(stack: &str) -> ApiPath {
    ApiPath::new(&["stacks", stack])
}

pub fn app_available_stacks(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "available-stacks"])
}

/// Where `tug dashboard` asks for a sign-in link (beside the API, not part of Heroku's).
pub fn dashboard_links() -> ApiPath {
    ApiPath::new(&["dashboard", "links"])
}

pub fn dyno_sizes() -> ApiPath {
    ApiPath::new(&["dyno-sizes"])
}

pub fn dyno_size(size: &str) -> ApiPath {
    ApiPath::new(&["dyno-sizes", size])
}

pub fn app_available_dyno_sizes(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "available-dyno-sizes"])
}

pub fn regions() -> ApiPath {
    ApiPath::new(&["regions"])
}

pub fn region(region: &str) -> ApiPath {
    ApiPath::new(&["regions", region])
}

// ---- account and authorizations ---------------------------------------------------------------

pub fn account() -> ApiPath {
    ApiPath::new(&["account"])
}

pub fn account_rate_limits() -> ApiPath {
    ApiPath::new(&["account", "rate-limits"])
}

pub fn account_features() -> ApiPath {
    ApiPath::new(&["account", "features"])
}

pub fn account_feature(feature: &str) -> ApiPath {
    ApiPath::new(&["account", "features", feature])
}

pub fn oauth_authorizations() -> ApiPath {
    ApiPath::new(&["oauth", "authorizations"])
}

pub fn oauth_authorization(id: &str) -> ApiPath {
    ApiPath::new(&["oauth", "authorizations", id])
}

pub fn oauth_authorization_regenerate(id: &str) -> ApiPath {
    ApiPath::new(&[
        "oauth",
        "authorizations",
        id,
        "actions",
        "regenerate-tokens",
    ])
}

/// `~` is the account the token belongs to.
pub fn user_apps(user: &str) -> ApiPath {
    ApiPath::new(&["users", user, "apps"])
}

// ---- apps -------------------------------------------------------------------------------------

/// `POST /filters/apps`
pub fn filters_apps() -> ApiPath {
    ApiPath::new(&["filters", "apps"])
}

pub fn apps() -> ApiPath {
    ApiPath::new(&["apps"])
}

pub fn app(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app])
}

pub fn app_features(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "features"])
}

pub fn app_feature(app: &str, feature: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "features", feature])
}

pub fn app_config_vars(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "config-vars"])
}

pub fn app_collaborators(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "collaborators"])
}

/// A collaborator by email or id.
pub fn app_collaborator(app: &str, who: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "collaborators", who])
}

// ---- releases, deployments, commit statuses, deploy locks -------------------------------------

pub fn app_releases(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "releases"])
}

/// A release by id or version number.
pub fn app_release(app: &str, release: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "releases", release])
}

pub fn app_release_config_vars(app: &str, release: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "releases", release, "config-vars"])
}

pub fn app_deployments(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "deployments"])
}

/// A deployment by id or number.
pub fn app_deployment(app: &str, id: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "deployments", id])
}

pub fn app_deployment_statuses(app: &str, id: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "deployments", id, "statuses"])
}

pub fn app_commit_statuses(app: &str, sha: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "commit-statuses", sha])
}

pub fn app_deploy_lock(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "deploy-lock"])
}

// ---- builds, buildpacks and slugs -------------------------------------------------------------

pub fn app_builds(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "builds"])
}

pub fn app_build(app: &str, id: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "builds", id])
}

pub fn app_build_cache(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "build-cache"])
}

pub fn app_buildpack_installations(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "buildpack-installations"])
}

pub fn app_slugs(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "slugs"])
}

pub fn app_slug(app: &str, id: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "slugs", id])
}

// ---- dynos and formation ----------------------------------------------------------------------

pub fn app_dynos(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "dynos"])
}

pub fn app_dyno(app: &str, dyno: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "dynos", dyno])
}

pub fn app_dyno_stop(app: &str, dyno: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "dynos", dyno, "actions", "stop"])
}

pub fn app_formation(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "formation"])
}

pub fn app_formation_type(app: &str, kind: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "formation", kind])
}

/// The dynos of one process type (`DELETE` restarts them), as Heroku spells it: `formations`.
pub fn app_formation_dynos(app: &str, kind: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "formations", kind])
}

pub fn app_formation_stop(app: &str, kind: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "formations", kind, "actions", "stop"])
}

// ---- logs -------------------------------------------------------------------------------------

pub fn app_log_sessions(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "log-sessions"])
}

pub fn addon_log_drains(addon: &str) -> ApiPath {
    ApiPath::new(&["addons", addon, "log-drains"])
}

pub fn app_log_drains(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "log-drains"])
}

/// A drain by id, URL or token.
pub fn app_log_drain(app: &str, drain: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "log-drains", drain])
}

// ---- domains ----------------------------------------------------------------------------------

pub fn app_domains(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "domains"])
}

/// A domain by id or hostname.
pub fn app_domain(app: &str, domain: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "domains", domain])
}

/// An app's automated certificate management: POST enables, DELETE disables, PATCH refreshes.
pub fn app_acm(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "acm"])
}

pub fn app_sni_endpoints(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "sni-endpoints"])
}

/// An SNI endpoint by id or name.
pub fn app_sni_endpoint(app: &str, endpoint: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "sni-endpoints", endpoint])
}

// ---- webhooks ---------------------------------------------------------------------------------

pub fn app_webhooks(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "webhooks"])
}

pub fn app_webhook(app: &str, id: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "webhooks", id])
}

pub fn app_webhook_events(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "webhook-events"])
}

pub fn app_webhook_event(app: &str, id: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "webhook-events", id])
}

pub fn app_webhook_deliveries(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "webhook-deliveries"])
}

pub fn app_webhook_delivery(app: &str, id: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "webhook-deliveries", id])
}

// ---- app setups ------------------------------------------------------------------------------

pub fn app_setups() -> ApiPath {
    ApiPath::new(&["app-setups"])
}

pub fn app_setup(id: &str) -> ApiPath {
    ApiPath::new(&["app-setups", id])
}

// ---- pipelines --------------------------------------------------------------------------------

pub fn pipelines() -> ApiPath {
    ApiPath::new(&["pipelines"])
}

pub fn pipeline(pipeline: &str) -> ApiPath {
    ApiPath::new(&["pipelines", pipeline])
}

pub fn pipeline_couplings_of(pipeline: &str) -> ApiPath {
    ApiPath::new(&["pipelines", pipeline, "pipeline-couplings"])
}

pub fn pipeline_latest_releases(pipeline: &str) -> ApiPath {
    ApiPath::new(&["pipelines", pipeline, "latest-releases"])
}

pub fn pipeline_couplings() -> ApiPath {
    ApiPath::new(&["pipeline-couplings"])
}

pub fn pipeline_coupling(id: &str) -> ApiPath {
    ApiPath::new(&["pipeline-couplings", id])
}

pub fn user_pipeline_couplings(user: &str) -> ApiPath {
    ApiPath::new(&["users", user, "pipeline-couplings"])
}

pub fn app_pipeline_couplings(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "pipeline-couplings"])
}

pub fn pipeline_promotions() -> ApiPath {
    ApiPath::new(&["pipeline-promotions"])
}

pub fn pipeline_promotion(id: &str) -> ApiPath {
    ApiPath::new(&["pipeline-promotions", id])
}

pub fn pipeline_promotion_targets(id: &str) -> ApiPath {
    ApiPath::new(&["pipeline-promotions", id, "promotion-targets"])
}

// ---- review apps ------------------------------------------------------------------------------

pub fn review_apps() -> ApiPath {
    ApiPath::new(&["review-apps"])
}

pub fn review_app(id: &str) -> ApiPath {
    ApiPath::new(&["review-apps", id])
}

pub fn pipeline_review_apps(pipeline: &str) -> ApiPath {
    ApiPath::new(&["pipelines", pipeline, "review-apps"])
}

pub fn pipeline_review_app_config(pipeline: &str) -> ApiPath {
    ApiPath::new(&["pipelines", pipeline, "review-app-config"])
}

/// The config vars a stage's new apps start with (only `review` has its own).
pub fn pipeline_stage_config_vars(pipeline: &str, stage: &str) -> ApiPath {
    ApiPath::new(&["pipelines", pipeline, "stage", stage, "config-vars"])
}

pub fn app_review_app(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "review-app"])
}

// ---- add-ons ----------------------------------------------------------------------------------

pub fn addons() -> ApiPath {
    ApiPath::new(&["addons"])
}

/// Add-ons by name, as the official CLI finds the one a command means.
pub fn addons_resolve() -> ApiPath {
    ApiPath::new(&["actions", "addons", "resolve"])
}

/// Attachments by name, as the official CLI finds the one a command means.
pub fn addon_attachments_resolve() -> ApiPath {
    ApiPath::new(&["actions", "addon-attachments", "resolve"])
}

/// The add-ons an account can reach (`~` for the caller).
pub fn user_addons(user: &str) -> ApiPath {
    ApiPath::new(&["users", user, "addons"])
}

/// An add-on by name or id, whichever app it belongs to.
pub fn addon(addon: &str) -> ApiPath {
    ApiPath::new(&["addons", addon])
}

pub fn addon_attachments_of(addon: &str) -> ApiPath {
    ApiPath::new(&["addons", addon, "addon-attachments"])
}

pub fn app_addons(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "addons"])
}

pub fn app_addon(app: &str, addon: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "addons", addon])
}

/// `POST`: new credentials for the add-on (a tug extension, for `pg:credentials:rotate`).
pub fn app_addon_rotate_credentials(app: &str, addon: &str) -> ApiPath {
    ApiPath::new(&[
        "apps",
        app,
        "addons",
        addon,
        "actions",
        "rotate-credentials",
    ])
}

/// `POST`: empties the add-on's database (a tug extension, for `pg:reset`).
pub fn app_addon_reset(app: &str, addon: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "addons", addon, "actions", "reset"])
}

/// `GET`: what the add-on uses of its plan (a tug extension, for `pg:info`).
pub fn app_addon_usage(app: &str, addon: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "addons", addon, "usage"])
}

/// `GET` lists the add-on's backups, `POST` captures one (a tug extension, for `pg:backups`).
pub fn app_addon_backups(app: &str, addon: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "addons", addon, "backups"])
}

/// `GET` shows, `PUT` sets and `DELETE` removes the add-on's daily backup (a tug extension,
/// for `pg:backups:schedule`).
pub fn app_addon_backup_schedule(app: &str, addon: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "addons", addon, "backup-schedule"])
}

/// `GET`: the backup's bytes.
pub fn app_addon_backup(app: &str, addon: &str, backup: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "addons", addon, "backups", backup])
}

/// `POST`: loads the backup into the add-on's database.
pub fn app_addon_backup_restore(app: &str, addon: &str, backup: &str) -> ApiPath {
    ApiPath::new(&[
        "apps", app, "addons", addon, "backups", backup, "actions", "restore",
    ])
}

pub fn addon_attachments() -> ApiPath {
    ApiPath::new(&["addon-attachments"])
}

pub fn addon_attachment(id: &str) -> ApiPath {
    ApiPath::new(&["addon-attachments", id])
}

pub fn app_addon_attachments(app: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "addon-attachments"])
}

/// An app's attachment by id or name (`DATABASE`).
pub fn app_addon_attachment(app: &str, attachment: &str) -> ApiPath {
    ApiPath::new(&["apps", app, "addon-attachments", attachment])
}

pub fn addon_services() -> ApiPath {
    ApiPath::new(&["addon-services"])
}

pub fn addon_service(service: &str) -> ApiPath {
    ApiPath::new(&["addon-services", service])
}

pub fn addon_service_plans(service: &str) -> ApiPath {
    ApiPath::new(&["addon-services", service, "plans"])
}

pub fn addon_service_plan(service: &str, plan: &str) -> ApiPath {
    ApiPath::new(&["addon-services", service, "plans", plan])
}

pub fn plan(plan: &str) -> ApiPath {
    ApiPath::new(&["plans", plan])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_make_the_server_routes() {
        assert_eq!(
            app_config_vars("{app}").to_string(),
            "/apps/{app}/config-vars"
        );
        assert_eq!(
            app_dyno_stop("{app}", "{dyno}").to_string(),
            "/apps/{app}/dynos/{dyno}/actions/stop"
        );
        assert_eq!(user_apps("~").to_string(), "/users/~/apps");
    }

    #[test]
    fn segments_stay_unencoded_for_the_client_to_encode() {
        assert_eq!(
            app_collaborator("demo", "a/b@example.com").segments(),
            ["apps", "demo", "collaborators", "a/b@example.com"]
        );
    }
}
