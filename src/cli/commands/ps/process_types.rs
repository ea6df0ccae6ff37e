//! What a process type or a dyno size may be called, and the error for an app that has none.

use crate::cli::error::CliError;

pub(super) fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

pub(super) fn no_process_types(app: &str) -> CliError {
    CliError::failed(
        format!("no process types on {app}"),
        "deploy the app with a `Procfile` that names its processes (`web: python3 app.py`)",
    )
}
