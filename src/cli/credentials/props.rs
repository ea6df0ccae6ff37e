//! Properties of `credentials.toml`: any text is a set of tokens or an error (never a panic),
//! and the file as `tug login` writes it reads back as itself.

use proptest::prelude::*;

use super::*;
use crate::cli::config::props::toml_like;
use crate::props::config;

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_is_tokens_or_an_error(text in prop_oneof![any::<String>(), toml_like()]) {
        if let Ok(file) = CredentialsFile::parse(&text) {
            for token in file.tokens.values() {
                prop_assert!(!token.is_empty() && token.trim() == token);
            }
        }
    }

    #[test]
    fn written_tokens_read_back(
        tokens in proptest::collection::btree_map(any::<String>(), "[!-~]([ -~]{0,30}[!-~])?", 0..4),
    ) {
        let file = CredentialsFile { tokens, file: Default::default() };
        prop_assert_eq!(CredentialsFile::parse(&file.render()), Ok(file));
    }
}
