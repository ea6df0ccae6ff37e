//! The deploy path: everything between a door (`git push`, the Builds API, `tug deploy`,
//! a rollback, a config change) and the dynos running the result.
//!
//! ```text
//! door ──► build_pipeline (source → slug; builds only) or promote (another app's slug)
//!            │
//!            ▼
//!          release::release (release row, app[api] lines, webhook, deployment record)
//!            │
//!            ▼
//!          apply (store's view → runtime: release phase, dynos)
//! ```
//!
//! `deployments` records every attempt and holds the checks (deploy lock, required statuses)
//! each door passes before anything is built or released.

pub mod app_json_plan;
pub mod app_setup;
pub mod apply;
pub mod build_pipeline;
pub mod deployments;
pub mod promote;
pub mod release;
pub mod release_output;
pub mod review_apps;
#[cfg(test)]
mod test_tarballs;
