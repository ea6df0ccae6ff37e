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

mod build_output;
mod table;

pub use build_output::BuildOutput;
pub use table::{Table, Value, render_object};

/// Where output goes, and what the terminal on each side can do.
pub struct Out {
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    pub stdin_tty: bool,
    /// Colour on stdout.
    pub color: bool,
    /// Colour on stderr.
    pub color_stderr: bool,
    /// `--json` was given (set once by the dispatcher): no spinners, no prompts.
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

    /// The command was given `--json`: stdout gets one JSON document, nothing animates. The
    /// dispatcher (`cli::main`) sets it once, before any command runs; commands only read it.
    pub fn set_json(&self, json: bool) {
        self.json.set(json);
    }

    pub fn is_json(&self) -> bool {
        self.json.get()
    }

    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Ends a list command when the list says it all: under `--json` the list is printed as it
    /// is; an empty one gets `empty` as a status line, and `hint` if there is one. `false` when
    /// the command still has rows to draw.
    pub fn list_ended<T: Serialize>(
        &self,
        items: &[T],
        empty: &str,
        hint: Option<&str>,
    ) -> anyhow::Result<bool> {
        if self.is_json() {
            self.json(items)?;
            return Ok(true);
        }
        if items.is_empty() {
            self.status(empty);
            if let Some(hint) = hint {
                self.hint(hint);
            }
            return Ok(true);
        }
        Ok(false)
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
        if self.color {
            buf = table::close_styles(&buf);
        }
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
        self.write_stdout(table::close_styles(&text).as_bytes())
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
            shown: String::new(),
        }
    }

    // ---- prompts (stderr) ------------------------------------------------------------------

    /// Off a terminal: "cannot ask for X: stdin is not a terminal" + how to pass it instead.
    pub fn not_interactive(&self, what: impl Into<String>, hint: impl Into<String>) -> CliError {
        let reason = if self.is_json() {
            "`--json` turns prompts off"
        } else if !self.stdin_tty {
            "stdin is not a terminal"
        } else {
            "stdout is not a terminal"
        };
        CliError::NotInteractive {
            what: what.into(),
            reason,
            hint: hint.into(),
        }
    }

    /// A destructive command's confirmation: `given` (its `--confirm`) must be `name`; without
    /// it, a terminal is warned and asked to type the name, and anything else is refused with
    /// `refusing` and a hint naming `--confirm`. A wrong name is `mismatch`'s error.
    pub fn confirm_name(
        &self,
        name: &str,
        given: Option<&str>,
        warning: &str,
        mismatch: impl Fn(&str) -> CliError,
        refusing: String,
    ) -> anyhow::Result<()> {
        match given {
            Some(given) if given == name => Ok(()),
            Some(given) => Err(mismatch(given).into()),
            None if self.can_prompt() => {
                self.warn(warning);
                let answer = self.prompt(&format!(
                    "To proceed, type {name} (or run with `--confirm {name}`)"
                ))?;
                if answer.trim() == name {
                    Ok(())
                } else {
                    Err(mismatch(answer.trim()).into())
                }
            }
            None => Err(self
                .not_interactive(refusing, format!("pass `--confirm {name}`"))
                .into()),
        }
    }

    /// [`Out::confirm_name`] for the app a command changes: a wrong name is refused with
    /// `nothing_done` (`nothing was reset`) and a hint naming `--confirm`.
    pub fn confirm_app(
        &self,
        app: &str,
        given: Option<&str>,
        warning: &str,
        nothing_done: &str,
        refusing: String,
    ) -> anyhow::Result<()> {
        let mismatch = |given: &str| {
            CliError::failed(
                format!("`{given}` does not match the app name `{app}`; {nothing_done}"),
                format!("pass `--confirm {app}`"),
            )
        };
        self.confirm_name(app, given, warning, mismatch, refusing)
    }

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
    /// The last word on how far it has come.
    shown: String,
}

impl Progress<'_> {
    /// `Creating demo... done`
    pub fn done(self) {
        self.finish("done");
    }

    /// Says how far it has come (`web dynos up 1/2`): beside the spinner on a terminal, else a
    /// line of its own each time it changes.
    pub fn update(&mut self, now: &str) {
        if self.shown == now {
            return;
        }
        self.shown = now.to_string();
        match &self.bar {
            Some(bar) => bar.set_message(format!("{}: {now}", self.message)),
            None => self.out.status(now),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_prints_one_line_and_marks_failures() {
        let out = Out::test(false);
        out.progress("Creating demo").done();
        {
            let _p = out.progress("Destroying demo");
        }
        out.progress("Setting FOO and restarting demo")
            .finish("done, v2");
        let mut waiting = out.progress("Waiting for the web dynos");
        waiting.update("web dynos up 0/2");
        waiting.update("web dynos up 0/2");
        waiting.update("web dynos up 2/2");
        waiting.finish("done, 2 up");
        assert_eq!(
            out.stderr_text(),
            "Creating demo... done\nDestroying demo... !\nSetting FOO and restarting demo... done, v2\n\
             web dynos up 0/2\nweb dynos up 2/2\nWaiting for the web dynos... done, 2 up\n"
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
