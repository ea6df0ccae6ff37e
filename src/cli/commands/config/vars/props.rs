//! Properties of `config:set KEY=VALUE` arguments: any argument is a pair or an error quoting
//! only itself (never a panic), and a pair written as `KEY=VALUE` reads back as itself.

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_argument_is_a_pair_or_refused_quoting_only_itself(
        arg in prop_oneof![any::<String>(), "[A-Za-z_ =-]{0,6}=?.{0,6}"],
    ) {
        match parse_pair(&arg) {
            Ok((key, value)) => {
                prop_assert!(parse_key(&key).is_ok());
                prop_assert_eq!(format!("{key}={value}"), arg);
            }
            Err(e) => prop_assert!(quotes_only(&e, &arg, &[]), "{e}"),
        }
    }

    #[test]
    fn a_written_pair_reads_back(key in "[A-Za-z0-9_]{1,20}", value in any::<String>()) {
        prop_assert_eq!(parse_pair(&format!("{key}={value}")), Ok((key, value)));
    }
}
