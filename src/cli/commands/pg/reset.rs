//! `tug pg:reset`: empty the app's database; its credentials and config vars stay.

use clap::Args as ClapArgs;

use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct ResetArgs {
    /// The attachment (`DATABASE`, `REPORTING_DB`) [default: DATABASE]
    #[arg(value_name = "DATABASE")]
    pub database: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
    /// The app's name again, to confirm without a prompt
    #[arg(short, long, value_name = "APP")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn reset(args: &ResetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.app)?;
    out.confirm_app(
        &app,
        args.confirm.as_deref(),
        "this deletes everything in the database",
        "nothing was reset",
        format!("refusing to reset {app}'s database without confirmation"),
    )?;
    let (_, addon) = super::database(ctx, client, &app, args.database.as_deref())?;
    let progress = out.progress(format!("Resetting {}", addon.name));
    let reset = ctx.block_on(client.reset_addon(&app, &addon.id.to_string()))?;
    progress.done();
    if out.is_json() {
        out.json(&reset)?;
    }
    Ok(())
}
