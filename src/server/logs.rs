//! The log hub: every line an app, the router and the platform produce for an app, in order.
//! Per app it keeps the newest lines as history and hands new ones to live subscribers.
//! Writers never wait: a slow subscriber misses lines (and is told how many) rather than
//! holding anything up.

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
        let micros = time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000;
        LogLine {
            micros: i64::try_from(micros).unwrap_or(i64::MAX),
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

struct AppLog {
    history: VecDeque<Arc<LogLine>>,
    live: broadcast::Sender<Arc<LogLine>>,
}

#[derive(Clone, Default)]
pub struct LogHub {
    apps: Arc<Mutex<HashMap<Uuid, AppLog>>>,
}

impl LogHub {
    /// Adds a line to an app's log; over-long messages become several lines.
    pub fn emit(&self, app: Uuid, source: &str, dyno: &str, message: &str) {
        let message = message.trim_end_matches(['\n', '\r']);
        let mut chunks = vec![];
        let mut rest = message;
        while rest.len() > MAX_LINE {
            let mut cut = MAX_LINE;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            chunks.push(&rest[..cut]);
            rest = &rest[cut..];
        }
        chunks.push(rest);
        let mut apps = self.apps.lock().unwrap_or_else(|p| p.into_inner());
        let log = apps.entry(app).or_insert_with(|| AppLog {
            history: VecDeque::with_capacity(64),
            live: broadcast::channel(SUBSCRIBER_BUFFER).0,
        });
        for chunk in chunks {
            let line = Arc::new(LogLine::now(source, dyno, chunk));
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
        let apps = self.apps.lock().unwrap_or_else(|p| p.into_inner());
        apps.get(&app)
            .map(|log| {
                let skip = log.history.len().saturating_sub(n);
                log.history.iter().skip(skip).cloned().collect()
            })
            .unwrap_or_default()
    }

    /// History and a live subscription taken together, so no line falls between them.
    pub fn follow(
        &self,
        app: Uuid,
        n: usize,
    ) -> (Vec<Arc<LogLine>>, broadcast::Receiver<Arc<LogLine>>) {
        let mut apps = self.apps.lock().unwrap_or_else(|p| p.into_inner());
        let log = apps.entry(app).or_insert_with(|| AppLog {
            history: VecDeque::with_capacity(64),
            live: broadcast::channel(SUBSCRIBER_BUFFER).0,
        });
        let skip = log.history.len().saturating_sub(n);
        (
            log.history.iter().skip(skip).cloned().collect(),
            log.live.subscribe(),
        )
    }

    pub fn forget(&self, app: Uuid) {
        self.apps
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&app);
    }
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
}
