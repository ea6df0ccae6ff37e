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
    fn every_visible_command_has_examples() {
        fn walk(cmd: &clap::Command, path: &[String], missing: &mut Vec<String>) {
            for sub in cmd.get_subcommands() {
                if sub.is_hide_set() || sub.get_name() == "help" {
                    continue;
                }
                let mut below = path.to_vec();
                below.push(sub.get_name().to_string());
                if examples(&below.join(":")).is_empty() {
                    missing.push(below.join(":"));
                }
                walk(sub, &below, missing);
            }
        }
        let mut missing = vec![];
        walk(&crate::cli::Cli::command(), &[], &mut missing);
        assert!(missing.is_empty(), "commands without examples: {missing:?}");
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
