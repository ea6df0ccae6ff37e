//! The output of release commands, for `releases:output`: in memory while a command runs, so
//! that readers follow it live, then kept on its release in the store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use uuid::Uuid;

use super::build_pipeline::BuildLog;
use crate::server::store::{ReleaseRow, Store};
use crate::sync::lock;

/// Release commands running now, by release id.
#[derive(Clone, Default)]
pub struct ReleaseOutputs {
    running: Arc<Mutex<HashMap<Uuid, Arc<BuildLog>>>>,
}

impl ReleaseOutputs {
    /// Starts the output of `release`'s release command: it has a stream URL from now on.
    pub fn begin(&self, store: &Store, release: &ReleaseRow) -> anyhow::Result<Arc<BuildLog>> {
        let secret = crate::server::auth::new_token()?;
        let log = BuildLog::new();
        lock(&self.running).insert(release.id, log.clone());
        store.start_release_output(release.id, &secret)?;
        Ok(log)
    }

    /// Ends the output: its readers get their last lines, and the store keeps them.
    pub fn end(&self, store: &Store, release_id: Uuid, log: &BuildLog, passed: bool) {
        if let Err(e) = store.finish_release_output(release_id, &log.text()) {
            tracing::warn!("could not keep the output of release {release_id}: {e}");
        }
        log.finish(passed);
        lock(&self.running).remove(&release_id);
    }

    /// The output of a release command that is running now.
    pub fn running(&self, release_id: Uuid) -> Option<Arc<BuildLog>> {
        lock(&self.running).get(&release_id).cloned()
    }
}
