//! `tug git:credentials`: the git credential helper that hands git the token.

use std::io::Read as _;

use anyhow::Context as _;
use clap::Args as ClapArgs;
use git2::Repository;

use crate::cli::config::ApiUrl;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git::{self, CredentialRequest};

#[derive(Debug, ClapArgs)]
pub struct CredentialsArgs {
    /// What git asks for: `get` is answered; `store`, `erase` and others change nothing
    #[arg(value_name = "OPERATION")]
    pub operation: String,
}

/// `!'/path/to/tug' git:credentials`, for the tug that is running now.
pub(super) fn helper_command() -> anyhow::Result<String> {
    let exe = std::env::current_exe().context("could not tell where the running tug is")?;
    Ok(git::helper_command(&exe))
}

/// Configures the credential helper for the platform in `repo`; true if anything changed.
pub fn configure_helper(ctx: &Ctx, repo: &Repository) -> anyhow::Result<bool> {
    let origin = ctx.api_url()?.origin();
    git::configure_credential_helper(repo, &origin, &helper_command()?)
}

/// git's credential helper protocol: reads the request on stdin; for `get` on this platform's
/// origin, prints the token as the password. Never prompts; prints nothing for other sites.
pub(super) fn credentials(args: &CredentialsArgs, ctx: &Ctx) -> anyhow::Result<()> {
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
