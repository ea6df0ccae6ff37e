//! Formation: how many dynos of each process type an app should run, and their size.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use super::{NamedRef, Timestamp};

/// The dyno size names, from the one size table (`dyno_size`) the sandbox limits by.
pub use super::dyno_size::NAMES as DYNO_SIZES;

/// `GET /apps/{app}/formation/{id|type}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Formation {
    pub app: NamedRef,
    pub command: String,
    pub created_at: Timestamp,
    pub dyno_size: NamedRef,
    pub id: Uuid,
    pub quantity: i64,
    pub size: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub updated_at: Timestamp,
}

/// A dyno size given by id or name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DynoSizeRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A quantity in a formation update: an absolute number, or a change relative to the current
/// one. The official CLI sends `"3"`, `"+1"` and `"-1"` as strings; others send integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    Set(i64),
    Add(i64),
}

impl Quantity {
    /// Parses `3`, `+1`, `-1`.
    pub fn parse(s: &str) -> Option<Quantity> {
        let s = s.trim();
        let digits_ok = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
        if let Some(d) = s.strip_prefix('+') {
            digits_ok(d)
                .then(|| d.parse().ok().map(Quantity::Add))
                .flatten()
        } else if let Some(d) = s.strip_prefix('-') {
            digits_ok(d)
                .then(|| d.parse::<i64>().ok().map(|n| Quantity::Add(-n)))
                .flatten()
        } else {
            digits_ok(s)
                .then(|| s.parse().ok().map(Quantity::Set))
                .flatten()
        }
    }

    pub fn apply(self, current: i64) -> i64 {
        match self {
            Quantity::Set(n) => n,
            Quantity::Add(d) => current.saturating_add(d),
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Set(n) => write!(f, "{n}"),
            Quantity::Add(d) if *d >= 0 => write!(f, "+{d}"),
            Quantity::Add(d) => write!(f, "{d}"),
        }
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Quantity::Set(n) => s.serialize_i64(*n),
            Quantity::Add(_) => s.serialize_str(&self.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Quantity;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number, or a string like \"3\", \"+1\" or \"-1\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
                Ok(Quantity::Set(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
                i64::try_from(v)
                    .map(Quantity::Set)
                    .map_err(|_| E::custom("quantity is too large"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
                Quantity::parse(v).ok_or_else(|| E::custom(format!("invalid quantity `{v}`")))
            }
        }
        d.deserialize_any(V)
    }
}

/// `PATCH /apps/{app}/formation/{type}`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormationUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dyno_size: Option<DynoSizeRef>,
    /// Deprecated spelling of `dyno_size.name`, still sent by older clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
}

/// One entry of `PATCH /apps/{app}/formation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormationBatchItem {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dyno_size: Option<DynoSizeRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
}

/// `PATCH /apps/{app}/formation`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormationBatchUpdate {
    pub updates: Vec<FormationBatchItem>,
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_in_every_form() {
        assert_eq!(Quantity::parse("3"), Some(Quantity::Set(3)));
        assert_eq!(Quantity::parse("+1"), Some(Quantity::Add(1)));
        assert_eq!(Quantity::parse("-2"), Some(Quantity::Add(-2)));
        for bad in [
            "",
            "+",
            "-",
            "x",
            "1.5",
            "+-1",
            "--1",
            "99999999999999999999",
        ] {
            assert_eq!(Quantity::parse(bad), None, "{bad}");
        }
        let q: Quantity = serde_json::from_str("2").unwrap();
        assert_eq!(q, Quantity::Set(2));
        let q: Quantity = serde_json::from_str("\"+1\"").unwrap();
        assert_eq!(q.apply(2), 3);
        assert!(serde_json::from_str::<Quantity>("\"lots\"").is_err());
        assert!(serde_json::from_str::<Quantity>("1.5").is_err());
        assert_eq!(serde_json::to_string(&Quantity::Add(-1)).unwrap(), "\"-1\"");
    }
}
