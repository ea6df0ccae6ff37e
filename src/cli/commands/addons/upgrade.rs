//! `tug addons:upgrade` and `tug addons:downgrade`: move an add-on to another plan of its
//! service. The provider applies the new limits live (connections, storage quota, Redis
//! `maxmemory`); the URL and the data stay.

use clap::Args as ClapArgs;

use crate::api::AddOn;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::client::{Client, ClientError};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct UpgradeArgs {
    /// The add-on's name or id, or its attachment on the app (`DATABASE`)
    #[arg(value_name = "ADDON")]
    pub addon: String,
    /// The plan: `essential-1`, or in full `heroku-postgresql:essential-1`
    #[arg(value_name = "PLAN")]
    pub plan: String,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

/// The add-on named by its name or id, else by an attachment of the app.
pub(super) fn find(ctx: &Ctx, client: &Client, ident: &str, app: &AppArg) -> anyhow::Result<AddOn> {
    let ident = ident.trim();
    let not_found = match ctx.block_on(client.addon(ident)) {
        Ok(addon) => return Ok(addon),
        Err(e)
            if e.downcast_ref::<ClientError>()
                .is_some_and(ClientError::is_not_found) =>
        {
            e
        }
        Err(e) => return Err(e),
    };
    // Not an add-on's name: an attachment of the app, when there is one.
    let Ok(app) = ctx.app(app) else {
        return Err(not_found);
    };
    let name = ident.to_ascii_uppercase();
    let name = name.strip_suffix("_URL").unwrap_or(&name);
    let attachment = ctx.block_on(client.app_attachment(&app, name))?;
    ctx.block_on(client.addon(&attachment.addon.id.to_string()))
}

pub(super) fn upgrade(args: &UpgradeArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let addon = find(ctx, client, &args.addon, &args.app)?;
    let plan = args.plan.trim();
    let progress = out.progress(format!(
        "Changing {} on {} from {} to {plan}",
        addon.name,
        out.app_name(&addon.app.name),
        addon.plan.name
    ));
    let changed =
        ctx.block_on(client.change_addon_plan(&addon.app.name, &addon.id.to_string(), plan))?;
    progress.done();
    if out.is_json() {
        return out.json(&changed);
    }
    out.status(&format!("{} is now on {}", changed.name, changed.plan.name));
    Ok(())
}
