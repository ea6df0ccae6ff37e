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

/// The completion script for one shell.
pub fn render(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tug", &mut buf);
    buf
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
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    walk(&cmd, &mut pages)?;
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}
