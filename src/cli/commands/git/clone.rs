//! `tug git:clone`: clone the app's repository, with the remote set.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::Context as _;
use clap::Args as ClapArgs;
use git2::Repository;

use super::credentials::{configure_helper, helper_command};
use super::remote::parse_remote_name;
use crate::cli::args::AppArg;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git::{self};

#[derive(Debug, ClapArgs)]
pub struct CloneArgs {
    /// The app to clone (with --app, this is the directory)
    #[arg(value_name = "APP")]
    pub target: Option<String>,
    /// The directory to clone into [default: the app's name]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The app to clone [default: `TUG_APP`, else found from the git remotes]
    #[arg(short, long, value_name = "APP")]
    pub app: Option<String>,
    /// Name of the clone's git remote
    #[arg(short, long, value_name = "REMOTE", default_value = git::REMOTE,
          value_parser = parse_remote_name)]
    pub remote: String,
}

pub(super) fn clone(args: CloneArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let (name, dir) = match (args.app, args.target, args.dir) {
        (Some(_), Some(_), Some(_)) => {
            return Err(CliError::usage(
                "too many arguments: with `--app`, give only the directory",
                "run `tug git:clone -a APP [DIR]` or `tug git:clone APP [DIR]`",
            )
            .into());
        }
        (Some(app), target, dir) => (app, dir.or(target.map(PathBuf::from))),
        (None, Some(app), dir) => (app, dir),
        (None, None, _) => match ctx.env.app.clone() {
            Some(app) => (app, None),
            None => (ctx.app(&AppArg::default())?, None),
        },
    };
    let client = ctx.client()?;
    let app = ctx.block_on(client.app(name.trim()))?;
    let api = ctx.api_url()?;
    let url = api.git_url(&app.name);
    let dir = dir.unwrap_or_else(|| PathBuf::from(&app.name));
    let key = git::helper_key(&api.origin());
    let helper = helper_command()?;
    // The helper goes on the command line for the clone's own fetch, then into its config.
    let status = Command::new("git")
        .arg("-c")
        .arg(format!("{key}="))
        .arg("-c")
        .arg(format!("{key}={helper}"))
        .args(["clone", "--origin", &args.remote, "--", &url])
        .arg(&dir)
        .stdin(Stdio::inherit())
        .stdout(std::io::stderr())
        .status()
        .map_err(|e| {
            CliError::failed(
                format!("could not run `git`: {e}"),
                "install git, and make sure it is on your `PATH`",
            )
        })?;
    if !status.success() {
        return Err(CliError::failed(
            format!("`git clone` of {} did not succeed ({status})", app.name),
            format!(
                "see git's message above; to clone somewhere else: `tug git:clone -a {} DIR`",
                app.name
            ),
        )
        .into());
    }
    let repo = Repository::open(&dir)
        .with_context(|| format!("could not open the clone in `{}`", dir.display()))?;
    configure_helper(ctx, &repo)?;
    Ok(())
}
