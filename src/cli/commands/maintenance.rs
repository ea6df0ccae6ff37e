//! `tug maintenance`: show it, or turn it on and off.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::AppUpdate;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<MaintenanceCommand>,
    #[command(flatten)]
    pub show: AppJsonArgs,
}

#[derive(Debug, Subcommand)]
pub enum MaintenanceCommand {
    /// Turn maintenance mode on
    On(AppJsonArgs),
    /// Turn maintenance mode off
    Off(AppJsonArgs),
}

#[derive(Debug, ClapArgs)]
pub struct AppJsonArgs {
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => show(&args.show, ctx),
        Some(MaintenanceCommand::On(args)) => set(&args, true, ctx),
        Some(MaintenanceCommand::Off(args)) => set(&args, false, ctx),
    }
}

fn show(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let app = ctx.block_on(client.app(&app))?;
    if args.json.json {
        return out.json(&app);
    }
    Ok(out.line(if app.maintenance { "on" } else { "off" })?)
}

fn set(args: &AppJsonArgs, on: bool, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let name = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let verb = if on { "Enabling" } else { "Disabling" };
    let progress = out.progress(format!(
        "{verb} maintenance mode for {}",
        out.app_name(&name)
    ));
    let body = AppUpdate {
        maintenance: Some(on),
        ..AppUpdate::default()
    };
    let app = ctx.block_on(client.update_app(&name, &body))?;
    progress.done();
    if args.json.json {
        out.json(&app)?;
    }
    Ok(())
}
