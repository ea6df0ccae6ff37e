//! Timestamps on the wire: UTC, whole seconds, `2026-01-01T12:00:00Z`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A point in time as the API carries it. Stored as Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Timestamp {
        Timestamp(OffsetDateTime::now_utc().unix_timestamp())
    }

    pub fn to_datetime(self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(self.0).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    /// `2026-01-01T12:00:00Z`
    pub fn to_rfc3339(self) -> String {
        let t = self.to_datetime();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }

    /// Accepts any RFC 3339 time (offsets and fractions included) and keeps whole seconds.
    pub fn parse(s: &str) -> Option<Timestamp> {
        OffsetDateTime::parse(s, &Rfc3339)
            .ok()
            .map(|t| Timestamp(t.unix_timestamp()))
    }

    /// "just now", "5s ago", "3m ago", "2h ago", "4d ago".
    pub fn ago(self, now: Timestamp) -> String {
        let secs = (now.0 - self.0).max(0);
        match secs {
            0..=1 => "just now".to_string(),
            2..=59 => format!("{secs}s ago"),
            60..=3599 => format!("{}m ago", secs / 60),
            3600..=86_399 => format!("{}h ago", secs / 3600),
            _ => format!("{}d ago", secs / 86_400),
        }
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid timestamp `{s}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_whole_seconds() {
        assert_eq!(Timestamp(0).to_rfc3339(), "1970-01-01T00:00:00Z");
        assert_eq!(
            Timestamp(1_767_268_800).to_rfc3339(),
            "2026-01-01T12:00:00Z"
        );
    }

    #[test]
    fn parses_rfc3339_variants_and_rejects_garbage() {
        assert_eq!(
            Timestamp::parse("2026-01-01T12:00:00Z"),
            Some(Timestamp(1_767_268_800))
        );
        assert_eq!(
            Timestamp::parse("2026-01-01T13:00:00.123+01:00"),
            Some(Timestamp(1_767_268_800))
        );
        for bad in ["", "yesterday", "2026-01-01", "2026-13-01T00:00:00Z"] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn relative_times() {
        let now = Timestamp(10_000);
        assert_eq!(Timestamp(10_000).ago(now), "just now");
        assert_eq!(Timestamp(9_990).ago(now), "10s ago");
        assert_eq!(Timestamp(9_880).ago(now), "2m ago");
        assert_eq!(Timestamp(10_000 - 7200).ago(now), "2h ago");
        assert_eq!(Timestamp(10_000 + 5).ago(now), "just now");
    }
}
