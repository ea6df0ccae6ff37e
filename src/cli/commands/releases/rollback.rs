//! `tug releases:rollback` / `tug rollback`: a new release with an earlier one's slug and
//! config vars.

use clap::Args as ClapArgs;

use super::which::parse_release;
use crate::api::ReleaseCreate;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct RollbackArgs {
    /// The release to go back to, like `v3` [default: the one before the current one]
    #[arg(value_name = "RELEASE", value_parser = parse_release)]
    pub release: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn rollback(args: &RollbackArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let recent = ctx.block_on(client.releases(&app, 10))?;
    let current = recent
        .iter()
        .find(|r| r.current)
        .or(recent.first())
        .cloned();
    let target = match &args.release {
        Some(id) => ctx.block_on(client.release(&app, id))?,
        None => {
            let start = recent.iter().position(|r| r.current).map_or(1, |i| i + 1);
            recent
                .iter()
                .skip(start)
                .find(|r| r.eligible_for_rollback)
                .cloned()
                .ok_or_else(|| {
                    CliError::failed(
                        format!("{app} has no earlier release to roll back to"),
                        format!("`tug releases -a {app}` lists the app's releases"),
                    )
                })?
        }
    };
    let progress = out.progress(format!(
        "Rolling back {} to v{}",
        out.app_name(&app),
        target.version
    ));
    let body = ReleaseCreate {
        release: Some(target.id.to_string()),
        ..ReleaseCreate::default()
    };
    let release = ctx.block_on(client.create_release(&app, &body))?;
    progress.finish(&format!("done, v{}", release.version));
    if let Some(current) = current {
        out.status(&format!(
            "To undo, run `tug releases:rollback v{} -a {app}`",
            current.version
        ));
    }
    if ctx.out.is_json() {
        out.json(&release)?;
    }
    Ok(())
}
