//! `ApiError`: what a handler returns when it fails. It renders as the Platform API error body
//! with the status from `ErrorId`'s table; for 5xx the body stays generic and the cause goes
//! to the server log.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::api::{ErrorBody, ErrorId};
use crate::server::deploy::release::ReleaseError;

#[derive(Debug)]
pub struct ApiError {
    pub id: ErrorId,
    pub message: String,
    pub resource: Option<&'static str>,
    /// Seconds the client should wait, sent as `Retry-After` (429s).
    pub retry_after: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(id: ErrorId, message: impl Into<String>) -> ApiError {
        ApiError {
            id,
            message: message.into(),
            resource: None,
            retry_after: None,
        }
    }

    pub fn not_found(resource: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            id: ErrorId::NotFound,
            message: message.into(),
            resource: Some(resource),
            retry_after: None,
        }
    }

    pub fn with_resource(mut self, resource: &'static str) -> ApiError {
        self.resource = Some(resource);
        self
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorId::BadRequest, message)
    }

    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorId::InvalidParams, message)
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorId::Forbidden, message)
    }

    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorId::Conflict, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorId::Unauthorized, message)
    }

    /// 429 `rate_limit`, with `Retry-After`.
    pub fn rate_limited(message: impl Into<String>, wait: std::time::Duration) -> ApiError {
        ApiError {
            retry_after: Some(retry_secs(wait)),
            ..ApiError::new(ErrorId::RateLimit, message)
        }
    }

    /// Logs the real cause; the client sees a generic message.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        tracing::error!("internal error: {cause:#}");
        ApiError::new(
            ErrorId::Internal,
            "internal server error: the server log has the details",
        )
    }
}

/// A wait in the whole seconds `Retry-After` counts, rounded up so a client that waits that
/// long is not refused again; at least one.
pub fn retry_secs(wait: std::time::Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> ApiError {
        ApiError::internal(e)
    }
}

impl From<crate::server::quotas::OverQuota> for ApiError {
    fn from(e: crate::server::quotas::OverQuota) -> ApiError {
        ApiError::invalid(e.message)
    }
}

/// A release the deploy lock refused is a `locked` error naming the refused deployment.
impl From<ReleaseError> for ApiError {
    fn from(e: ReleaseError) -> ApiError {
        match e {
            ReleaseError::Refused { .. } => {
                ApiError::new(ErrorId::Locked, e.to_string()).with_resource("deployment")
            }
            ReleaseError::Invalid(message) => ApiError::invalid(message),
            ReleaseError::Other(e) => e.into(),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        ApiError::internal(format!("{e:#}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.id.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            id: self.id.as_str().to_string(),
            message: self.message,
            resource: self.resource.map(str::to_string),
            url: None,
        };
        let mut resp = (status, Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        resp
    }
}
