//! Properties of the `Range` header: any text is an answer or an error (never a panic), errors
//! quote only the header, every range reads back as itself, and a `Next-Range` the server
//! writes walks a list page by page, each item once.

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

/// What the parser's errors may quote besides the header itself.
const WORDS: &[&str] = &["max", "order", "asc", "desc"];

fn order() -> impl Strategy<Value = Order> {
    prop_oneof![Just(Order::Asc), Just(Order::Desc)]
}

/// Any range a server or client could write: values are arbitrary non-empty text.
fn range() -> impl Strategy<Value = Range> {
    (
        "[a-z_][a-z0-9_]{0,11}",
        proptest::option::of((".+", any::<bool>())),
        proptest::option::of(".+"),
        1..=MAX_MAX,
        order(),
    )
        .prop_map(|(field, start, end, max, order)| Range {
            field,
            start: start.map(|(value, exclusive)| Bound { value, exclusive }),
            end,
            max,
            order,
        })
}

/// Text made mostly of the grammar's own pieces, to reach deep into the parser.
fn header_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("version".to_owned()),
            Just(" ".to_owned()),
            Just("..".to_owned()),
            Just("]".to_owned()),
            Just(";".to_owned()),
            Just(",".to_owned()),
            Just("=".to_owned()),
            Just("max".to_owned()),
            Just("order".to_owned()),
            Just("desc".to_owned()),
            Just("%".to_owned()),
            "[0-9a-fA-F]{1,3}",
            "\\PC{0,3}",
        ],
        0..16,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_parses_or_is_refused_quoting_only_itself(header in prop_oneof![any::<String>(), header_like()]) {
        match Range::parse(&header) {
            Ok(Some(range)) => {
                prop_assert!(!range.field.is_empty());
                prop_assert!((1..=MAX_MAX).contains(&range.max));
            }
            Ok(None) => prop_assert!(header.trim().is_empty()),
            Err(e) => prop_assert!(quotes_only(&e, &header, WORDS), "{e:?} for {header:?}"),
        }
    }

    #[test]
    fn every_range_reads_back_as_itself(range in range()) {
        let written = range.to_string();
        prop_assert!(axum::http::HeaderValue::from_str(&written).is_ok(), "{written:?}");
        prop_assert_eq!(Range::parse(&written), Ok(Some(range)), "{}", written);
    }

    #[test]
    fn next_range_walks_every_item_once(
        keys in proptest::collection::btree_set(".+", 0..40),
        max in 1..10usize,
        order in order(),
    ) {
        let items: Vec<String> = keys.iter().cloned().collect();
        let mut range = Range::new("name").with_max(max);
        range.order = order;
        let mut seen = vec![];
        let mut next = Some(range);
        while let Some(r) = next.take() {
            let page = paginate(items.clone(), &r, |k| SortKey::Str(k.clone())).unwrap();
            prop_assert!(page.items.len() <= max);
            seen.extend(page.items);
            prop_assert!(seen.len() <= items.len(), "a page came twice");
            // What a client sends back is the header as written, not the server's value.
            next = match page.next {
                Some(n) => Range::parse(&n.to_string()).unwrap(),
                None => None,
            };
        }
        let mut expected = items;
        if order == Order::Desc {
            expected.reverse();
        }
        prop_assert_eq!(seen, expected);
    }
}

#[test]
fn values_with_separators_read_back() {
    // Found by `every_range_reads_back_as_itself`: these were split apart or trimmed.
    for value in [
        "a..b@x.com",
        "a.",
        ".a",
        "ci/test; lint",
        "a,b",
        " x ",
        "]x",
        "é",
        "50%",
    ] {
        let range = Range {
            field: "email".into(),
            start: Some(Bound {
                value: value.into(),
                exclusive: true,
            }),
            end: Some(value.into()),
            max: 2,
            order: Order::Asc,
        };
        assert_eq!(Range::parse(&range.to_string()), Ok(Some(range)), "{value}");
    }
    // What people write by hand reads as before.
    let r = Range::parse("created_at 2026-01-01T00:00:00.5Z..; max=3")
        .unwrap()
        .unwrap();
    assert_eq!(r.start.unwrap().value, "2026-01-01T00:00:00.5Z");
}

#[test]
fn a_value_that_decodes_to_invalid_utf8_is_refused() {
    assert!(Range::parse("name %FF..").is_err());
}
