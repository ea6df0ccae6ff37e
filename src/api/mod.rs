//! The wire contract of the Platform API v3 subset tug speaks: request and response types
//! (serde only, no I/O), the error body, Range headers and name rules. Server and CLI both use
//! these, so a response is the same Rust type on both sides of the wire.

pub mod account;
pub mod addon;
pub mod app;
pub mod app_setup;
pub mod attach;
pub mod build;
pub mod commit_status;
pub mod dashboard;
pub mod deployment;
pub mod domain;
pub mod dyno;
pub mod dyno_size;
pub mod error;
pub mod feature;
pub mod formation;
pub mod logs;
pub mod names;
pub mod paths;
pub mod pipeline;
pub mod platform;
pub mod range;
pub mod release;
pub mod review_app;
pub mod sni_endpoint;
pub mod time;
pub mod webhook;

pub use account::*;
pub use addon::*;
pub use app::*;
pub use app_setup::*;
pub use build::*;
pub use commit_status::{CommitStatus, CommitStatusCreate};
pub use deployment::*;
pub use domain::{Domain, DomainCreate, DomainUpdate};
pub use dyno::*;
pub use error::{ErrorBody, ErrorId};
pub use feature::{Feature, FeatureUpdate};
pub use formation::*;
pub use logs::*;
pub use pipeline::*;
pub use platform::{Region, RegionProvider, Stack};
pub use range::Range;
pub use release::*;
pub use review_app::*;
pub use sni_endpoint::{SniEndpoint, SniEndpointCreate, SslCert};
pub use time::Timestamp;
pub use webhook::*;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The media type every request sends and every server accepts (any `3.<variant>` too).
pub const ACCEPT: &str = "application/vnd.heroku+json; version=3";

/// Constants for what tug has only one of. Ids are fixed so they are stable across restarts.
pub const STACK_NAME: &str = "local";
pub const STACK_ID: Uuid = Uuid::from_u128(0x6c6f_6361_6c00_4000_8000_0000_0000_0001);
pub const REGION_NAME: &str = "local";
pub const REGION_ID: Uuid = Uuid::from_u128(0x6c6f_6361_6c00_4000_8000_0000_0000_0002);
pub const GENERATION_NAME: &str = "cedar";
pub const GENERATION_ID: Uuid = Uuid::from_u128(0x6c6f_6361_6c00_4000_8000_0000_0000_0003);
pub const DYNO_SIZE_NAME: &str = "standard-1X";
pub const DYNO_SIZE_ID: Uuid = Uuid::from_u128(0x6c6f_6361_6c00_4000_8000_0000_0000_0004);

/// A reference to another resource by id and name: `{"id": ..., "name": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    pub id: Uuid,
    pub name: String,
}

/// A reference by id only: `{"id": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdRef {
    pub id: Uuid,
}

/// A reference to an account: `{"id": ..., "email": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRef {
    pub id: Uuid,
    pub email: String,
}

pub fn stack_ref() -> NamedRef {
    NamedRef {
        id: STACK_ID,
        name: STACK_NAME.to_string(),
    }
}

pub fn region_ref() -> NamedRef {
    NamedRef {
        id: REGION_ID,
        name: REGION_NAME.to_string(),
    }
}

/// `GET /account/rate-limits`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimit {
    pub remaining: u64,
}

/// `GET /health`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    /// How app code is walled off: `sandboxed (namespaces, …)` or `unsandboxed …`.
    #[serde(default)]
    pub sandbox: String,
}
