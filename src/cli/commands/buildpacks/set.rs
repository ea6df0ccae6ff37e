//! `tug buildpacks:set`: set a buildpack, replacing the one at an index.

use clap::Args as ClapArgs;

use super::edit::{already_set, change, installation, is, parse_index};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct SetArgs {
    /// A built-in (`python`, `node`, `procfile`, `null`, `heroku/python`…), a git or tarball
    /// URL with an optional `#ref`, or an absolute path on the server
    #[arg(value_name = "BUILDPACK")]
    pub buildpack: String,
    /// The position in the list, starting at 1
    #[arg(short, long, value_name = "N", value_parser = parse_index)]
    pub index: Option<usize>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn set(args: &SetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    change(ctx, &args.flags.app, "set", |list, app| {
        if list.iter().any(|b| is(b, &args.buildpack)) {
            return Err(already_set(&args.buildpack, app));
        }
        let at = args.index.unwrap_or(1) - 1;
        let new = installation(&args.buildpack);
        if at < list.len() {
            list[at] = new;
        } else {
            list.push(new);
        }
        Ok(())
    })
}
