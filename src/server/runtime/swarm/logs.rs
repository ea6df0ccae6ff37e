//! A service's stdout and stderr from Swarm's log of it (from any node). The engine's stream
//! breaks when the engine restarts while the task goes on (a task on another node); it is then
//! opened again from the last line read, so nothing is lost or said twice.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use bollard::container::LogOutput;
use bollard::query_parameters::LogsOptions;
use futures_util::StreamExt;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio::io::{AsyncWriteExt, DuplexStream};

use super::super::backend::DynoOutput;
use super::service::{POLL, Service};

/// The task's stdout and stderr, followed until the service is removed or nobody reads.
pub(super) fn follow(service: &Arc<Service>) -> (DynoOutput, DynoOutput) {
    let (out_w, out_r) = tokio::io::duplex(64 * 1024);
    let (err_w, err_r) = tokio::io::duplex(64 * 1024);
    tokio::spawn(pump(service.clone(), out_w, err_w));
    (Box::pin(out_r), Box::pin(err_r))
}

async fn pump(service: Arc<Service>, mut out: DuplexStream, mut err: DuplexStream) {
    // Unix nanoseconds of the last line passed on.
    let mut last: Option<i128> = None;
    loop {
        let options = LogsOptions {
            follow: true,
            stdout: true,
            stderr: true,
            timestamps: true,
            // Whole seconds only: lines of that second already passed on are skipped below.
            since: last.map_or(0, |ns| i32::try_from(ns / 1_000_000_000).unwrap_or(0)),
            ..Default::default()
        };
        let mut logs = service.docker.service_logs(&service.name, Some(options));
        while let Some(Ok(chunk)) = logs.next().await {
            let (to, message) = match chunk {
                LogOutput::StdErr { message } => (&mut err, message),
                LogOutput::StdOut { message } | LogOutput::Console { message } => {
                    (&mut out, message)
                }
                LogOutput::StdIn { .. } => continue,
            };
            let (at, text) = stamped(&message);
            if let (Some(at), Some(seen)) = (at, last)
                && at <= seen
            {
                continue;
            }
            last = at.or(last);
            if to.write_all(text).await.is_err() {
                return;
            }
        }
        if service.removed.load(Ordering::SeqCst) {
            return;
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Splits the engine's `2026-12-07T04:00:00.123456789Z ` off a line: its time in Unix
/// nanoseconds, and the line. A line without one is passed on whole.
fn stamped(message: &[u8]) -> (Option<i128>, &[u8]) {
    let Some(space) = message.iter().position(|b| *b == b' ') else {
        return (None, message);
    };
    let at = std::str::from_utf8(&message[..space])
        .ok()
        .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
        .map(OffsetDateTime::unix_timestamp_nanos);
    match at {
        Some(at) => (Some(at), &message[space + 1..]),
        None => (None, message),
    }
}

#[cfg(test)]
mod tests {
    use super::stamped;

    #[test]
    fn the_engines_timestamp_is_split_off_each_line() {
        let (at, text) = stamped(b"2026-12-07T04:00:00.000000001Z booted web.1 on 5000\n");
        assert_eq!(text, b"booted web.1 on 5000\n");
        assert_eq!(at, Some(1_796_616_000_000_000_001));
        // Not a time: the line is the app's own.
        assert_eq!(stamped(b"hello world\n"), (None, &b"hello world\n"[..]));
        assert_eq!(stamped(b"nospace"), (None, &b"nospace"[..]));
    }
}
