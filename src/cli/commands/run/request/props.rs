//! Properties of `tug run -e KEY=VALUE`: any arguments are an environment or an error (never a
//! panic), and pairs written as `KEY=VALUE` read back, the last of a key winning.

use proptest::prelude::*;

use super::*;
use crate::props::config;

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_arguments_are_an_environment_or_an_error(
        pairs in proptest::collection::vec(prop_oneof![any::<String>(), "[A-Z_]{0,4}=?.{0,4}"], 0..4),
    ) {
        if let Ok(env) = parse_env(&pairs) {
            for (key, value) in &env {
                prop_assert!(check_config_key(key).is_ok());
                let pair = format!("{key}={value}");
                prop_assert!(pairs.contains(&pair));
            }
        }
    }

    #[test]
    fn written_pairs_read_back(
        pairs in proptest::collection::vec(("[A-Za-z0-9_]{1,6}", any::<String>()), 0..6),
    ) {
        let args: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let expected: BTreeMap<String, String> = pairs.into_iter().collect();
        prop_assert_eq!(parse_env(&args).unwrap(), expected);
    }
}
