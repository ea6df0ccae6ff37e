//! `tug config:unset`: remove config vars; the change is a new release.

use clap::Args as ClapArgs;

use super::vars::{outcome, parse_key};
use crate::api::ConfigVarsUpdate;
use crate::cli::args::AppJsonArgs;
use crate::cli::commands::join_keys;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct UnsetArgs {
    /// The config vars to remove
    #[arg(value_name = "KEY", required = true, value_parser = parse_key)]
    pub keys: Vec<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn unset(args: &UnsetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let mut keys: Vec<&str> = Vec::new();
    for key in &args.keys {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    let body: ConfigVarsUpdate = keys.iter().map(|k| ((*k).to_string(), None)).collect();
    let progress = out.progress(format!(
        "Unsetting {} and restarting {}",
        join_keys(&keys),
        out.app_name(&app)
    ));
    let vars = ctx.block_on(client.update_config_vars(&app, &body))?;
    progress.finish(&outcome(ctx, &app));
    if ctx.out.is_json() {
        out.json(&vars)?;
    }
    Ok(())
}
