//! Properties of `config.toml` and API URLs: any text is a config or an error (never a panic),
//! a config as `tug login` writes it reads back as itself, and an accepted API URL is an
//! http(s) base URL with a host and no credentials.

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

fn host_record() -> impl Strategy<Value = HostRecord> {
    (
        prop_oneof![Just(Store::Keyring), Just(Store::File)],
        proptest::option::of(any::<String>()),
        proptest::option::of(any::<u128>().prop_map(Uuid::from_u128)),
    )
        .prop_map(|(store, email, authorization_id)| HostRecord {
            store,
            email,
            authorization_id,
        })
}

fn config_file() -> impl Strategy<Value = Config> {
    (
        proptest::option::of("https?://[a-z][a-z0-9]{0,8}(\\.[a-z][a-z0-9]{0,5}){0,2}(:[1-9][0-9]{0,3})?(/[a-z]{1,5})?"),
        proptest::collection::btree_map(any::<String>(), host_record(), 0..4),
    )
        .prop_map(|(api_url, hosts)| Config { api_url, hosts, file: Default::default() })
}

pub fn toml_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n".to_owned()),
            Just("[hosts.".to_owned()),
            Just("]".to_owned()),
            Just(" = ".to_owned()),
            Just("\"".to_owned()),
            Just("api_url".to_owned()),
            Just("store".to_owned()),
            Just("\"keyring\"".to_owned()),
            Just("authorization_id".to_owned()),
            Just("{".to_owned()),
            Just("}".to_owned()),
            "\\PC{0,4}",
        ],
        0..20,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_is_a_config_or_an_error(text in prop_oneof![any::<String>(), toml_like()]) {
        if let Ok(Config { api_url: Some(url), .. }) = Config::parse(&text) {
            prop_assert!(ApiUrl::parse(&url).is_ok());
        }
    }

    #[test]
    fn a_written_config_reads_back(file in config_file()) {
        prop_assert_eq!(Config::parse(&file.render()), Ok(file));
    }

    #[test]
    fn an_api_url_is_an_http_base_without_credentials(text in prop_oneof![
        any::<String>(),
        " ?(https?|ftp)://([a-z]{1,3}(:[a-z]{0,3})?@)?[a-z0-9.-]{0,8}(:[0-9]{1,6})?(/[a-z?#]{0,5})? ?",
    ]) {
        match ApiUrl::parse(&text) {
            Ok(url) => {
                prop_assert!(url.as_str().starts_with("http://") || url.as_str().starts_with("https://"));
                prop_assert!(!url.as_str().contains('@') && !url.as_str().contains('?'));
                prop_assert!(!url.as_str().ends_with('/'));
            }
            Err(e) => {
                // The URL library's own reason follows the quoted input in parentheses.
                let quoted = e.split(" (").next().unwrap_or(&e);
                prop_assert!(quotes_only(quoted, &text, &["tug login", "TUG_API_KEY"]), "{e}");
            }
        }
    }
}
