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
