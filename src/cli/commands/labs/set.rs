//! `tug labs:enable` and `labs:disable`: turn one of the app's features on or off.

use super::FeatureArgs;
use crate::api::FeatureUpdate;
use crate::cli::ctx::Ctx;

pub(super) fn set(args: &FeatureArgs, enabled: bool, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let name = ctx.app(&args.flags.app)?;
    let client = ctx.client()?;
    let verb = if enabled { "Enabling" } else { "Disabling" };
    let progress = out.progress(format!(
        "{verb} {} for {}",
        out.name(&args.feature),
        out.app_name(&name)
    ));
    let feature =
        ctx.block_on(client.update_app_feature(&name, &args.feature, &FeatureUpdate { enabled }))?;
    progress.done();
    for warning in client.take_warnings() {
        out.warn(&warning);
    }
    if out.is_json() {
        out.json(&feature)?;
    } else {
        out.status(&format!(
            "{} applies to dynos started from now on; `tug ps:restart -a {name}` restarts them",
            feature.name
        ));
    }
    Ok(())
}
