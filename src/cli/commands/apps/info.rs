//! `tug apps:info`: one app.

use clap::Args as ClapArgs;

use super::args::app_or_positional;
use crate::cli::args::ShellArgs;
use crate::cli::commands::shell_quote;
use crate::cli::ctx::Ctx;
use crate::cli::out::Value;

#[derive(Debug, ClapArgs)]
#[command(mut_arg("shell", |a| a.help("Print `key=value` lines for a shell")))]
pub struct InfoArgs {
    /// The app (same as --app)
    #[arg(value_name = "APP")]
    pub target: Option<String>,
    #[command(flatten)]
    pub flags: ShellArgs,
}

pub fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let name = app_or_positional(ctx, args.target.as_deref(), &args.flags.app)?;
    let client = ctx.client()?;
    let app = ctx.block_on(client.app(&name))?;
    if ctx.out.is_json() {
        return out.json(&app);
    }
    let git_url = ctx.api_url()?.git_url(&app.name);
    let on_off = |b: bool| if b { "on" } else { "off" };
    if args.flags.shell {
        let released = app.released_at.map(|t| t.to_rfc3339()).unwrap_or_default();
        for (key, value) in [
            ("name", app.name.as_str()),
            ("owner", app.owner.email.as_str()),
            ("web_url", app.web_url.as_deref().unwrap_or_default()),
            ("git_url", git_url.as_str()),
            ("region", app.region.name.as_str()),
            ("stack", app.stack.name.as_str()),
            ("maintenance", on_off(app.maintenance)),
            ("created_at", &app.created_at.to_rfc3339()),
            ("released_at", &released),
        ] {
            out.line(&format!("{key}={}", shell_quote(value)))?;
        }
        return Ok(());
    }
    out.header(&app.name)?;
    let mut pairs: Vec<(&str, Value)> = vec![
        ("Owner", app.owner.email.clone().into()),
        ("Web URL", app.web_url.clone().unwrap_or_default().into()),
        ("Git URL", git_url.into()),
        ("Region", app.region.name.clone().into()),
        ("Stack", app.stack.name.clone().into()),
        ("Maintenance", on_off(app.maintenance).into()),
        ("Created", app.created_at.into()),
    ];
    if let Some(released) = app.released_at {
        pairs.push(("Released", released.into()));
    }
    // Not in a pipeline (404) is the common case, and a server without pipelines says so too.
    match ctx.block_on(client.app_coupling(&app.name)) {
        Ok(c) => pairs.push((
            "Pipeline",
            format!("{} - {}", c.pipeline.name, c.stage).into(),
        )),
        Err(e)
            if e.downcast_ref::<crate::cli::client::ClientError>()
                .is_some_and(|c| c.is_not_found()) => {}
        Err(e) => return Err(e),
    }
    if let Some(lock) = ctx.block_on(client.deploy_lock(&app.name))? {
        pairs.push(("Deploys", lock.describe().into()));
    }
    Ok(out.object(&pairs)?)
}
