//! What a one-off dyno is asked for: the command line, the extra variables, and the request.

use std::collections::BTreeMap;

use clap::Args as ClapArgs;

use crate::api::DynoCreate;
use crate::api::names::check_config_key;
use crate::cli::args::AppArg;
use crate::cli::commands::shell_quote;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct RunArgs {
    /// A variable for this dyno only, on top of the config vars (repeatable)
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// The dyno size [default: the platform's]
    #[arg(short, long, value_name = "SIZE")]
    pub size: Option<String>,
    /// Never allocate a terminal, even when this one is
    #[arg(long)]
    pub no_tty: bool,
    #[command(flatten)]
    pub app: AppArg,
    /// The command and its arguments (after `--` when they start with `-`)
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

/// One command line from the arguments: a single argument as it is (so `tug run 'a | b'` is
/// shell), several quoted for a POSIX shell and joined.
pub fn command_line(args: &[String]) -> String {
    match args {
        [one] => one.clone(),
        many => many
            .iter()
            .map(|a| {
                if a.is_empty() {
                    "''".to_string()
                } else {
                    shell_quote(a)
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn parse_env(pairs: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut env = BTreeMap::new();
    for pair in pairs {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(CliError::usage(
                format!("`{pair}` is not KEY=VALUE"),
                "example: `tug run -e DEBUG=1 -- bash`",
            )
            .into());
        };
        check_config_key(key).map_err(|e| CliError::usage(e, "example: `-e DEBUG=1`"))?;
        env.insert(key.to_string(), value.to_string());
    }
    Ok(env)
}

pub(super) fn request(
    args: &RunArgs,
    attach: bool,
    tty: bool,
    ctx: &Ctx,
) -> anyhow::Result<DynoCreate> {
    if args.command.is_empty() || args.command.iter().all(|a| a.trim().is_empty()) {
        return Err(CliError::usage(
            "no command to run",
            "give one after `--`: `tug run -- bash`, `tug run -- python3 manage.py migrate`",
        )
        .into());
    }
    let mut env = parse_env(&args.env)?;
    if tty {
        if let Some(term) = &ctx.env.term {
            env.entry("TERM".into()).or_insert_with(|| term.clone());
        }
        if let Some((cols, rows)) = terminal_size() {
            env.entry("COLUMNS".into())
                .or_insert_with(|| cols.to_string());
            env.entry("LINES".into())
                .or_insert_with(|| rows.to_string());
        }
    }
    Ok(DynoCreate {
        command: command_line(&args.command),
        attach: Some(attach),
        env: (!env.is_empty()).then_some(env),
        force_no_tty: Some(!tty),
        size: args.size.clone(),
        ..DynoCreate::default()
    })
}

/// Columns and rows of the terminal on stdout.
pub(super) fn terminal_size() -> Option<(u16, u16)> {
    let size = rustix::termios::tcgetwinsize(std::io::stdout()).ok()?;
    (size.ws_col > 0 && size.ws_row > 0).then_some((size.ws_col, size.ws_row))
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_survive_a_shell() {
        let args = |a: &[&str]| a.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(command_line(&args(&["ls -la | wc"])), "ls -la | wc");
        assert_eq!(
            command_line(&args(&["sh", "-c", "cat; exit 3"])),
            "sh -c 'cat; exit 3'"
        );
        assert_eq!(command_line(&args(&["echo", ""])), "echo ''");
        assert_eq!(command_line(&args(&["echo", "it's"])), "echo \"it's\"");
    }

    #[test]
    fn env_pairs_are_checked() {
        let env = parse_env(&["A=1".into(), "B=x=y".into(), "C=".into()]).unwrap();
        assert_eq!(env["B"], "x=y");
        assert_eq!(env["C"], "");
        assert!(parse_env(&["A".into()]).is_err());
        assert!(parse_env(&["A-B=1".into()]).is_err());
    }
}
