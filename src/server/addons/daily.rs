//! A time of day in a time zone, for daily backups (`pg:backups:schedule --at '02:00
//! America/New_York'`): reading it, saying it, and the next moment it comes round.
//!
//! Zones come from the system's time zone database (`/usr/share/zoneinfo`, Debian's `tzdata`)
//! through jiff, so daylight saving time follows the rules the system knows. On a day the
//! clocks skip the time (02:30 when 02:00 becomes 03:00) the backup runs at the same distance
//! after the skip (03:30); on a day they repeat it, it runs once, at the first of the two.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

/// The zone a time without one is in.
pub const UTC: &str = "UTC";

/// `02:00`, `02:00 UTC` or `02:00 America/New_York` as minutes past midnight and the zone's
/// name as the database spells it.
pub fn parse_at(at: &str) -> Result<(u32, String), String> {
    let at = at.trim();
    let (time, zone) = match at.split_once(char::is_whitespace) {
        Some((time, zone)) => (time, zone.trim()),
        // `02:00utc`, as earlier versions read it.
        None if at.to_ascii_lowercase().ends_with("utc") => (&at[..at.len() - 3], UTC),
        None => (at, UTC),
    };
    let bad = || {
        format!(
            "`{at}` is not a time of day: give `HH:MM` and, if not UTC, a time zone (`--at 02:00` or `--at '02:00 America/New_York'`)"
        )
    };
    let (h, m) = time.split_once(':').ok_or_else(bad)?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return Err(bad());
    }
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok((h * 60 + m, zone_name(zone)?))
}

/// The database's spelling of a zone (`america/new_york` → `America/New_York`), or why not.
fn zone_name(zone: &str) -> Result<String, String> {
    if zone.eq_ignore_ascii_case(UTC) {
        return Ok(UTC.to_string());
    }
    // Only names: a path or a POSIX rule string is not a zone a person types.
    let plain = !zone.is_empty()
        && zone
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'))
        && !zone.starts_with('/')
        && !zone.contains("..");
    let unknown = || {
        format!(
            "`{zone}` is not a time zone this server knows: give a name from the time zone database (`America/New_York`, `Europe/Paris`) or `UTC`"
        )
    };
    if !plain {
        return Err(unknown());
    }
    let tz = TimeZone::get(zone).map_err(|_| unknown())?;
    Ok(tz.iana_name().unwrap_or(zone).to_string())
}

/// `02:00 America/New_York`.
pub fn at_text(minute: u32, zone: &str) -> String {
    format!("{:02}:{:02} {zone}", minute / 60, minute % 60)
}

/// The first time, in seconds since the epoch, after `from` (or at it, when `inclusive`) at
/// which the clocks of `zone` show `minute` past midnight. A zone the system no longer knows
/// counts as UTC (the server's log says so).
pub fn next_run(minute: u32, zone: &str, from: i64, inclusive: bool) -> i64 {
    let tz = TimeZone::get(zone).unwrap_or_else(|_| {
        tracing::warn!("the time zone `{zone}` is not in this system's database: using UTC");
        TimeZone::UTC
    });
    let fallback = from + 24 * 60 * 60;
    let Ok(now) = jiff::Timestamp::from_second(from) else {
        return fallback;
    };
    let hour = i8::try_from(minute / 60).unwrap_or(0);
    let min = i8::try_from(minute % 60).unwrap_or(0);
    let Ok(time) = Time::new(hour, min, 0, 0) else {
        return fallback;
    };
    let mut date: Date = now.to_zoned(tz.clone()).date();
    // Today's or tomorrow's; a third day only where a zone moves its clocks by a day.
    for _ in 0..3 {
        if let Ok(at) = date.to_datetime(time).to_zoned(tz.clone()) {
            let t = at.timestamp().as_second();
            if t > from || (inclusive && t == from) {
                return t;
            }
        }
        let Ok(next) = date.tomorrow() else {
            return fallback;
        };
        date = next;
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    #[test]
    fn times_of_day_with_and_without_a_zone() {
        assert_eq!(parse_at("02:00").unwrap(), (120, "UTC".into()));
        assert_eq!(parse_at(" 2:05 utc ").unwrap(), (125, "UTC".into()));
        assert_eq!(parse_at("23:59UTC").unwrap(), (23 * 60 + 59, "UTC".into()));
        assert_eq!(
            parse_at("02:00 America/New_York").unwrap(),
            (120, "America/New_York".into())
        );
        assert_eq!(
            parse_at("23:59 europe/paris").unwrap(),
            (23 * 60 + 59, "Europe/Paris".into())
        );
        for bad in [
            "", "2", "24:00", "02:60", "02:0", "x2:00", "02:00:00", "-1:00",
        ] {
            let err = parse_at(bad).unwrap_err();
            assert!(err.contains("not a time of day"), "{bad:?}: {err}");
        }
        for bad in [
            "02:00 Mars/Olympus",
            "02:00 /etc/passwd",
            "02:00 ../../etc/passwd",
            "02:00 EST5EDT,M3.2.0,M11.1.0",
            "02:00 America/New York",
        ] {
            let err = parse_at(bad).unwrap_err();
            assert!(err.contains("not a time zone"), "{bad:?}: {err}");
        }
        assert_eq!(at_text(125, "UTC"), "02:05 UTC");
    }

    #[test]
    fn the_next_run_follows_utc() {
        let set = utc("2026-06-01T14:00:00Z");
        assert_eq!(next_run(120, UTC, set, true), utc("2026-06-02T02:00:00Z"));
        let set = utc("2026-06-01T01:00:00Z");
        assert_eq!(next_run(120, UTC, set, true), utc("2026-06-01T02:00:00Z"));
        // Set during the minute itself: now; after a run at it: tomorrow.
        let at = utc("2026-06-01T02:00:00Z");
        assert_eq!(next_run(120, UTC, at, true), at);
        assert_eq!(
            next_run(120, UTC, at + 5, false),
            utc("2026-06-02T02:00:00Z")
        );
    }

    #[test]
    fn the_next_run_follows_daylight_saving_time() {
        let ny = "America/New_York";
        // Winter: 02:00 EST is 07:00 UTC; summer: 02:00 EDT is 06:00 UTC.
        let winter = utc("2026-01-10T12:00:00Z");
        assert_eq!(next_run(120, ny, winter, true), utc("2026-01-11T07:00:00Z"));
        let summer = utc("2026-07-10T12:00:00Z");
        assert_eq!(next_run(120, ny, summer, true), utc("2026-07-11T06:00:00Z"));
        // 8 March 2026: 02:00 becomes 03:00, so 02:30 runs at 03:30 EDT; the next day as usual.
        let before = utc("2026-03-07T12:00:00Z");
        let skipped = next_run(150, ny, before, true);
        assert_eq!(skipped, utc("2026-03-08T07:30:00Z"));
        assert_eq!(
            next_run(150, ny, skipped, false),
            utc("2026-03-09T06:30:00Z")
        );
        // 1 November 2026: 01:30 comes twice; it runs once, at the first.
        let before = utc("2026-10-31T12:00:00Z");
        let first = next_run(90, ny, before, true);
        assert_eq!(first, utc("2026-11-01T05:30:00Z"));
        assert_eq!(next_run(90, ny, first, false), utc("2026-11-02T06:30:00Z"));
        // A zone east of UTC whose midnight is the previous UTC day.
        let tokyo = next_run(60, "Asia/Tokyo", utc("2026-06-01T12:00:00Z"), true);
        assert_eq!(tokyo, utc("2026-06-01T16:00:00Z"));
        // A zone the system forgot: UTC.
        let set = utc("2026-06-01T14:00:00Z");
        assert_eq!(
            next_run(120, "Gone/Away", set, true),
            utc("2026-06-02T02:00:00Z")
        );
    }
}
