//! `tug reviewapps:enable` and `reviewapps:disable`: whether a pipeline makes review apps,
//! whether a push of a new branch makes one by itself (`--autodeploy`), how long one lives
//! without a push (`--autodestroy 5d`), and the config vars each starts with (`--env`).

use std::collections::BTreeMap;

use clap::Args as ClapArgs;

use super::PipelineArgs;
use crate::api::{ReviewAppConfigUpdate, parse_days};
use crate::cli::commands::config::parse_pair;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct EnableArgs {
    #[command(flatten)]
    pub flags: PipelineArgs,
    /// Make a review app when a new branch is pushed (else only `reviewapps:create` does)
    #[arg(long)]
    pub autodeploy: bool,
    /// Destroy a review app after this long without a push (`5d`)
    #[arg(long, value_name = "DAYS", value_parser = parse_days)]
    pub autodestroy: Option<i64>,
    /// A config var every new review app gets, on top of its app.json's (repeatable)
    #[arg(short, long = "env", value_name = "KEY=VALUE", value_parser = parse_pair)]
    pub env: Vec<(String, String)>,
}

#[derive(Debug, ClapArgs)]
pub struct DisableArgs {
    #[command(flatten)]
    pub flags: PipelineArgs,
}

pub(super) fn enable(args: &EnableArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let pipeline = &args.flags.pipeline(ctx)?;
    let client = ctx.client()?;
    let body = ReviewAppConfigUpdate {
        automatic_review_apps: Some(args.autodeploy),
        destroy_stale_apps: Some(args.autodestroy.is_some()),
        stale_days: args.autodestroy,
        ..ReviewAppConfigUpdate::default()
    };
    let progress = out.progress(format!("Enabling review apps on pipeline {pipeline}"));
    let config = ctx.block_on(client.enable_review_apps(pipeline, &body))?;
    if !args.env.is_empty() {
        let vars: BTreeMap<String, Option<String>> = args
            .env
            .iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect();
        ctx.block_on(client.set_review_config_vars(pipeline, &vars))?;
    }
    progress.done();
    if out.is_json() {
        return out.json(&config);
    }
    if !config.automatic_review_apps {
        out.hint(&format!(
            "pushed branches get review apps with `tug reviewapps:create BRANCH -p {pipeline}`, or by themselves after `tug reviewapps:enable -p {pipeline} --autodeploy`"
        ));
    }
    Ok(())
}

pub(super) fn disable(args: &DisableArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let pipeline = &args.flags.pipeline(ctx)?;
    let client = ctx.client()?;
    let progress = out.progress(format!("Disabling review apps on pipeline {pipeline}"));
    let config = ctx.block_on(client.disable_review_apps(pipeline))?;
    progress.done();
    if out.is_json() {
        return out.json(&config);
    }
    Ok(())
}
