//! The router's log line (Heroku's format), its error codes and the pages it answers with.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use hyper::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};
use hyper::http::uri::PathAndQuery;
use hyper::{Method, Response, StatusCode};
use uuid::Uuid;

use super::body::RouterBody;
use super::proxy::Shared;

/// Heroku's router error codes that tug's router produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Code {
    H10,
    H12,
    H13,
    H14,
    H15,
    H17,
    H18,
    H19,
    H21,
    H25,
    H27,
    H28,
    H80,
}

impl Code {
    pub fn desc(self) -> &'static str {
        match self {
            Code::H10 => "App crashed",
            Code::H12 => "Request timeout",
            Code::H13 => "Connection closed without response",
            Code::H14 => "No web processes running",
            Code::H15 => "Idle connection",
            Code::H17 => "Poorly formatted HTTP response",
            Code::H18 => "Server Request Interrupted",
            Code::H19 => "Backend connection timeout",
            Code::H21 => "Backend connection refused",
            Code::H25 => "HTTP restriction",
            Code::H27 => "Client Request Interrupted",
            Code::H28 => "Client Connection Idle",
            Code::H80 => "Maintenance mode",
        }
    }

    fn at(self) -> &'static str {
        match self {
            Code::H27 | Code::H28 => "warning",
            Code::H80 => "info",
            _ => "error",
        }
    }

    fn sock(self) -> Option<&'static str> {
        match self {
            Code::H18 => Some("backend"),
            Code::H27 | Code::H28 => Some("client"),
            _ => None,
        }
    }
}

/// What a log line says about the request, gathered when it arrives.
pub(super) struct Entry {
    pub shared: Arc<Shared>,
    pub app_id: Uuid,
    pub method: Method,
    pub path: Option<PathAndQuery>,
    pub host: HeaderValue,
    pub request_id: HeaderValue,
    pub fwd: HeaderValue,
}

/// What happened at the dyno, when one was involved.
pub(super) struct AtDyno<'a> {
    pub dyno: &'a str,
    pub connect: Duration,
    /// `None` when no response came (the request never reached it).
    pub service: Option<Duration>,
}

impl Entry {
    /// Writes the line to the app's log as `heroku[router]`.
    pub fn log(
        &self,
        code: Option<Code>,
        dyno: Option<AtDyno<'_>>,
        status: u16,
        bytes: Option<u64>,
    ) {
        let line = self.render(code, dyno, status, bytes);
        self.shared
            .logs
            .emit(self.app_id, "heroku", "router", &line);
    }

    pub fn render(
        &self,
        code: Option<Code>,
        dyno: Option<AtDyno<'_>>,
        status: u16,
        bytes: Option<u64>,
    ) -> String {
        let mut s = String::with_capacity(256);
        match code {
            Some(code) => {
                if let Some(sock) = code.sock() {
                    let _ = write!(s, "sock={sock} ");
                }
                let _ = write!(
                    s,
                    "at={} code={code:?} desc=\"{}\" ",
                    code.at(),
                    code.desc()
                );
            }
            None => s.push_str("at=info "),
        }
        let _ = write!(s, "method={} path=\"", self.method);
        quoted(&mut s, self.path.as_ref().map_or("/", PathAndQuery::as_str));
        s.push_str("\" host=");
        let host = text(&self.host);
        let host = match host.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => &host,
        };
        plain(&mut s, host);
        s.push_str(" request_id=");
        plain(&mut s, &text(&self.request_id));
        s.push_str(" fwd=\"");
        quoted(&mut s, &text(&self.fwd));
        s.push_str("\" dyno=");
        match dyno {
            Some(d) => {
                plain(&mut s, d.dyno);
                let _ = write!(s, " connect={}ms service=", d.connect.as_millis());
                if let Some(service) = d.service {
                    let _ = write!(s, "{}ms", service.as_millis());
                }
            }
            None => s.push_str(" connect= service="),
        }
        let _ = write!(s, " status={status} bytes=");
        if let Some(bytes) = bytes {
            let _ = write!(s, "{bytes}");
        }
        s.push_str(" protocol=http");
        s
    }
}

/// A header's value as text (most are ASCII, and then not copied).
fn text(value: &HeaderValue) -> Cow<'_, str> {
    match value.to_str() {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(value.as_bytes()),
    }
}

/// Text inside a quoted field: quotes and backslashes escaped, controls dropped.
fn quoted(out: &mut String, text: &str) {
    // Printable ASCII without quotes or backslashes goes in as it is; anything else is looked
    // at character by character.
    let clean = |b: u8| (b' '..0x7f).contains(&b) && b != b'"' && b != b'\\';
    if text.bytes().all(clean) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Text in an unquoted field: nothing that would end the field.
fn plain(out: &mut String, text: &str) {
    let bad = |c: char| c.is_whitespace() || c.is_control() || c == '"';
    if text.bytes().all(|b| (b'!'..0x7f).contains(&b) && b != b'"') {
        out.push_str(text);
        return;
    }
    out.extend(text.chars().filter(|c| !bad(*c)));
}

/// The pages the router answers with itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Page {
    NoSuchApp,
    BadRequest,
    AppError,
    Maintenance,
    /// The client stopped sending its request (H28).
    ClientTimeout,
    /// The request line is longer than the router reads (8 KB).
    UriTooLong,
    /// A header field is longer than the router reads (8 KB).
    HeaderTooLarge,
}

impl Page {
    pub fn response(self) -> Response<RouterBody> {
        let (status, title, text) = match self {
            Page::NoSuchApp => (
                StatusCode::NOT_FOUND,
                "No such app",
                "There is no app at this address.",
            ),
            Page::BadRequest => (
                StatusCode::BAD_REQUEST,
                "Bad request",
                "The request has no usable Host header.",
            ),
            Page::AppError => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Application error",
                "An error occurred in the app and your page could not be served. If you own this app, look at its logs with <code>tug logs --tail</code>.",
            ),
            Page::ClientTimeout => (
                StatusCode::REQUEST_TIMEOUT,
                "Request timeout",
                "The request was not sent in time.",
            ),
            Page::UriTooLong => (
                StatusCode::URI_TOO_LONG,
                "Request line too long",
                "The request line may be at most 8192 bytes.",
            ),
            Page::HeaderTooLarge => (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "Header too large",
                "Each header field may be at most 8192 bytes.",
            ),
            Page::Maintenance => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Offline for maintenance",
                "This app is undergoing maintenance right now. Please check back later.",
            ),
        };
        let html = format!(
            "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
             <body><h1>{title}</h1><p>{text}</p></body></html>\n"
        );
        let mut response = Response::new(RouterBody::page(Bytes::from(html)));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert(
            CACHE_CONTROL,
            HeaderValue::from_static("no-cache, no-store"),
        );
        response
    }
}
