//! Validation of names that come from outside: app names, config var keys, process types,
//! emails. Each returns a message fit to show a user when the input is wrong.

/// An `http://` or `https://` URL with a host: where the platform may send requests.
pub fn is_http_url(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// Heroku's app name rule: `^[a-z][a-z0-9-]{1,28}[a-z0-9]$`.
pub fn check_app_name(name: &str) -> Result<(), String> {
    let bytes = name.as_bytes();
    let ok = (3..=30).contains(&bytes.len())
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes[bytes.len() - 1] != b'-';
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid app name: use 3 to 30 lowercase letters, digits and dashes, starting with a letter and not ending with a dash"
        ))
    }
}

/// Config var keys: `^\w+$` (ASCII letters, digits, underscore).
pub fn check_config_key(key: &str) -> Result<(), String> {
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        Ok(())
    } else {
        Err(format!(
            "`{key}` is not a valid config var name: use letters, digits and underscores"
        ))
    }
}

/// Config var values: anything but NUL, which no process's environment can hold.
pub fn check_config_value(key: &str, value: &str) -> Result<(), String> {
    if value.contains('\0') {
        Err(format!(
            "the value of `{key}` holds a NUL character, which no process can receive"
        ))
    } else {
        Ok(())
    }
}

/// Process types: `^[-\w]{1,128}$`.
pub fn check_process_type(name: &str) -> Result<(), String> {
    if (1..=128).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid process type: use letters, digits, dashes and underscores"
        ))
    }
}

/// A deliberately plain email check: one `@`, something on both sides, no spaces.
pub fn check_email(email: &str) -> Result<(), String> {
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && email.len() <= 254
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("`{email}` is not a valid email address"))
    }
}

/// A git commit id as slugs record it: 4 to 40 hex digits (an abbreviated or full SHA-1), or 64
/// (SHA-256). Anything else could be read as an option or a range by the `git` that later
/// compares two slugs' commits.
pub fn is_commit_id(commit: &str) -> bool {
    ((4..=40).contains(&commit.len()) || commit.len() == 64)
        && commit.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_names() {
        for good in [
            "abc",
            "demo",
            "my-app-2",
            "a1b",
            &format!("a{}", "b".repeat(29)),
        ] {
            assert!(check_app_name(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "ab",
            "Demo",
            "1app",
            "-app",
            "app-",
            "my_app",
            "my app",
            "app.",
            "ünï",
            &format!("a{}", "b".repeat(30)),
        ] {
            assert!(check_app_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn config_values_hold_anything_but_nul() {
        assert!(check_config_value("A", "").is_ok());
        assert!(check_config_value("A", "line\nbreak \u{1f600} =;'\"").is_ok());
        let err = check_config_value("A", "a\0b").expect_err("nul");
        assert!(err.contains("`A`") && err.contains("NUL"), "{err}");
    }

    #[test]
    fn config_keys() {
        for good in ["FOO", "foo_bar", "A1", "_"] {
            assert!(check_config_key(good).is_ok(), "{good}");
        }
        for bad in ["", "FOO-BAR", "FOO BAR", "FOO=1", "ÄÖ", "a.b"] {
            assert!(check_config_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn process_types() {
        assert!(check_process_type("web").is_ok());
        assert!(check_process_type("worker-2_x").is_ok());
        for bad in ["", "web.1", "a b", &"x".repeat(129)] {
            assert!(check_process_type(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(check_email("dev@example.com").is_ok());
        assert!(check_email("admin@localhost").is_ok());
        for bad in ["", "dev", "@x", "x@", "a@b@c", "a b@c", "a@b\n"] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn commit_ids() {
        for good in [
            "abcd",
            "60883d9e",
            "60883D9E8947A57E04DC9124F25DF004866A2051",
            &"a".repeat(64),
        ] {
            assert!(is_commit_id(good), "{good}");
        }
        for bad in [
            "",
            "abc",
            "--output=/tmp/x",
            "-p",
            "abcd..ef01",
            "v1.4.0",
            "HEAD",
            "abcg",
            &"a".repeat(41),
            &"a".repeat(63),
            &"a".repeat(65),
        ] {
            assert!(!is_commit_id(bad), "{bad}");
        }
    }
}
