//! The Swarm backend: dynos run on a Docker Swarm that `tug server` manages from one of its
//! manager nodes, through the Docker API. The stack is an image (`stack.rs`), each slug an image
//! layered on it and pushed to the registry (`images.rs`), so any node can run any release.
//!
//! A formation dyno is a Swarm service of one replica (`service.rs`): Swarm places it on a node,
//! limits it by its size and tells when it accepts on `PORT` (a health check), while the
//! supervisor keeps deciding what runs, restarts and hands over, as with local processes. An
//! attached one-off is a container on this node (`attached.rs`), since a service's task cannot
//! be attached to.

mod attached;
mod images;
mod logs;
mod memory;
mod service;
mod stack;

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bollard::Docker;
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use uuid::Uuid;

use super::backend::{Backend, Launch, Prepared, Spawned, Stdio};
use super::{ReleaseSpec, RuntimeError};

/// The label that marks what one `tug server` (one data directory) made on the swarm.
const OWNER_LABEL: &str = "io.tug.data-dir";

/// Runs dynos on a Docker Swarm.
pub struct SwarmBackend {
    docker: Docker,
    registry: String,
    stack: String,
    owner: String,
    /// This (manager) node's name, where attached one-offs run.
    here: String,
    /// Slug id → its image; the lock also keeps two batches from building one image twice.
    images: tokio::sync::Mutex<HashMap<Uuid, String>>,
    stop_grace: Duration,
    boot_timeout: Duration,
    /// Where tasks reach this machine (see `reached_at`).
    addon_host: Option<IpAddr>,
}

/// A release made runnable: the image its dynos run.
struct SlugImage {
    reference: String,
}

impl SwarmBackend {
    /// Reaches Docker, checks that this node manages a swarm, makes the stack image if the
    /// registry lacks it, and removes what an earlier run of this server left behind.
    pub async fn connect(
        registry: &str,
        data_dir: &Path,
        stop_grace: Duration,
        boot_timeout: Duration,
    ) -> anyhow::Result<SwarmBackend> {
        let docker = connect_docker().await?;
        let here = check_manager(&docker).await?;
        let stack = stack::ensure(&docker, registry).await?;
        let owner = data_dir.to_string_lossy().into_owned();
        service::remove_leftovers(&docker, &owner).await?;
        let addon_host = reached_at(&docker).await;
        Ok(SwarmBackend {
            docker,
            registry: registry.to_owned(),
            stack,
            owner,
            here,
            images: tokio::sync::Mutex::new(HashMap::new()),
            stop_grace,
            boot_timeout,
            addon_host,
        })
    }
}

/// The address tasks reach this (manager) machine at: its address in the swarm, which every
/// node reaches; on a swarm made on the loopback (one machine), the gateway of Docker's
/// `docker_gwbridge`, which is this machine as the tasks on it see it. IPv4 only, as the
/// add-on servers' access rules are. `None` when neither is known.
async fn reached_at(docker: &Docker) -> Option<IpAddr> {
    let info = docker.info().await.ok()?;
    let addr = info
        .swarm
        .and_then(|s| s.node_addr)
        .and_then(|a| a.parse::<IpAddr>().ok())
        .filter(|ip| ip.is_ipv4() && !ip.is_loopback() && !ip.is_unspecified());
    if addr.is_some() {
        return addr;
    }
    let bridge = docker
        .inspect_network(
            "docker_gwbridge",
            None::<bollard::query_parameters::InspectNetworkOptions>,
        )
        .await
        .ok()?;
    bridge
        .ipam?
        .config?
        .into_iter()
        .find_map(|c| c.gateway?.parse::<IpAddr>().ok())
        .filter(IpAddr::is_ipv4)
}

async fn connect_docker() -> anyhow::Result<Docker> {
    let unreachable = |e: bollard::errors::Error| {
        anyhow::anyhow!(
            "cannot reach Docker: {e}\nhint: start `dockerd` (and `docker swarm init`), or run `tug server --runtime local`"
        )
    };
    let docker = Docker::connect_with_local_defaults().map_err(unreachable)?;
    // The daemon may speak an older API than the client's default.
    let docker = docker.negotiate_version().await.map_err(unreachable)?;
    docker.ping().await.map_err(unreachable)?;
    Ok(docker)
}

/// Checks that the engine manages a swarm that answers; this node's name.
async fn check_manager(docker: &Docker) -> anyhow::Result<String> {
    let info = docker
        .info()
        .await
        .map_err(|e| anyhow::anyhow!("cannot ask Docker about its swarm: {e}"))?;
    let manager = info
        .swarm
        .as_ref()
        .and_then(|s| s.control_available)
        .unwrap_or(false);
    let here = info.name.clone().unwrap_or_else(|| "manager".to_owned());
    if !manager {
        anyhow::bail!(
            "this Docker engine is not a manager of a swarm\nhint: run `docker swarm init`, or start `tug server` on a manager node"
        );
    }
    // A manager that just started answers before its swarm has a leader; wait for one.
    let mut last = String::new();
    for _ in 0..60 {
        match docker
            .list_nodes(None::<bollard::query_parameters::ListNodesOptions>)
            .await
        {
            Ok(_) => return Ok(here),
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    anyhow::bail!("the swarm does not answer: {last}\nhint: check `docker node ls` on this manager")
}

impl Backend for SwarmBackend {
    fn prepare<'a>(
        &'a self,
        release: &'a ReleaseSpec,
    ) -> BoxFuture<'a, Result<Prepared, RuntimeError>> {
        async move {
            let mut images = self.images.lock().await;
            if let Some(reference) = images.get(&release.slug_id) {
                return Ok(Arc::new(SlugImage {
                    reference: reference.clone(),
                }) as Prepared);
            }
            let reference = images::slug_image(
                &self.docker,
                &self.registry,
                &self.stack,
                &release.slug_path,
            )
            .await
            .map_err(|reason| RuntimeError::Slug {
                id: release.slug_id,
                reason,
            })?;
            images.insert(release.slug_id, reference.clone());
            Ok(Arc::new(SlugImage { reference }) as Prepared)
        }
        .boxed()
    }

    /// The stack image every slug is layered on.
    fn stack_image(&self) -> Option<&str> {
        Some(&self.stack)
    }

    fn addon_host(&self) -> Option<IpAddr> {
        self.addon_host
    }

    fn spawn<'a>(&'a self, launch: Launch<'a>) -> BoxFuture<'a, Result<Spawned, RuntimeError>> {
        async move {
            let image = launch.prepared_as::<SlugImage>()?;
            let run = Run {
                docker: &self.docker,
                owner: &self.owner,
                here: &self.here,
                image: &image.reference,
                stop_grace: self.stop_grace,
                boot_timeout: self.boot_timeout,
            };
            match launch.stdio {
                Stdio::Output => service::spawn(&run, &launch).await,
                Stdio::Pipes | Stdio::Pty { .. } => attached::spawn(&run, &launch).await,
            }
            .map_err(|reason| launch.failed(reason))
        }
        .boxed()
    }
}

/// What starting one dyno needs from the backend.
struct Run<'a> {
    docker: &'a Docker,
    owner: &'a str,
    here: &'a str,
    image: &'a str,
    stop_grace: Duration,
    boot_timeout: Duration,
}

impl Run<'_> {
    /// Labels that name the dyno and its server, on everything made for it.
    fn labels(&self, launch: &Launch<'_>) -> HashMap<String, String> {
        HashMap::from([
            (OWNER_LABEL.to_owned(), self.owner.to_owned()),
            ("io.tug.app".to_owned(), launch.release.app_name.clone()),
            ("io.tug.dyno".to_owned(), launch.name.to_owned()),
            ("io.tug.dyno-id".to_owned(), launch.id.to_string()),
        ])
    }

    /// The dyno's environment as `NAME=value` lines, and its `PORT`.
    fn env(&self, launch: &Launch<'_>) -> Result<(Vec<String>, u16), String> {
        let port = crate::server::ports::free_port().map_err(|e| e.to_string())?;
        let terminal = matches!(launch.stdio, Stdio::Pty { .. });
        let env = super::local::dyno_env(launch, Path::new("/app"), port, terminal);
        Ok((
            env.into_iter().map(|(k, v)| format!("{k}={v}")).collect(),
            port,
        ))
    }

    /// The dyno's command: the release's profile scripts, then its command (see `BOOT_SCRIPT`).
    fn command(launch: &Launch<'_>) -> Vec<String> {
        [
            "bash",
            "-c",
            super::local::BOOT_SCRIPT,
            "bash",
            launch.command,
        ]
        .map(str::to_owned)
        .to_vec()
    }
}

/// Memory limit in bytes and the process limit of a dyno size (the kernel's kill at twice the
/// quota, as for local dynos).
fn limits(size: &str) -> (i64, i64) {
    let (_, limits) = crate::server::sandbox::dyno_limits(size);
    (
        i64::try_from(limits.memory_bytes).unwrap_or(i64::MAX),
        i64::try_from(limits.processes).unwrap_or(i64::MAX),
    )
}

fn nanos(d: Duration) -> i64 {
    i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)
}

/// Spawns `work` on the current Tokio runtime if there is one: signallers are plain functions.
fn detach(work: impl std::future::Future<Output = ()> + Send + 'static) {
    if let Ok(handle) = tokio::runtime::Handle::try_current() {
        handle.spawn(work);
    }
}
