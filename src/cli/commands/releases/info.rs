//! `tug releases:info`: one release, with its config vars.

use clap::Args as ClapArgs;

use super::which::{no_releases, parse_release};
use crate::cli::args::ShellArgs;
use crate::cli::commands::config::print_shell;
use crate::cli::ctx::Ctx;
use crate::cli::out::Value;

#[derive(Debug, ClapArgs)]
#[command(mut_arg("shell", |a| a.help("Print the release's config vars as `KEY=value` lines for a shell")))]
pub struct InfoArgs {
    /// The release, like `v3` [default: the newest]
    #[arg(value_name = "RELEASE", value_parser = parse_release)]
    pub release: Option<String>,
    #[command(flatten)]
    pub flags: ShellArgs,
}

pub(super) fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let (release, vars) = match &args.release {
        Some(id) => ctx.block_on(async {
            tokio::try_join!(
                client.release(&app, id),
                client.release_config_vars(&app, id)
            )
        })?,
        None => {
            let release = ctx
                .block_on(client.latest_release(&app))?
                .ok_or_else(|| no_releases(&app))?;
            let vars =
                ctx.block_on(client.release_config_vars(&app, &release.version.to_string()))?;
            (release, vars)
        }
    };
    if ctx.out.is_json() {
        return out.json(&release);
    }
    if args.flags.shell {
        return Ok(print_shell(out, &vars)?);
    }
    out.header(&format!("Release v{}", release.version))?;
    out.object(&[
        ("By", release.user.email.clone().into()),
        ("Change", release.description.clone().into()),
        ("Status", release.status.clone().into()),
        ("Current", if release.current { "yes" } else { "no" }.into()),
        ("When", release.created_at.into()),
    ])?;
    out.gap()?;
    out.header(&format!("v{} Config Vars", release.version))?;
    if vars.is_empty() && out.stdout_tty {
        out.line("(none)")?;
    }
    let pairs: Vec<(&str, Value)> = vars
        .iter()
        .map(|(k, v)| (k.as_str(), Value::text(v.as_str())))
        .collect();
    Ok(out.object(&pairs)?)
}
