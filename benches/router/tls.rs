//! HTTPS for the benchmark: one self-signed certificate for the apps' names, served by the
//! router through tug's own TLS set-up (and by nginx from PEM files), and a client that trusts
//! it and never resumes a session, so that every new connection is a full handshake.

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, ServerName};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tug::server::router::TlsListener;
use tug::server::router::tls::{NoAppCertificates, SniResolver};

/// The certificate every HTTPS listener of the benchmark serves.
pub struct Certificate {
    pub cert_pem: String,
    pub key_pem: String,
    der: CertificateDer<'static>,
}

impl Certificate {
    /// A self-signed ECDSA P-256 certificate for `names`, the kind ACME CAs issue by default.
    pub fn for_names(names: &[&str]) -> Certificate {
        let key = rcgen::KeyPair::generate().expect("key pair");
        let names = names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let cert = rcgen::CertificateParams::new(names)
            .expect("certificate names")
            .self_signed(&key)
            .expect("self-signed certificate");
        Certificate {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
            der: cert.der().clone(),
        }
    }

    /// The router's HTTPS listener, set up as `tug server --router-tls` does: the platform's
    /// certificate for `*.localhost` picked by SNI, HTTP/2 and HTTP/1.1 offered.
    pub fn router_listener(&self) -> TlsListener {
        let key =
            tug::server::tls::certified_key(self.cert_pem.as_bytes(), self.key_pem.as_bytes())
                .expect("certified key");
        let resolver = SniResolver::new("localhost", Some(key), Arc::new(NoAppCertificates));
        let config =
            tug::server::tls::server_config(Arc::new(resolver), tug::server::tls::ALPN_H2_HTTP1)
                .expect("TLS configuration");
        TlsListener {
            listener: std::net::TcpListener::bind("127.0.0.1:0").expect("bind router TLS"),
            config: Arc::new(config),
        }
    }

    /// A client for `host` that trusts this certificate, speaks HTTP/1.1 (as the plain
    /// columns do) and resumes no session.
    pub fn client(&self, host: &'static str) -> Client {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(self.der.clone()).expect("trusted certificate");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        config.resumption = rustls::client::Resumption::disabled();
        Client {
            connector: TlsConnector::from(Arc::new(config)),
            name: ServerName::try_from(host).expect("server name"),
        }
    }
}

/// How the load generator opens an HTTPS connection.
#[derive(Clone)]
pub struct Client {
    connector: TlsConnector,
    name: ServerName<'static>,
}

impl Client {
    pub async fn handshake(&self, stream: TcpStream) -> Option<TlsStream<TcpStream>> {
        self.connector.connect(self.name.clone(), stream).await.ok()
    }
}
