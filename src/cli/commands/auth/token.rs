//! `tug auth:token`: print the token in use.

use clap::Args as ClapArgs;

use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct TokenArgs {}

pub(super) fn token(ctx: &Ctx) -> anyhow::Result<()> {
    match ctx.token()? {
        Some((token, _)) => Ok(ctx.out.line(&token)?),
        None => Err(CliError::NotLoggedIn {
            api_url: ctx.api_url()?.to_string(),
        }
        .into()),
    }
}
