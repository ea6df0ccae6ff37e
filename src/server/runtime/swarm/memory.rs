//! A dyno's memory against its quota, from the engine that runs its container: over the quota,
//! `Error R14` (repeated while it stays there); when the kernel kills in the container at twice
//! the quota (the engine's `oom` event, or `OOMKilled` once it ended), `Error R15` and the rest
//! of the dyno is killed, to come back like any crash. Only this node's engine is asked: a task
//! on another node gets neither (its exit status 137 still tells). With `log-runtime-metrics`
//! on, the same samples give the dyno's memory and load lines every 20 s.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use bollard::Docker;
use bollard::query_parameters::{EventsOptions, KillContainerOptions, StatsOptions};
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::super::alerts;
use super::super::backend::Launch;

pub(super) struct Watch {
    docker: Docker,
    /// The dyno size's quota in bytes (the container's limit is twice it).
    quota: u64,
    tx: mpsc::UnboundedSender<String>,
    /// The container, once known.
    container: OnceLock<String>,
    /// R15 was said: it is said once.
    r15: AtomicBool,
    /// `log-runtime-metrics`: the `source=web.1 dyno=heroku.APP.ID` that starts each sample.
    metrics: Option<String>,
}

/// Starts watching the container `container` resolves to (`None`: there is none to watch); the
/// messages for the app's log arrive on the receiver until the watch and its holders are gone.
pub(super) fn watch(
    docker: &Docker,
    launch: &Launch<'_>,
    container: impl Future<Output = Option<String>> + Send + 'static,
) -> (mpsc::UnboundedReceiver<String>, Arc<Watch>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let (quota, _) = crate::server::sandbox::dyno_limits(launch.size);
    let watch = Arc::new(Watch {
        docker: docker.clone(),
        quota,
        tx,
        container: OnceLock::new(),
        r15: AtomicBool::new(false),
        metrics: alerts::metrics_source(launch),
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
        let mut metrics = Metrics::default();
        while let Some(Ok(sample)) = stats.next().await {
            let cpu_ns = sample
                .cpu_stats
                .as_ref()
                .and_then(|c| c.cpu_usage.as_ref())
                .and_then(|u| u.total_usage);
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
            if let Some(source) = &self.metrics
                && let Some(load) = metrics.due(cpu_ns)
            {
                let _ = self
                    .tx
                    .send(alerts::metrics_sample(source, used, self.quota, load));
            }
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

    /// A line for the dyno's log from elsewhere in the backend.
    pub(super) fn say(&self, line: String) {
        let _ = self.tx.send(line);
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

/// When the next `log-runtime-metrics` sample is due, and the CPU time the last one ended at.
#[derive(Default)]
struct Metrics {
    since: Option<(Instant, Option<u64>)>,
}

impl Metrics {
    /// Given the container's CPU time so far (ns): the load over the last 20 s once they have
    /// passed (CPU-seconds used per second, as the local backend counts it), else `None`.
    fn due(&mut self, cpu_ns: Option<u64>) -> Option<f64> {
        let now = Instant::now();
        let Some((at, before)) = self.since else {
            self.since = Some((now, cpu_ns));
            return None;
        };
        let elapsed = now.duration_since(at);
        if elapsed < alerts::METRICS_EVERY {
            return None;
        }
        self.since = Some((now, cpu_ns));
        Some(match (before, cpu_ns) {
            (Some(before), Some(after)) => {
                after.saturating_sub(before) as f64 / 1e9 / elapsed.as_secs_f64()
            }
            _ => 0.0,
        })
    }
}
