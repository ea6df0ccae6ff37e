//! A dyno's memory against its quota, from the engine that runs its container: over the quota,
//! `Error R14` (repeated while it stays there); when the kernel kills in the container at twice
//! the quota (the engine's `oom` event, or `OOMKilled` once it ended), `Error R15` and the rest
//! of the dyno is killed, to come back like any crash. Only this node's engine is asked: a task
//! on another node gets neither (its exit status 137 still tells).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use bollard::Docker;
use bollard::query_parameters::{EventsOptions, KillContainerOptions, StatsOptions};
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::super::alerts;

pub(super) struct Watch {
    docker: Docker,
    /// The dyno size's quota in bytes (the container's limit is twice it).
    quota: u64,
    tx: mpsc::UnboundedSender<String>,
    /// The container, once known.
    container: OnceLock<String>,
    /// R15 was said: it is said once.
    r15: AtomicBool,
}

/// Starts watching the container `container` resolves to (`None`: there is none to watch); the
/// messages for the app's log arrive on the receiver until the watch and its holders are gone.
pub(super) fn watch(
    docker: &Docker,
    size: &str,
    container: impl Future<Output = Option<String>> + Send + 'static,
) -> (mpsc::UnboundedReceiver<String>, Arc<Watch>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let (quota, _) = crate::server::sandbox::dyno_limits(size);
    let watch = Arc::new(Watch {
        docker: docker.clone(),
        quota,
        tx,
        container: OnceLock::new(),
        r15: AtomicBool::new(false),
    });
    let watcher = watch.clone();
    tokio::spawn(async move {
        if let Some(id) = container.await {
            let _ = watcher.container.set(id.clone());
            // The sample stream ends with the container; the events' with it.
            tokio::select! {
                () = watcher.samples(&id) => {}
                () = watcher.oom_events(&id) => {}
            }
        }
    });
    (rx, watch)
}

impl Watch {
    /// Reads the container's working set as the engine samples it (about every second).
    async fn samples(&self, id: &str) {
        let options = StatsOptions {
            stream: true,
            one_shot: false,
        };
        let mut stats = self.docker.stats(id, Some(options));
        let mut last_r14: Option<Instant> = None;
        while let Some(Ok(sample)) = stats.next().await {
            let Some(used) = sample.memory_stats.and_then(|m| {
                // What the kernel can drop at once is not held (as `docker stats` counts).
                let inactive = m.stats.as_ref().and_then(|s| {
                    s.get("total_inactive_file")
                        .or_else(|| s.get("inactive_file"))
                        .copied()
                });
                m.usage.map(|u| u.saturating_sub(inactive.unwrap_or(0)))
            }) else {
                continue;
            };
            if used > self.quota && last_r14.is_none_or(|at| at.elapsed() >= alerts::R14_EVERY) {
                last_r14 = Some(Instant::now());
                for line in alerts::r14(used, self.quota) {
                    let _ = self.tx.send(line);
                }
            }
        }
    }

    /// Waits for the engine to say the kernel killed in the container for memory.
    async fn oom_events(&self, id: &str) {
        let filters = HashMap::from([
            ("type".to_owned(), vec!["container".to_owned()]),
            ("container".to_owned(), vec![id.to_owned()]),
            ("event".to_owned(), vec!["oom".to_owned()]),
        ]);
        let options = EventsOptions {
            filters: Some(filters),
            ..Default::default()
        };
        let mut events = self.docker.events(Some(options));
        if let Some(Ok(_)) = events.next().await
            && self.r15()
        {
            // A process other than the app's may have been the one killed: the dyno goes whole.
            let options = KillContainerOptions {
                signal: "SIGKILL".to_owned(),
            };
            let _ = self.docker.kill_container(id, Some(options)).await;
        }
        // Ended (or the engine went away): nothing more comes; the samples end the watch.
        std::future::pending::<()>().await;
    }

    /// Once the container ended: R15 when the engine says memory killed it and no event did.
    pub(super) async fn after_exit(&self) {
        let Some(id) = self.container.get() else {
            return;
        };
        let killed = self
            .docker
            .inspect_container(id, None)
            .await
            .ok()
            .and_then(|c| c.state)
            .and_then(|s| s.oom_killed)
            .unwrap_or(false);
        if killed {
            self.r15();
        }
    }

    /// Says R15, once; `true` when it did just now.
    fn r15(&self) -> bool {
        if self.r15.swap(true, Ordering::SeqCst) {
            return false;
        }
        for line in alerts::r15(self.quota) {
            let _ = self.tx.send(line);
        }
        true
    }
}
