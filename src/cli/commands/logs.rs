//! `tug logs`: an app's log, the newest lines or followed live (`--tail`), from every source:
//! the app's dynos, the router, the platform and the API. The log is read as Server-Sent
//! Events whose ids are the lines' positions, so a dropped tail resumes right after the last
//! line printed (`Last-Event-ID`): never a gap, never a repeat, whatever the timestamps.

use bytes::BytesMut;
use clap::Args as ClapArgs;
use console::Style;
use serde::Serialize;
use tokio_util::codec::Decoder;

use crate::api::LogSessionCreate;
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::lines::LineDecoder;

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
    #[arg(short, long, visible_alias = "follow", short_alias = 'f')]
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
    // The position of the last line printed: after a dropped connection, the tail resumes
    // past it.
    let mut last: Option<u64> = None;
    // Whether the connection was lost and the tail is trying to get it back.
    let mut lost = false;
    loop {
        let body = LogSessionCreate {
            dyno: args.dyno.clone(),
            lines: Some(args.num as i64),
            source: args.source.clone(),
            tail: Some(args.tail),
            ..LogSessionCreate::default()
        };
        let opened = ctx.block_on(async {
            let session = client.create_log_session(&app, &body).await?;
            client.log_events(&session.logplex_url, last).await
        });
        let mut stream = match opened {
            Ok(stream) => stream,
            // The server is away (stopping, restarting): keep trying, quietly.
            Err(e) if lost && is_connection_error(&e) => {
                ctx.block_on(pause(RETRY))?;
                continue;
            }
            Err(e) => return Err(e),
        };
        if std::mem::take(&mut lost) {
            ctx.out.status("reconnected");
        }
        let mut events = Events::default();
        loop {
            let chunk = match ctx.block_on(stream.chunk()) {
                Ok(Some(c)) => c,
                Ok(None) => break,
                Err(e) if args.tail && e.downcast_ref::<CliError>().is_none() => break,
                Err(e) => return Err(e),
            };
            for event in events.feed(&chunk) {
                print(&args, ctx, &event.data)?;
                if let Some(id) = event.id.as_deref().and_then(|id| id.parse().ok()) {
                    last = Some(id);
                }
            }
        }
        if !args.tail {
            return Ok(());
        }
        // The stream ended or dropped: reconnect, after the last line shown.
        ctx.out.status("connection lost, reconnecting…");
        lost = true;
        ctx.block_on(pause(RETRY))?;
    }
}

/// The wait between attempts to reach a server that went away.
const RETRY: std::time::Duration = std::time::Duration::from_millis(500);

async fn pause(wait: std::time::Duration) -> anyhow::Result<()> {
    tokio::time::sleep(wait).await;
    Ok(())
}

/// Whether an error means the server could not be reached or answered as it went down
/// (rather than refusing the request).
fn is_connection_error(err: &anyhow::Error) -> bool {
    use crate::cli::client::ClientError;
    err.chain().any(|e| match e.downcast_ref::<ClientError>() {
        Some(ClientError::Api { status, .. }) => *status >= 500,
        Some(ClientError::Unreachable { .. } | ClientError::Unexpected { .. }) => true,
        Some(_) => false,
        None => e.downcast_ref::<reqwest::Error>().is_some(),
    })
}

fn print(args: &Args, ctx: &Ctx, text: &str) -> anyhow::Result<()> {
    let out = &ctx.out;
    let Some(line) = parse(text) else {
        return Ok(());
    };
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
        out.line(text)?;
    }
    Ok(())
}

/// One Server-Sent Event: its `id` (if any) and its data lines joined by newlines.
#[derive(Debug, PartialEq, Eq)]
pub struct Event {
    pub id: Option<String>,
    pub data: String,
}

/// Turns a byte stream into Server-Sent Events, whatever the chunks' boundaries. Lines end at
/// LF, CR or CRLF, as the format says: a server splits a line holding a carriage return there.
pub struct Events {
    lines: LineDecoder,
    /// What has come and not yet made a whole line.
    buf: BytesMut,
    id: Option<String>,
    data: Option<String>,
}

impl Default for Events {
    fn default() -> Events {
        Events {
            // An event's line is as long as the server made it: the server bounds it.
            lines: LineDecoder::new(usize::MAX).cr_ends(),
            buf: BytesMut::new(),
            id: None,
            data: None,
        }
    }
}

impl Events {
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<Event> {
        self.buf.extend_from_slice(chunk);
        let mut out = vec![];
        // The decoder never fails: its error type is only the codec trait's.
        while let Ok(Some(line)) = self.lines.decode(&mut self.buf) {
            if let Some(event) = self.field(&String::from_utf8_lossy(&line)) {
                out.push(event);
            }
        }
        out
    }

    /// Takes one line; a blank one ends the event.
    fn field(&mut self, text: &str) -> Option<Event> {
        if text.is_empty() {
            // An event without data (a bare id) shows nothing.
            let data = self.data.take();
            let id = self.id.take();
            return data.map(|data| Event { id, data });
        }
        // A line starting with `:` is a comment: the server's keep-alive.
        let (field, value) = text.split_once(':').unwrap_or((text, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "id" => self.id = Some(value.to_string()),
            "data" => match &mut self.data {
                Some(data) => {
                    data.push('\n');
                    data.push_str(value);
                }
                None => self.data = Some(value.to_string()),
            },
            _ => {}
        }
        None
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

    #[test]
    fn reads_events_across_chunks() {
        let mut events = Events::default();
        assert!(events.feed(b": keep-alive\n\nid: 7\nda").is_empty());
        let got = events.feed(b"ta: one\n\ndata: two\rdata: lines\r\n\r");
        assert!(events.feed(b"\nid: 9\n\n").is_empty());
        assert_eq!(
            got,
            [
                Event {
                    id: Some("7".into()),
                    data: "one".into()
                },
                Event {
                    id: None,
                    data: "two\nlines".into()
                },
            ]
        );
        assert!(events.feed(b"data").is_empty());
        assert_eq!(events.feed(b":x\n\n")[0].data, "x");
    }
}
