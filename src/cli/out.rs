//! `Out`: the one place that writes to the terminal. stdout carries results only (data, tables,
//! JSON); stderr carries the talk (status lines, spinners, prompts, warnings, errors). It also
//! holds the TTY and colour decisions, made once at startup.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::cell::{Cell, RefCell};
use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use console::{Style, Term};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::api::Timestamp;
use crate::cli::env::Env;
use crate::cli::error::CliError;

/// Where output goes, and what the terminal on each side can do.
pub struct Out {
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    pub stdin_tty: bool,
    /// Colour on stdout.
    pub color: bool,
    /// Colour on stderr.
    pub color_stderr: bool,
    /// Set by a command given `--json`: no spinners, no prompts.
    json: Cell<bool>,
    /// Spinners may be drawn: stderr is a terminal that understands cursor movement.
    animate: bool,
    /// Terminal width for stdout, when it is a terminal.
    width: Option<usize>,
    now: Timestamp,
    sink: Sink,
}

enum Sink {
    Std,
    #[cfg_attr(not(test), allow(dead_code))]
    Buffers {
        stdout: RefCell<Vec<u8>>,
        stderr: RefCell<Vec<u8>>,
    },
}

impl Out {
    /// Decides TTYs and colour from the real streams and the environment.
    pub fn new(env: &Env, no_color_flag: bool) -> Out {
        let stdout_tty = io::stdout().is_terminal();
        let stderr_tty = io::stderr().is_terminal();
        let stdin_tty = io::stdin().is_terminal();
        let color = resolve_color(env, no_color_flag, stdout_tty);
        let color_stderr = resolve_color(env, no_color_flag, stderr_tty);
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(color_stderr);
        let width = if stdout_tty {
            Term::stdout().size_checked().map(|(_, w)| usize::from(w))
        } else {
            None
        };
        Out {
            stdout_tty,
            stderr_tty,
            stdin_tty,
            color,
            color_stderr,
            json: Cell::new(false),
            animate: stderr_tty && !env.dumb_term,
            width,
            now: Timestamp::now(),
            sink: Sink::Std,
        }
    }

    /// An `Out` that writes into buffers, as if nothing were a terminal.
    #[cfg(test)]
    pub fn test(tty: bool) -> Out {
        Out {
            stdout_tty: tty,
            stderr_tty: false,
            stdin_tty: false,
            color: false,
            color_stderr: false,
            json: Cell::new(false),
            animate: false,
            width: if tty { Some(80) } else { None },
            now: Timestamp(1_767_268_800),
            sink: Sink::Buffers {
                stdout: RefCell::new(Vec::new()),
                stderr: RefCell::new(Vec::new()),
            },
        }
    }

    #[cfg(test)]
    pub fn stdout_text(&self) -> String {
        match &self.sink {
            Sink::Std => String::new(),
            Sink::Buffers { stdout, .. } => String::from_utf8_lossy(&stdout.borrow()).into_owned(),
        }
    }

    #[cfg(test)]
    pub fn stderr_text(&self) -> String {
        match &self.sink {
            Sink::Std => String::new(),
            Sink::Buffers { stderr, .. } => String::from_utf8_lossy(&stderr.borrow()).into_owned(),
        }
    }

    /// A command was given `--json`: stdout gets one JSON document, nothing animates.
    pub fn set_json(&self, json: bool) {
        self.json.set(json);
    }

    pub fn is_json(&self) -> bool {
        self.json.get()
    }

    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Prompts are allowed only when a person is there to answer.
    pub fn can_prompt(&self) -> bool {
        self.stdin_tty && self.stdout_tty && !self.is_json()
    }

    fn write_stdout(&self, bytes: &[u8]) -> io::Result<()> {
        match &self.sink {
            Sink::Std => {
                let mut out = io::stdout().lock();
                out.write_all(bytes)?;
                out.flush()
            }
            Sink::Buffers { stdout, .. } => {
                stdout.borrow_mut().extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    fn write_stderr(&self, bytes: &[u8]) {
        match &self.sink {
            Sink::Std => {
                // Nothing useful can be done when stderr itself is gone.
                let mut err = io::stderr().lock();
                let _ = err.write_all(bytes);
                let _ = err.flush();
            }
            Sink::Buffers { stderr, .. } => stderr.borrow_mut().extend_from_slice(bytes),
        }
    }

    // ---- stdout: results -------------------------------------------------------------------

    /// One line of data on stdout.
    pub fn line(&self, text: &str) -> io::Result<()> {
        let mut buf = String::with_capacity(text.len() + 1);
        buf.push_str(text);
        buf.push('\n');
        self.write_stdout(buf.as_bytes())
    }

    /// Bytes on stdout as they are (a completion script).
    pub fn raw(&self, bytes: &[u8]) -> io::Result<()> {
        self.write_stdout(bytes)
    }

    /// Exactly one JSON document on stdout.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> anyhow::Result<()> {
        let mut text = serde_json::to_string_pretty(value)?;
        text.push('\n');
        self.write_stdout(text.as_bytes())?;
        Ok(())
    }

    /// `=== title` and a blank line, on a terminal only: piped output is data alone.
    pub fn header(&self, title: &str) -> io::Result<()> {
        if !self.stdout_tty {
            return Ok(());
        }
        let style = Style::new().bold();
        self.write_stdout(
            format!("{} {}\n\n", style.apply_to("==="), style.apply_to(title)).as_bytes(),
        )
    }

    /// A blank line between sections, on a terminal only.
    pub fn gap(&self) -> io::Result<()> {
        if self.stdout_tty {
            self.write_stdout(b"\n")
        } else {
            Ok(())
        }
    }

    pub fn table(&self, table: &Table) -> io::Result<()> {
        let text = table.render(self.stdout_tty, self.width, self.now, self.color);
        self.write_stdout(text.as_bytes())
    }

    /// `Key:  value` lines aligned on the longest key (one record, not a table).
    pub fn object(&self, pairs: &[(&str, Value)]) -> io::Result<()> {
        let text = render_object(pairs, self.stdout_tty, self.now);
        self.write_stdout(text.as_bytes())
    }

    /// A value as a terminal or a pipe should see it.
    pub fn value(&self, value: &Value) -> String {
        value.render(self.stdout_tty, self.now)
    }

    // ---- stderr: talk ----------------------------------------------------------------------

    /// A status line on stderr ("Creating demo... done").
    pub fn status(&self, text: &str) {
        self.write_stderr(format!("{text}\n").as_bytes());
    }

    pub fn warn(&self, text: &str) {
        let label = Style::new()
            .yellow()
            .bold()
            .for_stderr()
            .apply_to("warning:");
        self.write_stderr(format!("{label} {text}\n").as_bytes());
    }

    pub fn error_line(&self, text: &str) {
        let label = Style::new().red().bold().for_stderr().apply_to("error:");
        self.write_stderr(format!("{label} {text}\n").as_bytes());
    }

    pub fn cause_line(&self, text: &str) {
        self.write_stderr(format!("  caused by: {text}\n").as_bytes());
    }

    pub fn hint(&self, text: &str) {
        let label = Style::new().cyan().bold().for_stderr().apply_to("hint:");
        self.write_stderr(format!("{label} {text}\n").as_bytes());
    }

    /// Bytes on stderr as they are (a build's or a dyno's output).
    pub fn raw_stderr(&self, bytes: &[u8]) {
        self.write_stderr(bytes);
    }

    pub fn blank_stderr(&self) {
        self.write_stderr(b"\n");
    }

    /// An app name in a status line: `⬢ demo` in colour, `demo` without.
    pub fn app_name(&self, name: &str) -> String {
        if self.color_stderr {
            Style::new()
                .magenta()
                .for_stderr()
                .apply_to(format!("⬢ {name}"))
                .to_string()
        } else {
            name.to_string()
        }
    }

    /// Something named in a status line (an email, a key), cyan when colour is on.
    pub fn name(&self, text: &str) -> String {
        Style::new().cyan().for_stderr().apply_to(text).to_string()
    }

    /// Clap's own messages (help, version, usage errors); it picks stdout or stderr itself.
    pub fn clap(&self, err: &clap::Error) {
        match &self.sink {
            Sink::Std => {
                let _ = err.print();
            }
            Sink::Buffers { .. } => {
                let text = err.render().to_string();
                if err.use_stderr() {
                    self.write_stderr(text.as_bytes());
                } else {
                    let _ = self.write_stdout(text.as_bytes());
                }
            }
        }
    }

    /// A spinner on stderr while `message` is under way; a final line says how it ended.
    pub fn progress(&self, message: impl Into<String>) -> Progress<'_> {
        let message = message.into();
        let bar = if self.animate && !self.is_json() && matches!(self.sink, Sink::Std) {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}...") {
                bar.set_style(style);
            }
            bar.set_message(message.clone());
            bar.enable_steady_tick(Duration::from_millis(80));
            Some(bar)
        } else {
            None
        };
        Progress {
            out: self,
            message,
            bar,
            finished: false,
        }
    }

    // ---- prompts (stderr) ------------------------------------------------------------------

    /// Asks for a line of text. Callers check `can_prompt()` first.
    pub fn prompt(&self, prompt: &str) -> anyhow::Result<String> {
        dialoguer::Input::<String>::new()
            .with_prompt(prompt)
            .interact_text_on(&Term::stderr())
            .map_err(prompt_error)
    }

    /// Asks for a secret without echoing it. Callers check `can_prompt()` first.
    pub fn prompt_secret(&self, prompt: &str) -> anyhow::Result<String> {
        dialoguer::Password::new()
            .with_prompt(prompt)
            .interact_on(&Term::stderr())
            .map_err(prompt_error)
    }
}

fn prompt_error(err: dialoguer::Error) -> anyhow::Error {
    let dialoguer::Error::IO(io) = err;
    if io.kind() == io::ErrorKind::Interrupted {
        CliError::Interrupted.into()
    } else {
        anyhow::Error::new(io).context("could not read from the terminal")
    }
}

/// Colour: `--no-color`, then `NO_COLOR`, then `FORCE_COLOR`/`CLICOLOR_FORCE`, then the TTY.
fn resolve_color(env: &Env, no_color_flag: bool, tty: bool) -> bool {
    if no_color_flag || env.no_color {
        false
    } else if env.force_color {
        true
    } else {
        tty && !env.dumb_term
    }
}

/// The end of a spinner: on a terminal it is cleared and replaced by one line; elsewhere that one
/// line is all there is. Dropped unfinished (an error on the way), it ends with `!`.
pub struct Progress<'a> {
    out: &'a Out,
    message: String,
    bar: Option<ProgressBar>,
    finished: bool,
}

impl Progress<'_> {
    /// `Creating demo... done`
    pub fn done(self) {
        self.finish("done");
    }

    /// `Setting FOO and restarting demo... done, v2`
    pub fn finish(mut self, outcome: &str) {
        self.end(outcome);
    }

    fn end(&mut self, outcome: &str) {
        if self.finished {
            return;
        }
        self.finished = true;
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.out.status(&format!("{}... {outcome}", self.message));
    }
}

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        self.end("!");
    }
}

// ---- values, tables and records -----------------------------------------------------------

/// One cell of output. Times render as "2m ago" on a terminal and RFC 3339 when piped.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Time(Timestamp),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn render(&self, tty: bool, now: Timestamp) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Time(t) if tty => t.ago(now),
            Value::Time(t) => t.to_rfc3339(),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<Timestamp> for Value {
    fn from(t: Timestamp) -> Value {
        Value::Time(t)
    }
}

/// Rows of cells. On a terminal: aligned columns under dim upper-case headers, the `flex`
/// column shortened with `…` to fit the width. Piped: tab-separated, no header, each cell
/// escaped so that a row stays one line (`\t`, `\n`, `\\`).
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
    /// The column that gives up width on a narrow terminal.
    pub flex: Option<usize>,
}

impl Table {
    pub fn new(headers: Vec<&'static str>) -> Table {
        Table {
            headers,
            rows: Vec::new(),
            flex: None,
        }
    }

    pub fn flex(mut self, column: usize) -> Table {
        self.flex = Some(column);
        self
    }

    pub fn row(&mut self, cells: Vec<Value>) {
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self, tty: bool, width: Option<usize>, now: Timestamp, color: bool) -> String {
        let mut text = String::new();
        if !tty {
            for row in &self.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| escape_tsv(&c.render(false, now)))
                    .collect();
                text.push_str(&cells.join("\t"));
                text.push('\n');
            }
            return text;
        }
        let columns = self.headers.len();
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                (0..columns)
                    .map(|i| {
                        row.get(i)
                            .map(|c| sanitize(&c.render(true, now)))
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.len()).collect();
        for row in &cells {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(console::measure_text_width(cell));
            }
        }
        const GAP: usize = 2;
        if let (Some(total), Some(flex)) = (width, self.flex) {
            let used: usize = widths.iter().sum::<usize>() + GAP * columns.saturating_sub(1);
            if used > total && flex < columns {
                let others = used - widths[flex];
                widths[flex] = total
                    .saturating_sub(others)
                    .max(self.headers[flex].len())
                    .max(8);
            }
        }
        let dim = Style::new().dim();
        let header: Vec<String> = self.headers.iter().map(|h| h.to_uppercase()).collect();
        let lines = std::iter::once((header, true)).chain(cells.into_iter().map(|r| (r, false)));
        for (row, is_header) in lines {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                let cell = console::truncate_str(cell, widths[i], "…");
                let last = i + 1 == columns;
                let padded = if last {
                    cell.to_string()
                } else {
                    console::pad_str(&cell, widths[i], console::Alignment::Left, None).to_string()
                };
                if is_header && color {
                    line.push_str(&dim.apply_to(&padded).to_string());
                } else {
                    line.push_str(&padded);
                }
                if !last {
                    line.push_str(&" ".repeat(GAP));
                }
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }
}

/// `Key:  value` lines for one record. Multi-line values are escaped so the layout holds.
pub fn render_object(pairs: &[(&str, Value)], tty: bool, now: Timestamp) -> String {
    let width = pairs.iter().map(|(k, _)| k.len() + 1).max().unwrap_or(0);
    let mut text = String::new();
    for (key, value) in pairs {
        let label = format!("{key}:");
        let value = sanitize(&value.render(tty, now));
        text.push_str(format!("{label:<width$}  {value}").trim_end());
        text.push('\n');
    }
    text
}

/// A cell of tab-separated output: tab, newline, carriage return and backslash escaped.
pub fn escape_tsv(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a terminal: control characters (escape sequences from the data included) are shown
/// escaped rather than sent to the terminal.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(vec!["version", "description", "user", "created"]).flex(1);
        t.row(vec![
            "v3".into(),
            "Remove FOO config vars".into(),
            "admin@localhost".into(),
            Value::Time(Timestamp(1_767_268_800 - 120)),
        ]);
        t.row(vec![
            "v2".into(),
            "Set FOO, MSG config vars".into(),
            "admin@localhost".into(),
            Value::Time(Timestamp(1_767_268_800 - 7200)),
        ]);
        t
    }

    #[test]
    fn tables_on_a_terminal_are_aligned_with_headers_and_relative_times() {
        let out = Out::test(true);
        out.table(&sample()).unwrap();
        assert_eq!(
            out.stdout_text(),
            "VERSION  DESCRIPTION               USER             CREATED\n\
             v3       Remove FOO config vars    admin@localhost  2m ago\n\
             v2       Set FOO, MSG config vars  admin@localhost  2h ago\n"
        );
    }

    #[test]
    fn piped_tables_are_tab_separated_without_header_and_with_rfc3339_times() {
        let out = Out::test(false);
        out.table(&sample()).unwrap();
        assert_eq!(
            out.stdout_text(),
            "v3\tRemove FOO config vars\tadmin@localhost\t2026-01-01T11:58:00Z\n\
             v2\tSet FOO, MSG config vars\tadmin@localhost\t2026-01-01T10:00:00Z\n"
        );
    }

    #[test]
    fn piped_cells_are_escaped_so_rows_stay_on_one_line() {
        let mut t = Table::new(vec!["key", "value"]);
        t.row(vec!["A".into(), "tab\there\nnew\\line".into()]);
        assert_eq!(
            t.render(false, None, Timestamp(0), false),
            "A\ttab\\there\\nnew\\\\line\n"
        );
        assert_eq!(escape_tsv("plain"), "plain");
    }

    #[test]
    fn narrow_terminals_shorten_the_flex_column() {
        let text = sample().render(true, Some(50), Timestamp(1_767_268_800), false);
        for line in text.lines() {
            assert!(console::measure_text_width(line) <= 50, "{line:?}");
        }
        assert!(text.contains('…'));
    }

    #[test]
    fn terminal_cells_never_carry_control_characters() {
        let mut t = Table::new(vec!["name"]);
        t.row(vec!["evil\x1b[31mred\nnext".into()]);
        let text = t.render(true, Some(80), Timestamp(0), false);
        assert!(!text.contains('\x1b'));
        assert!(text.contains("evil\\u{1b}[31mred\\nnext"));
    }

    #[test]
    fn empty_tables_print_only_the_header_on_a_terminal_and_nothing_when_piped() {
        let t = Table::new(vec!["name"]);
        assert_eq!(t.render(true, None, Timestamp(0), false), "NAME\n");
        assert_eq!(t.render(false, None, Timestamp(0), false), "");
    }

    #[test]
    fn objects_align_keys_and_pick_time_format_by_tty() {
        let pairs = [
            ("Owner", Value::text("admin@localhost")),
            ("Created", Value::Time(Timestamp(1_767_268_800 - 60))),
        ];
        assert_eq!(
            render_object(&pairs, true, Timestamp(1_767_268_800)),
            "Owner:    admin@localhost\nCreated:  1m ago\n"
        );
        assert_eq!(
            render_object(&pairs, false, Timestamp(1_767_268_800)),
            "Owner:    admin@localhost\nCreated:  2026-01-01T11:59:00Z\n"
        );
    }

    #[test]
    fn progress_prints_one_line_and_marks_failures() {
        let out = Out::test(false);
        out.progress("Creating demo").done();
        {
            let _p = out.progress("Destroying demo");
        }
        out.progress("Setting FOO and restarting demo")
            .finish("done, v2");
        assert_eq!(
            out.stderr_text(),
            "Creating demo... done\nDestroying demo... !\nSetting FOO and restarting demo... done, v2\n"
        );
    }

    #[test]
    fn colour_follows_flags_then_env_then_tty() {
        let mut env = Env::default();
        assert!(resolve_color(&env, false, true));
        assert!(!resolve_color(&env, false, false));
        assert!(!resolve_color(&env, true, true));
        env.force_color = true;
        assert!(resolve_color(&env, false, false));
        env.no_color = true;
        assert!(!resolve_color(&env, false, true));
    }
}
