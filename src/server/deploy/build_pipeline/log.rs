//! The live output of a running build, kept in memory for those streaming it.

use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use crate::sync::lock;

/// What a reader of the live output gets: the pieces after those it had, in the order they
/// were written (a finished line with its number, or an update of the line being written as it
/// stood, numbered `None`), whether the build has ended, and where to read from next.
pub struct LiveOutput {
    pub pieces: Vec<(Option<usize>, String)>,
    pub done: Option<bool>,
    pub next: (usize, usize),
}

/// The live output of one build: every line so far, every update of a line while it was being
/// written (each with how many lines came before it; shown live, never kept), and a signal
/// when more arrive.
pub struct BuildLog {
    lines: Mutex<Vec<String>>,
    updates: Mutex<Vec<(usize, String)>>,
    done: Mutex<Option<bool>>,
    changed: watch::Sender<usize>,
}

impl BuildLog {
    pub fn new() -> Arc<BuildLog> {
        Arc::new(BuildLog {
            lines: Mutex::new(vec![]),
            updates: Mutex::new(vec![]),
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

    /// Adds an update of the line being written: what there is of it so far. A last word that
    /// may be the start of a URL is held back until the line ends: cut short, its credentials
    /// would escape [`redact`](crate::server::outbound::redact).
    pub fn push_unfinished(&self, so_far: &str) {
        let shown = match so_far.rfind(char::is_whitespace) {
            Some(at) if so_far[at..].contains(':') => &so_far[..at],
            None if so_far.contains(':') => "",
            _ => so_far,
        };
        if shown.is_empty() {
            return;
        }
        let shown = crate::server::outbound::redact(shown);
        let lines = lock(&self.lines);
        let n = lines.len();
        let mut updates = lock(&self.updates);
        if updates.last() == Some(&(n, shown.clone())) {
            return;
        }
        updates.push((n, shown));
        drop(updates);
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

    /// The lines after line `from.0` and the updates after update `from.1`, read at one
    /// moment and merged in the order they were written.
    pub fn read_live(&self, from: (usize, usize)) -> LiveOutput {
        let done = *lock(&self.done);
        let lines = lock(&self.lines);
        let updates = lock(&self.updates);
        let mut pieces = Vec::new();
        let mut next_update = updates.get(from.1..).unwrap_or_default().iter().peekable();
        for (i, line) in lines.iter().enumerate().skip(from.0) {
            // The updates of line `i + 1` came before it.
            while let Some((_, update)) = next_update.next_if(|(before, _)| *before <= i) {
                pieces.push((None, update.clone()));
            }
            pieces.push((Some(i + 1), line.clone()));
        }
        pieces.extend(next_update.map(|(_, update)| (None, update.clone())));
        LiveOutput {
            pieces,
            done,
            next: (lines.len(), updates.len()),
        }
    }

    pub fn text(&self) -> String {
        let lines = lock(&self.lines);
        let mut s = lines.join("\n");
        if !s.is_empty() {
            s.push('\n');
        }
        s
    }

    /// Waits for the build to end; whether it succeeded.
    pub async fn finished(&self) -> bool {
        let mut changed = self.subscribe();
        loop {
            if let Some(ok) = *lock(&self.done) {
                return ok;
            }
            if changed.changed().await.is_err() {
                return false;
            }
        }
    }

    pub fn subscribe(&self) -> watch::Receiver<usize> {
        self.changed.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_get_lines_and_updates_in_the_order_written() {
        let log = BuildLog::new();
        log.push("one");
        log.push_unfinished("10 %");
        let first = log.read_live((0, 0));
        assert_eq!(
            first.pieces,
            [(Some(1), "one".to_string()), (None, "10 %".to_string())]
        );
        log.push_unfinished("60 %");
        log.push("100 %");
        log.push_unfinished("Warming up");
        let next = log.read_live(first.next);
        assert_eq!(
            next.pieces,
            [
                (None, "60 %".to_string()),
                (Some(2), "100 %".to_string()),
                (None, "Warming up".to_string())
            ]
        );
        assert!(log.read_live(next.next).pieces.is_empty());
        // The kept log has finished lines only.
        assert_eq!(log.text(), "one\n100 %\n");
    }

    #[test]
    fn an_unfinished_url_is_held_back_until_its_line_ends() {
        let log = BuildLog::new();
        log.push_unfinished("Fetching https://user:hunt");
        log.push_unfinished("https://user:hunter2@example.com");
        let pieces = log.read_live((0, 0)).pieces;
        assert_eq!(pieces, [(None, "Fetching".to_string())]);
        log.push("Fetching https://user:hunter2@example.com/pack.tgz done");
        let text = log.text();
        assert!(!text.contains("hunter2"), "{text}");
    }
}
