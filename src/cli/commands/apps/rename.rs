//! `tug apps:rename`: a new name, with the git remote kept in step.

use clap::Args as ClapArgs;

use super::args::parse_app_name;
use super::create::urls;
use crate::api::AppUpdate;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::git;

#[derive(Debug, ClapArgs)]
pub struct RenameArgs {
    /// The app's new name
    #[arg(value_name = "NEW_NAME", value_parser = parse_app_name)]
    pub new_name: String,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn rename(args: &RenameArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let old = ctx.app(&args.flags.app)?;
    let client = ctx.client()?;
    let body = AppUpdate {
        name: Some(args.new_name.clone()),
        ..AppUpdate::default()
    };
    let progress = out.progress(format!(
        "Renaming {} to {}",
        out.app_name(&old),
        out.app_name(&args.new_name)
    ));
    let app = ctx.block_on(client.update_app(&old, &body))?;
    progress.done();
    let api = ctx.api_url()?;
    let git_url = api.git_url(&app.name);
    if let Some(repo) = git::open() {
        let remotes = git::remotes(&repo);
        for remote in git::remotes_for_app(&remotes, api, &old) {
            match git::set_remote_url(&repo, &remote.name, &git_url) {
                Ok(()) => out.status(&format!("Git remote {} updated", remote.name)),
                Err(e) => out.warn(&format!("{e:#}")),
            }
        }
    }
    if ctx.out.is_json() {
        out.json(&app)
    } else {
        Ok(out.line(&urls(&app, &git_url))?)
    }
}
