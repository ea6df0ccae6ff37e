//! `tug redis:cli`: this machine's `redis-cli` on a Redis add-on of the app. The server
//! listens on the platform's loopback, so this works on the server's machine (or through a
//! tunnel to it).

use std::io::Write;
use std::process::Stdio;

use clap::Args as ClapArgs;

use crate::ExitStatus;
use crate::cli::args::AppArg;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct CliArgs {
    /// The attachment (`REDIS`, `CACHE`) [default: REDIS]
    #[arg(value_name = "REDIS")]
    pub redis: Option<String>,
    /// Run this command (`GET key`, quoted as `redis-cli` reads it) and exit
    #[arg(short, long, value_name = "COMMAND")]
    pub command: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

pub(super) fn cli(args: &CliArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let (app, client) = ctx.app_client(&args.app)?;
    let (attachment, _) = super::redis(ctx, client, &app, args.redis.as_deref())?;
    let parsed =
        crate::cli::commands::addons::attachment_url(ctx, client, &app, &attachment, "Redis")?;
    let mut cmd = std::process::Command::new("redis-cli");
    // The password goes in the environment, where other users' process lists do not show it.
    cmd.args(["-e", "--no-auth-warning", "-h"])
        .arg(parsed.host_str().unwrap_or("127.0.0.1"))
        .arg("-p")
        .arg(parsed.port().unwrap_or(6379).to_string())
        .env("REDISCLI_AUTH", parsed.password().unwrap_or_default());
    if !parsed.username().is_empty() {
        cmd.args(["--user", parsed.username()]);
    }
    if args.command.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CliError::failed(
                "`redis-cli` is not installed on this machine",
                "install the `redis-tools` package",
            )
            .into());
        }
        Err(e) => return Err(anyhow::anyhow!("cannot run `redis-cli`: {e}")),
    };
    if let (Some(command), Some(mut stdin)) = (&args.command, child.stdin.take()) {
        // On stdin, `redis-cli` splits the command with its own quoting rules.
        stdin
            .write_all(format!("{command}\n").as_bytes())
            .map_err(|e| anyhow::anyhow!("cannot talk to `redis-cli`: {e}"))?;
    }
    let status = child
        .wait()
        .map_err(|e| anyhow::anyhow!("cannot run `redis-cli`: {e}"))?;
    Ok(match status.code() {
        Some(0) => ExitStatus::Success,
        Some(code) => ExitStatus::External(u8::try_from(code).unwrap_or(255)),
        None => ExitStatus::Failure,
    })
}
