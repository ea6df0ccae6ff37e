//! The TLS set-up every listener of the server shares: PEM files turned into a certified key,
//! and rustls server configurations around a certificate resolver. The API (`--tls-cert`)
//! serves one certificate; the router's HTTPS listener picks one per connection by SNI.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::ResolvesServerCert;
use rustls::sign::CertifiedKey;

/// ALPN for a listener that speaks HTTP/1.1 only.
pub const ALPN_HTTP1: &[&[u8]] = &[b"http/1.1"];
/// ALPN for a listener that speaks HTTP/2 and HTTP/1.1, HTTP/2 preferred.
pub const ALPN_H2_HTTP1: &[&[u8]] = &[b"h2", b"http/1.1"];

/// A certificate chain (leaf first) and its private key, from PEM text: the key must be the
/// leaf's. The message says what is wrong without quoting the key.
pub fn certified_key(cert_pem: &[u8], key_pem: &[u8]) -> Result<CertifiedKey, String> {
    let chain = CertificateDer::pem_slice_iter(cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| "the certificate chain is not valid PEM".to_string())?;
    if chain.is_empty() {
        return Err("the certificate file holds no `CERTIFICATE` block".into());
    }
    certified_key_from(chain, key_pem)
}

/// `certified_key` for a chain already read.
pub fn certified_key_from(
    chain: Vec<CertificateDer<'static>>,
    key_pem: impl AsRef<[u8]>,
) -> Result<CertifiedKey, String> {
    let key = PrivateKeyDer::from_pem_slice(key_pem.as_ref())
        .map_err(|_| "the private key is not PEM (PKCS#8, PKCS#1 or SEC1)".to_string())?;
    let provider = rustls::crypto::ring::default_provider();
    CertifiedKey::from_der(chain, key, &provider).map_err(|e| match e {
        rustls::Error::InconsistentKeys(_) => {
            "the private key does not match the certificate".to_string()
        }
        _ => "the private key is of a kind this server cannot use (use RSA, ECDSA P-256/P-384 or Ed25519)".to_string(),
    })
}

/// `certified_key` from two files.
pub fn load_certified_key(cert: &Path, key: &Path) -> anyhow::Result<CertifiedKey> {
    let read =
        |p: &Path| std::fs::read(p).with_context(|| format!("cannot read `{}`", p.display()));
    certified_key(&read(cert)?, &read(key)?)
        .map_err(anyhow::Error::msg)
        .with_context(|| {
            format!(
                "cannot use the certificate `{}` with the key `{}`",
                cert.display(),
                key.display()
            )
        })
}

/// A server configuration (TLS 1.3 and 1.2, ring) that asks `resolver` for each handshake's
/// certificate and offers `alpn`.
pub fn server_config(
    resolver: Arc<dyn ResolvesServerCert>,
    alpn: &[&[u8]],
) -> anyhow::Result<ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("cannot set up TLS")?
        .with_no_client_auth()
        .with_cert_resolver(resolver);
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Ok(config)
}

/// The configuration of a listener with one certificate for every name.
pub fn single_cert_config(key: CertifiedKey, alpn: &[&[u8]]) -> anyhow::Result<ServerConfig> {
    server_config(
        Arc::new(rustls::sign::SingleCertAndKey::from(Arc::new(key))),
        alpn,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(name: &str) -> (String, String) {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec![name.to_string()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        (cert.pem(), key.serialize_pem())
    }

    #[test]
    fn a_chain_and_its_key_make_a_certified_key() {
        let (cert, key) = pair("www.example.test");
        let ck = certified_key(cert.as_bytes(), key.as_bytes()).unwrap();
        assert_eq!(ck.cert.len(), 1);
    }

    #[test]
    fn mismatched_or_garbage_pem_is_refused_without_quoting_the_key() {
        let (cert, _) = pair("a.example.test");
        let (_, other_key) = pair("b.example.test");
        let err = certified_key(cert.as_bytes(), other_key.as_bytes()).unwrap_err();
        assert!(err.contains("does not match"), "{err}");
        for (c, k) in [
            ("garbage", other_key.as_str()),
            ("", other_key.as_str()),
            (cert.as_str(), "garbage"),
            (cert.as_str(), ""),
        ] {
            let err = certified_key(c.as_bytes(), k.as_bytes()).unwrap_err();
            assert!(!err.contains("PRIVATE KEY-----"), "{err}");
        }
    }
}
