//! `tug config:set`: set config vars; the change is a new release.

use clap::Args as ClapArgs;

use super::vars::{outcome, parse_pair, print_vars};
use crate::api::ConfigVarsUpdate;
use crate::cli::args::AppJsonArgs;
use crate::cli::commands::join_keys;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct SetArgs {
    /// The config vars to set, like `FOO=bar` or `'MSG=hello world'`
    #[arg(value_name = "KEY=VALUE", required = true, value_parser = parse_pair)]
    pub pairs: Vec<(String, String)>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn set(args: &SetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let mut keys: Vec<&str> = Vec::new();
    let mut body = ConfigVarsUpdate::new();
    for (key, value) in &args.pairs {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
        body.insert(key.clone(), Some(value.clone()));
    }
    let progress = out.progress(format!(
        "Setting {} and restarting {}",
        join_keys(&keys),
        out.app_name(&app)
    ));
    let vars = ctx.block_on(client.update_config_vars(&app, &body))?;
    progress.finish(&outcome(ctx, &app));
    if ctx.out.is_json() {
        return out.json(&vars);
    }
    let set: Vec<(&String, &String)> = body
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
        .collect();
    Ok(print_vars(out, set)?)
}
