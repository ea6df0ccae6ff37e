//! Which release a verb means (by version or id), and how a release is described.

use crate::api::Release;
use crate::cli::error::CliError;

/// `v3` or `3` → `3`; a release id is kept as it is.
pub fn parse_release(arg: &str) -> Result<String, String> {
    let trimmed = arg.trim();
    let digits = trimmed.strip_prefix(['v', 'V']).unwrap_or(trimmed);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits
            .parse::<u32>()
            .map(|n| n.to_string())
            .map_err(|_| format!("`{arg}` is not a release version"));
    }
    if let Ok(id) = uuid::Uuid::parse_str(trimmed) {
        return Ok(id.to_string());
    }
    Err(format!(
        "`{arg}` is not a release: give a version like `v3`"
    ))
}

/// The description with the status appended when the release did not simply succeed.
pub(super) fn describe(release: &Release) -> String {
    match release.status.as_str() {
        "succeeded" | "" => release.description.clone(),
        status => format!("{} ({status})", release.description),
    }
}

pub(super) fn no_releases(app: &str) -> CliError {
    CliError::failed(
        format!("{app} has no releases"),
        format!("`tug releases -a {app}` lists the app's releases"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_are_named_by_version_or_id() {
        assert_eq!(parse_release("v3").unwrap(), "3");
        assert_eq!(parse_release("3").unwrap(), "3");
        assert_eq!(parse_release("V12").unwrap(), "12");
        assert_eq!(parse_release("v007").unwrap(), "7");
        let id = "01234567-89ab-cdef-0123-456789abcdef";
        assert_eq!(parse_release(id).unwrap(), id);
        for bad in [
            "",
            "v",
            "vv3",
            "v-1",
            "3.1",
            "latest",
            "v99999999999",
            "../x",
        ] {
            assert!(parse_release(bad).is_err(), "{bad}");
        }
    }
}
