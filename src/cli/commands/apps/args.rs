//! The app-name argument the `apps` verbs share, and which app a verb means.

use crate::api::names;
use crate::cli::args::AppArg;
use crate::cli::ctx::Ctx;

pub fn parse_app_name(name: &str) -> Result<String, String> {
    names::check_app_name(name).map(|()| name.to_string())
}

/// An app named by a positional argument wins over `--app` and the git remotes.
pub(super) fn app_or_positional(
    ctx: &Ctx,
    positional: Option<&str>,
    arg: &AppArg,
) -> anyhow::Result<String> {
    match positional {
        Some(app) => Ok(app.to_string()),
        None => ctx.app(arg),
    }
}
