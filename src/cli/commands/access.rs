//! `tug access`: who can use an app. The owner is listed too, with the role `owner`.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::{CollaboratorCreate, names};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<AccessCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// List the app's owner and collaborators (the default)
    List(ListArgs),
    /// Give an account access to the app
    Add(ChangeArgs),
    /// Take an account's access away
    Remove(ChangeArgs),
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct ChangeArgs {
    /// The account's email address
    #[arg(value_name = "EMAIL", value_parser = parse_email)]
    pub email: String,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn parse_email(email: &str) -> Result<String, String> {
    names::check_email(email).map(|()| email.to_string())
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(AccessCommand::List(args)) => list(&args, ctx),
        Some(AccessCommand::Add(args)) => add(&args, ctx),
        Some(AccessCommand::Remove(args)) => remove(&args, ctx),
    }
}

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let mut collaborators = ctx.block_on(client.collaborators(&app))?;
    collaborators.sort_by(|a, b| {
        let owner = |c: &crate::api::Collaborator| c.role.as_deref() != Some("owner");
        (owner(a), &a.user.email).cmp(&(owner(b), &b.user.email))
    });
    if args.json.json {
        return out.json(&collaborators);
    }
    if collaborators.is_empty() {
        out.status(&format!("{app} has no collaborators."));
        out.hint(&format!("add one with `tug access:add EMAIL -a {app}`"));
        return Ok(());
    }
    let mut table = Table::new(vec!["email", "role"]);
    for c in &collaborators {
        table.row(vec![
            c.user.email.clone().into(),
            c.role
                .clone()
                .unwrap_or_else(|| "collaborator".to_string())
                .into(),
        ]);
    }
    Ok(out.table(&table)?)
}

fn add(args: &ChangeArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!(
        "Adding {} access to {}",
        out.name(&args.email),
        out.app_name(&app)
    ));
    let body = CollaboratorCreate {
        user: args.email.clone(),
        silent: None,
    };
    let collaborator = ctx.block_on(client.add_collaborator(&app, &body))?;
    progress.done();
    if args.json.json {
        out.json(&collaborator)?;
    }
    Ok(())
}

fn remove(args: &ChangeArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!(
        "Removing {} access from {}",
        out.name(&args.email),
        out.app_name(&app)
    ));
    let collaborator = ctx.block_on(client.remove_collaborator(&app, &args.email))?;
    progress.done();
    if args.json.json {
        out.json(&collaborator)?;
    }
    Ok(())
}
