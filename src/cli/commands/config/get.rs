//! `tug config:get`: one config var's value.

use clap::Args as ClapArgs;

use super::vars::parse_key;
use crate::api::ConfigVars;
use crate::cli::args::ShellArgs;
use crate::cli::commands::shell_quote;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct GetArgs {
    /// The config vars to print
    #[arg(value_name = "KEY", required = true, value_parser = parse_key)]
    pub keys: Vec<String>,
    #[command(flatten)]
    pub flags: ShellArgs,
}

pub(super) fn get(args: &GetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let vars = ctx.block_on(client.config_vars(&app))?;
    let missing: Vec<&String> = args
        .keys
        .iter()
        .filter(|k| !vars.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        let (noun, names) = if missing.len() == 1 {
            ("config var", format!("`{}` is", missing[0]))
        } else {
            let list: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
            ("config vars", format!("{} are", list.join(", ")))
        };
        return Err(CliError::failed(
            format!("{noun} {names} not set on {app}"),
            format!("`tug config -a {app}` lists the app's config vars"),
        )
        .into());
    }
    let wanted: ConfigVars = args
        .keys
        .iter()
        .filter_map(|k| vars.get_key_value(k).map(|(k, v)| (k.clone(), v.clone())))
        .collect();
    if ctx.out.is_json() {
        return out.json(&wanted);
    }
    for key in &args.keys {
        let value = &vars[key];
        if args.flags.shell {
            out.line(&format!("{key}={}", shell_quote(value)))?;
        } else {
            out.line(value)?;
        }
    }
    Ok(())
}
