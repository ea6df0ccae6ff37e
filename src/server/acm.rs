//! Automated certificate management (ACM): certificates from an ACME CA (Let's Encrypt by
//! default) for the custom domains of apps that turned it on. One task orders them one domain
//! at a time: it waits until the domain's DNS points here (unless told to skip that check),
//! answers the CA's HTTP-01 challenge through the router's own
//! `/.well-known/acme-challenge/` handler, stores the certificate with its key sealed, and
//! renews it 30 days before it expires (or a third of its lifetime, for short-lived ones).
//! A failed order is retried with a growing delay; the old certificate stays served, and the
//! reason is shown on the domain and logged as a `heroku[router]` line.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::Context;
use instant_acme::{
    Account, AccountCredentials, AuthorizationStatus, ChallengeType, Identifier, NewAccount,
    NewOrder, OrderStatus, RetryPolicy,
};
use sha2::{Digest, Sha256};
use tokio::sync::{Mutex, Notify, watch};
use uuid::Uuid;

use super::certs::{self, CertTable};
use super::logs::LogHub;
use super::store::{AcmWork, Store};
use crate::api::Timestamp;

/// Let's Encrypt's production directory.
pub const LETS_ENCRYPT: &str = "https://acme-v02.api.letsencrypt.org/directory";

/// `acm_status` values (as Heroku's API and CLI spell them).
pub const STATUS_PENDING: &str = "pending";
pub const STATUS_DNS_VERIFIED: &str = "dns-verified";
pub const STATUS_ISSUED: &str = "cert issued";
pub const STATUS_FAILING: &str = "failing";

/// Renew this long before a certificate expires, at most.
const RENEW_BEFORE: i64 = 30 * 86_400;
/// How often a domain whose DNS does not point here yet is looked up again.
const DNS_RECHECK: i64 = 60;
/// The first retry after a failed order; each failure in a row doubles it, up to `MAX_BACKOFF`.
const FIRST_BACKOFF: i64 = 60;
const MAX_BACKOFF: i64 = 6 * 3600;
/// How long one order may take, challenge and all, before it counts as failed.
const ORDER_TIMEOUT: Duration = Duration::from_secs(120);
/// The longest the task sleeps before looking for due work again.
const IDLE: Duration = Duration::from_secs(300);
/// How many orders run at the same time.
const ORDERS_AT_ONCE: usize = 4;

/// How the platform talks to its ACME CA.
#[derive(Debug, Clone)]
pub struct AcmConfig {
    /// The CA's directory URL.
    pub directory: String,
    /// The contact address of the account (`mailto:`), if any.
    pub email: Option<String>,
    /// Order at once, without waiting for the domain's DNS to point here (tests).
    pub skip_dns_check: bool,
    /// Whether the router serves HTTPS (`--router-tls`): without it, certificates would be
    /// ordered for nothing, so ACM cannot be turned on.
    pub https: bool,
    /// A CA certificate (PEM) to trust for the directory's HTTPS, instead of the system's
    /// roots (a test CA such as Pebble's).
    pub ca_cert: Option<PathBuf>,
}

impl Default for AcmConfig {
    fn default() -> AcmConfig {
        AcmConfig {
            directory: LETS_ENCRYPT.into(),
            email: None,
            skip_dns_check: false,
            https: false,
            ca_cert: None,
        }
    }
}

/// The HTTP-01 answers being served: token → key authorization.
#[derive(Clone, Default)]
pub struct Challenges(Arc<RwLock<HashMap<String, String>>>);

impl Challenges {
    /// The key authorization for a token the CA asks about, if an order is waiting on it.
    pub fn answer(&self, token: &str) -> Option<String> {
        crate::sync::read(&self.0).get(token).cloned()
    }

    fn insert(&self, token: String, key_authorization: String) {
        crate::sync::write(&self.0).insert(token, key_authorization);
    }

    fn remove(&self, token: &str) {
        crate::sync::write(&self.0).remove(token);
    }
}

/// The handle HTTP handlers hold: wakes the task when there is new work.
#[derive(Clone)]
pub struct Acm {
    inner: Arc<Inner>,
}

struct Inner {
    config: AcmConfig,
    store: Store,
    certs: CertTable,
    logs: LogHub,
    challenges: Challenges,
    account_dir: PathBuf,
    domain: String,
    router_ip: IpAddr,
    wake: Notify,
    account: Mutex<Option<Account>>,
}

impl Acm {
    pub fn new(
        config: AcmConfig,
        store: Store,
        certs: CertTable,
        logs: LogHub,
        data_dir: &Path,
        domain: &str,
        router_ip: IpAddr,
    ) -> Acm {
        Acm {
            inner: Arc::new(Inner {
                config,
                store,
                certs,
                logs,
                challenges: Challenges::default(),
                account_dir: data_dir.join("acme"),
                domain: domain.to_string(),
                router_ip,
                wake: Notify::new(),
                account: Mutex::new(None),
            }),
        }
    }

    /// Whether the router serves HTTPS, so that automatic certificates would be served.
    pub fn serves_https(&self) -> bool {
        self.inner.config.https
    }

    /// Whether the operator asked for domains to count as pointing here without a look-up.
    pub fn skips_dns_check(&self) -> bool {
        self.inner.config.skip_dns_check
    }

    pub fn challenges(&self) -> Challenges {
        self.inner.challenges.clone()
    }

    /// Something changed (ACM turned on, a domain added, a refresh): look for due work now.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// Runs the ordering task until `stop` turns true.
    pub fn start(&self, mut stop: watch::Receiver<bool>) {
        let acm = self.clone();
        tokio::spawn(async move {
            loop {
                acm.run_due().await;
                let now = Timestamp::now().0;
                let next = match acm.inner.store.acm_next_attempt() {
                    Ok(Some(at)) if at > now => {
                        Duration::from_secs(u64::try_from(at - now).unwrap_or(0)).min(IDLE)
                    }
                    Ok(Some(_)) => Duration::from_secs(1),
                    _ => IDLE,
                };
                tokio::select! {
                    _ = stop.wait_for(|s| *s) => return,
                    _ = acm.inner.wake.notified() => {}
                    _ = tokio::time::sleep(next) => {}
                }
            }
        });
    }

    async fn run_due(&self) {
        let due = match self.inner.store.acm_due(Timestamp::now().0) {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!("acm: cannot read the domains due for a certificate: {e}");
                return;
            }
        };
        // A few at once, so that a slow CA answer for one domain holds up no other; few, so
        // that a burst of domains stays inside the CA's rate limits.
        futures_util::StreamExt::for_each_concurrent(
            futures_util::stream::iter(due),
            ORDERS_AT_ONCE,
            |work| async move {
                if let Err(e) = self.process(&work).await {
                    tracing::warn!("acm: {}: {e:#}", work.hostname);
                }
            },
        )
        .await;
    }

    /// Keeps a certificate the CA issued for `work`'s domain and serves it from now on.
    fn issued(
        &self,
        work: &AcmWork,
        (chain, key): (&str, &str),
        info: &certs::CertInfo,
        started: std::time::Instant,
    ) -> anyhow::Result<()> {
        let inner = &self.inner;
        let renew_at = renew_at(info.starts_at, info.expires_at);
        inner.store.set_acm_certificate(
            work.domain_id,
            work.app_id,
            chain,
            key,
            info.starts_at,
            info.expires_at,
            renew_at,
        )?;
        inner.certs.reload(&inner.store);
        tracing::info!(
            "acm: issued a certificate for {} (expires {})",
            work.hostname,
            Timestamp(info.expires_at)
        );
        inner.logs.emit(
            work.app_id,
            "heroku",
            "router",
            &format!(
                "at=info code=ACM desc=\"Certificate issued\" host={} expires={} service={}ms",
                work.hostname,
                Timestamp(info.expires_at),
                started.elapsed().as_millis()
            ),
        );
        Ok(())
    }

    /// Records a failed order: the reason, the retry after a backoff, a router log line.
    fn order_failed(
        &self,
        work: &AcmWork,
        reason: &str,
        failures: i64,
        issued: bool,
    ) -> anyhow::Result<()> {
        let inner = &self.inner;
        tracing::warn!("acm: the order for {} failed: {reason}", work.hostname);
        let failures = failures + 1;
        let delay = backoff(failures);
        let kept = if issued {
            "; the current certificate is served until it expires"
        } else {
            ""
        };
        let reason = format!("{reason}{kept}");
        inner.store.set_acm_status(
            work.domain_id,
            work.app_id,
            STATUS_FAILING,
            Some(&reason),
            Timestamp::now().0 + delay,
            failures,
        )?;
        inner.logs.emit(
            work.app_id,
            "heroku",
            "router",
            &format!(
                "at=error code=ACM desc=\"Certificate order failed\" host={} reason=\"{}\" retry_in={delay}s",
                work.hostname,
                reason.replace('"', "'")
            ),
        );
        Ok(())
    }

    /// One due domain: check its DNS, order, and record how it went.
    async fn process(&self, work: &AcmWork) -> anyhow::Result<()> {
        let inner = &self.inner;
        let now = Timestamp::now().0;
        let issued = work
            .state
            .as_ref()
            .is_some_and(|s| s.certificate_chain.is_some());
        let failures = work.state.as_ref().map_or(0, |s| s.failures);
        if !inner.config.skip_dns_check {
            let target = format!("{}.{}", work.app_name, inner.domain);
            if !super::dns::points_at(&work.hostname, &target, inner.router_ip).await {
                let reason = format!(
                    "the DNS of `{}` does not point at `{target}` yet",
                    work.hostname
                );
                let status = if issued {
                    STATUS_FAILING
                } else {
                    STATUS_PENDING
                };
                inner.store.set_acm_status(
                    work.domain_id,
                    work.app_id,
                    status,
                    Some(&reason),
                    now + DNS_RECHECK,
                    failures,
                )?;
                return Ok(());
            }
        }
        // A lease: should the server stop mid-order, the next start tries again after it. A
        // renewal leaves the status as it is (the current certificate is still served).
        let (status, reason) = match work.state.as_ref().filter(|_| issued) {
            Some(s) => (s.status.as_str(), s.reason.as_deref()),
            None => (STATUS_DNS_VERIFIED, None),
        };
        inner.store.set_acm_status(
            work.domain_id,
            work.app_id,
            status,
            reason,
            now + ORDER_TIMEOUT.as_secs() as i64 * 2,
            failures,
        )?;
        let started = std::time::Instant::now();
        let outcome = match tokio::time::timeout(ORDER_TIMEOUT, self.order(&work.hostname)).await {
            Ok(outcome) => outcome,
            Err(_) => Err("the ACME CA did not finish the order in time".to_string()),
        };
        match outcome.and_then(|(chain, key)| {
            let info = certs::describe(&chain)
                .ok_or_else(|| "the ACME CA sent a certificate that does not parse".to_string())?;
            Ok((chain, key, info))
        }) {
            Ok((chain, key, info)) => self.issued(work, (&chain, &key), &info, started)?,
            Err(reason) => self.order_failed(work, &reason, failures, issued)?,
        }
        Ok(())
    }

    /// Orders a certificate for one hostname: the chain (PEM) and its new key (PEM).
    async fn order(&self, hostname: &str) -> Result<(String, String), String> {
        let identifiers = [Identifier::Dns(hostname.to_string())];
        let mut order = None;
        for _ in 0..2 {
            let account = self.account().await.map_err(|e| format!("{e:#}"))?;
            match account.new_order(&NewOrder::new(&identifiers)).await {
                Ok(o) => {
                    order = Some(o);
                    break;
                }
                // The CA no longer knows the account (deactivated, or a CA that lost its
                // state): forget it, and the next turn makes a new one.
                Err(instant_acme::Error::Api(problem))
                    if problem.r#type.as_deref()
                        == Some("urn:ietf:params:acme:error:accountDoesNotExist") =>
                {
                    tracing::warn!(
                        "acm: the ACME CA no longer knows the account; making a new one"
                    );
                    self.forget_account().await;
                }
                Err(e) => return Err(ca_error("the ACME CA refused the order", &e)),
            }
        }
        let mut order = order
            .ok_or_else(|| "the ACME CA does not know the account it just made".to_string())?;
        let mut tokens = Vec::new();
        let result = self.prove(&mut order, &mut tokens).await;
        for token in &tokens {
            self.inner.challenges.remove(token);
        }
        result?;
        let key = order
            .finalize()
            .await
            .map_err(|e| ca_error("the ACME CA refused the certificate request", &e))?;
        let chain = order
            .poll_certificate(&polling())
            .await
            .map_err(|e| ca_error("the ACME CA did not issue the certificate", &e))?;
        Ok((chain, key))
    }

    /// Answers every pending authorization of an order over HTTP-01 and waits until the order
    /// is ready; `tokens` collects the challenge tokens being served.
    async fn prove(
        &self,
        order: &mut instant_acme::Order,
        tokens: &mut Vec<String>,
    ) -> Result<(), String> {
        {
            let mut authorizations = order.authorizations();
            while let Some(authz) = authorizations.next().await {
                let mut authz =
                    authz.map_err(|e| ca_error("cannot read the order's authorization", &e))?;
                match authz.status {
                    AuthorizationStatus::Valid => continue,
                    AuthorizationStatus::Pending => {}
                    other => {
                        return Err(format!("the ACME CA's authorization is {other:?}"));
                    }
                }
                let mut challenge = authz
                    .challenge(ChallengeType::Http01)
                    .ok_or("the ACME CA offers no HTTP-01 challenge")?;
                let token = challenge.token.clone();
                self.inner
                    .challenges
                    .insert(token.clone(), challenge.key_authorization().as_str().into());
                tokens.push(token);
                challenge
                    .set_ready()
                    .await
                    .map_err(|e| ca_error("the ACME CA refused the challenge", &e))?;
            }
        }
        let retries = polling();
        match order.poll_ready(&retries).await {
            Ok(OrderStatus::Ready) => Ok(()),
            Ok(_) => Err(self.why_invalid(order).await),
            Err(e) => Err(ca_error("the ACME CA did not validate the domain", &e)),
        }
    }

    /// What the CA said about a failed challenge, for the domain's `acm_status_reason`.
    async fn why_invalid(&self, order: &mut instant_acme::Order) -> String {
        let mut authorizations = order.authorizations();
        while let Some(Ok(authz)) = authorizations.next().await {
            for challenge in &authz.challenges {
                if let Some(problem) = &challenge.error {
                    return format!(
                        "the ACME CA could not validate the domain: {}",
                        problem.detail.as_deref().unwrap_or("no detail given")
                    );
                }
            }
        }
        "the ACME CA could not validate the domain".to_string()
    }

    /// Drops the account, here and in the data dir.
    async fn forget_account(&self) {
        let mut slot = self.inner.account.lock().await;
        *slot = None;
        let path = account_path(&self.inner.account_dir, &self.inner.config.directory);
        if let Err(e) = std::fs::remove_file(&path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!("acm: cannot remove `{}`: {e}", path.display());
        }
    }

    /// The ACME account: loaded from the data dir, else created (and saved there, 0600).
    async fn account(&self) -> anyhow::Result<Account> {
        let mut slot = self.inner.account.lock().await;
        if let Some(account) = slot.as_ref() {
            return Ok(account.clone());
        }
        let config = &self.inner.config;
        let path = account_path(&self.inner.account_dir, &config.directory);
        let builder = || -> anyhow::Result<instant_acme::AccountBuilder> {
            match &config.ca_cert {
                Some(ca) => Account::builder_with_root(ca).with_context(|| {
                    format!("cannot trust the ACME CA certificate `{}`", ca.display())
                }),
                None => Account::builder().context("no trust roots for the ACME CA"),
            }
        };
        let account = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let credentials: AccountCredentials = serde_json::from_str(&text)
                    .with_context(|| format!("the ACME account `{}` is damaged", path.display()))?;
                builder()?
                    .from_credentials(credentials)
                    .await
                    .map_err(|e| anyhow::anyhow!(ca_error("cannot reach the ACME CA", &e)))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let contact = config.email.as_ref().map(|e| format!("mailto:{e}"));
                let contacts: Vec<&str> = contact.iter().map(String::as_str).collect();
                let (account, credentials) = builder()?
                    .create(
                        &NewAccount {
                            contact: &contacts,
                            terms_of_service_agreed: true,
                            only_return_existing: false,
                        },
                        config.directory.clone(),
                        None,
                    )
                    .await
                    .map_err(|e| {
                        anyhow::anyhow!(ca_error("cannot create an account at the ACME CA", &e))
                    })?;
                let text = serde_json::to_string(&credentials)?;
                crate::files::write_private(&path, &text, 0o600)?;
                tracing::info!("acm: created an account at {}", config.directory);
                account
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read `{}`", path.display()));
            }
        };
        *slot = Some(account.clone());
        Ok(account)
    }
}

/// How often an order's state is asked for: soon at first (a local CA answers within
/// milliseconds), less often as it takes longer.
fn polling() -> RetryPolicy {
    RetryPolicy::new()
        .initial_delay(Duration::from_millis(10))
        .backoff(1.5)
        .timeout(Duration::from_secs(60))
}

/// The account file for a directory: one account per CA.
fn account_path(dir: &Path, directory: &str) -> PathBuf {
    let digest = Sha256::digest(directory.as_bytes());
    dir.join(format!("account-{}.json", crate::hex::encode(&digest[..8])))
}

/// When to renew a certificate valid from `starts_at` to `expires_at`: 30 days before it
/// expires, or a third of its lifetime before, when that is sooner.
pub fn renew_at(starts_at: i64, expires_at: i64) -> i64 {
    let lifetime = (expires_at - starts_at).max(0);
    expires_at - RENEW_BEFORE.min(lifetime / 3)
}

/// The delay before the next order after `failures` failed in a row.
pub fn backoff(failures: i64) -> i64 {
    let doublings = u32::try_from(failures.clamp(1, 20) - 1).unwrap_or(0);
    FIRST_BACKOFF
        .saturating_mul(1_i64 << doublings)
        .min(MAX_BACKOFF)
}

/// A CA error in a sentence: the problem document's detail when there is one.
fn ca_error(what: &str, e: &instant_acme::Error) -> String {
    match e {
        instant_acme::Error::Api(problem) => match &problem.detail {
            Some(detail) => format!("{what}: {detail}"),
            None => format!(
                "{what}: {}",
                problem.r#type.as_deref().unwrap_or("no detail")
            ),
        },
        instant_acme::Error::Timeout(_) => format!("{what}: timed out"),
        other => {
            // Transport errors: the innermost cause says most (refused, unknown host...).
            let mut source: Option<&(dyn std::error::Error + 'static)> = Some(other);
            let mut innermost = other.to_string();
            while let Some(s) = source {
                innermost = s.to_string();
                source = s.source();
            }
            format!("{what}: {innermost}")
        }
    }
}

/// The ACM fields of a domain for the API: its status and the reason, or nulls when ACM is
/// off (or the domain is a wildcard, which ACM cannot prove over HTTP-01).
pub fn domain_status(
    acm_on: bool,
    hostname: &str,
    state: Option<&super::store::AcmRow>,
) -> (Option<String>, Option<String>) {
    if !acm_on {
        return (None, None);
    }
    if hostname.starts_with("*.") {
        return (
            Some(STATUS_FAILING.into()),
            Some("wildcard domains need an uploaded certificate: ACM proves one name at a time over HTTP".into()),
        );
    }
    match state {
        Some(s) => (Some(s.status.clone()), s.reason.clone()),
        None => (Some(STATUS_PENDING.into()), None),
    }
}

/// How the API names a domain's automatic certificate among the app's SNI endpoints.
pub fn endpoint_ref(domain_id: Uuid) -> crate::api::NamedRef {
    let simple = domain_id.simple().to_string();
    crate::api::NamedRef {
        id: Uuid::new_v5(&domain_id, b"acm-certificate"),
        name: format!("acm-{}", &simple[..12]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renewal_comes_thirty_days_early_or_at_two_thirds_of_a_short_life() {
        let day = 86_400;
        assert_eq!(renew_at(0, 90 * day), 60 * day);
        assert_eq!(renew_at(0, 30), 20);
        assert_eq!(renew_at(100, 50), 50, "a backwards validity renews at once");
    }

    #[test]
    fn backoff_doubles_up_to_a_cap() {
        assert_eq!(backoff(1), 60);
        assert_eq!(backoff(2), 120);
        assert_eq!(backoff(3), 240);
        assert_eq!(backoff(50), MAX_BACKOFF);
        assert_eq!(backoff(0), 60);
    }

    #[test]
    fn challenges_answer_only_known_tokens() {
        let c = Challenges::default();
        c.insert("tok".into(), "tok.thumb".into());
        assert_eq!(c.answer("tok").as_deref(), Some("tok.thumb"));
        assert_eq!(c.answer("other"), None);
        c.remove("tok");
        assert_eq!(c.answer("tok"), None);
    }

    #[test]
    fn accounts_are_kept_per_directory() {
        let dir = Path::new("/data/acme");
        let a = account_path(dir, "https://a.test/dir");
        assert_ne!(a, account_path(dir, "https://b.test/dir"));
        assert!(a.starts_with(dir));
    }
}
