//! Log drains: each drain is a task that follows its app's log into a bounded buffer and ships
//! it elsewhere, as RFC 5424 syslog over TCP (RFC 6587 octet counting) or as Logplex HTTP(S)
//! batches. The hub never waits on a drain: a drain that falls behind loses its oldest lines
//! and says so with an `L10` line first when it catches up. Delivery failures are reported in
//! the app's own log as `heroku[logplex]` lines, at most once per backoff step.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::sync::Notify;
use tokio::sync::broadcast::error::RecvError;
use tokio::task::JoinHandle;
use uuid::Uuid;

use super::logs::{LogHub, LogLine};
use super::outbound;
use super::store::{DrainRow, Store};

/// How many lines a drain holds while it cannot ship them; the oldest go first.
pub const BUFFER: usize = 10_000;
/// The most messages in one syslog write or HTTP batch.
const BATCH_LINES: usize = 500;
/// An HTTP batch stops growing past this many bytes, like Logplex's target batch size.
const BATCH_BYTES: usize = 100 * 1024;
const BACKOFF_START: Duration = Duration::from_millis(500);
const BACKOFF_MAX: Duration = Duration::from_secs(30);
const NETWORK_TIMEOUT: Duration = Duration::from_secs(10);
/// `local7.info`, what Logplex writes for app lines.
const PRIORITY: u8 = 190;

/// Where a drain ships to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `syslog://host:port` or `syslog+tcp://host:port`.
    Syslog { addr: String },
    /// `http://…` or `https://…`.
    Http { url: String },
}

pub const SUPPORTED: &str = "syslog+tcp://host:port, syslog://host:port, http://… or https://…";

/// Checks a drain URL and says where it ships.
pub fn parse_target(url: &str) -> Result<Target, String> {
    let unsupported = || format!("`{url}` is not a supported drain URL: use {SUPPORTED}");
    let parsed = reqwest::Url::parse(url).map_err(|_| unsupported())?;
    let host = parsed
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(unsupported)?
        .to_string();
    match parsed.scheme() {
        "syslog" | "syslog+tcp" => {
            let port = parsed.port().ok_or_else(|| {
                format!("`{url}` has no port: syslog drains are `syslog+tcp://host:port`")
            })?;
            let host = if host.contains(':') && !host.starts_with('[') {
                format!("[{host}]")
            } else {
                host
            };
            Ok(Target::Syslog {
                addr: format!("{host}:{port}"),
            })
        }
        "http" | "https" => Ok(Target::Http {
            url: url.to_string(),
        }),
        _ => Err(unsupported()),
    }
}

/// An RFC 5424 message as a syslog drain gets it: `<190>1 TIME d.TOKEN SOURCE DYNO - - MSG`.
pub fn syslog_message(token: &str, line: &LogLine) -> String {
    format!(
        "<{PRIORITY}>1 {} {token} {} {} - - {}",
        line.timestamp(),
        line.source,
        line.dyno,
        line.message
    )
}

/// A message in a Logplex HTTP batch: like syslog's, without the STRUCTURED-DATA field.
pub fn logplex_message(token: &str, line: &LogLine) -> String {
    format!(
        "<{PRIORITY}>1 {} {token} {} {} - {}",
        line.timestamp(),
        line.source,
        line.dyno,
        line.message
    )
}

/// RFC 6587 octet counting: the message's length in bytes, a space, the message.
pub fn octet_frame(message: &str) -> String {
    format!("{} {message}", message.len())
}

/// Logplex's overflow notice for `dropped` lines lost since `since`.
pub fn overflow_line(dropped: u64, since: &LogLine) -> LogLine {
    LogLine::now(
        "heroku",
        "logplex",
        format!(
            "Error L10 (output buffer overflow): {dropped} messages dropped since {}.",
            since.timestamp()
        ),
    )
}

#[derive(Default)]
struct Buffer {
    lines: VecDeque<Arc<LogLine>>,
    dropped: u64,
    /// The first line lost since the last notice.
    dropped_since: Option<Arc<LogLine>>,
}

impl Buffer {
    fn push(&mut self, line: Arc<LogLine>) {
        if self.lines.len() >= BUFFER
            && let Some(old) = self.lines.pop_front()
        {
            self.lose(1, old);
        }
        self.lines.push_back(line);
    }

    fn lose(&mut self, n: u64, first: Arc<LogLine>) {
        self.dropped += n;
        self.dropped_since.get_or_insert(first);
    }

    /// Up to `max` lines, preceded by an L10 line when some were lost.
    fn take(&mut self, max: usize) -> Vec<Arc<LogLine>> {
        let mut out = Vec::new();
        if self.dropped > 0
            && let Some(since) = self.dropped_since.take()
        {
            out.push(Arc::new(overflow_line(self.dropped, &since)));
            self.dropped = 0;
        }
        let n = self.lines.len().min(max);
        out.extend(self.lines.drain(..n));
        out
    }
}

struct Shared {
    buffer: Mutex<Buffer>,
    notify: Notify,
}

struct Running {
    app_id: Uuid,
    task: JoinHandle<()>,
}

/// Every drain's task, by drain id.
#[derive(Clone)]
pub struct Drains {
    hub: LogHub,
    store: Store,
    running: Arc<Mutex<HashMap<Uuid, Running>>>,
}

impl Drains {
    pub fn new(hub: LogHub, store: Store) -> Drains {
        Drains {
            hub,
            store,
            running: Arc::default(),
        }
    }

    /// Starts every stored drain; at the server's start.
    pub fn start_all(&self) -> anyhow::Result<()> {
        for drain in self.store.all_drains()? {
            self.start(&drain);
        }
        Ok(())
    }

    /// Starts (or restarts) one drain's task.
    pub fn start(&self, drain: &DrainRow) {
        let Ok(target) = parse_target(&drain.url) else {
            tracing::warn!("drain {} has an unsupported URL; not started", drain.id);
            return;
        };
        let task = tokio::spawn(run(
            self.hub.clone(),
            drain.app_id,
            drain.token.clone(),
            drain.url.clone(),
            target,
        ));
        let old = self.lock().insert(
            drain.id,
            Running {
                app_id: drain.app_id,
                task,
            },
        );
        if let Some(old) = old {
            old.task.abort();
        }
    }

    pub fn stop(&self, id: Uuid) {
        if let Some(r) = self.lock().remove(&id) {
            r.task.abort();
        }
    }

    /// Stops every drain of an app; when it is destroyed.
    pub fn stop_app(&self, app_id: Uuid) {
        self.lock().retain(|_, r| {
            if r.app_id == app_id {
                r.task.abort();
                false
            } else {
                true
            }
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Running>> {
        crate::sync::lock(&self.running)
    }
}

/// Aborts the shipping task when the drain's task ends or is aborted.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Follows the app's log into the buffer; the shipper empties it.
async fn run(hub: LogHub, app_id: Uuid, token: String, url: String, target: Target) {
    let shared = Arc::new(Shared {
        buffer: Mutex::new(Buffer::default()),
        notify: Notify::new(),
    });
    let (_, mut live) = hub.follow(app_id, 0);
    let _shipper = AbortOnDrop(tokio::spawn(ship(
        hub.clone(),
        app_id,
        token.clone(),
        url,
        target,
        shared.clone(),
    )));
    loop {
        match live.recv().await {
            Ok(line) => {
                // This drain's own failure reports stay in the app's log, not in the drain.
                if line.source == "heroku"
                    && line.dyno == "logplex"
                    && line.message.contains(&token)
                {
                    continue;
                }
                crate::sync::lock(&shared.buffer).push(line);
                shared.notify.notify_one();
            }
            Err(RecvError::Lagged(n)) => {
                let first = Arc::new(LogLine::now("heroku", "logplex", ""));
                crate::sync::lock(&shared.buffer).lose(n, first);
                shared.notify.notify_one();
            }
            Err(RecvError::Closed) => return,
        }
    }
}

struct Shipper {
    token: String,
    target: Target,
    conn: Option<TcpStream>,
    http: Option<reqwest::Client>,
}

impl Shipper {
    async fn send(&mut self, lines: &[Arc<LogLine>], frame_id: Uuid) -> Result<(), String> {
        match self.target.clone() {
            Target::Syslog { addr } => {
                let mut bytes = Vec::new();
                for line in lines {
                    bytes.extend(octet_frame(&syslog_message(&self.token, line)).into_bytes());
                }
                if self.conn.is_none() {
                    // Connects to the addresses the policy checked, not to the name again.
                    let connect = async {
                        let addrs = outbound::policy()
                            .resolve(&addr)
                            .await
                            .map_err(|refused| refused.to_string())?;
                        TcpStream::connect(&addrs[..])
                            .await
                            .map_err(|e| format!("cannot connect to {addr}: {e}"))
                    };
                    let conn = tokio::time::timeout(NETWORK_TIMEOUT, connect)
                        .await
                        .map_err(|_| format!("connecting to {addr} timed out"))??;
                    self.conn = Some(conn);
                }
                let Some(conn) = self.conn.as_mut() else {
                    return Err("not connected".into());
                };
                let wrote = tokio::time::timeout(NETWORK_TIMEOUT, conn.write_all(&bytes)).await;
                match wrote {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(e)) => {
                        self.conn = None;
                        Err(format!("writing to {addr} failed: {e}"))
                    }
                    Err(_) => {
                        self.conn = None;
                        Err(format!("writing to {addr} timed out"))
                    }
                }
            }
            Target::Http { url } => {
                let body: String = lines
                    .iter()
                    .map(|l| octet_frame(&logplex_message(&self.token, l)))
                    .collect();
                if self.http.is_none() {
                    let builder = reqwest::Client::builder()
                        .timeout(NETWORK_TIMEOUT)
                        .user_agent(concat!("Logplex/tug-", env!("CARGO_PKG_VERSION")));
                    let client = outbound::policy()
                        .http_client(builder, false)
                        .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
                    self.http = Some(client);
                }
                let Some(client) = self.http.as_ref() else {
                    return Err("no HTTP client".into());
                };
                // The client's resolver checks names; a literal address is checked here.
                let parsed = reqwest::Url::parse(&url).map_err(|_| "not a URL".to_owned())?;
                outbound::policy()
                    .check_http_url(&parsed)
                    .map_err(|refused| refused.to_string())?;
                let resp = client
                    .post(&url)
                    .header("Content-Type", "application/logplex-1")
                    .header("Logplex-Msg-Count", lines.len().to_string())
                    .header("Logplex-Frame-Id", frame_id.to_string())
                    .header("Logplex-Drain-Token", &self.token)
                    .body(body)
                    .send()
                    .await
                    .map_err(|e| format!("POST {url} failed: {e}"))?;
                if resp.status().is_success() {
                    Ok(())
                } else {
                    Err(format!("POST {url} answered {}", resp.status()))
                }
            }
        }
    }
}

/// Takes the next batch: up to `BATCH_LINES` lines and, for HTTP, about `BATCH_BYTES`.
fn next_batch(shared: &Shared) -> Vec<Arc<LogLine>> {
    let mut buf = crate::sync::lock(&shared.buffer);
    let mut batch = buf.take(1);
    let mut bytes: usize = batch.iter().map(|l| l.message.len() + 64).sum();
    while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
        let more = buf.take(1);
        if more.is_empty() {
            break;
        }
        bytes += more.iter().map(|l| l.message.len() + 64).sum::<usize>();
        batch.extend(more);
    }
    batch
}

async fn ship(
    hub: LogHub,
    app_id: Uuid,
    token: String,
    url: String,
    target: Target,
    shared: Arc<Shared>,
) {
    let mut shipper = Shipper {
        token: token.clone(),
        target,
        conn: None,
        http: None,
    };
    let mut backoff = BACKOFF_START;
    let mut pending: Vec<Arc<LogLine>> = Vec::new();
    let mut frame_id = Uuid::new_v4();
    loop {
        if pending.is_empty() {
            pending = next_batch(&shared);
            if pending.is_empty() {
                shared.notify.notified().await;
                continue;
            }
            frame_id = Uuid::new_v4();
        }
        match shipper.send(&pending, frame_id).await {
            Ok(()) => {
                pending.clear();
                backoff = BACKOFF_START;
            }
            Err(error) => {
                // Once per backoff step; the collector keeps these out of this drain. The
                // app's log is read by every collaborator: never with the drain's password.
                let message = format!(
                    "Drain {token} ({url}) could not deliver: {error}; retrying in {}ms",
                    backoff.as_millis()
                );
                hub.emit(app_id, "heroku", "logplex", &outbound::redact(&message));
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(BACKOFF_MAX);
                // Lines lost meanwhile are announced before the retried batch's successors.
            }
        }
    }
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn line(message: &str) -> LogLine {
        LogLine {
            seq: 0,
            micros: 1_767_268_801_123_456,
            source: "app".into(),
            dyno: "web.1".into(),
            message: message.into(),
        }
    }

    #[test]
    fn formats_syslog_and_logplex_frames() {
        let m = syslog_message("d.abc", &line("hello"));
        assert_eq!(
            m,
            "<190>1 2026-01-01T12:00:01.123456+00:00 d.abc app web.1 - - hello"
        );
        assert_eq!(octet_frame(&m), format!("{} {m}", m.len()));
        let m = logplex_message("d.abc", &line("héllo"));
        assert_eq!(
            m,
            "<190>1 2026-01-01T12:00:01.123456+00:00 d.abc app web.1 - héllo"
        );
        let frame = octet_frame(&m);
        let (len, rest) = frame.split_once(' ').unwrap();
        assert_eq!(len.parse::<usize>().unwrap(), rest.len());
        assert_ne!(rest.len(), rest.chars().count());
    }

    #[test]
    fn parses_supported_urls_only() {
        assert_eq!(
            parse_target("syslog+tcp://logs.example.com:514").unwrap(),
            Target::Syslog {
                addr: "logs.example.com:514".into()
            }
        );
        assert_eq!(
            parse_target("syslog://127.0.0.1:6514").unwrap(),
            Target::Syslog {
                addr: "127.0.0.1:6514".into()
            }
        );
        assert!(matches!(
            parse_target("https://collector.example.com/logs"),
            Ok(Target::Http { .. })
        ));
        for bad in [
            "ftp://x:1",
            "syslog+tls://x:1",
            "syslog://x",
            "http://",
            "not a url",
            "udp://x:514",
        ] {
            assert!(parse_target(bad).is_err(), "{bad}");
        }
        assert!(
            parse_target("ftp://x")
                .unwrap_err()
                .contains("syslog+tcp://")
        );
    }

    #[test]
    fn a_full_buffer_drops_the_oldest_and_announces_it() {
        let mut buf = Buffer::default();
        for i in 0..BUFFER + 3 {
            buf.push(Arc::new(line(&format!("line {i}"))));
        }
        let batch = buf.take(2);
        assert_eq!(batch.len(), 3);
        assert!(
            batch[0]
                .message
                .starts_with("Error L10 (output buffer overflow): 3 messages dropped since 2026-01-01T12:00:01.123456+00:00"),
            "{}",
            batch[0].message
        );
        assert_eq!(
            (batch[0].source.as_str(), batch[0].dyno.as_str()),
            ("heroku", "logplex")
        );
        assert_eq!(batch[1].message, "line 3");
        assert_eq!(buf.take(1)[0].message, "line 5");
    }
}
