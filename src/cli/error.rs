//! Errors the CLI raises itself. `render` turns any error into what the terminal shows.

/// Errors someone matches on (for the exit status or a hint). Everything else is `anyhow`.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Ctrl-C, or a prompt cancelled.
    #[error("interrupted")]
    Interrupted,
    /// No token for this platform.
    #[error("not logged in to {api_url}")]
    NotLoggedIn { api_url: String },
    /// A prompt was needed but nobody is at a terminal.
    #[error("{what}: {reason}")]
    NotInteractive {
        what: String,
        reason: &'static str,
        hint: String,
    },
    /// The command line is incomplete or contradicts itself (exit 2).
    #[error("{message}")]
    Usage { message: String, hints: Vec<String> },
    /// A failure with advice (exit 1).
    #[error("{message}")]
    Failed { message: String, hints: Vec<String> },
}

impl CliError {
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> CliError {
        CliError::Usage {
            message: message.into(),
            hints: vec![hint.into()],
        }
    }

    pub fn failed(message: impl Into<String>, hint: impl Into<String>) -> CliError {
        CliError::Failed {
            message: message.into(),
            hints: vec![hint.into()],
        }
    }
}
