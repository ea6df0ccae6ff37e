//! `tug buildpacks:remove`: remove a buildpack by index or name.

use clap::Args as ClapArgs;

use super::edit::{change, is, parse_index};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct RemoveArgs {
    /// The buildpack to remove, as `tug buildpacks` shows it
    #[arg(
        value_name = "BUILDPACK",
        required_unless_present = "index",
        conflicts_with = "index"
    )]
    pub buildpack: Option<String>,
    /// The position of the buildpack to remove, starting at 1
    #[arg(short, long, value_name = "N", value_parser = parse_index)]
    pub index: Option<usize>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn remove(args: &RemoveArgs, ctx: &Ctx) -> anyhow::Result<()> {
    change(ctx, &args.flags.app, "removed", |list, app| {
        let at = match (&args.buildpack, args.index) {
            (Some(given), _) => list.iter().position(|b| is(b, given)).ok_or_else(|| {
                CliError::failed(
                    format!("buildpack {given} is not set on {app}; nothing was removed"),
                    format!("`tug buildpacks -a {app}` lists the app's buildpacks"),
                )
            })?,
            (None, Some(i)) if list.is_empty() => {
                return Err(CliError::failed(
                    format!("invalid index {i}: {app} has no buildpacks; nothing was removed"),
                    format!("`tug buildpacks -a {app}` lists the app's buildpacks"),
                ));
            }
            (None, Some(i)) if i > list.len() => {
                let n = list.len();
                let plural = if n == 1 { "" } else { "s" };
                return Err(CliError::failed(
                    format!(
                        "invalid index {i}: {app} has {n} buildpack{plural}; nothing was removed"
                    ),
                    format!("choose from 1 to {n}; `tug buildpacks -a {app}` lists them in order"),
                ));
            }
            (None, Some(i)) => i - 1,
            (None, None) => {
                return Err(CliError::usage(
                    "name the buildpack to remove, or give its position with `--index N`",
                    "`tug buildpacks` lists the app's buildpacks",
                ));
            }
        };
        list.remove(at);
        Ok(())
    })
}
