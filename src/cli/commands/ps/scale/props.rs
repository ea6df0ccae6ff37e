//! Properties of `ps:scale` arguments: any argument is a change or an error quoting only itself
//! (never a panic), and every change written as Heroku writes it reads back as itself.

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

/// What the errors may quote besides the argument: the example of the form.
const WORDS: &[&str] = &["web=2:standard-2X"];

/// One change and how it is written: `web=2`, `worker+1`, `web-1:standard-2X`.
fn change() -> impl Strategy<Value = (Change, String)> {
    (
        "[A-Za-z0-9_-]{1,20}",
        prop_oneof![Just('='), Just('+'), Just('-')],
        0..=999_999i64,
        proptest::option::of("[A-Za-z0-9_-]{1,20}"),
    )
        .prop_map(|(kind, op, n, size)| {
            let quantity = match op {
                '=' => Quantity::Set(n),
                '+' => Quantity::Add(n),
                _ => Quantity::Add(-n),
            };
            let mut arg = format!("{kind}{op}{n}");
            if let Some(size) = &size {
                arg.push_str(&format!(":{size}"));
            }
            (
                Change {
                    kind,
                    quantity,
                    size,
                },
                arg,
            )
        })
}

/// Arguments made of the grammar's own pieces.
fn arg_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("web".to_owned()),
            Just("=".to_owned()),
            Just("+".to_owned()),
            Just("-".to_owned()),
            Just(":".to_owned()),
            "[0-9]{1,25}",
            "\\PC{0,2}",
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_argument_is_a_change_or_refused_quoting_only_itself(
        arg in prop_oneof![any::<String>(), arg_like()],
    ) {
        match parse_change(&arg) {
            Ok(change) => {
                prop_assert!(is_word(&change.kind));
                prop_assert!(change.size.as_deref().is_none_or(is_word));
                let n = match change.quantity {
                    Quantity::Set(n) => n,
                    Quantity::Add(n) => n.abs(),
                };
                prop_assert!((0..=999_999).contains(&n));
            }
            Err(e) => prop_assert!(quotes_only(&e, &arg, WORDS), "{e:?}"),
        }
    }

    #[test]
    fn a_written_change_reads_back((change, arg) in change()) {
        prop_assert_eq!(parse_change(&arg), Ok(change));
    }

    #[test]
    fn a_type_scaled_twice_is_refused((first, a) in change(), (second, b) in change()) {
        // The second change, for the first one's type.
        let again = b.replacen(&second.kind, &first.kind, 1);
        prop_assert!(parse_changes(&[a, again]).is_err());
    }
}
