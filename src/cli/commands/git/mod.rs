//! `tug git:remote`, `tug git:clone`, and `tug git:credentials`: the credential helper git runs
//! for the platform's URL, so that `git push tug main` authenticates with the token `tug` uses.
//!
//! The helper is configured in the repository's own `.git/config`, for the platform's origin
//! only: an empty value first (it resets helpers inherited from the global config), then
//! `!'/path/to/tug' git:credentials`. No token is ever written to a URL or a config file.

mod clone;
mod credentials;
mod remote;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;
use clone::clone;
use credentials::credentials;
use remote::remote;

pub use clone::CloneArgs;
pub use credentials::{CredentialsArgs, configure_helper};
pub use remote::{RemoteArgs, add_remote_after_create, parse_remote_name};

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

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        GitCommand::Remote(args) => remote(args, ctx),
        GitCommand::Clone(args) => clone(args, ctx),
        GitCommand::Credentials(args) => credentials(&args, ctx),
    }
}
