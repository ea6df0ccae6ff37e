//! What to say for a mistyped command or flag. Clap compares a word with the names at one
//! level of the tree, so `tug ps:scael` was offered `ps, scale` and never `ps:scale`; here every
//! command is compared by its full `topic:verb` name, the way people type it. The tree is walked,
//! so commands any topic adds are suggested with no list to keep.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The most suggestions shown.
const SHOWN: usize = 2;

/// A usage error in tug's words: the message and its `hint:` lines, for the clap errors where
/// clap's own text misleads. `None`: clap's text is right as it is.
pub fn usage_error(
    root: &clap::Command,
    args: &[std::ffi::OsString],
    err: &clap::Error,
) -> Option<(String, Vec<String>)> {
    let invalid = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    match err.kind() {
        ErrorKind::InvalidSubcommand => {
            let word = invalid(ContextKind::InvalidSubcommand)?;
            let path = command_path(root, args, &word);
            let mut typed = path.clone();
            typed.push(word.clone());
            let typed = typed.join(":");
            let hints = match suggest_command(root, &typed).as_slice() {
                [] => vec![format!(
                    "run `tug{} --help` to see the commands",
                    path.iter().map(|p| format!(" {p}")).collect::<String>()
                )],
                [one] => vec![format!("did you mean `tug {one}`?")],
                [one, two, ..] => vec![format!("did you mean `tug {one}` or `tug {two}`?")],
            };
            Some((format!("`{typed}` is not a tug command"), hints))
        }
        ErrorKind::UnknownArgument => {
            let flag = invalid(ContextKind::InvalidArg)?;
            let path = command_path(root, args, "");
            if !flag.starts_with('-') {
                // A mistyped verb where the topic also takes arguments (`tug ps scael`).
                let mut typed = path.clone();
                typed.push(flag.clone());
                let typed = typed.join(":");
                let near = suggest_command(root, &typed);
                let first = near.first()?;
                return Some((
                    format!("`{typed}` is not a tug command"),
                    vec![format!("did you mean `tug {first}`?")],
                ));
            }
            let name = name_of(&path);
            let mut hints = vec![];
            if let Some(ContextValue::String(near)) = err.get(ContextKind::SuggestedArg) {
                hints.push(format!("did you mean `{near}`?"));
            }
            let long = flag.split('=').next().unwrap_or(&flag);
            let elsewhere = commands_with_flag(root, long);
            if hints.is_empty() && !elsewhere.is_empty() {
                let list: Vec<String> = elsewhere
                    .iter()
                    .take(3)
                    .map(|c| format!("`tug {c}`"))
                    .collect();
                hints.push(format!("`{long}` is a flag of {}", list.join(", ")));
            }
            hints.push(format!("run `{name} --help` to see its flags"));
            Some((format!("`{name}` has no flag `{long}`"), hints))
        }
        _ => None,
    }
}

/// `tug ps:scale` for the path `["ps", "scale"]`.
fn name_of(path: &[String]) -> String {
    if path.is_empty() {
        "tug".to_string()
    } else {
        format!("tug {}", path.join(":"))
    }
}

/// The subcommands the (rewritten) arguments walk through before `stop_at` or a word that is
/// no subcommand.
fn command_path(root: &clap::Command, args: &[std::ffi::OsString], stop_at: &str) -> Vec<String> {
    let mut level = root;
    let mut path = vec![];
    for arg in args.iter().skip(1) {
        let Some(word) = arg.to_str() else { break };
        if word == stop_at || word == "--" {
            break;
        }
        if word.starts_with('-') {
            continue;
        }
        match level.find_subcommand(word) {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                level = sub;
            }
            None => break,
        }
    }
    path
}

/// Every command people can type, as `topic:verb` (`apps`, `apps:create`, `create`), hidden
/// aliases included: someone who types `tug scael` meant `tug scale`.
pub fn command_names(root: &clap::Command) -> Vec<String> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            if name == "help" {
                continue;
            }
            let full = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}:{name}")
            };
            // `server` holds the platform's own commands, not the toolbelt's.
            if name != "server" || !prefix.is_empty() {
                walk(sub, &full, out);
            }
            out.push(full);
        }
    }
    let mut out = vec![];
    walk(root, "", &mut out);
    out
}

/// The commands nearest to `typed` by edit distance, best first; only near ones.
pub fn suggest_command(root: &clap::Command, typed: &str) -> Vec<String> {
    let typed = typed.to_ascii_lowercase();
    let mut scored: Vec<(usize, String)> = command_names(root)
        .into_iter()
        .map(|name| (distance(&typed, &name), name))
        .filter(|(d, name)| *d <= close_enough(&typed, name))
        .collect();
    scored.sort();
    let best = scored.first().map_or(0, |(d, _)| *d);
    scored
        .into_iter()
        .take_while(|(d, _)| *d == best || *d <= best + 1 && best > 0)
        .take(SHOWN)
        .map(|(_, name)| name)
        .collect()
}

/// How many edits still read as a typo: a third of the longer word, at least one.
fn close_enough(a: &str, b: &str) -> usize {
    (a.chars().count().max(b.chars().count()) / 3).max(1)
}

/// The commands (as `topic:verb`) that take the long flag `--name`.
fn commands_with_flag(root: &clap::Command, flag: &str) -> Vec<String> {
    let Some(long) = flag.strip_prefix("--") else {
        return vec![];
    };
    let mut found = vec![];
    for name in command_names(root) {
        let mut cmd = root;
        for part in name.split(':') {
            match cmd.find_subcommand(part) {
                Some(sub) => cmd = sub,
                None => break,
            }
        }
        let has = cmd.get_arguments().any(|a| {
            !a.is_hide_set()
                && (a.get_long() == Some(long)
                    || a.get_all_aliases().is_some_and(|al| al.contains(&long)))
        });
        if has && !cmd.is_hide_set() {
            found.push(name);
        }
    }
    found
}

/// Damerau-Levenshtein distance (optimal string alignment): a swap of two neighbours, the
/// commonest typo (`scael`), counts as one edit.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn root() -> clap::Command {
        crate::cli::Cli::command()
    }

    #[test]
    fn distances() {
        assert_eq!(distance("scael", "scale"), 1);
        assert_eq!(distance("relases", "releases"), 1);
        assert_eq!(distance("", "ps"), 2);
        assert_eq!(distance("ps:scale", "ps:scale"), 0);
    }

    #[test]
    fn suggests_full_topic_verb_names() {
        let root = root();
        assert_eq!(suggest_command(&root, "ps:scael")[0], "ps:scale");
        assert_eq!(suggest_command(&root, "relases"), ["releases"]);
        assert_eq!(suggest_command(&root, "config:sett")[0], "config:set");
        assert!(suggest_command(&root, "frobnicate").is_empty());
        assert!(command_names(&root).contains(&"apps:destroy".to_string()));
        assert!(
            !command_names(&root)
                .iter()
                .any(|n| n.starts_with("server:"))
        );
    }

    #[test]
    fn flags_found_on_other_commands() {
        let root = root();
        assert!(commands_with_flag(&root, "--tail").contains(&"logs".to_string()));
        assert!(commands_with_flag(&root, "--nope").is_empty());
    }
}
