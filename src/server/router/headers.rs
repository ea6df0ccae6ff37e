//! What the router changes in the headers it passes on: hop-by-hop fields out (RFC 9110
//! section 7.6.1: the fixed ones and those `Connection` names, never `Host` or
//! `Content-Length`), Heroku's forwarding fields in.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

use hyper::header::{
    CONNECTION, CONTENT_LENGTH, HOST, HeaderMap, HeaderName, HeaderValue, TE, TRANSFER_ENCODING,
    UPGRADE, VIA,
};

pub(super) const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");
pub(super) const X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");
pub(super) const X_FORWARDED_PORT: HeaderName = HeaderName::from_static("x-forwarded-port");
pub(super) const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
pub(super) const X_REQUEST_START: HeaderName = HeaderName::from_static("x-request-start");
const KEEP_ALIVE: HeaderName = HeaderName::from_static("keep-alive");
const PROXY_CONNECTION: HeaderName = HeaderName::from_static("proxy-connection");

const VIA_TUG: &str = "1.1 tug";

/// The fields a proxy never forwards, whatever `Connection` says.
const HOP_BY_HOP: [HeaderName; 6] = [
    CONNECTION,
    KEEP_ALIVE,
    PROXY_CONNECTION,
    TE,
    TRANSFER_ENCODING,
    UPGRADE,
];

/// Fields `Connection` may not name: the message needs them end to end (its target and its
/// framing), whatever a client or dyno claims.
const PROTECTED: [HeaderName; 2] = [HOST, CONTENT_LENGTH];

/// What the router added to a request, for its log line.
pub(super) struct Forwarded {
    pub request_id: HeaderValue,
    pub fwd: HeaderValue,
    /// The client asked to switch protocols (`Connection: upgrade` with `Upgrade`).
    pub upgrade: bool,
}

/// A request id the client may choose: 20 to 200 characters of `[A-Za-z0-9+=/-]`.
pub(super) fn is_valid_request_id(id: &[u8]) -> bool {
    (20..=200).contains(&id.len())
        && id
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'=' | b'/' | b'-'))
}

/// Rewrites a request's headers for the dyno. `client_ip` and `port` are the client's address
/// and the router port it connected to, `proto` `http` or `https`; `start_ms` is when the
/// request arrived.
pub(super) fn forward_request(
    headers: &mut HeaderMap,
    client_ip: &HeaderValue,
    port: &HeaderValue,
    proto: &HeaderValue,
    start_ms: u64,
) -> Forwarded {
    // Room for the six fields added below at once, rather than a table grown twice.
    headers.reserve(6);
    let upgrade = strip_hop_by_hop(headers, true);
    if upgrade {
        headers.insert(CONNECTION, HeaderValue::from_static("upgrade"));
    }

    let fwd = match joined(headers, &X_FORWARDED_FOR) {
        None => client_ip.clone(),
        Some(mut prior) => {
            prior.push_str(", ");
            prior.push_str(client_ip.to_str().unwrap_or(""));
            HeaderValue::from_str(&prior).unwrap_or_else(|_| client_ip.clone())
        }
    };
    headers.insert(X_FORWARDED_FOR, fwd.clone());
    headers.insert(X_FORWARDED_PROTO, proto.clone());
    headers.insert(X_FORWARDED_PORT, port.clone());
    headers.insert(X_REQUEST_START, HeaderValue::from(start_ms));

    let mut ids = headers.get_all(X_REQUEST_ID).iter();
    let kept = match (ids.next(), ids.next()) {
        (Some(id), None) if is_valid_request_id(id.as_bytes()) => Some(id.clone()),
        _ => None,
    };
    let request_id = match kept {
        Some(id) => id,
        None => {
            let id = new_request_id();
            headers.insert(X_REQUEST_ID, id.clone());
            id
        }
    };
    add_via(headers);
    Forwarded {
        request_id,
        fwd,
        upgrade,
    }
}

/// Rewrites a dyno's response headers for the client. A `101 Switching Protocols` keeps its
/// `Connection` and `Upgrade`.
pub(super) fn forward_response(headers: &mut HeaderMap, switching: bool) {
    if switching {
        let upgrade = headers.remove(UPGRADE);
        strip_hop_by_hop(headers, false);
        if let Some(upgrade) = upgrade {
            headers.insert(UPGRADE, upgrade);
            headers.insert(CONNECTION, HeaderValue::from_static("upgrade"));
        }
    } else {
        strip_hop_by_hop(headers, false);
    }
    add_via(headers);
}

/// Removes the hop-by-hop fields and those `Connection` names. Returns whether the message
/// asks for an upgrade (only looked at when `request`); `Upgrade` then stays.
fn strip_hop_by_hop(headers: &mut HeaderMap, request: bool) -> bool {
    let mut upgrade = false;
    // Names listed in `Connection` beyond the usual ones are rare: collect them only then.
    let mut listed: Vec<HeaderName> = Vec::new();
    for value in headers.get_all(CONNECTION) {
        let Ok(value) = value.to_str() else { continue };
        for token in value.split(',').map(str::trim) {
            if token.eq_ignore_ascii_case("upgrade") {
                upgrade = true;
            } else if token.is_empty()
                || token.eq_ignore_ascii_case("close")
                || token.eq_ignore_ascii_case("keep-alive")
            {
            } else if let Ok(name) = HeaderName::from_bytes(token.as_bytes())
                && !PROTECTED.contains(&name)
            {
                listed.push(name);
            }
        }
    }
    let upgrade = request && upgrade && headers.contains_key(UPGRADE);
    for name in listed {
        headers.remove(name);
    }
    for name in HOP_BY_HOP {
        if upgrade && name == UPGRADE {
            continue;
        }
        headers.remove(name);
    }
    upgrade
}

/// All values of a field joined with `, `, if there are any.
fn joined(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    let mut out: Option<String> = None;
    for value in headers.get_all(name) {
        let Ok(value) = value.to_str() else { continue };
        match &mut out {
            None => out = Some(value.to_string()),
            Some(s) => {
                s.push_str(", ");
                s.push_str(value);
            }
        }
    }
    out
}

fn add_via(headers: &mut HeaderMap) {
    let value = match joined(headers, &VIA) {
        None => HeaderValue::from_static(VIA_TUG),
        Some(mut prior) => {
            prior.push_str(", ");
            prior.push_str(VIA_TUG);
            HeaderValue::from_str(&prior).unwrap_or(HeaderValue::from_static(VIA_TUG))
        }
    };
    headers.insert(VIA, value);
}

thread_local! {
    static RNG: Cell<(u64, u64)> = Cell::new(seed());
}

fn seed() -> (u64, u64) {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No entropy source: the time and a counter still keep ids apart on this machine.
        static THREADS: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let n = u128::from(THREADS.fetch_add(1, Ordering::Relaxed));
        bytes = (nanos ^ (n << 64)).to_le_bytes();
    }
    let (a, b) = bytes.split_at(8);
    let a = u64::from_le_bytes(a.try_into().unwrap_or_default());
    let b = u64::from_le_bytes(b.try_into().unwrap_or_default());
    (a | 1, b | 1)
}

/// A random (version 4) UUID. Request ids need to be unique, not secret, so a per-thread
/// xorshift generator seeded from the OS stands in for a system call per request.
fn new_request_id() -> HeaderValue {
    let (a, b) = RNG.with(|rng| {
        let (mut s0, mut s1) = rng.get();
        let mut next = || {
            // xorshift128+
            let mut x = s0;
            let y = s1;
            s0 = y;
            x ^= x << 23;
            s1 = x ^ y ^ (x >> 17) ^ (y >> 26);
            s1.wrapping_add(y)
        };
        let out = (next(), next());
        rng.set((s0, s1));
        out
    });
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_le_bytes());
    bytes[8..].copy_from_slice(&b.to_le_bytes());
    let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
    let mut buf = [0u8; uuid::fmt::Hyphenated::LENGTH];
    let text = id.hyphenated().encode_lower(&mut buf);
    HeaderValue::from_str(text).unwrap_or(HeaderValue::from_static(""))
}
