//! Commit statuses: what CI and other checks say about a commit (`ci/test: success`), kept per
//! app, and the input rules both sides apply. For each context the latest status wins.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{NamedRef, Timestamp, UserRef};

/// The states a commit status can have; only `success` lets a required check pass.
pub const STATES: [&str; 4] = ["pending", "success", "failure", "error"];

/// `GET /apps/{app}/commit-statuses/{sha}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitStatus {
    pub id: Uuid,
    pub app: NamedRef,
    pub sha: String,
    pub context: String,
    /// `pending`, `success`, `failure` or `error`.
    pub state: String,
    pub description: Option<String>,
    pub target_url: Option<String>,
    pub creator: UserRef,
    pub created_at: Timestamp,
}

/// `POST /apps/{app}/commit-statuses/{sha}`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitStatusCreate {
    pub context: String,
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_url: Option<String>,
}

/// A full commit id: 40 (SHA-1) or 64 (SHA-256) hex digits, answered in lowercase.
pub fn full_sha(sha: &str) -> Option<String> {
    (matches!(sha.len(), 40 | 64) && sha.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| sha.to_ascii_lowercase())
}

/// The latest of each context among statuses given oldest first, in the order contexts first
/// appeared. Whoever reports a context last is who counts.
pub fn latest_per_context<T>(statuses: &[T], context: impl Fn(&T) -> &str) -> Vec<&T> {
    let mut latest: Vec<&T> = vec![];
    for s in statuses {
        match latest.iter_mut().find(|l| context(l) == context(s)) {
            Some(slot) => *slot = s,
            None => latest.push(s),
        }
    }
    latest
}

/// The state of each required context among the latest statuses (`missing` when none was
/// reported), in the order required. A check passes only on `success`.
pub fn required_states<'a>(
    required: &'a [String],
    latest: &[(&str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    required
        .iter()
        .map(|ctx| {
            let state = latest
                .iter()
                .find(|(c, _)| c == ctx)
                .map_or("missing", |(_, s)| *s);
            (ctx.as_str(), state)
        })
        .collect()
}

/// What is wrong with a context name, if anything.
pub fn context_problem(context: &str) -> Option<String> {
    if context.trim().is_empty() {
        return Some("a status context cannot be empty: use a name like `ci/test`".into());
    }
    if context.len() > 255 {
        let start: String = context.chars().take(40).collect();
        return Some(format!(
            "the status context `{start}…` is longer than 255 bytes"
        ));
    }
    if context.chars().any(char::is_control) || context.trim() != context {
        return Some(format!(
            "the status context {context:?} has control characters or surrounding spaces"
        ));
    }
    None
}

/// What is wrong with a state, if anything.
pub fn state_problem(state: &str) -> Option<String> {
    (!STATES.contains(&state)).then(|| {
        format!(
            "`{state}` is not a status state: use one of {}",
            STATES.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shas_are_full_hex() {
        let sha = "A".repeat(40);
        assert_eq!(full_sha(&sha), Some("a".repeat(40)));
        assert!(full_sha(&"0".repeat(64)).is_some());
        for bad in ["", "1a2b3c4", &"g".repeat(40), &"0".repeat(41)] {
            assert_eq!(full_sha(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_latest_status_per_context_counts() {
        let statuses = [
            ("ci/test", "pending"),
            ("ci/lint", "failure"),
            ("ci/test", "success"),
        ];
        let latest: Vec<(&str, &str)> = latest_per_context(&statuses, |s| s.0)
            .into_iter()
            .copied()
            .collect();
        assert_eq!(latest, [("ci/test", "success"), ("ci/lint", "failure")]);
        let required = [
            "ci/lint".to_string(),
            "ci/e2e".to_string(),
            "ci/test".to_string(),
        ];
        assert_eq!(
            required_states(&required, &latest),
            [
                ("ci/lint", "failure"),
                ("ci/e2e", "missing"),
                ("ci/test", "success")
            ]
        );
    }

    #[test]
    fn contexts_and_states() {
        assert_eq!(context_problem("ci/test"), None);
        assert_eq!(context_problem("continuous-integration/jenkins pr"), None);
        for bad in ["", "  ", " ci", "ci\n", &"x".repeat(256)] {
            assert!(context_problem(bad).is_some(), "{bad:?}");
        }
        assert_eq!(state_problem("success"), None);
        assert!(
            state_problem("passed")
                .unwrap()
                .contains("pending, success")
        );
    }
}
