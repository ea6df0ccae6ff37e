//! A formation dyno (or a detached one-off, or the release phase) as a Swarm service of one
//! replica. Swarm places it, limits it and stops it (SIGTERM, then SIGKILL after the grace); it
//! never restarts it: the supervisor does, with its own backoff, as for every backend.
//!
//! A web dyno publishes its `PORT` in host mode on a port Docker picks on the node the task
//! lands on (one picked here could be taken there), so the router reaches it at the node's
//! address and that port; Docker's port forwarder accepts there before the app does, so the
//! dyno is up when Swarm's health check, run inside the task, has connected to `PORT`.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bollard::Docker;
use bollard::models::{
    EndpointPortConfig, EndpointPortConfigPublishModeEnum, EndpointSpec, HealthConfig, Limit, Node,
    NodeState, ServiceSpec, ServiceSpecMode, ServiceSpecModeReplicated, Task, TaskSpec,
    TaskSpecContainerSpec, TaskSpecResources, TaskSpecRestartPolicy,
    TaskSpecRestartPolicyConditionEnum, TaskState,
};
use bollard::query_parameters::{KillContainerOptions, ListServicesOptions, ListTasksOptions};
use futures_util::FutureExt;

use super::super::backend::{Launch, Signal, Spawned};
use super::{OWNER_LABEL, Run, detach, limits, logs, memory, nanos};

/// How often a task's state is asked for.
pub(super) const POLL: Duration = Duration::from_millis(200);
/// How often a web task is asked for the port its node published, while its container starts.
const PUBLISHED_POLL: Duration = Duration::from_millis(50);
/// A running task's node is checked every this many polls of the task (every 2 s): a node the
/// swarm counts as down loses its dynos.
const NODE_CHECK_EVERY: u32 = 10;
/// How often Swarm's health check tries `PORT` while a web dyno boots.
const HEALTH_EVERY: Duration = Duration::from_millis(250);

pub(super) async fn spawn(run: &Run<'_>, launch: &Launch<'_>) -> Result<Spawned, String> {
    let (env, port) = run.env(launch)?;
    let web = launch.name.split('.').next() == Some("web");
    let name = format!("tug-{}", uuid::Uuid::new_v4().simple());
    let spec = spec(run, launch, &name, env, web.then_some(port));
    run.docker
        .create_service(spec, None)
        .await
        .map_err(|e| format!("swarm refused the service: {e}"))?;
    let service = Arc::new(Service {
        docker: run.docker.clone(),
        name,
        removed: AtomicBool::new(false),
        terminated: AtomicBool::new(false),
    });
    // The service goes when the dyno does, however that happens.
    let gone = ServiceGuard(service.clone());
    let (node, node_name) = match tokio::time::timeout(run.boot_timeout, service.placed()).await {
        Ok(Ok(placed)) => placed,
        Ok(Err(e)) => return Err(e),
        Err(_) => return Err("no node took it in time".into()),
    };
    let addr = if web {
        let published = tokio::time::timeout(run.boot_timeout, service.published(port)).await;
        match published {
            Ok(Ok(published)) => SocketAddr::new(node, published),
            Ok(Err(e)) => return Err(e),
            // Docker reports the port once the task runs, which it does once its health
            // check first passes: a task still starting never accepted on `PORT`.
            Err(_) if service.starting().await => {
                return Err(format!(
                    "the web process failed to bind to $PORT at its own address within {} \
                     seconds of launch (R10); it must listen on 0.0.0.0, not only on 127.0.0.1",
                    run.boot_timeout.as_secs_f64()
                ));
            }
            Err(_) => return Err("its node published no port in time".into()),
        }
    } else {
        SocketAddr::new(node, port)
    };
    let (stdout, stderr) = logs::follow(&service);
    let ready = web.then(|| service.clone().running().boxed());
    let signaller = service.clone();
    let (alerts, memory) = memory::watch(run.docker, launch, service.clone().container());
    let exit = async move {
        let code = gone.0.exit_code(|line| memory.say(line)).await;
        // Asked before the service (and its container) goes.
        memory.after_exit().await;
        // Gone before the dyno counts as gone, so that a server that stops leaves none.
        gone.0.remove().await;
        code
    }
    .boxed();
    Ok(Spawned {
        addr,
        network_of: None,
        ready,
        stdin: None,
        stdout: Some(stdout),
        stderr: Some(stderr),
        signal: Arc::new(move |signal| signaller.signal(signal)),
        resize: None,
        exit,
        alerts: Some(alerts),
        node: Some(node_name),
    })
}

fn spec(
    run: &Run<'_>,
    launch: &Launch<'_>,
    name: &str,
    env: Vec<String>,
    published: Option<u16>,
) -> ServiceSpec {
    let labels = run.labels(launch);
    let (memory, pids) = limits(launch.size);
    // Up once something accepts on `PORT` at the task's own address, where the published port
    // leads: an app listening on its loopback only is never reached, and never counts as up
    // (it times out with R10, as on Heroku, where apps bind 0.0.0.0). The boot timeout is the
    // supervisor's.
    let health = published.map(|port| HealthConfig {
        test: Some(
            [
                "CMD",
                "bash",
                "-c",
                &format!("set -- $(hostname -I) && exec 3<>/dev/tcp/$1/{port}"),
            ]
            .map(str::to_owned)
            .to_vec(),
        ),
        interval: Some(nanos(HEALTH_EVERY)),
        timeout: Some(nanos(Duration::from_secs(2))),
        retries: Some(3),
        start_period: Some(nanos(run.boot_timeout)),
        start_interval: None,
    });
    let ports = published.map(|port| {
        vec![EndpointPortConfig {
            target_port: Some(i64::from(port)),
            // Docker picks a free one on the node.
            published_port: None,
            publish_mode: Some(EndpointPortConfigPublishModeEnum::HOST),
            ..Default::default()
        }]
    });
    ServiceSpec {
        name: Some(name.to_owned()),
        labels: Some(labels.clone()),
        task_template: Some(TaskSpec {
            container_spec: Some(TaskSpecContainerSpec {
                image: Some(run.image.to_owned()),
                labels: Some(labels),
                command: Some(Run::command(launch)),
                env: Some(env),
                dir: Some("/app".to_owned()),
                stop_grace_period: Some(nanos(run.stop_grace)),
                health_check: health,
                // The app is not the container's first process, which would ignore SIGTERM.
                init: Some(true),
                ..Default::default()
            }),
            resources: Some(TaskSpecResources {
                limits: Some(Limit {
                    memory_bytes: Some(memory),
                    pids: Some(pids),
                    nano_cpus: None,
                }),
                ..Default::default()
            }),
            restart_policy: Some(TaskSpecRestartPolicy {
                condition: Some(TaskSpecRestartPolicyConditionEnum::NONE),
                ..Default::default()
            }),
            ..Default::default()
        }),
        mode: Some(ServiceSpecMode {
            replicated: Some(ServiceSpecModeReplicated { replicas: Some(1) }),
            ..Default::default()
        }),
        endpoint_spec: Some(EndpointSpec {
            ports,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Removes the services an earlier run of this server left (it was killed before it could).
pub(super) async fn remove_leftovers(docker: &Docker, owner: &str) -> anyhow::Result<()> {
    let filters = HashMap::from([("label".to_owned(), vec![format!("{OWNER_LABEL}={owner}")])]);
    let services = docker
        .list_services(Some(ListServicesOptions {
            filters: Some(filters),
            ..Default::default()
        }))
        .await
        .map_err(|e| anyhow::anyhow!("cannot list the swarm's services: {e}"))?;
    for name in services
        .into_iter()
        .filter_map(|s| s.spec.and_then(|s| s.name))
    {
        // One that is already going is fine.
        let _ = docker.delete_service(&name).await;
    }
    Ok(())
}

pub(super) struct Service {
    pub(super) docker: Docker,
    pub(super) name: String,
    /// Removed already: Swarm is asked once.
    pub(super) removed: AtomicBool,
    /// Told to stop: a task that vanished then ended by SIGTERM.
    terminated: AtomicBool,
}

/// Deletes the service when the dyno's exit is dropped.
struct ServiceGuard(Arc<Service>);

impl Drop for ServiceGuard {
    fn drop(&mut self) {
        let service = self.0.clone();
        detach(async move { service.remove().await });
    }
}

impl Service {
    /// The service's task: it has one replica and is never restarted by Swarm.
    async fn task(&self) -> Result<Option<Task>, bollard::errors::Error> {
        let filters = HashMap::from([("service".to_owned(), vec![self.name.clone()])]);
        let tasks = self
            .docker
            .list_tasks(Some(ListTasksOptions {
                filters: Some(filters),
            }))
            .await;
        match tasks {
            Ok(tasks) => Ok(tasks.into_iter().next()),
            // The service itself is gone (removed by hand): so is its task.
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn state(task: &Task) -> Option<TaskState> {
        task.status.as_ref().and_then(|s| s.state)
    }

    /// Asks for the task every `every` until `found` finds what it looks for in it; an error
    /// once the task has ended.
    async fn first<T>(
        &self,
        every: Duration,
        found: impl Fn(&Task) -> Option<T>,
    ) -> Result<T, String> {
        loop {
            // An error may pass (a manager electing its leader): the caller's timeout bounds it.
            if let Ok(Some(task)) = self.task().await {
                if let Some(state) = Self::state(&task).filter(|s| ended(*s)) {
                    let why = task.status.and_then(|s| s.err).unwrap_or_default();
                    return Err(format!("its task was {state}: {why}"));
                }
                if let Some(value) = found(&task) {
                    return Ok(value);
                }
            }
            tokio::time::sleep(every).await;
        }
    }

    /// Waits for the task to be given a node; that node's address and name.
    async fn placed(&self) -> Result<(IpAddr, String), String> {
        let node = self
            .first(POLL, |task| task.node_id.clone().filter(|n| !n.is_empty()))
            .await?;
        Ok(self.node(&node).await)
    }

    /// The port on its node that Docker published the task's `target` port at, once its
    /// container has started.
    async fn published(&self, target: u16) -> Result<u16, String> {
        self.first(PUBLISHED_POLL, |task| {
            task.status
                .as_ref()
                .and_then(|s| s.port_status.as_ref())
                .and_then(|p| p.ports.as_ref())?
                .iter()
                .find(|p| p.target_port == Some(i64::from(target)))
                .and_then(|p| p.published_port)
                .and_then(|p| u16::try_from(p).ok())
                .filter(|p| *p != 0)
        })
        .await
    }

    /// Whether its container has started but the task does not run yet (its health check has
    /// not passed).
    async fn starting(&self) -> bool {
        matches!(
            self.task().await,
            Ok(Some(task)) if Self::state(&task) == Some(TaskState::STARTING)
        )
    }

    /// The address other nodes reach the node at (this machine's loopback when it says none),
    /// and its name as `docker node ls` shows it (its id when it has none).
    async fn node(&self, id: &str) -> (IpAddr, String) {
        let node = self.docker.inspect_node(id).await.ok();
        let name = node
            .as_ref()
            .map_or_else(|| id.to_owned(), |n| node_name(n, id));
        let addr = node
            .and_then(|n| n.status)
            .and_then(|s| s.addr)
            .and_then(|a| a.parse::<IpAddr>().ok());
        match addr {
            Some(ip) if !ip.is_unspecified() => (ip, name),
            _ => (IpAddr::V4(Ipv4Addr::LOCALHOST), name),
        }
    }

    /// Resolves once the task runs: for a web dyno, once its health check passed. Never
    /// resolves for a task that ends first (its exit tells).
    async fn running(self: Arc<Self>) {
        loop {
            if let Ok(Some(task)) = self.task().await {
                match Self::state(&task) {
                    Some(TaskState::RUNNING) => return,
                    Some(s) if ended(s) => std::future::pending::<()>().await,
                    _ => {}
                }
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits for the task to end; its exit code (143 when it was stopped and Swarm kept none,
    /// 137 when it vanished otherwise, or when the node it ran on is down: Swarm does not
    /// restart a task of this service, and the node may never say how it ended, so the dyno
    /// counts as crashed, with `lost` told why, and comes back on a node that is up).
    async fn exit_code(&self, lost: impl Fn(String)) -> i32 {
        let mut polls: u32 = 0;
        loop {
            match self.task().await {
                Ok(Some(task)) => {
                    if let Some(state) = Self::state(&task).filter(|s| ended(*s)) {
                        let code = task
                            .status
                            .and_then(|s| s.container_status)
                            .and_then(|c| c.exit_code)
                            .and_then(|c| i32::try_from(c).ok());
                        return match (state, code) {
                            (_, Some(code)) => code,
                            (TaskState::SHUTDOWN, None) => 143,
                            _ => 255,
                        };
                    }
                    polls = polls.wrapping_add(1);
                    let node = task.node_id.as_deref().filter(|n| !n.is_empty());
                    if polls.is_multiple_of(NODE_CHECK_EVERY)
                        && let Some(node) = node
                        && let Some(name) = self.node_down(node).await
                    {
                        lost(format!(
                            "Its node {name} is down: the dyno is lost, and starts again on another"
                        ));
                        return 137;
                    }
                }
                Ok(None) if self.terminated.load(Ordering::SeqCst) => return 143,
                Ok(None) => return 137,
                // Docker may be restarting: ask again.
                Err(_) => {}
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The node's name when the swarm counts it as down (it missed its heartbeats).
    async fn node_down(&self, id: &str) -> Option<String> {
        let node = self.docker.inspect_node(id).await.ok()?;
        let down = node.status.as_ref().and_then(|s| s.state) == Some(NodeState::DOWN);
        down.then(|| node_name(&node, id))
    }

    /// Signals go to the task's container through the engine that runs it when that is this
    /// one (its init passes them on to the app); a task on another node is stopped by removing
    /// its service, which Swarm does with the same grace. (Scaling the service to none instead
    /// races Swarm's task reaper, which brings down Docker 20.10's manager.)
    fn signal(self: &Arc<Self>, signal: Signal) {
        let service = self.clone();
        detach(async move {
            let name = match signal {
                Signal::Terminate => "SIGTERM",
                Signal::Kill => "SIGKILL",
                Signal::Hangup => "SIGHUP",
            };
            if signal == Signal::Terminate {
                service.terminated.store(true, Ordering::SeqCst);
            }
            if !service.kill_container(name).await && signal != Signal::Hangup {
                service.remove().await;
            }
        });
    }

    /// Removes the service, once.
    async fn remove(&self) {
        if !self.removed.swap(true, Ordering::SeqCst) {
            let _ = self.docker.delete_service(&self.name).await;
        }
    }

    /// The task's container, once it has one; `None` when the task ended without.
    async fn container(self: Arc<Self>) -> Option<String> {
        loop {
            if let Ok(Some(task)) = self.task().await {
                let ended = Self::state(&task).is_some_and(ended);
                let id = task
                    .status
                    .and_then(|s| s.container_status)
                    .and_then(|c| c.container_id)
                    .filter(|id| !id.is_empty());
                if id.is_some() || ended {
                    return id;
                }
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Whether the task's container took the signal (it is on this node and running).
    async fn kill_container(&self, signal: &str) -> bool {
        let container = self
            .task()
            .await
            .ok()
            .flatten()
            .and_then(|t| t.status)
            .and_then(|s| s.container_status)
            .and_then(|c| c.container_id);
        let Some(id) = container else { return false };
        let options = KillContainerOptions {
            signal: signal.to_owned(),
        };
        self.docker.kill_container(&id, Some(options)).await.is_ok()
    }
}

/// A node's name as `docker node ls` shows it (its id when it has none).
fn node_name(node: &Node, id: &str) -> String {
    node.description
        .as_ref()
        .and_then(|d| d.hostname.clone())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| id.to_owned())
}

/// A task state from which it never runs again.
fn ended(state: TaskState) -> bool {
    matches!(
        state,
        TaskState::COMPLETE
            | TaskState::SHUTDOWN
            | TaskState::FAILED
            | TaskState::REJECTED
            | TaskState::REMOVE
            | TaskState::ORPHANED
    )
}
