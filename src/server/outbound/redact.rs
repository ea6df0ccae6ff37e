//! Credentials out of whatever the server writes about a URL (build output, the app's log, its
//! own log): the URLs of outbound connections may carry them.

use std::borrow::Cow;

/// Query parameters whose values are secrets, lowercased.
const SECRET_PARAMS: &[&str] = &[
    "access_token",
    "api_key",
    "apikey",
    "auth",
    "key",
    "password",
    "secret",
    "sig",
    "signature",
    "token",
    "x-amz-credential",
    "x-amz-security-token",
    "x-amz-signature",
];

/// `text` with the credentials of every URL in it replaced by `***`: the password of
/// `scheme://user:password@host` (and a lone http(s) user name, which is how tokens are often
/// passed: `https://TOKEN@github.com`), and the values of secret query parameters
/// (`?token=…`, `&sig=…`). Everything else is kept, so the URL stays recognisable.
pub fn redact(text: &str) -> String {
    redact_cow(text).into_owned()
}

fn redact_cow(text: &str) -> Cow<'_, str> {
    if !text.contains("://") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let scheme_start = rest[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .map_or(0, |i| i + 1);
        let scheme = rest[scheme_start..at].to_ascii_lowercase();
        out.push_str(&rest[..at + 3]);
        let after = &rest[at + 3..];
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>'))
            .unwrap_or(after.len());
        let (url, tail) = after.split_at(end);
        out.push_str(&redact_url_rest(&scheme, url));
        rest = tail;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Redacts what follows `scheme://` of one URL.
fn redact_url_rest(scheme: &str, rest: &str) -> String {
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let mut out = String::with_capacity(rest.len());
    match authority.rfind('@') {
        Some(at) => {
            let (userinfo, host) = authority.split_at(at);
            match userinfo.split_once(':') {
                Some((user, _)) => {
                    out.push_str(user);
                    out.push_str(":***");
                }
                None if matches!(scheme, "http" | "https") && !userinfo.is_empty() => {
                    out.push_str("***");
                }
                None => out.push_str(userinfo),
            }
            out.push_str(host);
        }
        None => out.push_str(authority),
    }
    match path.split_once('?') {
        Some((before, query)) => {
            out.push_str(before);
            out.push('?');
            let (query, fragment) = match query.split_once('#') {
                Some((q, f)) => (q, Some(f)),
                None => (query, None),
            };
            let params: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, value))
                        if !value.is_empty()
                            && SECRET_PARAMS.contains(&key.to_ascii_lowercase().as_str()) =>
                    {
                        format!("{key}=***")
                    }
                    _ => pair.to_owned(),
                })
                .collect();
            out.push_str(&params.join("&"));
            if let Some(fragment) = fragment {
                out.push('#');
                out.push_str(fragment);
            }
        }
        None => out.push_str(path),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::outbound::fetch_failed;

    #[test]
    fn redacts_passwords_tokens_and_secret_parameters() {
        let cases = [
            (
                "Drain d.1 (https://user:s3cret@logs.example.com/x) failed",
                "Drain d.1 (https://user:***@logs.example.com/x) failed",
            ),
            (
                "-----> Fetching buildpack https://ghp_abc123@github.com/org/bp.git#v1",
                "-----> Fetching buildpack https://***@github.com/org/bp.git#v1",
            ),
            (
                "GET https://example.com/src.tgz?X-Amz-Signature=abc&x=1&token=t0k",
                "GET https://example.com/src.tgz?X-Amz-Signature=***&x=1&token=***",
            ),
            (
                "`syslog+tls://u:p@h:6514` and ssh://git@github.com/org/bp",
                "`syslog+tls://u:***@h:6514` and ssh://git@github.com/org/bp",
            ),
            ("no URL here", "no URL here"),
            ("https://example.com/a?b=c#d", "https://example.com/a?b=c#d"),
            ("ends with ://", "ends with ://"),
        ];
        for (text, want) in cases {
            assert_eq!(redact(text), want);
        }
        assert_eq!(
            fetch_failed("the source", "http://a:b@127.0.0.1:9/x"),
            "could not fetch the source from http://a:***@127.0.0.1:9/x"
        );
    }
}
