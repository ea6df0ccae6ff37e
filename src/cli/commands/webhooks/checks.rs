//! The checks `webhooks:add` and `webhooks:update` make before asking the platform.

use crate::api::{
    WEBHOOK_INCLUDES, check_webhook_include, check_webhook_url, parse_webhook_include,
};
use crate::cli::error::CliError;

/// Checks what is plainly wrong before asking the platform, which has the last word.
pub(super) fn check_url(url: &str) -> anyhow::Result<()> {
    check_webhook_url(url.trim()).map_err(|e| {
        CliError::usage(
            e,
            "give the receiver's address, like `--url https://example.com/hooks`",
        )
        .into()
    })
}

pub(super) fn parse_include(list: &str) -> anyhow::Result<Vec<String>> {
    let include = parse_webhook_include(list);
    check_webhook_include(&include).map_err(|e| {
        CliError::usage(
            e,
            format!(
                "pass a comma-separated list, like `--include api:build,api:release`; the entities are {}",
                WEBHOOK_INCLUDES.join(", ")
            ),
        )
    })?;
    Ok(include)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_are_checked_before_asking() {
        assert_eq!(
            parse_include("api:build, api:release").unwrap(),
            vec!["api:build", "api:release"]
        );
        for bad in ["", "api:nope", "dyno,dyno", " , "] {
            let err = parse_include(bad).unwrap_err();
            assert!(
                matches!(err.downcast_ref::<CliError>(), Some(CliError::Usage { .. })),
                "{bad}: {err}"
            );
        }
        assert!(check_url("ftp://example.com").is_err());
        assert!(check_url(" https://example.com/hook ").is_ok());
    }
}
