//! `tug apps:destroy`: destroy an app, once its name is confirmed.

use clap::Args as ClapArgs;

use super::args::app_or_positional;
use crate::cli::args::ConfirmedAppArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git;

#[derive(Debug, ClapArgs)]
pub struct DestroyArgs {
    /// The app (same as --app)
    #[arg(value_name = "APP")]
    pub target: Option<String>,
    #[command(flatten)]
    pub flags: ConfirmedAppArgs,
}

pub fn destroy(args: &DestroyArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let name = app_or_positional(ctx, args.target.as_deref(), &args.flags.app)?;
    match &args.flags.confirm {
        Some(confirm) if *confirm == name => {}
        Some(confirm) => {
            return Err(mismatch(confirm, &name).into());
        }
        None if out.can_prompt() => {
            let client = ctx.client()?;
            // An unknown app fails here, before anyone is asked to type its name.
            ctx.block_on(client.app(&name))?;
            out.warn(&format!(
                "this destroys {} and everything in it: config vars, releases, collaborators",
                out.app_name(&name)
            ));
            let answer = out.prompt(&format!(
                "To proceed, type {name} (or run with `--confirm {name}`)"
            ))?;
            if answer.trim() != name {
                return Err(mismatch(answer.trim(), &name).into());
            }
        }
        None => {
            return Err(out
                .not_interactive(
                    format!("refusing to destroy `{name}` without confirmation"),
                    format!("pass `--confirm {name}`"),
                )
                .into());
        }
    }
    let client = ctx.client()?;
    let progress = out.progress(format!("Destroying {}", out.app_name(&name)));
    let app = ctx.block_on(client.delete_app(&name))?;
    progress.done();
    if let Some(repo) = git::open() {
        let api = ctx.api_url()?;
        let remotes = git::remotes(&repo);
        for remote in git::remotes_for_app(&remotes, api, &name) {
            match git::remove_remote(&repo, &remote.name) {
                Ok(()) => out.status(&format!("Git remote {} removed", remote.name)),
                Err(e) => out.warn(&format!("{e:#}")),
            }
        }
    }
    if ctx.out.is_json() {
        out.json(&app)?;
    }
    Ok(())
}

fn mismatch(given: &str, name: &str) -> CliError {
    CliError::failed(
        format!("`{given}` does not match the app name `{name}`; nothing was destroyed"),
        format!("to destroy `{name}`, pass `--confirm {name}`"),
    )
}
