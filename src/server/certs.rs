//! Uploaded certificates (SNI endpoints): a PEM chain and key checked before anything is
//! stored: the key is the leaf's, every certificate is within its validity dates, and the
//! chain goes leaf first, each certificate signed by the next (its issuer by name, checked by
//! signature; put in that order when it came shuffled, refused when it cannot be). Messages never quote the key.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::sign::CertifiedKey;
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::router::tls::AppCertificates;
use super::store::Store;

/// What an uploaded chain says, for the API's `ssl_cert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// The names the leaf covers (its DNS subject alternative names; else its common name).
    pub names: Vec<String>,
    pub subject: String,
    pub issuer: String,
    /// Unix seconds.
    pub starts_at: i64,
    pub expires_at: i64,
    pub self_signed: bool,
}

/// A checked upload: the chain in order (PEM); `describe` says what it holds.
#[derive(Debug, Clone)]
pub struct Checked {
    pub chain_pem: String,
}

struct Parsed<'a> {
    der: &'a CertificateDer<'static>,
    cert: X509Certificate<'a>,
}

/// Checks a chain and its key at `now` (Unix seconds).
pub fn check_upload(chain_pem: &str, key_pem: &str, now: i64) -> Result<Checked, String> {
    let ders = CertificateDer::pem_slice_iter(chain_pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| "the certificate chain is not valid PEM".to_string())?;
    if ders.is_empty() {
        return Err("the certificate chain holds no `CERTIFICATE` block".into());
    }
    if ders.len() > 10 {
        return Err("the certificate chain holds more than 10 certificates".into());
    }
    let mut parsed = Vec::with_capacity(ders.len());
    for (i, der) in ders.iter().enumerate() {
        let (_, cert) = X509Certificate::from_der(der).map_err(|_| {
            format!(
                "certificate {} of the chain is not a valid X.509 certificate",
                i + 1
            )
        })?;
        parsed.push(Parsed { der, cert });
    }
    for p in &parsed {
        let v = p.cert.validity();
        if v.not_after.timestamp() < now {
            return Err(format!(
                "the certificate for `{}` expired on {}",
                p.cert.subject(),
                crate::api::Timestamp(v.not_after.timestamp())
            ));
        }
        if v.not_before.timestamp() > now {
            return Err(format!(
                "the certificate for `{}` is not valid before {}",
                p.cert.subject(),
                crate::api::Timestamp(v.not_before.timestamp())
            ));
        }
    }
    // The leaf is the certificate the key belongs to.
    let mut leaf = None;
    for (i, p) in parsed.iter().enumerate() {
        let single = vec![p.der.clone()];
        if crate::server::tls::certified_key_from(single, key_pem).is_ok() {
            leaf = Some(i);
            break;
        }
    }
    let Some(leaf) = leaf else {
        // Tell a key of the wrong kind from one that matches nothing.
        crate::server::tls::certified_key_from(vec![parsed[0].der.clone()], key_pem)?;
        return Err("the private key does not match any certificate of the chain".into());
    };
    let ordered = order_chain(parsed, leaf)?;
    let chain_pem = ordered
        .iter()
        .map(|p| pem_block(p.der))
        .collect::<Vec<_>>()
        .join("");
    Ok(Checked { chain_pem })
}

/// Leaf first, then each certificate's issuer: the one whose subject is the certificate's
/// issuer name and whose key verifies its signature. A certificate that issues none of the
/// others and is not the leaf's ancestor has no place in the chain; one named as the issuer
/// whose key did not sign the certificate before it is refused.
fn order_chain(mut rest: Vec<Parsed<'_>>, leaf: usize) -> Result<Vec<Parsed<'_>>, String> {
    let mut ordered = vec![rest.remove(leaf)];
    while !rest.is_empty() {
        let last = &ordered[ordered.len() - 1].cert;
        let issuer = last.issuer().as_raw();
        if last.subject().as_raw() == issuer {
            break;
        }
        let named: Vec<usize> = (0..rest.len())
            .filter(|&i| rest[i].cert.subject().as_raw() == issuer)
            .collect();
        if named.is_empty() {
            break;
        }
        match named
            .iter()
            .copied()
            .find(|&i| signed_by(last, &rest[i].cert).is_ok())
        {
            Some(i) => ordered.push(rest.remove(i)),
            None => return Err(signed_by(last, &rest[named[0]].cert).unwrap_err()),
        }
    }
    if let Some(stray) = rest.first() {
        return Err(format!(
            "the certificate for `{}` does not belong in the chain: it did not issue the certificate before it",
            stray.cert.subject()
        ));
    }
    Ok(ordered)
}

/// Whether `issuer`'s key made `cert`'s signature; the message names both.
fn signed_by(cert: &X509Certificate<'_>, issuer: &X509Certificate<'_>) -> Result<(), String> {
    use x509_parser::error::X509Error;
    match cert.verify_signature(Some(issuer.public_key())) {
        Ok(()) => Ok(()),
        Err(X509Error::SignatureUnsupportedAlgorithm) => Err(format!(
            "the signature of the certificate for `{}` uses an algorithm this server cannot check",
            cert.subject()
        )),
        Err(_) => Err(format!(
            "the certificate for `{}` names `{}` as its issuer, but that certificate's key did not sign it",
            cert.subject(),
            issuer.subject()
        )),
    }
}

fn pem_block(der: &CertificateDer<'_>) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der.as_ref());
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

fn describe_parsed(cert: &X509Certificate<'_>, alone: bool) -> CertInfo {
    let mut names: Vec<String> = match cert.subject_alternative_name() {
        Ok(Some(san)) => san
            .value
            .general_names
            .iter()
            .filter_map(|n| match n {
                GeneralName::DNSName(d) => Some(d.to_ascii_lowercase()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    if names.is_empty() {
        names.extend(
            cert.subject()
                .iter_common_name()
                .filter_map(|cn| cn.as_str().ok())
                .map(str::to_ascii_lowercase),
        );
    }
    let v = cert.validity();
    CertInfo {
        names,
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        starts_at: v.not_before.timestamp(),
        expires_at: v.not_after.timestamp(),
        self_signed: alone && cert.subject().as_raw() == cert.issuer().as_raw(),
    }
}

/// What a stored (already checked) chain says; `None` when it no longer parses.
pub fn describe(chain_pem: &str) -> Option<CertInfo> {
    let der = CertificateDer::pem_slice_iter(chain_pem.as_bytes())
        .next()?
        .ok()?;
    let alone = CertificateDer::pem_slice_iter(chain_pem.as_bytes()).count() == 1;
    let (_, cert) = X509Certificate::from_der(&der).ok()?;
    Some(describe_parsed(&cert, alone))
}

/// Whether a certificate name (`www.example.com` or `*.example.com`) covers a hostname. A
/// wildcard name covers one label, and a wildcard hostname only by the same wildcard.
pub fn covers(name: &str, host: &str) -> bool {
    if name == host {
        return true;
    }
    match (name.strip_prefix("*."), host.split_once('.')) {
        (Some(parent), Some((label, rest))) => label != "*" && rest == parent,
        _ => false,
    }
}

/// The certificates the HTTPS router serves for apps' custom domains: each custom domain
/// maps to the newest uploaded certificate of its app that covers it, else to its automatic
/// (ACM) certificate. Rebuilt from the store
/// whenever a certificate or a domain changes, so a handshake only reads a map.
#[derive(Clone, Default)]
pub struct CertTable {
    by_host: Arc<RwLock<HashMap<String, Arc<CertifiedKey>>>>,
}

impl CertTable {
    pub fn reload(&self, store: &Store) {
        let rows = match store.sni_endpoints_for_router() {
            Ok(rows) => rows,
            Err(e) => {
                tracing::warn!("cannot load the apps' certificates: {e}");
                return;
            }
        };
        let mut by_host = HashMap::new();
        match store.acm_certificates_for_router() {
            Ok(issued) => {
                for (host, chain, key) in issued {
                    match crate::server::tls::certified_key(chain.as_bytes(), key.as_bytes()) {
                        Ok(ck) => {
                            by_host.insert(host, Arc::new(ck));
                        }
                        Err(e) => tracing::warn!(
                            "the automatic certificate of `{host}` cannot be served: {e}"
                        ),
                    }
                }
            }
            Err(e) => tracing::warn!("cannot load the automatic certificates: {e}"),
        }
        for (row, key, domains) in rows {
            let (Some(info), Ok(ck)) = (
                describe(&row.certificate_chain),
                crate::server::tls::certified_key(row.certificate_chain.as_bytes(), key.as_bytes()),
            ) else {
                tracing::warn!(
                    "the certificate `{}` of {} cannot be served; upload it again",
                    row.name,
                    row.app_name
                );
                continue;
            };
            let ck = Arc::new(ck);
            for domain in domains {
                if info.names.iter().any(|n| covers(n, &domain)) {
                    by_host.insert(domain, ck.clone());
                }
            }
        }
        *crate::sync::write(&self.by_host) = by_host;
    }
}

impl AppCertificates for CertTable {
    fn for_host(&self, host: &str) -> Option<Arc<CertifiedKey>> {
        let map = crate::sync::read(&self.by_host);
        if let Some(key) = map.get(host) {
            return Some(key.clone());
        }
        let (_, parent) = host.split_once('.')?;
        map.get(&format!("*.{parent}")).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn ca() -> (rcgen::CertifiedIssuer<'static, rcgen::KeyPair>, String) {
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "test root");
        let issuer =
            rcgen::CertifiedIssuer::self_signed(params, rcgen::KeyPair::generate().unwrap())
                .unwrap();
        let pem = issuer.pem();
        (issuer, pem)
    }

    fn leaf(
        issuer: &rcgen::Issuer<'_, rcgen::KeyPair>,
        names: &[&str],
        valid: Option<(i64, i64)>,
    ) -> (String, String) {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params =
            rcgen::CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
                .unwrap();
        if let Some((from, to)) = valid {
            params.not_before = time::OffsetDateTime::from_unix_timestamp(from).unwrap();
            params.not_after = time::OffsetDateTime::from_unix_timestamp(to).unwrap();
        } else {
            params.not_before = time::OffsetDateTime::from_unix_timestamp(NOW - 86_400).unwrap();
            params.not_after = time::OffsetDateTime::from_unix_timestamp(NOW + 86_400).unwrap();
        }
        (
            params.signed_by(&key, issuer).unwrap().pem(),
            key.serialize_pem(),
        )
    }

    #[test]
    fn a_good_chain_is_described_and_a_shuffled_one_put_in_order() {
        let (root, root_pem) = ca();
        let (cert, key) = leaf(&root, &["www.one.test", "*.two.test"], None);
        let checked = check_upload(&format!("{root_pem}{cert}"), &key, NOW).unwrap();
        assert!(checked.chain_pem.starts_with(cert.trim_end()), "leaf first");
        let info = describe(&checked.chain_pem).unwrap();
        assert_eq!(info.names, ["www.one.test", "*.two.test"]);
        assert!(info.issuer.contains("test root"));
        assert!(!info.self_signed);
    }

    #[test]
    fn bad_uploads_are_refused_without_quoting_the_key() {
        let (root, _) = ca();
        let (cert, key) = leaf(&root, &["www.one.test"], None);
        let (_, other_key) = leaf(&root, &["www.one.test"], None);
        let (expired, expired_key) = leaf(&root, &["a.test"], Some((NOW - 100, NOW - 10)));
        let (early, early_key) = leaf(&root, &["a.test"], Some((NOW + 10, NOW + 100)));
        for (chain, key_pem, want) in [
            (cert.clone(), other_key.clone(), "does not match"),
            (expired, expired_key, "expired"),
            (early, early_key, "not valid before"),
            ("garbage".to_string(), key.clone(), "no `CERTIFICATE`"),
            (cert.clone(), "garbage".to_string(), "private key"),
        ] {
            let err = check_upload(&chain, &key_pem, NOW).unwrap_err();
            assert!(err.contains(want), "{want}: {err}");
            assert!(!err.contains("PRIVATE"), "{err}");
        }
    }

    #[test]
    fn a_chain_whose_names_match_but_signatures_do_not_is_refused() {
        let (root, root_pem) = ca();
        let (cert, key) = leaf(&root, &["www.one.test"], None);
        // Another root with the same name and a key of its own.
        let (_, impostor_pem) = ca();
        let err = check_upload(&format!("{cert}{impostor_pem}"), &key, NOW).unwrap_err();
        assert!(err.contains("did not sign it"), "{err}");
        assert!(err.contains("test root"), "{err}");
        // With both, the one whose key signed is chosen and the impostor has no place.
        let err = check_upload(&format!("{cert}{impostor_pem}{root_pem}"), &key, NOW).unwrap_err();
        assert!(err.contains("does not belong"), "{err}");
        check_upload(&format!("{cert}{root_pem}"), &key, NOW).unwrap();
    }

    #[test]
    fn names_cover_hosts() {
        assert!(covers("www.a.test", "www.a.test"));
        assert!(covers("*.a.test", "www.a.test"));
        assert!(covers("*.a.test", "*.a.test"));
        assert!(!covers("*.a.test", "x.www.a.test"));
        assert!(!covers("*.a.test", "a.test"));
        assert!(!covers("www.a.test", "*.a.test"));
    }
}
