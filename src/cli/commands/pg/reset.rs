//! `tug pg:reset`: empty the app's database; its credentials and config vars stay.

use clap::Args as ClapArgs;

use crate::cli::args::{Confirmation, ConfirmedAppArgs};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct ResetArgs {
    /// The attachment (`DATABASE`, `REPORTING_DB`) [default: DATABASE]
    #[arg(value_name = "DATABASE")]
    pub database: Option<String>,
    #[command(flatten)]
    pub target: ConfirmedAppArgs,
}

pub(super) fn reset(args: &ResetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let (app, client) = ctx.confirmed_app(&args.target, |app| Confirmation {
        warning: "this deletes everything in the database".into(),
        nothing_done: "nothing was reset",
        refusing: format!("refusing to reset {app}'s database without confirmation"),
    })?;
    let out = &ctx.out;
    let (_, addon) = super::database(ctx, client, &app, args.database.as_deref())?;
    let progress = out.progress(format!("Resetting {}", addon.name));
    let reset = ctx.block_on(client.reset_addon(&app, &addon.id.to_string()))?;
    progress.done();
    if out.is_json() {
        out.json(&reset)?;
    }
    Ok(())
}
