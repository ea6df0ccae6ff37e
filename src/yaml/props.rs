//! Properties of the YAML reader: any text is a tree or an error (never a panic, however deep or
//! aliased), and a scalar written in double quotes reads back as itself.

use proptest::prelude::*;

use super::*;
use crate::props::config;

/// `text` as a YAML double-quoted scalar: printable ASCII as is, everything else escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if u32::from(c) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// Text made of YAML's own punctuation, to reach into the scanner's corners.
pub fn yaml_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n".to_owned()),
            Just("  ".to_owned()),
            Just("- ".to_owned()),
            Just(": ".to_owned()),
            Just("[".to_owned()),
            Just("]".to_owned()),
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just(", ".to_owned()),
            Just("&a ".to_owned()),
            Just("*a".to_owned()),
            Just("!!str ".to_owned()),
            Just("? ".to_owned()),
            Just("|\n".to_owned()),
            Just(">-\n".to_owned()),
            Just("'".to_owned()),
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just("#".to_owned()),
            Just("---\n".to_owned()),
            Just("...\n".to_owned()),
            Just("%YAML 1.2\n".to_owned()),
            Just("\t".to_owned()),
            "[a-z0-9_]{1,6}",
            "\\PC{0,3}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_loads_or_is_refused(text in prop_oneof![any::<String>(), yaml_like()]) {
        if let Ok(node) = load(&text) {
            prop_assert!(node.line >= 1);
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed(
        (depth, flow) in prop_oneof![(0..20_000usize, Just(true)), (0..200usize, Just(false))],
    ) {
        let text = if flow {
            "[".repeat(depth) + &"]".repeat(depth)
        } else {
            (0..depth).map(|i| format!("{}- \n", "  ".repeat(i))).collect()
        };
        match load(&text) {
            Ok(_) => prop_assert!(depth <= MAX_DEPTH),
            // Ours past MAX_DEPTH, or the YAML parser's own recursion limit further down.
            Err(e) => prop_assert!(depth > MAX_DEPTH && e.contains("line"), "{e}"),
        }
    }

    #[test]
    fn a_quoted_scalar_reads_back(text in any::<String>()) {
        let node = load(&format!("key: {}\n", quoted(&text))).unwrap();
        let Value::Map(entries) = node.value else { panic!("not a map") };
        prop_assert_eq!(entries[0].1.as_str(), Some(text.as_str()));
    }
}
