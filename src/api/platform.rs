//! Stacks and regions: what an app runs on and where. tug has one of each (the host's stack,
//! in the one place the server runs); Heroku's names for theirs are accepted as aliases so
//! clients that send them (`heroku-24`, `cedar`, `eu`) still create apps, and are told what
//! they really got.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{REGION_ID, REGION_NAME, STACK_ID, STACK_NAME, Timestamp};

/// When the fixed stack and region came to be: the same every time, so ETags hold.
const EPOCH: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

/// Heroku's stack names, past and present, that mean "the default stack" here.
pub const HEROKU_STACKS: &[&str] = &[
    "cedar",
    "cedar-14",
    "heroku-16",
    "heroku-18",
    "heroku-20",
    "heroku-22",
    "heroku-24",
];

/// Heroku's region names that mean "where this server runs".
pub const HEROKU_REGIONS: &[&str] = &[
    "us",
    "eu",
    "dublin",
    "frankfurt",
    "london",
    "montreal",
    "mumbai",
    "oregon",
    "singapore",
    "sydney",
    "tokyo",
    "virginia",
];

/// `GET /stacks/{stack}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stack {
    pub created_at: Timestamp,
    pub default: bool,
    pub id: Uuid,
    pub name: String,
    pub state: String,
    pub updated_at: Timestamp,
    /// Beside the schema: the image dynos run on, when they run as images (`--runtime swarm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// `GET /regions/{region}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub country: String,
    pub created_at: Timestamp,
    pub description: String,
    pub id: Uuid,
    pub locale: String,
    pub name: String,
    pub private_capable: bool,
    pub provider: RegionProvider,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionProvider {
    pub name: String,
    pub region: String,
}

pub fn stacks() -> Vec<Stack> {
    vec![Stack {
        created_at: Timestamp(EPOCH),
        default: true,
        id: STACK_ID,
        name: STACK_NAME.into(),
        state: "active".into(),
        updated_at: Timestamp(EPOCH),
        image: None,
    }]
}

pub fn regions() -> Vec<Region> {
    vec![Region {
        country: "local".into(),
        created_at: Timestamp(EPOCH),
        description: "Where this server runs".into(),
        id: REGION_ID,
        locale: "local".into(),
        name: REGION_NAME.into(),
        private_capable: false,
        provider: RegionProvider {
            name: "tug".into(),
            region: REGION_NAME.into(),
        },
        updated_at: Timestamp(EPOCH),
    }]
}

/// What a stack or region name in a request resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// One of ours, by name or id.
    Exact,
    /// A Heroku name standing for ours: the warning to send back.
    Alias(String),
}

/// A stack named by a request: ours by name or id, or one of Heroku's as an alias.
pub fn resolve_stack(value: &str) -> Result<Resolved, String> {
    let v = value.trim();
    if v == STACK_NAME || v.eq_ignore_ascii_case(&STACK_ID.to_string()) {
        return Ok(Resolved::Exact);
    }
    if HEROKU_STACKS.iter().any(|s| s.eq_ignore_ascii_case(v)) {
        return Ok(Resolved::Alias(format!(
            "stack `{v}` is Heroku's; this platform runs apps on its `{STACK_NAME}` stack"
        )));
    }
    Err(format!(
        "unknown stack `{}`: this platform has `{STACK_NAME}` (Heroku's `heroku-24`, `heroku-22` and `cedar` mean it too)",
        shown(v)
    ))
}

/// A region named by a request: ours by name or id, or one of Heroku's as an alias.
pub fn resolve_region(value: &str) -> Result<Resolved, String> {
    let v = value.trim();
    if v == REGION_NAME || v.eq_ignore_ascii_case(&REGION_ID.to_string()) {
        return Ok(Resolved::Exact);
    }
    if HEROKU_REGIONS.iter().any(|s| s.eq_ignore_ascii_case(v)) {
        return Ok(Resolved::Alias(format!(
            "region `{v}` is Heroku's; this platform runs apps in its `{REGION_NAME}` region"
        )));
    }
    Err(format!(
        "unknown region `{}`: this platform has `{REGION_NAME}` (Heroku's `us` and `eu` mean it too)",
        shown(v)
    ))
}

/// Outside input quoted back: short, one line.
fn shown(v: &str) -> String {
    let one_line: String = v.chars().filter(|c| !c.is_control()).take(40).collect();
    one_line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_resolve_by_name_id_or_heroku_alias() {
        assert_eq!(resolve_stack("local"), Ok(Resolved::Exact));
        assert_eq!(resolve_stack(&STACK_ID.to_string()), Ok(Resolved::Exact));
        for name in ["heroku-24", "heroku-22", "cedar", "CEDAR"] {
            match resolve_stack(name) {
                Ok(Resolved::Alias(w)) => assert!(w.contains("`local`"), "{w}"),
                other => panic!("{name}: {other:?}"),
            }
        }
        for bad in [
            "",
            "heroku-99",
            "container",
            "lo\ncal",
            "x".repeat(500).as_str(),
        ] {
            let err = resolve_stack(bad).unwrap_err();
            assert!(err.starts_with("unknown stack"), "{err}");
            assert!(err.len() < 200 && !err.contains('\n'));
        }
    }

    #[test]
    fn regions_resolve_by_name_id_or_heroku_alias() {
        assert_eq!(resolve_region("local"), Ok(Resolved::Exact));
        assert!(matches!(resolve_region("eu"), Ok(Resolved::Alias(_))));
        assert!(matches!(resolve_region("us"), Ok(Resolved::Alias(_))));
        assert!(resolve_region("mars").is_err());
    }
}
