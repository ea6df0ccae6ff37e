//! Flag groups shared by many commands, flattened into each command's arguments.

use clap::Args;

/// Which app a command acts on: `--app` (or `TUG_APP`), else `--remote`, else the git remote
/// named `tug`, else the one remote pointing at an app on this platform.
#[derive(Debug, Clone, Default, Args)]
pub struct AppArg {
    #[command(flatten)]
    pub name: AppNameArg,
    /// The git remote that points at the app
    #[arg(short, long, value_name = "REMOTE")]
    pub remote: Option<String>,
}

// `-a/--app` (or `TUG_APP`) alone. A command whose `--app` means something more words its
// help with `#[command(mut_arg("app", |a| a.help("...")))]`.
#[derive(Debug, Clone, Default, Args)]
pub struct AppNameArg {
    /// The app to act on [default: found from the git remotes]
    #[arg(
        short,
        long,
        env = "TUG_APP",
        value_name = "APP",
        hide_env_values = true
    )]
    pub app: Option<String>,
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

// A list of the app's newest records: `-n/--num N` (1 to 1000, 15 unless told), the app and
// `--json`. A command names what it lists in the help of `--num` with
// `#[command(mut_arg("num", |a| a.help("How many builds to show, newest first")))]`.
#[derive(Debug, Clone, Args)]
pub struct NewestArgs {
    /// How many to show, newest first
    #[arg(short = 'n', long = "num", value_name = "N", default_value_t = 15,
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub num: u16,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

impl NewestArgs {
    /// `--num`, as a count.
    pub fn count(&self) -> usize {
        usize::from(self.num)
    }
}

// The flags of a destructive command: the app, `--confirm APP` and `--json`.
#[derive(Debug, Clone, Default, Args)]
pub struct ConfirmedAppArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// The app's name again, to confirm without a prompt
    #[arg(short, long, value_name = "APP")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

/// What a destructive command says when it asks for the app's name (see
/// `Ctx::confirmed_app`).
pub struct Confirmation {
    /// The warning a terminal is shown before the prompt.
    pub warning: String,
    /// What a wrong name leaves undone: `nothing was reset`.
    pub nothing_done: &'static str,
    /// The refusal where nobody can be asked.
    pub refusing: String,
}

// The flags of a command that prints values a shell can read: the app, `-s/--shell` and
// `--json` (one or the other). A command may word the help of `--shell` its own way with
// `#[command(mut_arg("shell", |a| a.help("...")))]`.
#[derive(Debug, Clone, Default, Args)]
pub struct ShellArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// Print `KEY=value` lines for a shell
    #[arg(short, long, conflicts_with = "json")]
    pub shell: bool,
    #[command(flatten)]
    pub json: JsonArg,
}
