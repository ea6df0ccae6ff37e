//! The platform's parts, set up once at start and handed to one another: the wall, the
//! runtime, the log hub, webhooks, the deploy path, add-ons and certificates.

use std::fs;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use tokio::sync::watch;

use super::ServerConfig;
use crate::server::deploy::apply::Live;
use crate::server::deploy::build_pipeline::Pipeline;
use crate::server::git::{PushSessions, Repos};
use crate::server::http::AppState;
use crate::server::logs::LogHub;
use crate::server::ratelimit::RateLimiter;
use crate::server::runtime::{Runtime, RuntimeConfig};
use crate::server::store::Store;
use crate::server::webhooks::Webhooks;

/// The platform's parts, each handed those it works with.
pub(super) struct Platform {
    pub(super) store: Store,
    pub(super) wall: crate::server::sandbox::Wall,
    pub(super) logs: LogHub,
    pub(super) runtime: Runtime,
    pub(super) webhooks: Webhooks,
    pub(super) live: Live,
    pub(super) deployments: crate::server::deploy::deployments::Deployments,
    pub(super) pipeline: Pipeline,
    pub(super) repos: Arc<Repos>,
    pub(super) drains: crate::server::drains::Drains,
    pub(super) addons: crate::server::addons::Addons,
    pub(super) attaches: Arc<crate::server::attach::Attaches>,
    /// Where `tug server hook` reaches the server from inside `git push`.
    pub(super) hook_socket: PathBuf,
    pub(super) certs: crate::server::certs::CertTable,
    pub(super) acm: crate::server::acm::Acm,
}

/// The backend of `--runtime swarm`, connected and with its stack image ready; `None` for
/// local processes.
#[allow(clippy::print_stderr)]
pub(super) async fn cluster_backend(
    config: &ServerConfig,
) -> anyhow::Result<Option<Arc<dyn crate::server::runtime::Backend>>> {
    use crate::server::runtime::{Backend, RuntimeKind, SwarmBackend};
    if config.runtime == RuntimeKind::Local {
        return Ok(None);
    }
    let swarm = SwarmBackend::connect(
        &config.registry,
        &config.data_dir,
        config.stop_grace,
        config.boot_timeout,
    )
    .await?;
    eprintln!(
        "  swarm   dynos run as Swarm services; stack image {}",
        swarm.stack_image().unwrap_or_default()
    );
    Ok(Some(Arc::new(swarm)))
}

impl Platform {
    /// Sets up every part (none runs anything yet); `api_url` is where webhooks say the API is.
    /// `router_ip` is where the router answers (for the ACME challenges' DNS check); the
    /// attached one-offs hear of a stop from `stopping`.
    pub(super) fn start(
        config: &ServerConfig,
        store: Store,
        (api_url, router_ip): (String, std::net::IpAddr),
        stopping: watch::Receiver<bool>,
        backend: Option<Arc<dyn crate::server::runtime::Backend>>,
    ) -> anyhow::Result<Platform> {
        let wall = crate::server::sandbox::Wall::start(config.sandbox, &config.data_dir)?;
        let logs = LogHub::default();
        let mut runtime_config = RuntimeConfig::new(config.data_dir.join("runtime"));
        runtime_config.boot_timeout = config.boot_timeout;
        runtime_config.stop_grace = config.stop_grace;
        runtime_config.restart_backoff = config.restart_backoff;
        runtime_config.wall = wall.clone();
        let addon_host = backend.as_ref().and_then(|b| b.addon_host());
        let runtime = match backend {
            Some(backend) => Runtime::with_backend(runtime_config, logs.clone(), backend),
            None => Runtime::new(runtime_config, logs.clone()),
        };
        let webhooks = Webhooks::new(store.clone(), api_url, config.webhook_retry_base)?;
        let live = Live::new(
            store.clone(),
            runtime.clone(),
            logs.clone(),
            webhooks.clone(),
            &config.data_dir,
        );
        let deployments = crate::server::deploy::deployments::Deployments::new(
            store.clone(),
            webhooks.clone(),
            logs.clone(),
        )?;
        let pipeline = Pipeline::new(
            store.clone(),
            live.clone(),
            deployments.clone(),
            &config.data_dir,
            wall.clone(),
            config.build_memory,
            config.quotas.clone(),
        )?;
        let repos = Repos::new(&config.data_dir)?;
        repos.sweep(&store.all_apps()?.iter().map(|a| a.id).collect());
        let hook_socket = config.data_dir.join("hook.sock");
        let _ = fs::remove_file(&hook_socket);
        let addons = crate::server::addons::Addons::new(
            &config.data_dir,
            config.postgres_admin_url.as_deref(),
            config.redis_admin_url.as_deref(),
            addon_host,
        )
        .map_err(|e| anyhow::anyhow!(e))?;
        let certs = crate::server::certs::CertTable::default();
        let acm = crate::server::acm::Acm::new(
            config.acm.clone(),
            store.clone(),
            certs.clone(),
            logs.clone(),
            &config.data_dir,
            &config.domain,
            router_ip,
        );
        Ok(Platform {
            drains: crate::server::drains::Drains::new(logs.clone(), store.clone()),
            addons,
            attaches: Arc::new(crate::server::attach::Attaches::new(stopping)),
            certs,
            acm,
            store,
            wall,
            logs,
            runtime,
            webhooks,
            live,
            deployments,
            pipeline,
            repos: Arc::new(repos),
            hook_socket,
        })
    }

    /// What the API's handlers share.
    pub(super) fn app_state(
        &self,
        config: &ServerConfig,
        (api_addr, router_addr): (SocketAddr, SocketAddr),
        rendezvous_port: Option<u16>,
        stopping: watch::Receiver<bool>,
    ) -> AppState {
        AppState {
            store: self.store.clone(),
            limiter: Arc::new(RateLimiter::default()),
            login_throttle: Arc::default(),
            password_checks: Arc::default(),
            in_flight: Arc::default(),
            tls: config.tls.is_some(),
            api_addr,
            router_addr,
            domain: config.domain.clone().into(),
            quotas: config.quotas.clone(),
            data_dir: config.data_dir.clone().into(),
            pipeline: self.pipeline.clone(),
            repos: self.repos.clone(),
            pushes: Arc::new(PushSessions::default()),
            hook_socket: self.hook_socket.clone().into(),
            live: self.live.clone(),
            attaches: self.attaches.clone(),
            rendezvous_port,
            log_sessions: Arc::default(),
            drains: self.drains.clone(),
            deployments: self.deployments.clone(),
            webhooks: self.webhooks.clone(),
            addons: self.addons.clone(),
            sandbox: self.wall.describe().into(),
            // Local dynos are sampled from their cgroup; Swarm's from the engine's stats.
            no_runtime_metrics: (config.runtime == crate::server::runtime::RuntimeKind::Local
                && !self.wall.has_cgroups())
            .then_some(
                "this server runs dynos without a cgroup (unsandboxed, or no usable cgroup hierarchy), so log-runtime-metrics has nothing to sample and logs no lines",
            ),
            stopping,
            certs: self.certs.clone(),
            acm: self.acm.clone(),
        }
    }

    /// Serves one-off dynos' attach connections until `stop`.
    pub(super) fn spawn_rendezvous(
        &self,
        (listener, tls): (std::net::TcpListener, Arc<rustls::ServerConfig>),
        stop: watch::Receiver<bool>,
    ) -> anyhow::Result<()> {
        tokio::spawn(crate::server::rendezvous::serve(
            tokio::net::TcpListener::from_std(listener)?,
            tls,
            self.attaches.clone(),
            stop,
        ));
        Ok(())
    }

    /// The socket `tug server hook` talks to.
    pub(super) fn listen_for_hooks(&self) -> anyhow::Result<tokio::net::UnixListener> {
        tokio::net::UnixListener::bind(&self.hook_socket)
            .with_context(|| format!("cannot listen on `{}`", self.hook_socket.display()))
    }

    /// Once the API has stopped: stops the dynos and add-on servers, waits for the serving
    /// tasks to end, and removes what only a running server uses.
    pub(super) async fn close(
        &self,
        router: tokio::task::JoinHandle<anyhow::Result<()>>,
        hooks: tokio::task::JoinHandle<()>,
    ) {
        self.runtime.shutdown().await;
        self.addons.stop().await;
        let _ = router.await;
        let _ = hooks.await;
        let _ = fs::remove_file(&self.hook_socket);
        self.wall.close();
    }

    /// Lets dynos in networks of their own reach what they may on the host's loopback: the
    /// API, the router (apps calling apps) and the add-ons' database servers; nothing else.
    pub(super) fn open_the_wall(&self, public: [Option<SocketAddr>; 3]) {
        self.wall
            .reach(move || public.iter().flatten().map(|a| a.port()).collect());
        let databases = self.addons.clone();
        self.wall.reach(move || databases.loopback_ports());
        self.wall.warm();
    }

    /// Brings back what ran before the last stop.
    pub(super) async fn restore(&self, state: &AppState, stop: watch::Receiver<bool>) {
        self.acm.start(stop.clone());
        // Following the dynos before they are restored, so their webhooks hear of them.
        self.webhooks.start(self.runtime.dyno_events());
        // The databases come back before the dynos that use them.
        self.addons.start().await;
        crate::server::http::addon_backups::spawn_scheduler(state.clone());
        crate::server::addons::quota::spawn(
            self.addons.clone(),
            self.store.clone(),
            self.logs.clone(),
            stop,
        );
        self.live.restore_all();
        if let Err(e) = self.drains.start_all() {
            tracing::warn!("cannot start the log drains: {e:#}");
        }
    }
}
