//! Lists with the `Range` rules. Each resource that lists says once which fields a `Range`
//! may sort it by and what an item's key is for each; every list handler renders through
//! [`list`].

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::error::{ApiError, ApiResult};
use crate::api::addon::{AddOn, AddOnAttachment};
use crate::api::domain::Domain;
use crate::api::dyno_size::DynoSize;
use crate::api::feature::Feature;
use crate::api::pipeline::{Pipeline, PipelineCoupling, PipelinePromotionTarget};
use crate::api::platform::{Region, Stack};
use crate::api::range::{SortKey, paginate};
use crate::api::sni_endpoint::SniEndpoint;
use crate::api::{
    App, AppWebhook, AppWebhookDelivery, AppWebhookEvent, Build, Collaborator, CommitStatus,
    Deployment, Formation, LogDrain, OAuthAuthorization, Range, Release,
};

/// A resource that lists page by page.
pub trait Listed: Serialize {
    /// The fields a `Range` may sort by; the first is the default.
    const SORT_FIELDS: &'static [&'static str];
    /// The item's key for `field`, one of [`Listed::SORT_FIELDS`].
    fn sort_key(&self, field: &str) -> SortKey;
}

/// Renders a list with the Range rules: sorted by an allowed field, `max` items, 206 and
/// `Next-Range` only when more remain.
pub fn list<T: Listed>(items: Vec<T>, range: Option<Range>) -> ApiResult<Response> {
    let fields = T::SORT_FIELDS;
    let range = range.unwrap_or_else(|| Range::new(fields[0]));
    if !fields.contains(&range.field.as_str()) {
        return Err(ApiError::bad_request(format!(
            "invalid `Range` header: cannot sort by `{}`; use one of: {}",
            range.field,
            fields.join(", ")
        )));
    }
    let field = range.field.clone();
    let page = paginate(items, &range, |item| item.sort_key(&field))
        .map_err(|e| ApiError::bad_request(format!("invalid `Range` header: {e}")))?;
    let status = if page.next.is_some() {
        StatusCode::PARTIAL_CONTENT
    } else {
        StatusCode::OK
    };
    let mut resp = (status, axum::Json(page.items)).into_response();
    let headers = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&fields.join(", ")) {
        headers.insert("accept-ranges", v);
    }
    if let (Some(first), Some(last)) = (&page.first, &page.last) {
        let content = format!("{field} {first}..{last}; max={}", range.max);
        if let Ok(v) = HeaderValue::from_str(&content) {
            headers.insert("content-range", v);
        }
    }
    if let Some(next) = page.next
        && let Ok(v) = HeaderValue::from_str(&next.to_string())
    {
        headers.insert("next-range", v);
    }
    Ok(resp)
}

/// Resources listed by creation time unless asked otherwise.
macro_rules! by_created_at {
    ($($ty:ty),*) => {$(
        impl Listed for $ty {
            const SORT_FIELDS: &'static [&'static str] = &["created_at", "id"];
            fn sort_key(&self, field: &str) -> SortKey {
                match field {
                    "id" => SortKey::Str(self.id.to_string()),
                    _ => SortKey::Int(self.created_at.0),
                }
            }
        }
    )*};
}

by_created_at!(AppWebhookEvent, Build, crate::api::ReviewApp);

impl Listed for AppWebhookDelivery {
    // `seq` is the order deliveries were made in, which `heroku webhooks:deliveries` asks for.
    const SORT_FIELDS: &'static [&'static str] = &["created_at", "id", "seq"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "id" => SortKey::Str(self.id.to_string()),
            _ => SortKey::Int(self.created_at.0),
        }
    }
}

impl Listed for App {
    const SORT_FIELDS: &'static [&'static str] = &["name", "id", "created_at"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "id" => SortKey::Str(self.id.to_string()),
            "created_at" => SortKey::Int(self.created_at.0),
            _ => SortKey::Str(self.name.clone()),
        }
    }
}

impl Listed for Formation {
    const SORT_FIELDS: &'static [&'static str] = &["type", "id"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "id" => SortKey::Str(self.id.to_string()),
            _ => SortKey::Str(self.kind.clone()),
        }
    }
}

impl Listed for Collaborator {
    const SORT_FIELDS: &'static [&'static str] = &["email", "id"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "id" => SortKey::Str(self.id.to_string()),
            _ => SortKey::Str(self.user.email.clone()),
        }
    }
}

impl Listed for AppWebhook {
    const SORT_FIELDS: &'static [&'static str] = &["created_at", "id", "url"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "id" => SortKey::Str(self.id.to_string()),
            "url" => SortKey::Str(self.url.clone()),
            _ => SortKey::Int(self.created_at.0),
        }
    }
}

impl Listed for Release {
    const SORT_FIELDS: &'static [&'static str] = &["version", "id", "created_at"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "id" => SortKey::Str(self.id.to_string()),
            "created_at" => SortKey::Int(self.created_at.0),
            _ => SortKey::Int(self.version),
        }
    }
}

impl Listed for OAuthAuthorization {
    const SORT_FIELDS: &'static [&'static str] = &["id", "created_at"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "created_at" => SortKey::Int(self.created_at.0),
            _ => SortKey::Str(self.id.to_string()),
        }
    }
}

impl Listed for Deployment {
    const SORT_FIELDS: &'static [&'static str] = &["number", "id", "created_at"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "id" => SortKey::Str(self.id.to_string()),
            "created_at" => SortKey::Int(self.created_at.0),
            _ => SortKey::Int(self.number),
        }
    }
}

impl Listed for CommitStatus {
    const SORT_FIELDS: &'static [&'static str] = &["created_at", "id", "context"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "id" => SortKey::Str(self.id.to_string()),
            "context" => SortKey::Str(self.context.clone()),
            _ => SortKey::Int(self.created_at.0),
        }
    }
}

impl Listed for LogDrain {
    const SORT_FIELDS: &'static [&'static str] = &["id", "url"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "url" => SortKey::Str(self.url.clone()),
            _ => SortKey::Str(self.id.to_string()),
        }
    }
}

impl Listed for Pipeline {
    const SORT_FIELDS: &'static [&'static str] = &["name", "id"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "id" => SortKey::Str(self.id.to_string()),
            _ => SortKey::Str(self.name.clone()),
        }
    }
}

impl Listed for PipelineCoupling {
    const SORT_FIELDS: &'static [&'static str] = &["id", "stage"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "stage" => SortKey::Str(self.stage.clone()),
            _ => SortKey::Str(self.id.to_string()),
        }
    }
}

impl Listed for PipelinePromotionTarget {
    const SORT_FIELDS: &'static [&'static str] = &["id"];
    fn sort_key(&self, _: &str) -> SortKey {
        SortKey::Str(self.id.to_string())
    }
}

/// Add-ons and their attachments, by id unless asked by name.
macro_rules! by_id_or_name {
    ($($ty:ty),*) => {$(
        impl Listed for $ty {
            const SORT_FIELDS: &'static [&'static str] = &["id", "name"];
            fn sort_key(&self, field: &str) -> SortKey {
                match field {
                    "name" => SortKey::Str(self.name.clone()),
                    _ => SortKey::Str(self.id.to_string()),
                }
            }
        }
    )*};
}

by_id_or_name!(AddOn, AddOnAttachment, SniEndpoint);

/// Stacks and regions, by name unless asked by id.
macro_rules! by_name_or_id {
    ($($ty:ty),*) => {$(
        impl Listed for $ty {
            const SORT_FIELDS: &'static [&'static str] = &["name", "id"];
            fn sort_key(&self, field: &str) -> SortKey {
                match field {
                    "id" => SortKey::Str(self.id.to_string()),
                    _ => SortKey::Str(self.name.clone()),
                }
            }
        }
    )*};
}

by_name_or_id!(Stack, Region, Feature, DynoSize);

impl Listed for Domain {
    const SORT_FIELDS: &'static [&'static str] = &["id", "hostname"];
    fn sort_key(&self, field: &str) -> SortKey {
        match field {
            "hostname" => SortKey::Str(self.hostname.clone()),
            _ => SortKey::Str(self.id.to_string()),
        }
    }
}
