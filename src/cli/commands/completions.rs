//! `tug completions SHELL`, and the completion scripts and man pages checked in under
//! `completions/` and `man/` (rendered here so the command and the files always agree).

use clap::{Args as ClapArgs, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::cli::out::Out;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The shell to print a completion script for
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(args: &Args, out: &Out) -> anyhow::Result<()> {
    out.raw(&render(args.shell))?;
    Ok(())
}

/// The completion script for one shell. It asks `tug` itself what fits at the cursor
/// (`COMPLETE=SHELL tug -- WORDS…`, answered by [`complete_if_asked`]), so app names come from
/// the platform and every command added to the tree is completed with nothing to regenerate.
pub fn render(shell: Shell) -> Vec<u8> {
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let completer: &dyn EnvCompleter = match shell {
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Elvish => &Elvish,
        _ => &Bash,
    };
    let mut buf = Vec::new();
    if shell == Shell::Bash {
        // Commands are typed `topic:verb`: a colon must not split the word being completed.
        buf.extend_from_slice(b"COMP_WORDBREAKS=${COMP_WORDBREAKS//:}\n");
    }
    // Writing into a Vec cannot fail.
    let _ = completer.write_registration(COMPLETE_VAR, "tug", "tug", "tug", &mut buf);
    buf
}

/// The variable the completion scripts set when they ask `tug` for completions.
const COMPLETE_VAR: &str = "COMPLETE";

/// How long completing waits for the platform (app names); past it, nothing is offered.
const LOOKUP_LIMIT: std::time::Duration = std::time::Duration::from_millis(1500);

/// Answers a completion script's question and exits, when this run is one; returns otherwise.
pub fn complete_if_asked() {
    if std::env::var_os(COMPLETE_VAR).is_none() {
        return;
    }
    clap_complete::CompleteEnv::with_factory(completion_command)
        .var(COMPLETE_VAR)
        .complete();
}

/// The tree completions are computed from: every `topic:verb` (and `topic:group:verb`, as in
/// `pg:backups:capture`) offered as a command of its own next to the topics, and the
/// platform's app names for every argument whose value is an app (`-a/--app`, `apps:destroy
/// APP`, and whatever a new command names `APP`).
pub fn completion_command() -> clap::Command {
    let root = Cli::command();
    let mut joined = vec![];
    for topic in root.get_subcommands() {
        if topic.get_name() == "server" || topic.is_hide_set() {
            continue;
        }
        join_verbs(topic.get_name(), topic, &mut joined);
    }
    with_app_names(root.subcommands(joined))
}

/// Pushes each visible verb under `cmd` as `PREFIX:verb`, and the verbs under those, deeper.
/// A joined form keeps no aliases: `add` is `config:add`'s alias under `config`, not a command
/// of `tug`'s, so offering it at the top level would complete to something that does not run.
fn join_verbs(prefix: &str, cmd: &clap::Command, into: &mut Vec<clap::Command>) {
    for verb in cmd.get_subcommands() {
        if verb.is_hide_set() || verb.get_name() == "help" {
            continue;
        }
        let name = format!("{prefix}:{}", verb.get_name());
        join_verbs(&name, verb, into);
        into.push(verb.clone().name(name).alias(None));
    }
}

fn with_app_names(cmd: clap::Command) -> clap::Command {
    let cmd = cmd.mut_args(|arg| {
        let names_an_app = arg
            .get_value_names()
            .is_some_and(|names| names.iter().any(|n| n.as_str() == "APP"));
        if names_an_app {
            arg.add(clap_complete::ArgValueCandidates::new(app_names))
        } else {
            arg
        }
    });
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    subs.into_iter()
        .fold(cmd, |cmd, sub| cmd.mut_subcommand(sub, with_app_names))
}

/// The names of the apps the current account can use; none if the platform cannot say
/// within [`LOOKUP_LIMIT`] (a completion prints nothing rather than an error).
fn app_names() -> Vec<clap_complete::CompletionCandidate> {
    let env = crate::cli::env::Env::from_process();
    let out = Out::new(&env, true);
    let ctx = crate::cli::ctx::Ctx::new(out, env);
    let Ok(client) = ctx.client() else {
        return vec![];
    };
    let apps = ctx.block_on(async {
        tokio::time::timeout(LOOKUP_LIMIT, client.apps())
            .await
            .map_err(|_| anyhow::anyhow!("timed out"))?
            .map_err(anyhow::Error::from)
    });
    apps.map(|apps| {
        apps.into_iter()
            .map(|a| clap_complete::CompletionCandidate::new(a.name))
            .collect()
    })
    .unwrap_or_default()
}

/// The checked-in completion files: (file name, contents).
pub fn completion_files() -> Vec<(String, Vec<u8>)> {
    [
        (Shell::Bash, "tug.bash"),
        (Shell::Zsh, "_tug"),
        (Shell::Fish, "tug.fish"),
        (Shell::PowerShell, "_tug.ps1"),
        (Shell::Elvish, "tug.elv"),
    ]
    .into_iter()
    .map(|(shell, name)| (name.to_string(), render(shell)))
    .collect()
}

/// Man pages for `tug` and every visible subcommand: (file name, roff).
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn walk(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut buf = Vec::new();
        man.render(&mut buf)?;
        let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name());
        pages.push((format!("{}.1", name.replace(':', "-")), buf));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, pages)?;
        }
        Ok(())
    }
    let mut cmd = crate::cli::examples::decorate(Cli::command().disable_help_subcommand(true));
    cmd.build();
    let mut pages = Vec::new();
    walk(&cmd, &mut pages)?;
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}
