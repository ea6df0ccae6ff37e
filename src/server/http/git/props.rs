//! Properties of what the git endpoints take from a request's headers and write themselves: a
//! `Git-Protocol` header reaches git only as short printable text from the header (never a
//! panic), and a pkt-line's length prefix counts the whole line.

use proptest::prelude::*;

use super::*;
use crate::props::config;

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn git_protocol_passes_only_short_printable_text(value in prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        "(version=[0-9]{1,2}:?){0,3}".prop_map(String::into_bytes),
    ]) {
        let Ok(value) = HeaderValue::from_bytes(&value) else { return Ok(()) };
        let mut headers = HeaderMap::new();
        headers.insert("git-protocol", value.clone());
        if let Some(p) = git_protocol(&headers) {
            prop_assert_eq!(p.as_bytes(), value.as_bytes());
            prop_assert!(p.len() < 256);
            prop_assert!(p.bytes().all(|b| b.is_ascii_graphic() || b == b' '));
        }
    }

    #[test]
    fn a_pkt_line_counts_itself(text in "[ -~]{0,200}") {
        let line = pkt_line(&text);
        let len = usize::from_str_radix(std::str::from_utf8(&line[..4]).unwrap(), 16).unwrap();
        prop_assert_eq!(len, line.len());
        prop_assert_eq!(&line[4..], text.as_bytes());
    }
}
