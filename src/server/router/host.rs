//! Host header → app name.

/// The app a Host header names when it is `APP.DOMAIN` with any port, compared without regard
/// to case; `domain` must be lowercase. The name comes back as written in the header.
pub fn app_from_host<'a>(host: &'a str, domain: &str) -> Option<&'a str> {
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    // A fully qualified name may end with a dot.
    let host = host.strip_suffix('.').unwrap_or(host);
    let cut = host.len().checked_sub(domain.len() + 1)?;
    let (app, rest) = (host.get(..cut)?, host.get(cut..)?);
    let suffix = rest.strip_prefix('.')?;
    if domain.is_empty() || !suffix.eq_ignore_ascii_case(domain) {
        return None;
    }
    let ok = !app.is_empty() && app.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then_some(app)
}

/// A Host header without its port and final dot, lowercase: how custom domains are stored.
/// `None` when what is left cannot be a hostname.
pub fn bare_host(host: &str) -> Option<String> {
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    let ok = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    ok.then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod props;
