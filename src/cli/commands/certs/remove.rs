//! `tug certs:remove`: a certificate goes, once the app's name is confirmed.

use clap::Args as ClapArgs;

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct RemoveArgs {
    /// The certificate's name [default: the app's only one]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The app's name again, to confirm without a prompt
    #[arg(short, long, value_name = "APP")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn remove(args: &RemoveArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let mismatch = |given: &str| {
        CliError::failed(
            format!("`{given}` does not match the app name `{app}`; nothing was removed"),
            format!("pass `--confirm {app}`"),
        )
    };
    match &args.confirm {
        Some(given) if *given == app => {}
        Some(given) => return Err(mismatch(given).into()),
        None if out.can_prompt() => {
            let answer = out.prompt(&format!(
                "To remove the certificate of {app}, type {app} (or run with `--confirm {app}`)"
            ))?;
            if answer.trim() != app {
                return Err(mismatch(answer.trim()).into());
            }
        }
        None => {
            return Err(out
                .not_interactive(
                    format!("refusing to remove a certificate of `{app}` without confirmation"),
                    format!("pass `--confirm {app}`"),
                )
                .into());
        }
    }
    let e = super::pick(ctx, client, &app, args.name.as_deref())?;
    let progress = out.progress(format!(
        "Removing SSL certificate {} from {}",
        e.name,
        out.app_name(&app)
    ));
    let gone = ctx.block_on(client.remove_sni_endpoint(&app, &e.name))?;
    progress.done();
    if out.is_json() {
        return out.json(&gone);
    }
    Ok(())
}
