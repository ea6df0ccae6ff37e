//! Properties of the router's Host header reading: any header names at most an app that is
//! really in it, right before the domain (never a panic), and `APP.DOMAIN` with any port or a
//! final dot names APP.

use proptest::prelude::*;

use super::*;
use crate::props::config;

const DOMAIN: &str = "apps.example.com";

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_host_names_at_most_an_app_before_the_domain(host in prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9.-]{0,8}\\.?(apps\\.example\\.com|APPS\\.example\\.COM|example\\.com)?\\.?(:[0-9a-z]{0,6})?",
    ]) {
        if let Some(app) = app_from_host(&host, DOMAIN) {
            prop_assert!(!app.is_empty());
            prop_assert!(app.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
            let rest = &host[app.len()..];
            prop_assert!(host.starts_with(app));
            let suffix = format!(".{DOMAIN}");
            prop_assert!(rest.to_ascii_lowercase().starts_with(&suffix));
        }
    }

    #[test]
    fn app_dot_domain_names_the_app(
        app in "[a-z][a-z0-9-]{1,28}[a-z0-9]",
        port in proptest::option::of(0..=65535u32),
        dot in any::<bool>(),
        upper in any::<bool>(),
    ) {
        let domain = if upper { DOMAIN.to_ascii_uppercase() } else { DOMAIN.to_owned() };
        let mut host = format!("{app}.{domain}");
        if dot {
            host.push('.');
        }
        if let Some(port) = port {
            host.push_str(&format!(":{port}"));
        }
        prop_assert_eq!(app_from_host(&host, DOMAIN), Some(app.as_str()));
    }
}
