//! Stopping a running build on request. A build can be stopped until it starts releasing:
//! past that point the release path runs to its end, so a release is never half made.

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::watch;
use uuid::Uuid;

use crate::sync::lock;

/// Why a build could not be stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CancelError {
    #[error("the build is not running")]
    NotRunning,
    #[error("the build has compiled and is being released; it can no longer be cancelled")]
    Releasing,
}

/// The error a cancelled build ends with; `settle` tells it from a failure.
#[derive(Debug, thiserror::Error)]
#[error("the build was cancelled by {by}")]
pub struct Cancelled {
    pub by: String,
}

struct Entry {
    /// Who asked for the stop, once someone has.
    stop: watch::Sender<Option<String>>,
    releasing: bool,
}

/// The stop switch of every running build, by build id.
#[derive(Default)]
pub struct Cancels {
    builds: Mutex<HashMap<Uuid, Entry>>,
}

impl Cancels {
    /// A build starts: the receiver says who stopped it, if anyone does.
    pub fn register(&self, build: Uuid) -> watch::Receiver<Option<String>> {
        let (stop, rx) = watch::channel(None);
        lock(&self.builds).insert(
            build,
            Entry {
                stop,
                releasing: false,
            },
        );
        rx
    }

    /// The build is about to release; false when it was stopped first (then it must not).
    pub fn begin_release(&self, build: Uuid) -> bool {
        let mut builds = lock(&self.builds);
        match builds.get_mut(&build) {
            Some(entry) if entry.stop.borrow().is_some() => false,
            Some(entry) => {
                entry.releasing = true;
                true
            }
            None => true,
        }
    }

    /// Asks a running build to stop, on behalf of `by`.
    pub fn cancel(&self, build: Uuid, by: &str) -> Result<(), CancelError> {
        let builds = lock(&self.builds);
        let entry = builds.get(&build).ok_or(CancelError::NotRunning)?;
        if entry.releasing {
            return Err(CancelError::Releasing);
        }
        entry.stop.send_if_modified(|who| {
            if who.is_none() {
                *who = Some(by.to_owned());
            }
            true
        });
        Ok(())
    }

    /// The build has ended.
    pub fn forget(&self, build: Uuid) {
        lock(&self.builds).remove(&build);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_stops_until_it_releases() {
        let cancels = Cancels::default();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let rx = cancels.register(a);
        cancels.register(b);
        assert_eq!(
            cancels.cancel(Uuid::new_v4(), "x"),
            Err(CancelError::NotRunning)
        );
        assert_eq!(cancels.cancel(a, "dev@example.com"), Ok(()));
        assert_eq!(cancels.cancel(a, "eve@example.com"), Ok(()));
        assert_eq!(
            rx.borrow().as_deref(),
            Some("dev@example.com"),
            "the first asker"
        );
        assert!(!cancels.begin_release(a), "a stopped build never releases");
        assert!(cancels.begin_release(b));
        assert_eq!(cancels.cancel(b, "x"), Err(CancelError::Releasing));
        cancels.forget(a);
        assert_eq!(cancels.cancel(a, "x"), Err(CancelError::NotRunning));
    }
}
