//! `tug authorizations`: the account's API tokens, and `authorizations:rotate` to give one a
//! new secret (the official CLI's names).

use clap::{Args as ClapArgs, Subcommand};

use crate::api::{OAuthAuthorization, paths};
use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;
use crate::cli::out::{Table, Value};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<AuthorizationsCommand>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Subcommand)]
pub enum AuthorizationsCommand {
    /// Give a token a new secret and print it; the old one stops working at once
    Rotate(RotateArgs),
}

#[derive(Debug, ClapArgs)]
pub struct RotateArgs {
    /// The authorization's id, as `tug authorizations` lists it
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(ctx),
        Some(AuthorizationsCommand::Rotate(args)) => rotate(&args, ctx),
    }
}

fn list(ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let items: Vec<OAuthAuthorization> =
        ctx.block_on(client.list(&paths::oauth_authorizations(), None, true))?;
    if out.is_json() {
        return out.json(&items);
    }
    let mut table = Table::new(vec!["Id", "Description", "Token"]);
    for a in &items {
        let token = a.access_token.as_ref().map(|t| t.token.clone());
        table.row(vec![
            Value::from(a.id.to_string()),
            Value::from(a.description.clone()),
            Value::from(token.unwrap_or_default()),
        ]);
    }
    Ok(out.table(&table)?)
}

fn rotate(args: &RotateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let id = args.id.trim();
    // Whether this is the token tug itself is using: after the rotation it is refused.
    let current: Option<OAuthAuthorization> = ctx
        .block_on(client.get(&paths::oauth_authorization("~")))
        .ok();
    let progress = out.progress(format!("Rotating authorization {}", out.name(id)));
    let rotated = ctx.block_on(client.rotate_authorization(id))?;
    progress.done();
    if out.is_json() {
        return out.json(&rotated);
    }
    let token = rotated.access_token.map(|t| t.token).unwrap_or_default();
    out.line(&token)?;
    if current.is_some_and(|c| c.id == rotated.id) {
        out.warn("that was the token tug is using; it no longer works");
        out.hint("store the new one: `tug login --with-token` and paste it");
    }
    Ok(())
}
