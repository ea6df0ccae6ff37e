//! The router's HTTPS side: the certificate for each connection chosen by SNI, and the TLS
//! handshake before the same request handling as plain HTTP (HTTP/2 or HTTP/1.1 by ALPN).

use std::fmt;
use std::sync::Arc;

use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;

/// Where the certificates apps brought (or were issued) come from; asked during every
/// handshake, so it should answer from memory.
pub trait AppCertificates: Send + Sync + 'static {
    /// The certificate for a lowercase hostname, if an app has one that covers it.
    fn for_host(&self, host: &str) -> Option<Arc<CertifiedKey>>;
}

/// No app certificates (until apps upload or are issued some).
pub struct NoAppCertificates;

impl AppCertificates for NoAppCertificates {
    fn for_host(&self, _host: &str) -> Option<Arc<CertifiedKey>> {
        None
    }
}

/// Picks a connection's certificate: the app's for the name the client asked for, else the
/// platform's own for `*.DOMAIN` (also when the client sent no name), else none, and the
/// handshake fails.
pub struct SniResolver {
    domain: String,
    platform: Option<Arc<CertifiedKey>>,
    apps: Arc<dyn AppCertificates>,
}

impl SniResolver {
    pub fn new(
        domain: &str,
        platform: Option<CertifiedKey>,
        apps: Arc<dyn AppCertificates>,
    ) -> SniResolver {
        SniResolver {
            domain: domain.to_ascii_lowercase(),
            platform: platform.map(Arc::new),
            apps,
        }
    }

    fn pick(&self, name: Option<&str>) -> Option<Arc<CertifiedKey>> {
        let Some(name) = name else {
            return self.platform.clone();
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if let Some(key) = self.apps.for_host(&name) {
            return Some(key);
        }
        let under_domain = name
            .strip_suffix(self.domain.as_str())
            .and_then(|head| head.strip_suffix('.'))
            .is_some_and(|label| !label.is_empty() && !label.contains('.'));
        if under_domain || name == self.domain {
            return self.platform.clone();
        }
        None
    }
}

impl fmt::Debug for SniResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SniResolver")
            .field("domain", &self.domain)
            .field("platform", &self.platform.is_some())
            .finish_non_exhaustive()
    }
}

impl ResolvesServerCert for SniResolver {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let picked = self.pick(hello.server_name());
        if picked.is_none() {
            tracing::debug!(
                "router: no certificate for `{}`; refusing the handshake",
                hello.server_name().unwrap_or("(no name)")
            );
        }
        picked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct One(String, Arc<CertifiedKey>);

    impl AppCertificates for One {
        fn for_host(&self, host: &str) -> Option<Arc<CertifiedKey>> {
            (host == self.0).then(|| self.1.clone())
        }
    }

    fn key(name: &str) -> CertifiedKey {
        let k = rcgen::KeyPair::generate().unwrap();
        let c = rcgen::CertificateParams::new(vec![name.to_string()])
            .unwrap()
            .self_signed(&k)
            .unwrap();
        crate::server::tls::certified_key(c.pem().as_bytes(), k.serialize_pem().as_bytes()).unwrap()
    }

    #[test]
    fn app_certificates_first_then_the_platform_for_its_domain() {
        let app = Arc::new(key("www.example.test"));
        let apps = Arc::new(One("www.example.test".into(), app.clone()));
        let r = SniResolver::new("localhost", Some(key("*.localhost")), apps);
        assert!(Arc::ptr_eq(
            &r.pick(Some("WWW.example.test.")).unwrap(),
            &app
        ));
        let platform = r.pick(Some("shop.localhost")).unwrap();
        assert!(!Arc::ptr_eq(&platform, &app));
        assert!(r.pick(None).is_some());
        assert!(r.pick(Some("deep.shop.localhost")).is_none());
        assert!(r.pick(Some("other.example.test")).is_none());
        let bare = SniResolver::new("localhost", None, Arc::new(NoAppCertificates));
        assert!(bare.pick(Some("shop.localhost")).is_none());
        assert!(bare.pick(None).is_none());
    }
}
