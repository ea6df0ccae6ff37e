//! `tug apps:stacks` and `apps:stacks:set`: the stacks an app can run on, and choosing one.
//! tug has one stack; Heroku's names (`heroku-24`, `cedar`) are taken as aliases of it, and
//! the platform's warning says so.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::{AppUpdate, Stack, paths};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::{Table, Value};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StacksArgs {
    #[command(subcommand)]
    pub command: Option<StacksCommand>,
    #[command(flatten)]
    pub list: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum StacksCommand {
    /// Set the stack the app's next build uses
    Set(SetArgs),
}

#[derive(Debug, ClapArgs)]
pub struct SetArgs {
    /// A stack from `tug apps:stacks`, or one of Heroku's names (`heroku-24`) for the default
    #[arg(value_name = "STACK")]
    pub stack: String,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn run(args: StacksArgs, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(StacksCommand::Set(args)) => set(&args, ctx),
    }
}

fn list(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let name = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let app = ctx.block_on(client.app(&name))?;
    let stacks: Vec<Stack> =
        ctx.block_on(client.list(&paths::app_available_stacks(&name), None, true))?;
    if out.is_json() {
        return out.json(&stacks);
    }
    let mut table = Table::new(vec!["", "Stack", "Default"]);
    for stack in &stacks {
        let current = if stack.id == app.stack.id { "*" } else { "" };
        let default = if stack.default { "yes" } else { "" };
        table.row(vec![
            Value::from(current),
            Value::from(stack.name.clone()),
            Value::from(default),
        ]);
    }
    Ok(out.table(&table)?)
}

fn set(args: &SetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let name = ctx.app(&args.flags.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!(
        "Setting the stack of {} to {}",
        out.app_name(&name),
        out.name(&args.stack)
    ));
    let body = AppUpdate {
        build_stack: Some(args.stack.clone()),
        ..AppUpdate::default()
    };
    let app = ctx.block_on(client.update_app(&name, &body))?;
    progress.done();
    for warning in client.take_warnings() {
        out.warn(&warning);
    }
    if out.is_json() {
        return out.json(&app);
    }
    Ok(out.line(&format!(
        "{} builds on the `{}` stack",
        app.name, app.build_stack.name
    ))?)
}
