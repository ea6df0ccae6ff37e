//! Add-ons: the services the platform provisions for an app (`heroku-postgresql`,
//! `heroku-redis`), their plans, and the attachments that turn an add-on into an app's config var.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{NamedRef, Timestamp};

/// `GET /apps/{app}/addons/{addon}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOn {
    pub actions: Vec<serde_json::Value>,
    pub addon_service: NamedRef,
    pub billing_entity: BillingEntity,
    pub app: NamedRef,
    pub billed_price: Option<Price>,
    /// The config vars the add-on sets on the owning app (`DATABASE_URL`).
    pub config_vars: Vec<String>,
    pub created_at: Timestamp,
    pub id: Uuid,
    pub name: String,
    pub plan: NamedRef,
    pub provider_id: String,
    pub provision_message: String,
    /// `provisioning`, `provisioned` or `deprovisioned`.
    pub state: String,
    pub updated_at: Timestamp,
    pub web_url: Option<String>,
}

/// Who pays for an add-on: on tug always its owning app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingEntity {
    pub id: Uuid,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    pub cents: i64,
    pub contract: bool,
    pub unit: String,
}

/// `POST /apps/{app}/addons`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnCreate {
    /// `heroku-postgresql`, `heroku-postgresql:essential-0`, `postgres`, `redis:mini`.
    #[serde(deserialize_with = "identity")]
    pub plan: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<AttachmentName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentName {
    /// The official CLI sends `{}` when no name was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A plan, an add-on or an app as the API takes it in a body: its name or id
/// (`heroku-redis:mini`), or the schema's identity object (`{"name": …}` or `{"id": …}`),
/// which is what the official CLI sends.
fn identity<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Wire {
        Name(String),
        Identity {
            name: Option<String>,
            id: Option<String>,
        },
    }
    match Wire::deserialize(d)? {
        Wire::Name(name)
        | Wire::Identity {
            name: Some(name), ..
        } => Ok(name),
        Wire::Identity { id: Some(id), .. } => Ok(id),
        Wire::Identity { .. } => Err(serde::de::Error::custom("expected a `name` or an `id`")),
    }
}

fn some_identity<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    identity(d).map(Some)
}

/// `PATCH /apps/{app}/addons/{addon}`: a new plan of the same service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnUpdate {
    /// The schema requires it; the official CLI's `addons:rename` sends only `name`.
    #[serde(
        default,
        deserialize_with = "some_identity",
        skip_serializing_if = "Option::is_none"
    )]
    pub plan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `GET /addon-attachments/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnAttachment {
    pub addon: AttachmentAddOn,
    pub app: NamedRef,
    pub created_at: Timestamp,
    pub id: Uuid,
    /// The config var prefix: `DATABASE` sets `DATABASE_URL`.
    pub name: String,
    pub namespace: Option<String>,
    pub updated_at: Timestamp,
    pub web_url: Option<String>,
    pub log_input_url: Option<String>,
}

/// The add-on an attachment points at, with its owning app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentAddOn {
    pub app: NamedRef,
    pub id: Uuid,
    pub name: String,
}

/// `POST /addon-attachments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnAttachmentCreate {
    /// The add-on's name or id.
    #[serde(deserialize_with = "identity")]
    pub addon: String,
    /// The app to attach it to, by name or id.
    #[serde(deserialize_with = "identity")]
    pub app: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<String>,
}

/// `GET /addon-services/{service}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnService {
    pub cli_plugin_name: Option<String>,
    pub created_at: Timestamp,
    pub human_name: String,
    pub id: Uuid,
    pub name: String,
    pub state: String,
    pub supports_multiple_installations: bool,
    pub supports_sharing: bool,
    pub updated_at: Timestamp,
    pub supported_generations: Vec<NamedRef>,
}

/// `GET /addon-services/{service}/plans/{plan}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub addon_service: NamedRef,
    pub created_at: Timestamp,
    pub compliance: Option<Vec<String>>,
    pub default: bool,
    pub description: String,
    pub human_name: String,
    pub id: Uuid,
    pub installable_inside_private_network: bool,
    pub installable_outside_private_network: bool,
    /// `heroku-postgresql:essential-0`.
    pub name: String,
    pub price: Price,
    pub space_default: bool,
    pub state: String,
    pub updated_at: Timestamp,
    pub visible: bool,
}

/// `GET /apps/{app}/addons/{addon}/usage` (a tug extension, for `pg:info`): what the add-on
/// uses of its plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnUsage {
    pub addon: NamedRef,
    /// `heroku-postgresql:essential-0`.
    pub plan: String,
    pub bytes_used: u64,
    pub bytes_limit: u64,
    pub connections: u32,
    pub connection_limit: u32,
    /// The database server's version.
    pub version: String,
    /// Whether writes are revoked: the database is well past its plan's storage.
    #[serde(default)]
    pub writes_revoked: bool,
}

/// A Postgres add-on's daily backup (a tug extension, for `pg:backups:schedule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnBackupSchedule {
    pub addon: NamedRef,
    /// `02:00 UTC`, `02:00 America/New_York`.
    pub at: String,
    /// The zone of `at`: a name from the time zone database, or `UTC`.
    #[serde(default = "utc")]
    pub time_zone: String,
    pub next_run: Timestamp,
    pub last_run: Option<Timestamp>,
}

fn utc() -> String {
    "UTC".into()
}

/// `PUT /apps/{app}/addons/{addon}/backup-schedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnBackupScheduleUpdate {
    /// `HH:MM`, in UTC or followed by a time zone (`02:00`, `02:00 America/New_York`).
    pub at: String,
}

/// A backup of a Postgres add-on (a tug extension, for `pg:backups`): a `pg_dump` in its
/// custom format, numbered `b001`, `b002`, … per add-on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnBackup {
    /// `b001`.
    pub name: String,
    pub addon: NamedRef,
    pub size: u64,
    pub created_at: Timestamp,
}

/// Attachment names: `^[A-Z][A-Z0-9_]*$`, as they become the prefix of a config var.
pub fn check_attachment_name(name: &str) -> Result<(), String> {
    let b = name.as_bytes();
    if (1..=60).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
    {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid attachment name: use up to 60 uppercase letters, digits and underscores, starting with a letter"
        ))
    }
}

/// Add-on names: `^[a-zA-Z][A-Za-z0-9_-]+$`, at most 64 characters (lowercased by the server).
pub fn check_addon_name(name: &str) -> Result<(), String> {
    let b = name.as_bytes();
    if (2..=64).contains(&b.len())
        && b[0].is_ascii_alphabetic()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
    {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid add-on name: use 2 to 64 letters, digits, dashes and underscores, starting with a letter"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_names_become_config_var_prefixes() {
        for good in ["DATABASE", "REPORTING_DB", "HEROKU_POSTGRESQL_RED", "A1"] {
            assert!(check_attachment_name(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "database",
            "1DB",
            "DB-X",
            "DB URL",
            &"A".repeat(61),
            "DÉ",
        ] {
            assert!(check_attachment_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn addon_names_are_checked() {
        assert!(check_addon_name("postgresql-curved-12345").is_ok());
        for bad in ["", "a", "-x", "1abc", "a b", "a/b", &"a".repeat(65)] {
            assert!(check_addon_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bodies_take_names_or_the_schemas_identity_objects() {
        let ours: AddOnCreate = serde_json::from_str(r#"{"plan": "heroku-redis"}"#).unwrap();
        assert_eq!(ours.plan, "heroku-redis");
        // What the official CLI sends: an identity object, and `attachment: {}` when no name
        // was asked for.
        let theirs: AddOnCreate = serde_json::from_str(
            r#"{"plan": {"name": "heroku-redis:mini"}, "attachment": {}, "config": {}}"#,
        )
        .unwrap();
        assert_eq!(theirs.plan, "heroku-redis:mini");
        assert_eq!(theirs.attachment.unwrap().name, None);
        let attach: AddOnAttachmentCreate =
            serde_json::from_str(r#"{"addon": {"name": "redis-x-1"}, "app": {"id": "abc"}}"#)
                .unwrap();
        assert_eq!(
            (attach.addon.as_str(), attach.app.as_str()),
            ("redis-x-1", "abc")
        );
        for bad in [
            r#"{"plan": {}}"#,
            r#"{"plan": 3}"#,
            r#"{"plan": ["heroku-redis"]}"#,
            r#"{"plan": {"name": 3}}"#,
            r#"{}"#,
        ] {
            assert!(serde_json::from_str::<AddOnCreate>(bad).is_err(), "{bad}");
        }
    }
}
