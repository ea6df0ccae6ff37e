//! `tug labs:info FEATURE`: one of the app's features.

use super::FeatureArgs;
use crate::api::{Feature, paths};
use crate::cli::ctx::Ctx;
use crate::cli::out::Value;

pub(super) fn info(args: &FeatureArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let name = ctx.app(&args.flags.app)?;
    let client = ctx.client()?;
    let feature: Feature = ctx.block_on(client.get(&paths::app_feature(&name, &args.feature)))?;
    if out.is_json() {
        return out.json(&feature);
    }
    out.header(&feature.name)?;
    Ok(out.object(&[
        ("Description", feature.description.clone().into()),
        (
            "Enabled",
            Value::from(if feature.enabled { "yes" } else { "no" }),
        ),
        ("State", feature.state.clone().into()),
        ("Docs", feature.doc_url.clone().into()),
    ])?)
}
