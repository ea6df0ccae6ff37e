//! Properties of the name checks (app names, config var keys, process types, emails, URLs):
//! any text is accepted exactly when it fits the documented rule, and a refusal quotes only the
//! text it was given (never a panic).

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

/// Heroku's app name rule, written out independently of `check_app_name`.
fn app_name_rule(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    (3..=30).contains(&chars.len())
        && chars[0].is_ascii_lowercase()
        && chars[1..chars.len() - 1]
            .iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        && (chars[chars.len() - 1].is_ascii_lowercase() || chars[chars.len() - 1].is_ascii_digit())
}

fn name_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{1,28}[a-z0-9]",
        "[a-zA-Z0-9_.@ -]{0,33}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn app_names_follow_the_rule(name in name_like()) {
        match check_app_name(&name) {
            Ok(()) => prop_assert!(app_name_rule(&name)),
            Err(e) => {
                prop_assert!(!app_name_rule(&name));
                prop_assert!(quotes_only(&e, &name, &[]), "{e}");
            }
        }
    }

    #[test]
    fn config_keys_are_words(key in name_like()) {
        let rule = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        match check_config_key(&key) {
            Ok(()) => prop_assert!(rule),
            Err(e) => prop_assert!(!rule && quotes_only(&e, &key, &[]), "{e}"),
        }
    }

    #[test]
    fn config_values_refuse_only_nul(value in any::<String>()) {
        prop_assert_eq!(check_config_value("KEY", &value).is_ok(), !value.contains('\0'));
    }

    #[test]
    fn process_types_are_short_words(name in prop_oneof![name_like(), "[a-z-]{120,140}"]) {
        let rule = (1..=128).contains(&name.len())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        match check_process_type(&name) {
            Ok(()) => prop_assert!(rule),
            Err(e) => prop_assert!(!rule && quotes_only(&e, &name, &[]), "{e}"),
        }
    }

    #[test]
    fn emails_have_one_at_and_no_blanks(email in prop_oneof![name_like(), "[a-z.]{0,5}@[a-z.@]{0,5}"]) {
        match check_email(&email) {
            Ok(()) => {
                prop_assert_eq!(email.matches('@').count(), 1);
                prop_assert!(!email.starts_with('@') && !email.ends_with('@'));
                prop_assert!(!email.chars().any(|c| c.is_whitespace() || c.is_control()));
            }
            Err(e) => prop_assert!(quotes_only(&e, &email, &[]), "{e}"),
        }
    }

    #[test]
    fn http_urls_have_a_scheme_and_a_host(url in prop_oneof![
        any::<String>(),
        "(https?|ftp|file|syslog)://[a-z0-9.:@\\[\\]%-]{0,12}(/[ -~]{0,10})?",
    ]) {
        if is_http_url(&url) {
            prop_assert!(url.to_ascii_lowercase().trim_start().starts_with("http"));
        }
    }
}
