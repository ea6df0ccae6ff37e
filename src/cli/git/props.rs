//! Properties of the credential helper's side of git's protocol: any input is a request or an
//! error (never a panic), and what the helper answers reads back, line by line, as the site
//! and token it was given.

use proptest::prelude::*;

use super::*;
use crate::props::config;

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_input_is_a_request_or_an_error(input in prop_oneof![
        any::<String>(),
        "((protocol|host|path|username|)=?[a-z:/.\0]{0,6}\r?\n){0,4}",
    ]) {
        if let Ok(request) = CredentialRequest::parse(&input) {
            for value in [&request.protocol, &request.host].into_iter().flatten() {
                prop_assert!(input.contains(value.as_str()));
                prop_assert!(!value.contains('\n') && !value.contains('\0'));
            }
        }
    }

    #[test]
    fn a_reply_reads_back_as_its_site(
        protocol in "[a-z]{1,6}",
        host in "[a-z0-9.:-]{1,20}",
        token in "[^\r\n\0]{1,40}",
    ) {
        let reply = credential_reply(&protocol, &host, &token).unwrap();
        let request = CredentialRequest::parse(&reply).unwrap();
        prop_assert_eq!(request.site(), Some((protocol.as_str(), host.as_str())));
        prop_assert!(reply.lines().any(|l| l.strip_prefix("password=") == Some(token.as_str())));
    }

    #[test]
    fn a_token_that_would_break_the_lines_is_refused(
        token in "[a-z]{0,5}[\r\n\0][a-z]{0,5}",
    ) {
        prop_assert!(credential_reply("https", "h", &token).is_err());
    }
}
