//! `tug buildpacks:clear`: clear the list; builds detect the buildpack again.

use super::edit::change;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

pub(super) fn clear(args: &AppJsonArgs, ctx: &Ctx) -> anyhow::Result<()> {
    change(ctx, &args.app, "cleared", |list, _| {
        list.clear();
        Ok(())
    })
}
