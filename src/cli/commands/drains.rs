//! `tug drains`: where an app's log is also sent — syslog over TCP or Logplex HTTP(S) batches.

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<DrainsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum DrainsCommand {
    /// List the app's log drains (the default)
    List(ListArgs),
    /// Send the app's log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…
    Add(AddArgs),
    /// Stop sending the app's log to a drain, named by its URL, token or id
    Remove(RemoveArgs),
}

#[derive(Debug, Default, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// Where to send the log: syslog+tcp://host:port, syslog://host:port, http://… or https://…
    #[arg(value_name = "URL")]
    pub url: String,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct RemoveArgs {
    /// The drain's URL, token (`d.…`) or id
    #[arg(value_name = "URL|TOKEN|ID")]
    pub drain: String,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(DrainsCommand::List(args)) => list(&args, ctx),
        Some(DrainsCommand::Add(args)) => add(&args, ctx),
        Some(DrainsCommand::Remove(args)) => remove(&args, ctx),
    }
}

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let drains = ctx.block_on(client.drains(&app))?;
    if args.json.json {
        return out.json(&drains);
    }
    if drains.is_empty() {
        out.status(&format!("{app} has no drains."));
        out.hint(&format!("add one with `tug drains:add URL -a {app}`"));
        return Ok(());
    }
    let mut table = Table::new(vec!["url", "token"]);
    for d in &drains {
        table.row(vec![d.url.clone().into(), d.token.clone().into()]);
    }
    Ok(out.table(&table)?)
}

fn add(args: &AddArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let drain = ctx.block_on(client.add_drain(&app, &args.url))?;
    if args.json.json {
        return out.json(&drain);
    }
    out.status(&format!("Successfully added drain {}", drain.url));
    Ok(())
}

fn remove(args: &RemoveArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let drain = ctx.block_on(client.remove_drain(&app, &args.drain))?;
    if args.json.json {
        return out.json(&drain);
    }
    out.status(&format!("Successfully removed drain {}", drain.url));
    Ok(())
}
