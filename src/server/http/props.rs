//! Properties of the wire headers every request may carry: any `Accept` is accepted or refused
//! by its `version` alone, and a client's `Request-Id` is echoed only as a short id that came
//! from the header (never a panic, never text that could break the response's headers).

use proptest::prelude::*;

use super::*;
use crate::props::config;

fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..64),
        "[ -~]{0,64}".prop_map(String::into_bytes),
        "((application/vnd\\.heroku\\+json|application/json|\\*/\\*|text/html)(; ?(version|q)=[0-9a-z.=]{0,5}){0,2}, ?){1,3}"
            .prop_map(String::into_bytes),
    ]
}

fn with(name: &'static str, value: &[u8]) -> Option<HeaderMap> {
    let value = HeaderValue::from_bytes(value).ok()?;
    let mut headers = HeaderMap::new();
    headers.insert(name, value);
    Some(headers)
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn accept_is_refused_only_for_another_api_version(value in header_bytes()) {
        let Some(headers) = with("accept", &value) else { return Ok(()) };
        let text = headers.get(ACCEPT).and_then(|v| v.to_str().ok());
        let refused = !acceptable(&headers);
        if refused {
            let text = text.unwrap_or_default();
            prop_assert!(text.to_ascii_lowercase().contains("application/vnd.heroku+json"));
            prop_assert!(text.contains("version="));
        }
    }

    #[test]
    fn a_heroku_version_is_accepted_exactly_when_it_is_3(version in "[0-9a-z.]{0,6}") {
        let headers = with("accept", format!("application/vnd.heroku+json; version={version}").as_bytes()).unwrap();
        prop_assert_eq!(acceptable(&headers), version == "3" || version.starts_with("3."));
    }

    #[test]
    fn a_request_id_is_echoed_only_as_a_short_id_from_the_header(value in header_bytes()) {
        let Some(headers) = with("request-id", &value) else { return Ok(()) };
        if let Some(id) = client_request_id(&headers) {
            let text = headers.get("request-id").unwrap().to_str().unwrap();
            prop_assert!(text.contains(&id));
            prop_assert!(!id.is_empty() && id.len() <= 200);
            prop_assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
            let echoed = format!("{},{id}", Uuid::new_v4());
            prop_assert!(HeaderValue::from_str(&echoed).is_ok());
        }
    }
}
