//! `tug logs`: an app's log, the newest lines or followed live (`--tail`), from every source:
//! the app's dynos, the router, the platform and the API.

use clap::Args as ClapArgs;
use console::Style;
use serde::Serialize;

use crate::api::LogSessionCreate;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

/// The most lines of history the platform keeps.
const MAX_LINES: usize = 1500;

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    pub app: AppArg,
    /// How many lines of history to show
    #[arg(short = 'n', long = "num", value_name = "N", default_value_t = 100)]
    pub num: usize,
    /// Keep following the log as new lines arrive
    #[arg(short, long)]
    pub tail: bool,
    /// Only this dyno (`web.1`), process type (`web`) or `router`
    #[arg(short, long, visible_alias = "dyno-name", value_name = "DYNO")]
    pub dyno: Option<String>,
    /// Only this source: `app` (the dynos' own output) or `heroku` (the platform's)
    #[arg(short, long, value_name = "SOURCE")]
    pub source: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

/// One line as `--json` prints it (one object per line).
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Line<'a> {
    pub timestamp: &'a str,
    pub source: &'a str,
    pub dyno: &'a str,
    pub message: &'a str,
}

/// Splits `2026-11-22T10:00:01.123456+00:00 app[web.1]: message`.
pub fn parse(line: &str) -> Option<Line<'_>> {
    let (timestamp, rest) = line.split_once(' ')?;
    let open = rest.find('[')?;
    let close = rest[open..].find("]:")? + open;
    let message = rest[close + 2..]
        .strip_prefix(' ')
        .unwrap_or(&rest[close + 2..]);
    Some(Line {
        timestamp,
        source: &rest[..open],
        dyno: &rest[open + 1..close],
        message,
    })
}

fn colour_for(line: &Line<'_>) -> Style {
    match (line.source, line.dyno.split('.').next().unwrap_or("")) {
        ("heroku", "router") => Style::new().blue(),
        ("app", "api") => Style::new().green(),
        ("heroku", _) => Style::new().yellow(),
        (_, "web") => Style::new().cyan(),
        (_, "run") => Style::new().magenta(),
        _ => Style::new().white(),
    }
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    if args.num > MAX_LINES {
        return Err(CliError::usage(
            format!(
                "`--num {}` is more than the {MAX_LINES} lines the platform keeps",
                args.num
            ),
            format!("pass `--num {MAX_LINES}` or less"),
        )
        .into());
    }
    if let Some(s) = &args.source
        && s != "app"
        && s != "heroku"
    {
        return Err(CliError::usage(
            format!("unknown log source `{s}`"),
            "use `--source app` or `--source heroku`",
        )
        .into());
    }
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    // The newest timestamp printed: after a dropped connection, the tail resumes past it.
    let mut last = String::new();
    let mut lines = args.num;
    loop {
        let body = LogSessionCreate {
            dyno: args.dyno.clone(),
            lines: Some(lines as i64),
            source: args.source.clone(),
            tail: Some(args.tail),
            ..LogSessionCreate::default()
        };
        let session = ctx.block_on(client.create_log_session(&app, &body))?;
        let mut stream = ctx.block_on(client.build_output(&session.logplex_url))?;
        let mut pending = Vec::new();
        let ended = loop {
            let chunk = match ctx.block_on(stream.chunk()) {
                Ok(Some(c)) => c,
                Ok(None) => break true,
                Err(e) if args.tail && e.downcast_ref::<CliError>().is_none() => break false,
                Err(e) => return Err(e),
            };
            pending.extend_from_slice(&chunk);
            while let Some(at) = pending.iter().position(|b| *b == b'\n') {
                let raw: Vec<u8> = pending.drain(..=at).collect();
                let text = String::from_utf8_lossy(&raw[..raw.len() - 1]).into_owned();
                let Some(line) = parse(&text) else { continue };
                if line.timestamp <= last.as_str() {
                    continue;
                }
                if args.json.json {
                    out.line(&serde_json::to_string(&line)?)?;
                } else if out.color {
                    let head = format!("{} {}[{}]:", line.timestamp, line.source, line.dyno);
                    out.line(&format!(
                        "{} {}",
                        colour_for(&line).apply_to(head),
                        line.message
                    ))?;
                } else {
                    out.line(&text)?;
                }
                last = line.timestamp.to_string();
            }
        };
        if !args.tail {
            return Ok(());
        }
        // The stream ended or dropped: reconnect and skip what was already shown.
        if !ended {
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
        lines = MAX_LINES;
    }
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_logplex_lines() {
        let l = parse("2026-11-22T10:00:01.123456+00:00 app[web.1]: hello: world").unwrap();
        assert_eq!(
            l,
            Line {
                timestamp: "2026-11-22T10:00:01.123456+00:00",
                source: "app",
                dyno: "web.1",
                message: "hello: world"
            }
        );
        assert_eq!(
            parse("2026-11-22T10:00:01.123456+00:00 heroku[router]:")
                .unwrap()
                .message,
            ""
        );
        for bad in ["", "no brackets here", "ts app[web.1 missing close", "ts"] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }
}
