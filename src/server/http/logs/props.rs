//! Properties of a log session's filter: any `dyno` and `source` are a filter or an error that
//! quotes only them (never a panic), and a filter by type keeps exactly that type's dynos.

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

const WORDS: &[&str] = &["web.1", "web", "router", "app", "heroku"];

fn dyno_like() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-z_-]{0,6}(\\.[0-9a-z]{0,3}){0,2}"]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_filter_is_checked_quoting_only_itself(
        dyno in proptest::option::of(dyno_like()),
        source in proptest::option::of(prop_oneof![Just("app".to_owned()), Just("heroku".to_owned()), any::<String>()]),
    ) {
        let body = LogSessionCreate { dyno: dyno.clone(), source: source.clone(), ..LogSessionCreate::default() };
        match check_filter(&body) {
            Ok(filter) => {
                prop_assert!(filter.source.as_deref().is_none_or(|s| s == "app" || s == "heroku"));
            }
            Err(e) => {
                let given = format!("{} {}", dyno.unwrap_or_default(), source.unwrap_or_default());
                prop_assert!(quotes_only(&e.message, &given, WORDS), "{}", e.message);
            }
        }
    }

    #[test]
    fn a_type_filter_keeps_that_types_dynos(kind in "[a-z]{1,6}", dyno in "[a-z]{1,6}(\\.[0-9a-z]{1,3})?") {
        let filter = Filter { dyno: Some(kind.clone()), source: None };
        let line = LogLine { seq: 0, micros: 0, source: "app".into(), dyno: dyno.clone(), message: String::new() };
        let expected = dyno == kind || dyno.split_once('.').is_some_and(|(k, n)| {
            k == kind && n.chars().all(|c| c.is_ascii_digit())
        });
        prop_assert_eq!(filter.matches(&line), expected);
    }
}
