//! The Procfile: one `name: command` per line at the app root.
//!
//! Rules (Heroku and foreman, read strictly so that a typo fails the build instead of silently
//! dropping a process type):
//! - a leading UTF-8 byte order mark is ignored; CRLF line endings are accepted;
//! - blank lines and lines whose first non-blank character is `#` are ignored;
//! - every other line is `name: command`; the name matches `^[A-Za-z0-9_-]{1,128}$` (what the
//!   Platform API accepts for process types), blanks around it are ignored, and the command is the
//!   rest of the line, trimmed and non-empty (`#` inside a command is part of the command);
//! - a type declared twice keeps the last command, with a warning (as Heroku does).

use std::fmt;

/// The longest process type name the Platform API accepts.
pub const MAX_TYPE_LEN: usize = 128;

/// The longest Procfile read, far beyond any real one.
pub const MAX_PROCFILE_BYTES: usize = 1024 * 1024;

/// A parsed Procfile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Procfile {
    /// Process types in the order they first appear, each with its (last) command.
    pub entries: Vec<(String, String)>,
    /// Things worth telling the user that do not fail the build (duplicates, an empty file).
    pub warnings: Vec<String>,
}

impl Procfile {
    /// The declared type names, in file order.
    pub fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|(name, _)| name.as_str()).collect()
    }
}

/// Why a Procfile was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcfileError {
    /// A line that is not `name: command`.
    Line {
        line: usize,
        content: String,
        reason: String,
    },
    /// A line that is not UTF-8.
    NotUtf8 { line: usize },
    /// Larger than [`MAX_PROCFILE_BYTES`].
    TooLarge { size: usize },
}

impl fmt::Display for ProcfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProcfileError::Line {
                line,
                content,
                reason,
            } => write!(f, "line {line}: `{content}`: {reason}"),
            ProcfileError::NotUtf8 { line } => write!(f, "line {line}: not valid UTF-8"),
            ProcfileError::TooLarge { size } => write!(
                f,
                "the file is {size} bytes; a Procfile may be at most {MAX_PROCFILE_BYTES} bytes"
            ),
        }
    }
}

impl std::error::Error for ProcfileError {}

/// Whether `name` is a valid process type name.
pub fn valid_type_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_TYPE_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Why `name` is not a valid process type name, if it is not.
pub fn type_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        Some("missing process type name before `:`".to_owned())
    } else if name.len() > MAX_TYPE_LEN {
        Some(format!(
            "process type name is longer than {MAX_TYPE_LEN} characters"
        ))
    } else if !valid_type_name(name) {
        Some(format!(
            "process type `{}` may contain only letters, digits, `-` and `_`",
            shorten(name)
        ))
    } else {
        None
    }
}

/// Parse the bytes of a Procfile.
pub fn parse(input: &[u8]) -> Result<Procfile, ProcfileError> {
    if input.len() > MAX_PROCFILE_BYTES {
        return Err(ProcfileError::TooLarge { size: input.len() });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let mut procfile = Procfile::default();
    // Line on which each type was last declared, to word duplicate warnings.
    let mut declared_on: Vec<usize> = Vec::new();

    for (index, raw) in input.split(|&b| b == b'\n').enumerate() {
        let number = index + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let line = std::str::from_utf8(raw).map_err(|_| ProcfileError::NotUtf8 { line: number })?;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let bad = |reason: String| ProcfileError::Line {
            line: number,
            content: shorten(trimmed),
            reason,
        };
        let Some((name, command)) = trimmed.split_once(':') else {
            return Err(bad("expected `name: command`".to_owned()));
        };
        let name = name.trim();
        let command = command.trim();
        if let Some(problem) = type_name_problem(name) {
            return Err(bad(problem));
        }
        if command.is_empty() {
            return Err(bad(format!("process type `{name}` has no command")));
        }
        match procfile.entries.iter().position(|(n, _)| n == name) {
            Some(at) => {
                procfile.warnings.push(format!(
                    "process type `{name}` is declared on line {} and again on line {number}; \
                     the command on line {number} is used",
                    declared_on[at]
                ));
                procfile.entries[at].1 = command.to_owned();
                declared_on[at] = number;
            }
            None => {
                procfile.entries.push((name.to_owned(), command.to_owned()));
                declared_on.push(number);
            }
        }
    }
    if procfile.entries.is_empty() {
        procfile
            .warnings
            .push("the Procfile declares no process types".to_owned());
    }
    Ok(procfile)
}

/// At most 100 characters of `text`, for error messages.
fn shorten(text: &str) -> String {
    const MAX: usize = 100;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(MAX).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn types(input: &str) -> Vec<(String, String)> {
        parse(input.as_bytes()).expect("valid Procfile").entries
    }

    fn pair(name: &str, command: &str) -> (String, String) {
        (name.to_owned(), command.to_owned())
    }

    fn line_error(input: &[u8]) -> (usize, String, String) {
        match parse(input) {
            Err(ProcfileError::Line {
                line,
                content,
                reason,
            }) => (line, content, reason),
            other => panic!("expected a line error, got {other:?}"),
        }
    }

    #[test]
    fn parses_types_in_file_order() {
        assert_eq!(
            types("web: gunicorn app:app --bind 0.0.0.0:$PORT\nworker: python worker.py\n"),
            vec![
                pair("web", "gunicorn app:app --bind 0.0.0.0:$PORT"),
                pair("worker", "python worker.py"),
            ]
        );
    }

    #[test]
    fn accepts_crlf_bom_comments_blank_lines_and_spacing() {
        let input = "\u{feff}# processes\r\n\r\n   \r\n  # indented comment\r\nweb:bundle exec puma\r\n  clock :  ruby clock.rb  \r\nurgent_worker-2: run\t\r\n";
        assert_eq!(
            types(input),
            vec![
                pair("web", "bundle exec puma"),
                pair("clock", "ruby clock.rb"),
                pair("urgent_worker-2", "run"),
            ]
        );
    }

    #[test]
    fn keeps_hashes_and_colons_inside_commands() {
        assert_eq!(
            types("web: echo '#not a comment' && run a:b # trailing\n"),
            vec![pair("web", "echo '#not a comment' && run a:b # trailing")]
        );
    }

    #[test]
    fn last_duplicate_wins_with_a_warning() {
        let procfile = parse(b"web: one\nworker: w\nweb: two\n").expect("valid");
        assert_eq!(
            procfile.entries,
            vec![pair("web", "two"), pair("worker", "w")]
        );
        assert_eq!(procfile.warnings.len(), 1);
        assert!(procfile.warnings[0].contains("line 1 and again on line 3"));
    }

    #[test]
    fn empty_file_parses_with_a_warning() {
        for input in ["", "\n\n", "# only a comment\n", "\u{feff}"] {
            let procfile = parse(input.as_bytes()).expect("valid");
            assert!(procfile.entries.is_empty());
            assert_eq!(procfile.warnings.len(), 1, "{input:?}");
        }
    }

    #[test]
    fn line_without_colon_is_named() {
        let (line, content, reason) = line_error(b"web: ok\n\nworker python worker.py\n");
        assert_eq!(line, 3);
        assert_eq!(content, "worker python worker.py");
        assert!(reason.contains("name: command"), "{reason}");
        let err = parse(b"web: ok\n\nworker python worker.py\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 3: `worker python worker.py`: expected `name: command`"
        );
    }

    #[test]
    fn bad_names_are_named() {
        for (input, needle) in [
            ("web api: run", "may contain only"),
            ("web.1: run", "may contain only"),
            ("wéb: run", "may contain only"),
            (": run", "missing process type"),
            ("  : run", "missing process type"),
        ] {
            let (line, _, reason) = line_error(input.as_bytes());
            assert_eq!(line, 1, "{input}");
            assert!(reason.contains(needle), "{input}: {reason}");
        }
        let long = format!("{}: run", "a".repeat(129));
        let (_, content, reason) = line_error(long.as_bytes());
        assert!(reason.contains("longer than 128"), "{reason}");
        assert!(content.ends_with('…'));
        assert!(parse(format!("{}: run", "a".repeat(128)).as_bytes()).is_ok());
    }

    #[test]
    fn empty_command_is_named() {
        let (line, content, reason) = line_error(b"# c\nweb:   \r\n");
        assert_eq!((line, content.as_str()), (2, "web:"));
        assert_eq!(reason, "process type `web` has no command");
    }

    #[test]
    fn invalid_utf8_and_huge_files_are_rejected() {
        assert_eq!(
            parse(b"web: ok\nworker: \xff\xfe\n"),
            Err(ProcfileError::NotUtf8 { line: 2 })
        );
        // A UTF-16 file is not silently accepted.
        assert!(parse(b"\xff\xfew\x00e\x00b\x00:\x00 \x00x\x00").is_err());
        let huge = vec![b'#'; MAX_PROCFILE_BYTES + 1];
        assert!(matches!(parse(&huge), Err(ProcfileError::TooLarge { .. })));
    }

    #[test]
    fn binary_garbage_never_panics() {
        let mut seed: u32 = 7;
        for _ in 0..500 {
            let bytes: Vec<u8> = (0..64)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (seed >> 16) as u8
                })
                .collect();
            let _ = parse(&bytes);
        }
    }
}
