//! `tug server`'s settings, checked once from its command line.

use std::path::PathBuf;

use crate::server::{ServerConfigArgs, default_data_dir};

/// Resolved `tug server` settings.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub data_dir: PathBuf,
    pub api: String,
    pub router: String,
    pub domain: String,
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Where the router serves HTTPS, if anywhere.
    pub router_tls: Option<String>,
    /// The platform's certificate and key for `*.DOMAIN` on the HTTPS router.
    pub router_tls_cert: Option<(PathBuf, PathBuf)>,
    /// How automatic certificates are ordered.
    pub acm: crate::server::acm::AcmConfig,
    /// How long the router waits for data from a dyno (H15) or a client (H28).
    pub router_idle_timeout: std::time::Duration,
    pub quotas: crate::server::quotas::Quotas,
    pub boot_timeout: std::time::Duration,
    pub stop_grace: std::time::Duration,
    pub restart_backoff: std::time::Duration,
    /// The wait before the first retry of a `sync` webhook delivery.
    pub webhook_retry_base: std::time::Duration,
    pub sandbox: crate::server::sandbox::Mode,
    pub runtime: crate::server::runtime::RuntimeKind,
    /// Where stack and slug images go on the swarm (`HOST:PORT`).
    pub registry: String,
    /// The most memory a build may use, in bytes.
    pub build_memory: u64,
    /// The key file named by the operator; `None` for `DATA/secret.key`.
    pub secret_key_file: Option<PathBuf>,
    /// What outbound URLs may reach, and where local buildpacks may come from.
    pub outbound: crate::server::outbound::Policy,
    /// The operator's PostgreSQL server for Postgres add-ons, instead of tug's own cluster.
    pub postgres_admin_url: Option<String>,
    /// The operator's Redis server for Redis add-ons, instead of servers of tug's own.
    pub redis_admin_url: Option<String>,
}

impl ServerConfig {
    pub fn from_args(args: ServerConfigArgs) -> anyhow::Result<ServerConfig> {
        let data_dir = match args.data_dir {
            Some(d) => d,
            None => default_data_dir()?,
        };
        let domain = args.domain.trim().trim_matches('.').to_ascii_lowercase();
        if domain.is_empty()
            || !domain
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        {
            anyhow::bail!("`{}` is not a valid domain for `--domain`", args.domain);
        }
        for (flag, value) in [
            ("--max-quantity", args.max_quantity),
            ("--max-app-dynos", args.max_app_dynos),
            ("--max-account-dynos", args.max_account_dynos),
            ("--max-apps", args.max_apps),
            ("--max-process-types", args.max_process_types as i64),
            ("--max-config-size", args.max_config_size as i64),
        ] {
            if value < 1 {
                anyhow::bail!("`{flag}` must be at least 1");
            }
        }
        let secs = |flag: &str, v: f64| {
            if v.is_finite() && (0.0..=86_400.0).contains(&v) {
                Ok(std::time::Duration::from_secs_f64(v))
            } else {
                Err(anyhow::anyhow!(
                    "`{flag}` must be a number of seconds between 0 and 86400"
                ))
            }
        };
        let boot_timeout = secs("--boot-timeout", args.boot_timeout)?;
        let stop_grace = secs("--stop-grace", args.stop_grace)?;
        let restart_backoff = secs("--restart-backoff", args.restart_backoff)?;
        let router_idle_timeout = secs("--router-idle-timeout", args.router_idle_timeout)?;
        if router_idle_timeout.is_zero() {
            anyhow::bail!("`--router-idle-timeout` must be more than 0 seconds");
        }
        let acm = acm_config(
            &args.acme_directory,
            args.acme_email,
            args.acme_skip_dns_check,
            args.router_tls.is_some(),
            args.acme_ca_cert,
        )?;
        if !(1..=3_600_000).contains(&args.webhook_retry_base_ms) {
            anyhow::bail!("`--webhook-retry-base-ms` must be between 1 and 3600000");
        }
        if !(64..=1_048_576).contains(&args.build_memory) {
            anyhow::bail!("`--build-memory` must be between 64 and 1048576 (MB)");
        }
        if let Some(dir) = args.buildpack_dirs.iter().find(|d| !d.is_absolute()) {
            anyhow::bail!(
                "`--buildpack-dir {}` must be an absolute path",
                dir.display()
            );
        }
        Ok(ServerConfig {
            data_dir,
            api: args.api,
            router: args.router,
            domain,
            tls: args.tls_cert.zip(args.tls_key),
            router_tls: args.router_tls,
            router_tls_cert: args.router_tls_cert.zip(args.router_tls_key),
            acm,
            router_idle_timeout,
            quotas: crate::server::quotas::Quotas {
                per_type: args.max_quantity,
                per_app: args.max_app_dynos,
                per_account: args.max_account_dynos,
                apps: args.max_apps,
                process_types: args.max_process_types,
                config_bytes: args.max_config_size,
            },
            boot_timeout,
            stop_grace,
            restart_backoff,
            webhook_retry_base: std::time::Duration::from_millis(args.webhook_retry_base_ms),
            sandbox: args.sandbox,
            runtime: args.runtime,
            registry: registry(&args.registry)?,
            build_memory: args.build_memory * 1024 * 1024,
            secret_key_file: args.secret_key_file,
            outbound: crate::server::outbound::Policy {
                allow_private: args.allow_private_urls,
                buildpack_dirs: args.buildpack_dirs,
            },
            postgres_admin_url: args.postgres_admin_url,
            redis_admin_url: args.redis_admin_url,
        })
    }
}

/// `--registry`: a host and a port, as image names take them.
fn registry(value: &str) -> anyhow::Result<String> {
    let value = value.trim();
    let valid = value.rsplit_once(':').is_some_and(|(host, port)| {
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            && port.parse::<u16>().is_ok_and(|p| p > 0)
    });
    if !valid {
        anyhow::bail!(
            "`--registry {value}` is not a registry address\nhint: name it as HOST:PORT, for example `--registry 127.0.0.1:5000`"
        );
    }
    Ok(value.to_ascii_lowercase())
}

/// `--acme-*`: where and as whom automatic certificates are ordered (`https`: whether the
/// router serves HTTPS at all).
fn acm_config(
    directory: &str,
    email: Option<String>,
    skip_dns_check: bool,
    https: bool,
    ca_cert: Option<PathBuf>,
) -> anyhow::Result<crate::server::acm::AcmConfig> {
    let directory = directory.trim().to_string();
    match reqwest::Url::parse(&directory) {
        Ok(url) if url.scheme() == "https" && url.host_str().is_some() => {}
        _ => anyhow::bail!(
            "`--acme-directory {directory}` must be an https:// URL (an ACME CA's directory)"
        ),
    }
    if let Some(email) = &email
        && (!email.contains('@') || email.chars().any(|c| c.is_whitespace() || c == ','))
    {
        anyhow::bail!("`--acme-email {email}` is not an email address");
    }
    Ok(crate::server::acm::AcmConfig {
        directory,
        email,
        skip_dns_check,
        https,
        ca_cert,
    })
}
