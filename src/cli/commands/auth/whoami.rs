//! `tug whoami` / `auth:whoami`: the email of the account in use.

use clap::Args as ClapArgs;

use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct WhoamiArgs {
    #[command(flatten)]
    pub json: JsonArg,
}

/// `--json` is the only flag, and the dispatcher has already read it.
pub fn whoami(ctx: &Ctx) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let account = ctx.block_on(client.account())?;
    if ctx.out.is_json() {
        ctx.out.json(&account)
    } else {
        Ok(ctx.out.line(&account.email)?)
    }
}
