//! `tug git:remote`, `tug git:clone`, and `tug git:credentials`: the credential helper git runs
//! for the platform's URL, so that `git push tug main` authenticates with the token `tug` uses.
//!
//! The helper is configured in the repository's own `.git/config`, for the platform's origin
//! only: an empty value first (it resets helpers inherited from the global config), then
//! `!'/path/to/tug' git:credentials`. No token is ever written to a URL or a config file.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::Context as _;
use clap::{Args as ClapArgs, Subcommand};
use git2::Repository;

use crate::cli::args::AppArg;
use crate::cli::config::ApiUrl;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git::{self, CredentialRequest};

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    pub command: GitCommand,
}

#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it
    Remote(RemoteArgs),
    /// Clone an app's repository, ready to push back to it
    Clone(CloneArgs),
    /// The credential helper git runs for the platform: answers `get` with the token
    #[command(hide = true)]
    Credentials(CredentialsArgs),
}

#[derive(Debug, ClapArgs)]
pub struct RemoteArgs {
    /// The app (same as --app)
    #[arg(value_name = "APP")]
    pub target: Option<String>,
    /// The app [default: found from the git remotes]
    #[arg(
        short,
        long,
        env = "TUG_APP",
        value_name = "APP",
        hide_env_values = true
    )]
    pub app: Option<String>,
    /// Name of the git remote to add or update
    #[arg(short, long, value_name = "REMOTE", default_value = git::REMOTE,
          value_parser = parse_remote_name)]
    pub remote: String,
}

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

#[derive(Debug, ClapArgs)]
pub struct CredentialsArgs {
    /// What git asks for: `get` is answered; `store`, `erase` and others change nothing
    #[arg(value_name = "OPERATION")]
    pub operation: String,
}

pub fn parse_remote_name(name: &str) -> Result<String, String> {
    if git2::Remote::is_valid_name(name) {
        Ok(name.to_string())
    } else {
        Err(format!("`{name}` is not a valid git remote name"))
    }
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        GitCommand::Remote(args) => remote(args, ctx),
        GitCommand::Clone(args) => clone(args, ctx),
        GitCommand::Credentials(args) => credentials(&args, ctx),
    }
}

/// `!'/path/to/tug' git:credentials`, for the tug that is running now.
fn helper_command() -> anyhow::Result<String> {
    let exe = std::env::current_exe().context("could not tell where the running tug is")?;
    Ok(git::helper_command(&exe))
}

/// Configures the credential helper for the platform in `repo`; true if anything changed.
pub fn configure_helper(ctx: &Ctx, repo: &Repository) -> anyhow::Result<bool> {
    let origin = ctx.api_url()?.origin();
    git::configure_credential_helper(repo, &origin, &helper_command()?)
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

fn remote(args: RemoteArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let repo = git::open().ok_or_else(not_in_a_repository)?;
    let name = match args.target.or(args.app) {
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

fn clone(args: CloneArgs, ctx: &Ctx) -> anyhow::Result<()> {
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

/// git's credential helper protocol: reads the request on stdin; for `get` on this platform's
/// origin, prints the token as the password. Never prompts; prints nothing for other sites.
fn credentials(args: &CredentialsArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let mut input = String::new();
    std::io::stdin()
        .take(git::CREDENTIAL_INPUT_LIMIT)
        .read_to_string(&mut input)
        .context("could not read git's credential request")?;
    let request = CredentialRequest::parse(&input).map_err(|e| {
        CliError::failed(
            format!("git's credential request is not readable: {e}"),
            "this command is run by git; see `git help credential`",
        )
    })?;
    let Some((protocol, host)) = request.site() else {
        return Ok(());
    };
    let api = ctx.api_url()?;
    let ours = api.serves(protocol, host);
    match args.operation.as_str() {
        "get" => {}
        "erase" if ours => {
            // git erases the credentials it was given after the server refused them.
            let source = if ctx.env.api_key.is_some() {
                "the token in `TUG_API_KEY`"
            } else {
                "the stored token"
            };
            out.warn(&format!(
                "{api} refused {source}; run `tug login`, or check `TUG_API_KEY`"
            ));
            return Ok(());
        }
        _ => return Ok(()),
    }
    let token = if ours {
        let token = ctx.token()?;
        if token.is_none() {
            out.warn(&format!(
                "not logged in to {api}; run `tug login`, or set `TUG_API_KEY`"
            ));
        }
        token
    } else {
        // Another platform `tug login` stored a token for (a remote made with another
        // `TUG_API_URL`). `TUG_API_KEY` belongs to the current platform and never goes there.
        match ApiUrl::parse(&format!("{protocol}://{host}")) {
            Ok(other) if other.serves(protocol, host) => ctx.stored_token_for(&other)?,
            _ => None,
        }
    };
    let Some((token, _)) = token else {
        return Ok(());
    };
    let reply = git::credential_reply(protocol, host, &token).map_err(|e| {
        CliError::failed(
            format!("cannot hand the token to git: {e}"),
            "check the token: `tug auth:token`",
        )
    })?;
    Ok(out.raw(reply.as_bytes())?)
}
