//! `tug addons:create`: provision an add-on for the app; its URL becomes a config var in a
//! new release.

use clap::Args as ClapArgs;

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct CreateArgs {
    /// The service and plan: `heroku-postgresql`, `heroku-postgresql:standard-0`, `redis:mini`
    #[arg(value_name = "SERVICE[:PLAN]")]
    pub plan: String,
    /// The attachment's name: `--as REPORTING_DB` sets `REPORTING_DB_URL`
    #[arg(long = "as", value_name = "NAME")]
    pub attachment: Option<String>,
    /// The add-on's name [default: generated, like `postgresql-curved-12345`]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn create(args: &CreateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let progress = out.progress(format!(
        "Creating {} on {}",
        args.plan.trim(),
        out.app_name(&app)
    ));
    let addon = ctx.block_on(client.create_addon(
        &app,
        args.plan.trim(),
        args.name.as_deref(),
        args.attachment.as_deref(),
    ))?;
    progress.done();
    if out.is_json() {
        return out.json(&addon);
    }
    out.status(&format!(
        "Created {} ({}); {} set, dynos restarted with it",
        out.name(&addon.name),
        addon.plan.name,
        super::vars(&addon)
    ));
    out.line(&addon.name)?;
    Ok(())
}
