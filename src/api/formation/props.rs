//! Properties of formation quantities (`3`, `+1`, `-1`, or a JSON integer): any text is a
//! quantity or nothing (never a panic), and a quantity sent as JSON reads back as itself.

use proptest::prelude::*;

use super::*;
use crate::props::config;

fn quantity() -> impl Strategy<Value = Quantity> {
    prop_oneof![
        any::<i64>().prop_map(Quantity::Set),
        ((i64::MIN + 1)..=i64::MAX).prop_map(Quantity::Add),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_is_a_quantity_or_nothing(text in prop_oneof![any::<String>(), "[ +-]{0,2}[0-9]{0,25}[ ]?"]) {
        if let Some(q) = Quantity::parse(&text) {
            // The number is the text's digits; a sign makes it relative.
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let (n, relative) = match q {
                Quantity::Set(n) => (n, false),
                Quantity::Add(n) => (n, true),
            };
            prop_assert_eq!(digits.parse::<u128>().ok(), Some(u128::from(n.unsigned_abs())));
            prop_assert_eq!(relative, text.trim().starts_with(['+', '-']));
            prop_assert_eq!(Quantity::parse(&q.to_string()), Some(q));
        }
    }

    #[test]
    fn a_quantity_sent_as_json_reads_back(q in quantity()) {
        let json = serde_json::to_string(&q).unwrap();
        prop_assert_eq!(serde_json::from_str::<Quantity>(&json).unwrap(), q);
    }

    #[test]
    fn applying_a_quantity_never_overflows(q in quantity(), current in any::<i64>()) {
        let _ = q.apply(current);
    }

    #[test]
    fn any_json_is_an_update_or_an_error(text in prop_oneof![
        any::<String>(),
        "\\{\"updates\":\\[\\{\"type\":\"[a-z]{0,4}\",\"quantity\":(-?[0-9]{1,22}|\"[ +-]?[0-9]{0,22}\"|null|true|1\\.5)\\}\\]\\}",
    ]) {
        let _ = serde_json::from_str::<FormationBatchUpdate>(&text);
    }
}
