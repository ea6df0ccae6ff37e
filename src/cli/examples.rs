//! What help shows beyond clap's own text, for every command at once: two or three examples at
//! the end, and usage lines in the `topic:verb` form people type (`tug ps:scale`, not
//! `tug ps scale`). A topic's commands get their examples by a line in [`EXAMPLES`]; the rest
//! is done by walking the tree, so a new command needs nothing else.

use super::example_table::{EXAMPLES, SERVICES};

/// The examples of the command named `topic:verb` (none if it has no entry).
pub fn examples(name: &str) -> &'static [&'static str] {
    EXAMPLES
        .iter()
        .chain(SERVICES)
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, lines)| *lines)
}

/// The tree with examples at the end of every command's help and `topic:verb` usage lines.
/// Only help and usage errors need it, so the dispatcher adds it when parsing failed.
pub fn decorate(root: clap::Command) -> clap::Command {
    let mut root = root;
    root.build();
    decorate_at(root, &[])
}

fn decorate_at(mut cmd: clap::Command, path: &[String]) -> clap::Command {
    let name = if path.is_empty() {
        "tug".to_string()
    } else {
        path.join(":")
    };
    let lines = examples(&name);
    if !lines.is_empty() {
        let mut text = String::from("Examples:\n");
        for line in lines {
            text.push_str(&format!("  $ {line}\n"));
        }
        let text = match cmd.get_after_help() {
            Some(before) => format!("{before}\n\n{}", text.trim_end()),
            None => text.trim_end().to_string(),
        };
        cmd = cmd.after_help(text.clone()).after_long_help(text);
    }
    if path.len() >= 2 && path[0] != "server" {
        // `Usage: tug ps scale [OPTIONS]…` → `Usage: tug ps:scale [OPTIONS]…`
        let spaced = format!("tug {}", path.join(" "));
        let usage = cmd.render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        let joined = usage.replace(&spaced, &format!("tug {}", path.join(":")));
        cmd = cmd.override_usage(joined);
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|n| n != "help")
        .collect();
    for sub in subs {
        let mut below = path.to_vec();
        below.push(sub.clone());
        cmd = cmd.mut_subcommand(&sub, |s| decorate_at(s, &below));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_visible_command_has_two_or_three_examples() {
        fn walk(cmd: &clap::Command, path: &[String], wrong: &mut Vec<String>) {
            for sub in cmd.get_subcommands() {
                if sub.is_hide_set() || sub.get_name() == "help" {
                    continue;
                }
                let mut below = path.to_vec();
                below.push(sub.get_name().to_string());
                let name = below.join(":");
                let count = examples(&name).len();
                if !(2..=3).contains(&count) {
                    wrong.push(format!("{name} ({count})"));
                }
                walk(sub, &below, wrong);
            }
        }
        let mut wrong = vec![];
        walk(&crate::cli::Cli::command(), &[], &mut wrong);
        assert!(
            wrong.is_empty(),
            "commands without two or three examples: {wrong:?}"
        );
    }

    /// The words of the first command on a shell line, up to a redirection, pipe or `&&`;
    /// quotes are removed as the shell would.
    fn first_command(line: &str) -> Vec<String> {
        let (mut words, mut word, mut quote, mut started) = (vec![], String::new(), None, false);
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => word.push(c),
                (None, '\'' | '"') => (quote, started) = (Some(c), true),
                (None, '<' | '>' | '|' | '&') => break,
                (None, ' ') => {
                    if started {
                        words.push(std::mem::take(&mut word));
                    }
                    started = false;
                }
                (None, c) => {
                    word.push(c);
                    started = true;
                }
            }
        }
        if started {
            words.push(word);
        }
        words
    }

    /// Every example that runs `tug` parses, as typed: the flags and arguments it shows exist.
    #[test]
    fn every_example_parses() {
        let root = crate::cli::Cli::command();
        let mut failed = vec![];
        for (name, lines) in EXAMPLES.iter().chain(SERVICES) {
            for line in *lines {
                let words = first_command(line);
                if words.first().map(String::as_str) != Some("tug") {
                    continue;
                }
                let args =
                    super::super::rewrite_args(&root, words.iter().map(Into::into).collect());
                if let Err(e) = root.clone().try_get_matches_from(args) {
                    failed.push(format!("{name}: `{line}`: {}", e.kind()));
                }
            }
        }
        assert!(failed.is_empty(), "examples that do not parse: {failed:#?}");
        assert_eq!(
            first_command("tug config:get -s 'A B' \"C\" >> .env"),
            ["tug", "config:get", "-s", "A B", "C"]
        );
    }

    #[test]
    fn help_ends_with_examples_and_uses_topic_verb() {
        let mut cmd = decorate(crate::cli::Cli::command());
        let scale = cmd
            .find_subcommand_mut("ps")
            .and_then(|ps| ps.find_subcommand_mut("scale"))
            .expect("ps scale");
        let help = scale.render_long_help().to_string();
        assert!(help.contains("Usage: tug ps:scale"), "{help}");
        assert!(
            help.trim_end()
                .ends_with("$ tug ps:scale web=1 worker=2:standard-2X -a demo"),
            "{help}"
        );
    }
}
