//! `tug git:remote`: point a git remote of this repository at the app.

use clap::Args as ClapArgs;

use super::credentials::configure_helper;
use crate::cli::args::{AppArg, AppNameArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git::{self};

#[derive(Debug, ClapArgs)]
#[command(mut_arg("app", |a| a.help("The app [default: found from the git remotes]")))]
pub struct RemoteArgs {
    /// The app (same as --app)
    #[arg(value_name = "APP")]
    pub target: Option<String>,
    #[command(flatten)]
    pub app: AppNameArg,
    /// Name of the git remote to add or update
    #[arg(short, long, value_name = "REMOTE", default_value = git::REMOTE,
          value_parser = parse_remote_name)]
    pub remote: String,
}

pub fn parse_remote_name(name: &str) -> Result<String, String> {
    if git2::Remote::is_valid_name(name) {
        Ok(name.to_string())
    } else {
        Err(format!("`{name}` is not a valid git remote name"))
    }
}

/// After `tug create`: adds the remote `name` for the new app in the repository around the
/// current directory, if there is one, with the credential helper. A remote of that name that
/// points elsewhere is left alone, with a warning. Problems are warnings: the app exists
/// either way.
pub fn add_remote_after_create(ctx: &Ctx, name: &str, app: &str, url: &str) {
    let out = &ctx.out;
    let Some(repo) = git::open() else {
        return;
    };
    match git::remotes(&repo).iter().find(|r| r.name == name) {
        Some(existing) if existing.url == url => {}
        Some(existing) => {
            let flag = if name == git::REMOTE {
                String::new()
            } else {
                format!(" -r {name}")
            };
            out.warn(&format!(
                "git remote `{name}` already points at {}; left it as it is (to point it at {app}: `tug git:remote -a {app}{flag}`)",
                existing.url
            ));
            return;
        }
        None => match git::add_remote(&repo, name, url) {
            Ok(()) => out.status(&format!("Git remote {name} added")),
            Err(e) => {
                out.warn(&format!("{e:#}"));
                return;
            }
        },
    }
    if let Err(e) = configure_helper(ctx, &repo) {
        out.warn(&format!(
            "{e:#}; `git push` will ask for a password (run `tug git:remote -a {app}` to retry)"
        ));
    }
}

fn not_in_a_repository() -> CliError {
    CliError::failed(
        "this directory is not in a git repository",
        "run `git init` first, or clone the app with `tug git:clone -a APP`",
    )
}

pub(super) fn remote(args: RemoteArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let repo = git::open().ok_or_else(not_in_a_repository)?;
    let name = match args.target.or(args.app.app) {
        Some(app) if !app.trim().is_empty() => app.trim().to_string(),
        _ => ctx.app(&AppArg::default())?,
    };
    let client = ctx.client()?;
    let app = ctx.block_on(client.app(&name))?;
    let url = ctx.api_url()?.git_url(&app.name);
    match git::remotes(&repo).iter().find(|r| r.name == args.remote) {
        Some(existing) if existing.url == url => {}
        Some(_) => git::set_remote_url(&repo, &args.remote, &url)?,
        None => git::add_remote(&repo, &args.remote, &url)?,
    }
    configure_helper(ctx, &repo)?;
    out.status(&format!("set git remote {} to {url}", args.remote));
    Ok(())
}
