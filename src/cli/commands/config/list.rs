//! `tug config`: the app's config vars.

use clap::Args as ClapArgs;

use super::vars::{print_shell, print_vars};
use crate::cli::args::ShellArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub flags: ShellArgs,
}

pub(super) fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let vars = ctx.block_on(client.config_vars(&app))?;
    if ctx.out.is_json() {
        return out.json(&vars);
    }
    if args.flags.shell {
        return Ok(print_shell(out, &vars)?);
    }
    if vars.is_empty() {
        out.status(&format!("{app} has no config vars."));
        out.hint(&format!("set one with `tug config:set KEY=VALUE -a {app}`"));
        return Ok(());
    }
    out.header(&format!("{app} Config Vars"))?;
    Ok(print_vars(out, &vars)?)
}
