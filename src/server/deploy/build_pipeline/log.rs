//! The live output of a running build, kept in memory for those streaming it.

use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use crate::sync::lock;

/// The live output of one build: every line so far, and a signal when more arrive.
pub struct BuildLog {
    lines: Mutex<Vec<String>>,
    done: Mutex<Option<bool>>,
    changed: watch::Sender<usize>,
}

impl BuildLog {
    pub fn new() -> Arc<BuildLog> {
        Arc::new(BuildLog {
            lines: Mutex::new(vec![]),
            done: Mutex::new(None),
            changed: watch::channel(0).0,
        })
    }

    /// Adds a line, with the credentials of any URL in it (a buildpack's, a source's) hidden:
    /// the output is read by every collaborator and kept.
    pub fn push(&self, line: impl Into<String>) {
        let line = crate::server::outbound::redact(&line.into());
        let mut lines = lock(&self.lines);
        lines.push(line);
        let n = lines.len();
        drop(lines);
        self.changed.send_replace(n);
    }

    pub fn finish(&self, ok: bool) {
        *lock(&self.done) = Some(ok);
        let n = lock(&self.lines).len();
        self.changed.send_replace(n + 1);
    }

    /// Lines from `from` on, and whether the build has ended (`Some(succeeded)`).
    pub fn read_from(&self, from: usize) -> (Vec<String>, Option<bool>) {
        let done = *lock(&self.done);
        let lines = lock(&self.lines);
        (lines.get(from..).unwrap_or_default().to_vec(), done)
    }

    pub fn text(&self) -> String {
        let lines = lock(&self.lines);
        let mut s = lines.join("\n");
        if !s.is_empty() {
            s.push('\n');
        }
        s
    }

    pub fn subscribe(&self) -> watch::Receiver<usize> {
        self.changed.subscribe()
    }
}
