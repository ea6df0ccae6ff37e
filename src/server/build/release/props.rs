//! Properties of the `bin/release` reader: any output is a release or an error (never a
//! panic), and a release written as YAML reads back as itself.

use proptest::prelude::*;

use super::*;
use crate::props::config;
use crate::yaml::props::{quoted, yaml_like};

/// Distinct keys, each with a value, in order.
fn pairs(key: &'static str, value: &'static str) -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec((key, value), 0..6).prop_map(|pairs| {
        let mut out: Vec<(String, String)> = vec![];
        for (k, v) in pairs {
            if !out.iter().any(|(seen, _)| *seen == k) {
                out.push((k, v));
            }
        }
        out
    })
}

fn mapping(name: &str, pairs: &[(String, String)]) -> String {
    let mut text = format!("{name}:\n");
    for (k, v) in pairs {
        text.push_str(&format!("  {}: {}\n", quoted(k), quoted(v)));
    }
    text
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_output_parses_or_is_refused(text in prop_oneof![any::<String>(), yaml_like()]) {
        if let Ok(release) = parse(&text) {
            for (name, command) in &release.default_process_types {
                prop_assert!(type_name_problem(name).is_none());
                prop_assert!(!command.trim().is_empty());
            }
        }
    }

    #[test]
    fn a_written_release_reads_back(
        types in pairs("[A-Za-z0-9_-]{1,20}", ".*\\S.*"),
        vars in pairs(".*", ".*"),
        addons in any::<bool>(),
    ) {
        let mut text = mapping("default_process_types", &types);
        if addons {
            text.push_str("addons:\n  - heroku-postgresql\n");
        }
        text.push_str(&mapping("config_vars", &vars));
        let release = parse(&text).unwrap();
        prop_assert_eq!(release.default_process_types, types);
        prop_assert_eq!(release.config_vars, vars);
    }
}
