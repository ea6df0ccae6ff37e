//! Properties of dyno size names in formation updates: any name is one of the sizes (in its
//! canonical spelling) or an error that quotes it (never a panic).

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

fn size_like() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(DYNO_SIZES).prop_map(str::to_owned),
        proptest::sample::select(DYNO_SIZES).prop_map(|s| s.to_ascii_uppercase()),
        "(standard|performance|eco|basic)-?[0-9A-Za-z-]{0,4}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn a_size_name_is_canonical_or_refused(name in size_like()) {
        let size = DynoSizeRef { id: None, name: Some(name.clone()) };
        match canonical_size(&size) {
            Ok(found) => {
                let found = found.unwrap();
                prop_assert!(DYNO_SIZES.contains(&found.as_str()));
                prop_assert!(found.eq_ignore_ascii_case(&name));
            }
            Err(e) => {
                prop_assert!(!DYNO_SIZES.iter().any(|s| s.eq_ignore_ascii_case(&name)));
                prop_assert!(quotes_only(&e.message, &name, &[]), "{}", e.message);
            }
        }
    }

    #[test]
    fn a_size_id_is_one_of_the_sizes_or_refused(id in any::<u128>(), pick in 0..dyno_size::SIZES.len()) {
        let id = uuid::Uuid::from_u128(id);
        let size = DynoSizeRef { id: Some(id), name: None };
        let known = dyno_size::SIZES.iter().any(|s| s.id == id);
        prop_assert_eq!(canonical_size(&size).is_ok(), known);
        let real = dyno_size::SIZES[pick];
        let size = DynoSizeRef { id: Some(real.id), name: None };
        prop_assert_eq!(canonical_size(&size).unwrap(), Some(real.name.to_string()));
    }
}
