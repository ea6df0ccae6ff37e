//! `tug login`, `tug logout`, `tug whoami`, `tug auth token`.

mod login;
mod logout;
mod token;
mod whoami;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::ctx::Ctx;
use token::token;

pub use login::{LoginArgs, login, store_token};
pub use logout::{LogoutArgs, logout};
pub use token::TokenArgs;
pub use whoami::{WhoamiArgs, whoami};

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    pub command: AuthCommand,
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Log in to a tug platform and store the token
    ///
    /// On a terminal it asks for an email and password. Elsewhere, pipe a token into
    /// `tug login --with-token`, or a password into `tug login --email EMAIL --password-stdin`.
    /// The token goes to the OS keyring, or to a file of mode 0600 where there is none.
    Login(LoginArgs),
    /// Forget the stored token (and revoke it when `tug login` created it)
    Logout(LogoutArgs),
    /// Show the email of the account in use
    Whoami(WhoamiArgs),
    /// Print the token in use
    Token(TokenArgs),
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        AuthCommand::Login(args) => login(args, ctx),
        AuthCommand::Logout(args) => logout(args, ctx),
        AuthCommand::Whoami(_) => whoami(ctx),
        AuthCommand::Token(_) => token(ctx),
    }
}
