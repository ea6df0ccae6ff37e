//! Properties of webhook settings: any URL is accepted only as an `http(s)://` URL with a host,
//! or refused quoting only itself (never a panic), and an `include` list written with commas
//! reads back as its entities.

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

const WORDS: &[&str] = &["https://host/path", "http://…"];

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_url_is_accepted_only_as_http_with_a_host(url in prop_oneof![
        any::<String>(),
        "(https?|ftp|file|javascript)://[a-z0-9.:@\\[\\]%-]{0,12}(/[ -~]{0,10})?",
        "https://[a-z]{1,3}/[a-z]{2000,2100}",
    ]) {
        match check_webhook_url(&url) {
            Ok(()) => {
                prop_assert!(url.len() <= MAX_URL_LEN);
                let parsed = reqwest::Url::parse(&url).unwrap();
                prop_assert!(matches!(parsed.scheme(), "http" | "https"));
                prop_assert!(parsed.host_str().is_some_and(|h| !h.is_empty()));
            }
            Err(e) => prop_assert!(quotes_only(&e, &url, WORDS), "{e}"),
        }
    }

    #[test]
    fn an_include_list_reads_back(
        entities in proptest::collection::vec("[a-z:_-]{1,12}", 0..6),
        sep in "[ \t]{0,2},[ \t]{0,2}",
    ) {
        prop_assert_eq!(parse_webhook_include(&entities.join(&sep)), entities);
    }
}
