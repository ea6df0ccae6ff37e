//! Flag groups shared by many commands, flattened into each command's arguments.

use clap::Args;

/// Which app a command acts on: `--app` (or `TUG_APP`), else `--remote`, else the git remote
/// named `tug`, else the one remote pointing at an app on this platform.
#[derive(Debug, Clone, Default, Args)]
pub struct AppArg {
    /// The app to act on [default: found from the git remotes]
    #[arg(
        short,
        long,
        env = "TUG_APP",
        value_name = "APP",
        hide_env_values = true
    )]
    pub app: Option<String>,
    /// The git remote that points at the app
    #[arg(short, long, value_name = "REMOTE")]
    pub remote: Option<String>,
}

/// `--json`: stdout is exactly one JSON document of the API's own types.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct JsonArg {
    /// Print JSON (the API's own objects) instead of text
    #[arg(long)]
    pub json: bool,
}

// The flags of a command that needs nothing but the app and `--json`. (No doc comment: clap
// would take it as the description of every command that uses the struct.)
#[derive(Debug, Clone, Default, Args)]
pub struct AppJsonArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}
