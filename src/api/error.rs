//! The error body every non-2xx response carries, and the one table that maps an error id to
//! its HTTP status. The server renders errors from it; the CLI reads the id back to pick hints.

use serde::{Deserialize, Serialize};

/// `{"id": "not_found", "message": "...", "resource": "app"}` (Platform API v3 error shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub id: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Machine-readable error ids. `status()` is the single source of truth for their HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorId {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    NotAcceptable,
    Conflict,
    /// The app's deploys are locked (`tug deploy:lock`).
    Locked,
    /// A deploy's required commit statuses (or other checks) are not all successful.
    ChecksFailed,
    PayloadTooLarge,
    InvalidParams,
    RateLimit,
    Internal,
    Unavailable,
}

impl ErrorId {
    pub const ALL: [ErrorId; 14] = [
        ErrorId::BadRequest,
        ErrorId::Unauthorized,
        ErrorId::Forbidden,
        ErrorId::NotFound,
        ErrorId::MethodNotAllowed,
        ErrorId::NotAcceptable,
        ErrorId::Conflict,
        ErrorId::Locked,
        ErrorId::ChecksFailed,
        ErrorId::PayloadTooLarge,
        ErrorId::InvalidParams,
        ErrorId::RateLimit,
        ErrorId::Internal,
        ErrorId::Unavailable,
    ];

    pub fn status(self) -> u16 {
        match self {
            ErrorId::BadRequest => 400,
            ErrorId::Unauthorized => 401,
            ErrorId::Forbidden => 403,
            ErrorId::NotFound => 404,
            ErrorId::MethodNotAllowed => 405,
            ErrorId::NotAcceptable => 406,
            ErrorId::Conflict | ErrorId::Locked | ErrorId::ChecksFailed => 409,
            ErrorId::PayloadTooLarge => 413,
            ErrorId::InvalidParams => 422,
            ErrorId::RateLimit => 429,
            ErrorId::Internal => 500,
            ErrorId::Unavailable => 503,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorId::BadRequest => "bad_request",
            ErrorId::Unauthorized => "unauthorized",
            ErrorId::Forbidden => "forbidden",
            ErrorId::NotFound => "not_found",
            ErrorId::MethodNotAllowed => "method_not_allowed",
            ErrorId::NotAcceptable => "not_acceptable",
            ErrorId::Conflict => "conflict",
            ErrorId::Locked => "locked",
            ErrorId::ChecksFailed => "checks_failed",
            ErrorId::PayloadTooLarge => "payload_too_large",
            ErrorId::InvalidParams => "invalid_params",
            ErrorId::RateLimit => "rate_limit",
            ErrorId::Internal => "internal_server_error",
            ErrorId::Unavailable => "service_unavailable",
        }
    }

    pub fn parse(id: &str) -> Option<ErrorId> {
        ErrorId::ALL.into_iter().find(|e| e.as_str() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_statuses_are_distinct() {
        for id in ErrorId::ALL {
            assert_eq!(ErrorId::parse(id.as_str()), Some(id));
        }
        // A refused deploy is a conflict with more detail in its id; every other id has a
        // status of its own.
        let mut statuses: Vec<u16> = ErrorId::ALL
            .iter()
            .filter(|e| !matches!(e, ErrorId::Locked | ErrorId::ChecksFailed))
            .map(|e| e.status())
            .collect();
        statuses.sort_unstable();
        statuses.dedup();
        assert_eq!(statuses.len(), ErrorId::ALL.len() - 2);
        assert_eq!(ErrorId::parse("nope"), None);
    }

    #[test]
    fn optional_members_are_left_out() {
        let body = ErrorBody {
            id: "bad_request".into(),
            message: "x".into(),
            resource: None,
            url: None,
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"id":"bad_request","message":"x"}"#
        );
    }
}
