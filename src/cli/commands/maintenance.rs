//! `tug maintenance`: show it, or turn it on and off.

use crate::cli::args::AppJsonArgs;
use clap::{Args as ClapArgs, Subcommand};

use crate::api::AppUpdate;
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

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => show(&args.show, ctx),
        Some(MaintenanceCommand::On(args)) => set(&args, true, ctx),
        Some(MaintenanceCommand::Off(args)) => set(&args, false, ctx),
    }
}

fn show(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    let app = ctx.block_on(client.app(&app))?;
    if ctx.out.is_json() {
        return out.json(&app);
    }
    Ok(out.line(if app.maintenance { "on" } else { "off" })?)
}

fn set(args: &AppJsonArgs, on: bool, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
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
    if ctx.out.is_json() {
        out.json(&app)?;
    }
    Ok(())
}
