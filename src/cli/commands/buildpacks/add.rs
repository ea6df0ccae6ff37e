//! `tug buildpacks:add`: add a buildpack, at an index or last.

use super::edit::{already_set, change, installation, is};
use super::set::SetArgs;
use crate::cli::ctx::Ctx;

pub(super) fn add(args: &SetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    change(ctx, &args.flags.app, "added", |list, app| {
        if list.iter().any(|b| is(b, &args.buildpack)) {
            return Err(already_set(&args.buildpack, app));
        }
        let at = args.index.map_or(list.len(), |i| (i - 1).min(list.len()));
        list.insert(at, installation(&args.buildpack));
        Ok(())
    })
}
