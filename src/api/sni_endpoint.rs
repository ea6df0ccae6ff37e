//! SNI endpoints: certificates an app brought for its custom domains. The private key goes up
//! with a create or update and never comes back.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{NamedRef, Timestamp};

/// What the certificate says (schema: `sni-endpoint.ssl_cert`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SslCert {
    #[serde(rename = "ca_signed?")]
    pub ca_signed: bool,
    /// The names the certificate covers.
    pub cert_domains: Vec<String>,
    pub expires_at: Timestamp,
    pub issuer: String,
    #[serde(rename = "self_signed?")]
    pub self_signed: bool,
    pub starts_at: Timestamp,
    pub subject: String,
    pub id: Uuid,
    /// Whether the platform's ACM ordered this certificate (and renews it).
    #[serde(default)]
    pub acm: bool,
}

/// An SNI endpoint (schema: `sni-endpoint`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SniEndpoint {
    pub app: NamedRef,
    /// The chain, leaf first, as the platform serves it.
    pub certificate_chain: String,
    pub created_at: Timestamp,
    pub display_name: Option<String>,
    /// The ids of the app's domains this certificate covers.
    pub domains: Vec<Uuid>,
    pub id: Uuid,
    pub name: String,
    pub ssl_cert: SslCert,
    pub updated_at: Timestamp,
}

/// `POST /apps/{app}/sni-endpoints` and `PATCH /apps/{app}/sni-endpoints/{endpoint}`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SniEndpointCreate {
    pub certificate_chain: String,
    pub private_key: String,
}

// Hand-written so that no log or error ever prints the key.
impl std::fmt::Debug for SniEndpointCreate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SniEndpointCreate")
            .field("certificate_chain", &self.certificate_chain.len())
            .field("private_key", &"(hidden)")
            .finish()
    }
}
