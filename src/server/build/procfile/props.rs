//! Properties of the Procfile parser: any bytes are a Procfile or an error (never a panic),
//! errors quote only the file, and a Procfile written from entries reads back as them.

use proptest::prelude::*;

use super::*;
use crate::props::config;

/// A command: one line with something in it besides blanks.
const COMMAND: &str = r"[^\n]*[^\s][^\n]*";

/// Distinct process types with commands as a Procfile holds them (one line, trimmed).
fn entries(at_least: usize) -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(("[A-Za-z0-9_-]{1,12}", COMMAND), at_least..8).prop_map(|pairs| {
        let mut out: Vec<(String, String)> = vec![];
        for (name, command) in pairs {
            let command = command.trim().to_owned();
            if !command.is_empty() && !out.iter().any(|(n, _)| *n == name) {
                out.push((name, command));
            }
        }
        out
    })
}

/// Lines a Procfile may hold besides entries: blanks and comments.
fn filler() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[ \t]{1,3}", "[ \t]{0,2}#[^\n]*",]
}

/// Bytes close to a Procfile: names, colons, comments, line ends and a little of anything.
fn procfile_like() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            Just(b"web".to_vec()),
            Just(b":".to_vec()),
            Just(b" ".to_vec()),
            Just(b"#".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\xEF\xBB\xBF".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..4),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_bytes_parse_or_are_refused_quoting_only_the_file(
        input in prop_oneof![proptest::collection::vec(any::<u8>(), 0..512), procfile_like()],
    ) {
        let text = String::from_utf8_lossy(&input);
        match parse(&input) {
            Ok(procfile) => {
                for (name, command) in &procfile.entries {
                    prop_assert!(valid_type_name(name));
                    prop_assert!(!command.is_empty() && text.contains(command.as_str()));
                }
            }
            Err(ProcfileError::Line { line, content, .. }) => {
                prop_assert!(line >= 1 && line <= input.split(|&b| b == b'\n').count());
                let quoted = content.strip_suffix('…').unwrap_or(&content);
                prop_assert!(text.contains(quoted), "{content:?} is not from the file");
                prop_assert!(content.chars().count() <= 101);
            }
            Err(ProcfileError::NotUtf8 { line }) => {
                prop_assert!(line >= 1 && line <= input.split(|&b| b == b'\n').count());
            }
            Err(ProcfileError::TooLarge { .. }) => prop_assert!(false, "small input refused as large"),
        }
    }

    #[test]
    fn a_written_procfile_reads_back(
        entries in entries(0),
        fillers in proptest::collection::vec(filler(), 8),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        spaced in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        for (i, (name, command)) in entries.iter().enumerate() {
            text.push_str(&fillers[i % fillers.len()]);
            text.push_str(end);
            if spaced {
                text.push_str(&format!("  {name} :  {command}  {end}"));
            } else {
                text.push_str(&format!("{name}: {command}{end}"));
            }
        }
        let procfile = parse(text.as_bytes()).unwrap();
        prop_assert_eq!(&procfile.entries, &entries);
        prop_assert_eq!(procfile.warnings.len(), usize::from(entries.is_empty()));
    }

    #[test]
    fn a_type_declared_twice_keeps_its_last_command(
        entries in entries(1),
        again in COMMAND,
    ) {
        let mut text: String = entries.iter().map(|(n, c)| format!("{n}: {c}\n")).collect();
        text.push_str(&format!("{}: {again}\n", entries[0].0));
        let procfile = parse(text.as_bytes()).unwrap();
        prop_assert_eq!(procfile.entries.len(), entries.len());
        prop_assert_eq!(procfile.entries[0].1.as_str(), again.trim());
        prop_assert_eq!(procfile.warnings.len(), 1);
    }
}
