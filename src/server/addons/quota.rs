//! The storage quota check: every minute, each add-on's provider holds it to its plan's
//! storage (`Provider::enforce_quota`). When an add-on crosses a line (past its plan, writes
//! revoked, back under) its owning app's log says so as `app[heroku-postgresql]`.

use std::collections::HashMap;
use std::time::Duration;

use tokio::sync::watch;
use uuid::Uuid;

use super::Addons;
use super::catalog;
use super::provider::Quota;
use crate::server::logs::LogHub;
use crate::server::store::{AddonRow, Store};

/// How often sizes are checked.
const EVERY: Duration = Duration::from_secs(60);

/// Runs the check until the server stops.
pub fn spawn(addons: Addons, store: Store, logs: LogHub, mut stopping: watch::Receiver<bool>) {
    tokio::spawn(async move {
        let mut seen: HashMap<Uuid, Quota> = HashMap::new();
        loop {
            let rows = match store.all_addons() {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::warn!("cannot list the add-ons for the quota check: {e}");
                    Vec::new()
                }
            };
            for row in rows {
                let Some(now) = check(&addons, &row).await else {
                    continue;
                };
                let before = seen.insert(row.id, now).unwrap_or(Quota::Under);
                if before != now
                    && let Some(line) = message(&row, now)
                {
                    logs.emit(row.app_id, "app", service_source(&row), &line);
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = stopping.changed() => return,
            }
        }
    });
}

async fn check(addons: &Addons, row: &AddonRow) -> Option<Quota> {
    let service = catalog::service(&row.service)?;
    let plan = catalog::service_plan(service, &row.plan)?;
    let provider = addons.provider(service.kind).ok()?;
    let id = row.provider_id.clone();
    match super::blocking(move || provider.enforce_quota(&id, plan)).await {
        Ok(quota) => Some(quota),
        Err(e) => {
            tracing::warn!("cannot check the storage of {}: {e}", row.name);
            None
        }
    }
}

fn service_source(row: &AddonRow) -> &str {
    &row.service
}

/// What the app's log says when an add-on crosses a line.
fn message(row: &AddonRow, quota: Quota) -> Option<String> {
    let service = catalog::service(&row.service)?;
    let plan = catalog::service_plan(service, &row.plan)?;
    let storage = catalog::megabytes(plan.megabytes);
    Some(match quota {
        Quota::Under => format!(
            "{} is within the {storage} of {}: writes are allowed",
            row.name,
            catalog::full_name(service, plan)
        ),
        Quota::Over => format!(
            "{} holds more than the {storage} of {}: delete data or upgrade (`tug addons:upgrade {} PLAN`); past {:.0}% writes are revoked",
            row.name,
            catalog::full_name(service, plan),
            row.name,
            super::postgres::REVOKE_AT * 100.0
        ),
        Quota::Revoked => format!(
            "{} holds far more than the {storage} of {}: INSERT, UPDATE and CREATE are revoked until it is under; TRUNCATE or DELETE data, or upgrade (`tug addons:upgrade {} PLAN`)",
            row.name,
            catalog::full_name(service, plan),
            row.name
        ),
    })
}
