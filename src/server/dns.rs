//! DNS checks of custom domains: whether a hostname points at the platform (its addresses
//! are the app's own domain's, or the router's). The domains API and ACM both ask.

use std::net::IpAddr;
use std::time::Duration;

/// How long one DNS look-up of a domain check may take.
const DNS_TIMEOUT: Duration = Duration::from_secs(3);

/// The addresses a name resolves to; none when it does not resolve in time.
pub async fn resolve(host: &str) -> Vec<IpAddr> {
    match tokio::time::timeout(DNS_TIMEOUT, tokio::net::lookup_host((host, 0))).await {
        Ok(Ok(addrs)) => addrs.map(|a| a.ip().to_canonical()).collect(),
        _ => Vec::new(),
    }
}

/// A hostname points here when one of its addresses is one of the app's own domain's, or the
/// address the router listens on (when it listens on one address).
pub fn points_here(resolved: &[IpAddr], target: &[IpAddr], router: IpAddr) -> bool {
    let router = router.to_canonical();
    resolved
        .iter()
        .any(|a| target.contains(a) || (!router.is_unspecified() && *a == router))
}

/// Whether `hostname` (a wildcard by a name under it) points at the app whose own domain is
/// `target`, or at the router's address.
pub async fn points_at(hostname: &str, target: &str, router: IpAddr) -> bool {
    let probe = match hostname.strip_prefix("*.") {
        Some(rest) => format!("wildcard-check.{rest}"),
        None => hostname.to_string(),
    };
    let (resolved, target) = tokio::join!(resolve(&probe), resolve(target));
    points_here(&resolved, &target, router)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostname_points_here_through_the_target_or_the_router() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let any = ip("0.0.0.0");
        assert!(points_here(&[ip("192.0.2.1")], &[ip("192.0.2.1")], any));
        assert!(points_here(&[ip("127.0.0.1")], &[], ip("127.0.0.1")));
        assert!(points_here(&[ip("127.0.0.1")], &[], ip("::ffff:127.0.0.1")));
        assert!(!points_here(&[ip("192.0.2.9")], &[ip("192.0.2.1")], any));
        assert!(!points_here(&[], &[ip("192.0.2.1")], ip("127.0.0.1")));
        assert!(!points_here(&[ip("127.0.0.1")], &[], any));
    }
}
