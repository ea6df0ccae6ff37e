//! `tug pg:psql`: this machine's `psql` on a database of the app. The database listens on the
//! server's loopback, so this works on the server's machine (or through a tunnel to it).

use clap::Args as ClapArgs;

use crate::ExitStatus;
use crate::cli::args::AppArg;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct PsqlArgs {
    /// The attachment (`DATABASE`, `REPORTING_DB`) [default: DATABASE]
    #[arg(value_name = "DATABASE")]
    pub database: Option<String>,
    /// Run this SQL and exit
    #[arg(short, long, value_name = "SQL")]
    pub command: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

pub(super) fn psql(args: &PsqlArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let (app, client) = ctx.app_client(&args.app)?;
    let (attachment, _) = super::database(ctx, client, &app, args.database.as_deref())?;
    let parsed =
        crate::cli::commands::addons::attachment_url(ctx, client, &app, &attachment, "database")?;
    let mut cmd = std::process::Command::new("psql");
    // The credentials go in the environment, where other users' process lists do not show
    // them.
    cmd.env("PGHOST", parsed.host_str().unwrap_or("127.0.0.1"))
        .env("PGPORT", parsed.port().unwrap_or(5432).to_string())
        .env("PGUSER", parsed.username())
        .env("PGPASSWORD", parsed.password().unwrap_or_default())
        .env("PGDATABASE", parsed.path().trim_start_matches('/'))
        .arg("-X");
    if let Some(sql) = &args.command {
        cmd.args(["-c", sql]);
    }
    let status = match cmd.status() {
        Ok(status) => status,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CliError::failed(
                "`psql` is not installed on this machine",
                "install the `postgresql-client` package",
            )
            .into());
        }
        Err(e) => return Err(anyhow::anyhow!("cannot run `psql`: {e}")),
    };
    Ok(match status.code() {
        Some(0) => ExitStatus::Success,
        Some(code) => ExitStatus::External(u8::try_from(code).unwrap_or(255)),
        None => ExitStatus::Failure,
    })
}
