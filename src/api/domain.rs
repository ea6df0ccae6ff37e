//! Domains: the hostnames an app answers at. Every app has its `heroku` domain (`APP.DOMAIN`,
//! which follows renames); custom domains are added by the app's users. The hostname rule
//! lives here so the CLI can refuse a bad name before asking the platform.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{NamedRef, Timestamp};

/// `kind` of the domain every app has at `APP.DOMAIN`.
pub const DOMAIN_KIND_HEROKU: &str = "heroku";
/// `kind` of a domain an app's user added.
pub const DOMAIN_KIND_CUSTOM: &str = "custom";
/// `status` of a domain whose DNS points at the platform.
pub const DOMAIN_SUCCEEDED: &str = "succeeded";
/// `status` of a domain whose DNS does not point at the platform yet.
pub const DOMAIN_PENDING: &str = "pending";

/// A domain (schema: `domain`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub acm_status: Option<String>,
    pub acm_status_reason: Option<String>,
    pub app: NamedRef,
    /// Where to point the hostname's DNS (a CNAME); null for the `heroku` domain.
    pub cname: Option<String>,
    pub created_at: Timestamp,
    pub hostname: String,
    pub id: Uuid,
    /// `heroku` or `custom`.
    pub kind: String,
    pub updated_at: Timestamp,
    /// `succeeded` once the hostname's DNS points at the platform, `pending` before.
    pub status: String,
    pub sni_endpoint: Option<NamedRef>,
}

/// `POST /apps/{app}/domains`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainCreate {
    pub hostname: String,
    /// An SNI endpoint by id or name; the schema requires the field, tug lets it be left out.
    #[serde(default)]
    pub sni_endpoint: Option<String>,
}

/// `PATCH /apps/{app}/domains/{domain}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainUpdate {
    #[serde(default)]
    pub sni_endpoint: Option<String>,
}

/// The longest hostname DNS can carry (RFC 1035, without the final dot).
const MAX_HOSTNAME: usize = 253;
/// The longest label.
const MAX_LABEL: usize = 63;

/// A hostname as the platform stores and routes it: ASCII (IDNA A-labels), lowercase, no final
/// dot, at least two labels, each of letters, digits and inner dashes; `*.` may stand for
/// exactly one leading label. Answers the normal form, or a message for the user.
pub fn normalize_hostname(input: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("`{input}` is not a valid hostname: {why}"));
    let trimmed = input.trim();
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
    if trimmed.is_empty() {
        return bad("it is empty");
    }
    if trimmed.contains("://") || trimmed.contains('/') || trimmed.contains(':') {
        return bad("give the hostname alone, without a scheme, port or path");
    }
    let (wildcard, rest) = match trimmed.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if rest.contains('*') {
        return bad("`*` may only stand alone as the first label, as in `*.example.com`");
    }
    // Strict UTS 46: no underscores or other symbols, and no unassigned code points.
    let ascii = match idna::domain_to_ascii_strict(rest) {
        Ok(a) => a,
        Err(_) => return bad("it is not a valid internationalized domain name"),
    };
    let labels: Vec<&str> = ascii.split('.').collect();
    if labels.len() < 2 {
        return bad("it needs at least two labels, as in `www.example.com`");
    }
    for label in &labels {
        if label.is_empty() {
            return bad("it has an empty label");
        }
        if label.len() > MAX_LABEL {
            return bad("a label is longer than 63 characters");
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return bad("use letters, digits and dashes only");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return bad("a label starts or ends with a dash");
        }
    }
    // An all-numeric last label is an IP address, not a name.
    if labels
        .last()
        .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return bad("IP addresses cannot be domains");
    }
    let full = if wildcard {
        format!("*.{ascii}")
    } else {
        ascii
    };
    if full.len() > MAX_HOSTNAME {
        return bad("it is longer than 253 characters");
    }
    Ok(full)
}

/// Whether `host` is `domain` or under it (both lowercase ASCII).
pub fn is_under(host: &str, domain: &str) -> bool {
    let host = host.strip_prefix("*.").unwrap_or(host);
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|head| head.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_are_normalized() {
        for (input, want) in [
            ("www.example.com", "www.example.com"),
            ("  WWW.Example.COM.  ", "www.example.com"),
            ("*.example.com", "*.example.com"),
            ("bücher.example", "xn--bcher-kva.example"),
            ("xn--bcher-kva.example", "xn--bcher-kva.example"),
            ("a-b.c-d.example", "a-b.c-d.example"),
            ("1.example.com", "1.example.com"),
        ] {
            assert_eq!(normalize_hostname(input).as_deref(), Ok(want), "{input}");
        }
    }

    #[test]
    fn bad_hostnames_are_refused() {
        let long_label = format!("{}.com", "a".repeat(64));
        let long_name = format!("{}com", "abcdefghi.".repeat(26));
        for input in [
            "",
            ".",
            "localhost",
            "*.com",
            "www.*.example.com",
            "*example.com",
            "**.example.com",
            "http://www.example.com",
            "www.example.com:443",
            "www.example.com/path",
            "under_score.example.com",
            "-lead.example.com",
            "trail-.example.com",
            "a..b.com",
            "10.0.0.1",
            "spa ce.example.com",
            "exa\u{0}mple.com",
            long_label.as_str(),
            long_name.as_str(),
        ] {
            let err = normalize_hostname(input).unwrap_err();
            assert!(err.contains("is not a valid hostname"), "{input}: {err}");
        }
    }

    #[test]
    fn under_the_platform_domain() {
        assert!(is_under("app.localhost", "localhost"));
        assert!(is_under("*.localhost", "localhost"));
        assert!(is_under("localhost", "localhost"));
        assert!(!is_under("notlocalhost", "localhost"));
        assert!(!is_under("www.example.com", "localhost"));
    }
}
