//! The log hub: every line an app, the router and the platform produce for an app, in order.
//! Per app it keeps the newest lines as history and hands new ones to live subscribers.
//! Writers never wait: a slow subscriber misses lines (and is told how many) rather than
//! holding anything up.
//!
//! Every line carries its position in the app's log (`seq`), so a reader that lost its
//! connection resumes exactly after the last line it saw: timestamps cannot do that, since
//! lines share a microsecond and dynos' clocks interleave.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;
use uuid::Uuid;

/// How many lines of history each app keeps, like Logplex.
pub const HISTORY: usize = 1500;
/// Lines longer than this are split, like Logplex.
pub const MAX_LINE: usize = 10_000;
/// How far a live subscriber may fall behind before it loses lines.
const SUBSCRIBER_BUFFER: usize = 4096;

/// One log line: `2026-11-22T10:00:01.123456+00:00 app[web.1]: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// Position in the app's log: one more than the line before it. Set by the hub; 0 for a
    /// line that never went through it (a notice made for one reader).
    pub seq: u64,
    /// Microseconds since the Unix epoch.
    pub micros: i64,
    /// `app` for the app's own output, `heroku` for the platform's.
    pub source: String,
    /// `web.1`, `run.3`, `router`, `api`…
    pub dyno: String,
    pub message: String,
}

impl LogLine {
    pub fn now(source: &str, dyno: &str, message: impl Into<String>) -> LogLine {
        LogLine {
            micros: now_micros(),
            ..LogLine::unstamped(source, dyno, message)
        }
    }

    /// A line without its time yet: the hub stamps it as it takes it.
    fn unstamped(source: &str, dyno: &str, message: impl Into<String>) -> LogLine {
        LogLine {
            seq: 0,
            micros: 0,
            source: source.to_string(),
            dyno: dyno.to_string(),
            message: message.into(),
        }
    }

    /// The RFC 5424 timestamp with microseconds, as Logplex prints it.
    pub fn timestamp(&self) -> String {
        let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.micros) * 1000)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}+00:00",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.microsecond()
        )
    }

    pub fn render(&self) -> String {
        format!(
            "{} {}[{}]: {}",
            self.timestamp(),
            self.source,
            self.dyno,
            self.message
        )
    }
}

/// Microseconds since the Unix epoch, now.
fn now_micros() -> i64 {
    let micros = time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000;
    i64::try_from(micros).unwrap_or(i64::MAX)
}

struct AppLog {
    history: VecDeque<Arc<LogLine>>,
    live: broadcast::Sender<Arc<LogLine>>,
    /// The `seq` the next line gets.
    next: u64,
}

struct Inner {
    apps: HashMap<Uuid, AppLog>,
    /// Where every app's positions start in this process: the start time in microseconds,
    /// so positions from before a restart are smaller than any given after it (an app would
    /// have to log more than a line per microsecond of uptime to catch up).
    epoch: u64,
}

impl Inner {
    fn app(&mut self, app: Uuid) -> &mut AppLog {
        let epoch = self.epoch;
        self.apps.entry(app).or_insert_with(|| AppLog {
            history: VecDeque::with_capacity(64),
            live: broadcast::channel(SUBSCRIBER_BUFFER).0,
            next: epoch,
        })
    }
}

/// Lines of history after a position, and how many lines between were lost to it.
#[derive(Debug, Default)]
pub struct Since {
    pub lines: Vec<Arc<LogLine>>,
    /// Lines after the position that fell out of history (`None`: unknown, the position comes
    /// from before a restart).
    pub lost: Option<u64>,
}

#[derive(Clone)]
pub struct LogHub {
    inner: Arc<Mutex<Inner>>,
}

impl Default for LogHub {
    fn default() -> LogHub {
        let micros = time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000;
        LogHub {
            inner: Arc::new(Mutex::new(Inner {
                apps: HashMap::new(),
                epoch: u64::try_from(micros).unwrap_or(1).max(1),
            })),
        }
    }
}

impl LogHub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        crate::sync::lock(&self.inner)
    }

    /// Adds a line to an app's log; over-long messages become several lines.
    pub fn emit(&self, app: Uuid, source: &str, dyno: &str, message: &str) {
        let message = message.trim_end_matches(['\n', '\r']);
        if message.len() <= MAX_LINE {
            return self.push(app, [LogLine::unstamped(source, dyno, message)]);
        }
        let mut chunks = vec![];
        let mut rest = message;
        while rest.len() > MAX_LINE {
            let mut cut = MAX_LINE;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            chunks.push(LogLine::unstamped(source, dyno, &rest[..cut]));
            rest = &rest[cut..];
        }
        chunks.push(LogLine::unstamped(source, dyno, rest));
        self.push(app, chunks);
    }

    /// Adds lines made outside the lock; they are stamped inside it, so that times never run
    /// backwards along positions.
    fn push(&self, app: Uuid, lines: impl IntoIterator<Item = LogLine>) {
        let mut inner = self.lock();
        let micros = now_micros();
        let log = inner.app(app);
        for mut line in lines {
            line.micros = micros;
            line.seq = log.next;
            log.next += 1;
            let line = Arc::new(line);
            if log.history.len() == HISTORY {
                log.history.pop_front();
            }
            log.history.push_back(line.clone());
            // No receivers is fine: nobody is following.
            let _ = log.live.send(line);
        }
    }

    /// The newest `n` lines of history, oldest first.
    pub fn history(&self, app: Uuid, n: usize) -> Vec<Arc<LogLine>> {
        let inner = self.lock();
        inner
            .apps
            .get(&app)
            .map(|log| {
                let skip = log.history.len().saturating_sub(n);
                log.history.iter().skip(skip).cloned().collect()
            })
            .unwrap_or_default()
    }

    /// The lines of history after position `after`, oldest first.
    pub fn since(&self, app: Uuid, after: u64) -> Since {
        let inner = self.lock();
        match inner.apps.get(&app) {
            Some(log) => since(log, inner.epoch, after),
            None => Since::default(),
        }
    }

    /// History and a live subscription taken together, so no line falls between them.
    pub fn follow(
        &self,
        app: Uuid,
        n: usize,
    ) -> (Vec<Arc<LogLine>>, broadcast::Receiver<Arc<LogLine>>) {
        let mut inner = self.lock();
        let log = inner.app(app);
        let skip = log.history.len().saturating_sub(n);
        (
            log.history.iter().skip(skip).cloned().collect(),
            log.live.subscribe(),
        )
    }

    /// Like `follow`, from just after position `after` instead of the newest lines.
    pub fn follow_since(
        &self,
        app: Uuid,
        after: u64,
    ) -> (Since, broadcast::Receiver<Arc<LogLine>>) {
        let mut inner = self.lock();
        let epoch = inner.epoch;
        let log = inner.app(app);
        (since(log, epoch, after), log.live.subscribe())
    }

    pub fn forget(&self, app: Uuid) {
        self.lock().apps.remove(&app);
    }
}

fn since(log: &AppLog, epoch: u64, after: u64) -> Since {
    let lines: Vec<Arc<LogLine>> = log
        .history
        .iter()
        .filter(|l| l.seq > after)
        .cloned()
        .collect();
    // Positions are contiguous within a process: what lies between `after` and the oldest
    // line kept was lost. A position from before this process started tells nothing.
    let oldest = log.history.front().map_or(log.next, |l| l.seq);
    let next = after.saturating_add(1);
    let lost = if next >= epoch {
        Some(oldest.saturating_sub(next))
    } else {
        None
    };
    Since { lines, lost }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_lines_and_splits_long_ones() {
        let hub = LogHub::default();
        let app = Uuid::new_v4();
        for i in 0..HISTORY + 10 {
            hub.emit(app, "app", "web.1", &format!("line {i}"));
        }
        let h = hub.history(app, 2000);
        assert_eq!(h.len(), HISTORY);
        assert_eq!(h[0].message, "line 10");
        hub.emit(app, "app", "web.1", &"é".repeat(MAX_LINE));
        let h = hub.history(app, 3);
        assert_eq!(h.len(), 3);
        assert!(h.iter().all(|l| l.message.len() <= MAX_LINE));
        assert!(hub.history(Uuid::new_v4(), 10).is_empty());
    }

    #[test]
    fn renders_logplex_lines() {
        let line = LogLine {
            seq: 0,
            micros: 1_767_268_801_123_456,
            source: "app".into(),
            dyno: "web.1".into(),
            message: "hello".into(),
        };
        assert_eq!(
            line.render(),
            "2026-01-01T12:00:01.123456+00:00 app[web.1]: hello"
        );
    }

    #[tokio::test]
    async fn followers_get_new_lines() {
        let hub = LogHub::default();
        let app = Uuid::new_v4();
        hub.emit(app, "heroku", "api", "before");
        let (history, mut live) = hub.follow(app, 10);
        assert_eq!(history.len(), 1);
        hub.emit(app, "app", "web.1", "after");
        assert_eq!(live.recv().await.unwrap().message, "after");
    }

    #[test]
    fn positions_resume_without_gap_or_repeat() {
        let hub = LogHub::default();
        let app = Uuid::new_v4();
        // Lines logged in the same microsecond still have distinct, ordered positions.
        for i in 0..10 {
            hub.emit(app, "app", "web.1", &format!("line {i}"));
        }
        let all = hub.history(app, 10);
        assert!(all.windows(2).all(|w| w[1].seq == w[0].seq + 1));
        let rest = hub.since(app, all[6].seq);
        assert_eq!(rest.lost, Some(0));
        let messages: Vec<&str> = rest.lines.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(messages, ["line 7", "line 8", "line 9"]);
        assert!(hub.since(app, all[9].seq).lines.is_empty());
        // A reader that fell behind the history learns how many lines it lost.
        for i in 10..HISTORY + 20 {
            hub.emit(app, "app", "web.1", &format!("line {i}"));
        }
        let rest = hub.since(app, all[9].seq);
        assert_eq!(rest.lost, Some(10));
        assert_eq!(rest.lines.len(), HISTORY);
        assert_eq!(rest.lines[0].message, "line 20");
        // A position from an earlier run of the server: everything kept is new.
        let old = hub.since(app, 5);
        assert_eq!((old.lost, old.lines.len()), (None, HISTORY));
    }
}
