//! Properties of request bodies: any bytes are a value of the endpoint's type or a 400/422
//! naming what is wrong (never a panic), and a blank body is an empty object.

use proptest::prelude::*;

use super::*;
use crate::api::{AppCreate, BuildCreate, DynoCreate, FormationBatchUpdate};
use crate::props::config;

/// Bytes close to the JSON the API takes.
fn json_like() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just("[".to_owned()),
            Just("]".to_owned()),
            Just("\"name\"".to_owned()),
            Just("\"updates\"".to_owned()),
            Just("\"command\"".to_owned()),
            Just("\"source_blob\"".to_owned()),
            Just(":".to_owned()),
            Just(",".to_owned()),
            Just("null".to_owned()),
            Just("\"\\u0000\"".to_owned()),
            "-?[0-9]{1,25}(\\.[0-9]{0,3})?(e[0-9]{1,4})?",
            "\"[^\"\\\\]{0,6}\"",
        ],
        0..20,
    )
    .prop_map(|parts| parts.concat().into_bytes())
}

fn refused_well<T>(result: ApiResult<T>) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        prop_assert!(
            matches!(e.id, ErrorId::BadRequest | ErrorId::InvalidParams),
            "{:?}",
            e.id
        );
        prop_assert!(
            e.message.starts_with("invalid request body")
                || e.message.starts_with("request body is not valid JSON")
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_body_is_a_value_or_a_client_error(
        body in prop_oneof![proptest::collection::vec(any::<u8>(), 0..256), json_like()],
    ) {
        let body = Bytes::from(body);
        refused_well(parse_json::<AppCreate>(&body))?;
        refused_well(parse_json::<BuildCreate>(&body))?;
        refused_well(parse_json::<DynoCreate>(&body))?;
        refused_well(parse_json::<FormationBatchUpdate>(&body))?;
        refused_well(parse_json::<std::collections::BTreeMap<String, Option<String>>>(&body))?;
    }

    #[test]
    fn a_blank_body_is_an_empty_object(blank in "[ \t\r\n]{0,8}") {
        let parsed = parse_json::<serde_json::Value>(&Bytes::from(blank));
        prop_assert_eq!(parsed.ok(), Some(serde_json::json!({})));
    }
}
