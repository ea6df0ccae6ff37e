//! Add-ons: Postgres and Redis the platform provisions for an app. `catalog` holds the services
//! and plans, `provider` the trait each service's provider implements, and the providers
//! themselves; attachments become config vars through the one release path
//! (`deploy::release::Change::Addon`).

pub mod backups;
pub mod catalog;
pub mod daily;
pub mod postgres;
mod postgres_external;
pub mod provider;
pub mod quota;
pub mod redis;
mod redis_shared;

use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;

use uuid::Uuid;

use self::catalog::Kind;
use self::provider::{Provider, ProviderError};

/// The providers, one per service. Cheap to clone.
#[derive(Clone)]
pub struct Addons {
    postgres: Arc<postgres::LocalPostgres>,
    redis: Arc<dyn Provider>,
}

/// The address a dyno reaches tug's own add-on servers at, which their URLs name: `dyno_host`
/// when the runtime's dynos reach this machine there, else the loopback.
fn reached_at(dyno_host: Option<IpAddr>) -> IpAddr {
    dyno_host.unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
}

impl Addons {
    /// The providers; with an admin URL, that service's add-ons are provisioned on the
    /// operator's server rather than on servers of tug's own. Tug's own servers listen on the
    /// loopback, and on `dyno_host` too when dynos reach this machine there instead (Swarm's
    /// tasks), which their URLs then name.
    pub fn new(
        data_dir: &Path,
        postgres_admin_url: Option<&str>,
        redis_admin_url: Option<&str>,
        dyno_host: Option<IpAddr>,
    ) -> Result<Addons, String> {
        let postgres = match postgres_admin_url {
            Some(url) => postgres::LocalPostgres::external(data_dir, url)?,
            None => postgres::LocalPostgres::new(data_dir, dyno_host),
        };
        let redis: Arc<dyn Provider> = match redis_admin_url {
            Some(url) => Arc::new(redis_shared::SharedRedis::parse(data_dir, url)?),
            None => Arc::new(redis::LocalRedis::new(data_dir, dyno_host)),
        };
        Ok(Addons {
            postgres: Arc::new(postgres),
            redis,
        })
    }

    pub fn provider(&self, kind: Kind) -> Result<Arc<dyn Provider>, ProviderError> {
        match kind {
            Kind::Postgres => Ok(self.postgres.clone()),
            Kind::Redis => Ok(self.redis.clone()),
        }
    }

    pub fn postgres(&self) -> Arc<postgres::LocalPostgres> {
        self.postgres.clone()
    }

    /// The loopback ports of every database server the providers run: what a dyno in a
    /// network of its own is let through to.
    pub fn loopback_ports(&self) -> Vec<u16> {
        let mut ports = self.postgres.loopback_ports();
        ports.extend(self.redis.loopback_ports());
        ports
    }

    /// Brings back the database servers earlier add-ons use; called before the dynos start.
    pub async fn start(&self) {
        for (name, provider) in self.all() {
            match tokio::task::spawn_blocking(move || provider.start()).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!("the add-ons' {name} did not start: {e}"),
                Err(e) => tracing::warn!("the add-ons' {name} did not start: {e}"),
            }
        }
    }

    /// Stops the database servers; called after the dynos stopped.
    pub async fn stop(&self) {
        for (_, provider) in self.all() {
            let _ = tokio::task::spawn_blocking(move || provider.stop()).await;
        }
    }

    fn all(&self) -> [(&'static str, Arc<dyn Provider>); 2] {
        [
            ("PostgreSQL", self.postgres.clone()),
            ("Redis", self.redis.clone()),
        ]
    }
}

/// The name an add-on has with its provider (database, role): from its id, so it never
/// depends on what a user typed.
pub fn provider_id(addon: Uuid) -> String {
    format!("addon_{}", addon.simple())
}

/// Runs a provider's blocking work off the async workers.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ProviderError> + Send + 'static,
) -> Result<T, ProviderError> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|e| {
        Err(ProviderError::Unavailable {
            service: "add-on",
            why: format!("the provider stopped: {e}"),
        })
    })
}
