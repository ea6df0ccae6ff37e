//! Properties of drain URLs and framing: any text is a target or an error quoting only itself
//! (never a panic), a syslog target is an address a socket can be given, an HTTP target is the
//! URL as given, and an octet-counted frame reads back as its message.

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

const WORDS: &[&str] = &["syslog+tcp://host:port"];

fn url_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(syslog|syslog\\+tcp|https?|ftp|tcp)://([a-z0-9.-]{0,10}|\\[[0-9a-f:]{2,10}\\]|[0-9.]{7,15})(:[0-9]{0,6})?(/[ -~]{0,8})?",
        "(https?|syslog)://[a-z]{1,4}:[^@ ]{0,6}@[a-z]{1,6}(:[0-9]{1,5})?",
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_is_a_target_or_refused_quoting_only_itself(url in url_like()) {
        match parse_target(&url) {
            Ok(Target::Syslog { addr }) => {
                let (host, port) = addr.rsplit_once(':').unwrap();
                prop_assert!(!host.is_empty());
                prop_assert!(port.parse::<u16>().is_ok(), "{addr}");
            }
            Ok(Target::Http { url: target }) => prop_assert_eq!(target, url),
            Err(e) => prop_assert!(quotes_only(&e, &url, WORDS), "{e}"),
        }
    }

    #[test]
    fn an_octet_counted_frame_reads_back(message in any::<String>()) {
        let frame = octet_frame(&message);
        let (len, rest) = frame.split_once(' ').unwrap();
        prop_assert_eq!(len.parse::<usize>().unwrap(), rest.len());
        prop_assert_eq!(rest, message.as_str());
    }
}
