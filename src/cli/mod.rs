//! The command-line toolbelt: the clap command tree, the `topic:verb` → `topic verb` rewrite, and
//! one exhaustive match that dispatches every command.

pub mod args;
pub mod client;
pub mod commands;
pub mod config;
pub mod credentials;
pub mod ctx;
pub mod env;
pub mod error;
mod example_table;
pub mod examples;
pub mod git;
pub mod out;
pub mod render;
pub mod suggest;
pub mod toml_file;

use std::collections::VecDeque;
use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::ExitStatus;
use commands::{
    access, addons, apps, auth, authorizations, buildpacks, builds, certs, completions,
    config as config_vars, dashboard, deploy, deployments, domains, drains, dyno_sizes,
    git as git_cmd, labs, logs, maintenance, open, pg, pipelines, ps, redis, releases, reviewapps,
    run as run_cmd, statuses, up, webhooks,
};
use ctx::Ctx;
use env::Env;
use out::Out;

/// tug: a self-hosted Heroku. `git push` to deploy, buildpacks and builds, config vars,
/// releases and rollbacks, collaborators, all through the Platform API v3 of a `tug server`.
#[derive(Debug, Parser)]
#[command(
    name = "tug",
    version,
    arg_required_else_help = true,
    after_help = "Every `topic verb` also works as `topic:verb` (`tug apps:create`, `tug config:set`).\n\
                  The platform: `TUG_API_URL`, else the URL `tug login --api-url` remembered, else http://127.0.0.1:7700."
)]
pub struct Cli {
    /// Never use colour (also: `NO_COLOR`)
    #[arg(long, global = true)]
    pub no_color: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in to a tug platform and store the token
    ///
    /// On a terminal it asks for an email and password. Elsewhere, pipe a token into
    /// `tug login --with-token`, or a password into `tug login --email EMAIL --password-stdin`.
    /// The token goes to the OS keyring, or to a file of mode 0600 where there is none.
    Login(auth::LoginArgs),
    /// Forget the stored token (and revoke it when `tug login` created it)
    Logout(auth::LogoutArgs),
    /// Show the email of the account in use
    Whoami(auth::WhoamiArgs),
    /// Log in and out, and show the account or the token
    Auth(auth::Args),
    /// List the account's API tokens, and rotate one
    Authorizations(authorizations::Args),
    /// Create an app (same as `tug apps create`)
    Create(apps::CreateArgs),
    /// List, create, inspect, rename and destroy apps
    Apps(apps::Args),
    /// Show an app (same as `tug apps info`)
    #[command(hide = true)]
    Info(apps::InfoArgs),
    /// Rename an app (same as `tug apps rename`)
    #[command(hide = true)]
    Rename(apps::RenameArgs),
    /// Destroy an app (same as `tug apps destroy`)
    #[command(hide = true)]
    Destroy(apps::DestroyArgs),
    /// Wire a git repository to an app: set its remote, or clone it
    Git(git_cmd::Args),
    /// List an app's builds, and show one's details or output
    Builds(builds::Args),
    /// Show and change the buildpacks an app's builds run
    Buildpacks(buildpacks::Args),
    /// Show and change an app's config vars; each change is a new release
    Config(config_vars::Args),
    /// List and inspect an app's releases, and roll back to an earlier one
    Releases(releases::Args),
    /// Roll back to an earlier release (same as `tug releases rollback`)
    #[command(hide = true)]
    Rollback(releases::RollbackArgs),
    /// List an app's dynos; scale, restart, stop and resize them
    Ps(ps::Args),
    /// Show or change the formation (same as `tug ps scale`)
    #[command(hide = true)]
    Scale(ps::ScaleArgs),
    /// Restart dynos (same as `tug ps restart`)
    #[command(hide = true)]
    Restart(ps::RestartArgs),
    /// Stop dynos (same as `tug ps stop`)
    #[command(hide = true)]
    Stop(ps::StopArgs),
    /// List the dyno sizes, with the memory and CPU share each one gets
    DynoSizes(dyno_sizes::Args),
    /// Run a command in a one-off dyno, attached to this terminal
    ///
    /// stdin, stdout and stderr are connected to the command, and tug exits with its exit code.
    /// On a terminal the dyno gets one too (raw mode; `--no-tty` turns that off).
    /// `tug run detached` (`run:detached`) runs it in the background instead.
    Run(run_cmd::Args),
    /// Open the app's URL in a browser (`BROWSER`, else `xdg-open` or `open`)
    Open(open::OpenArgs),
    /// Open the web dashboard in a browser, already signed in
    ///
    /// The browser gets a link that signs it in once and expires in 60 s; the API token never
    /// leaves this machine. With `-a APP` the dashboard opens on that app's page.
    #[command(mut_arg("app", |a| a.help("The app whose page to open [default: the apps list]")))]
    Dashboard(dashboard::Args),
    /// Deploy a directory: start a local platform if none runs, create the app, build, serve
    ///
    /// The directory (a git repository or not; `.gitignore` is respected) is uploaded as a
    /// source tarball and built. When the web dynos are up, the app's URL is printed.
    Up(up::UpArgs),
    /// Deploy a branch, tag or commit of this repository, after checking it is safe
    ///
    /// REF (default HEAD) is resolved here, checked against the environment's rules in
    /// deploy.yml (`auto_merge`: not behind the default branch; `required_contexts`: these
    /// commit statuses are `success`), then exactly that commit is built and released.
    /// `deploy:lock` and `deploy:unlock` freeze and thaw every way of deploying the app.
    Deploy(deploy::Args),
    /// The record of every deploy of an app, and each one's history
    Deployments(deployments::Args),
    /// Show and set commit statuses: what CI says about a commit
    Statuses(statuses::Args),
    /// Show an app's log: the newest lines, or follow it with --tail
    Logs(logs::Args),
    /// List, add and remove log drains: where an app's log is also sent
    Drains(drains::Args),
    /// Postgres and Redis for an app: create, attach, detach, destroy, list plans
    Addons(addons::Args),
    /// An app's Postgres databases: usage, `psql`, new credentials
    Pg(pg::Args),
    /// An app's Redis add-ons: usage, `redis-cli`, new credentials
    Redis(redis::Args),
    /// The hostnames an app answers at: list, add, inspect, remove and wait for custom domains
    Domains(domains::Args),
    /// Certificates for an app's custom domains on the HTTPS router: upload, list, replace
    Certs(certs::Args),
    /// HTTP notifications of an app's builds, releases, scaling and dynos: add, list, inspect
    Webhooks(webhooks::Args),
    /// Who can use an app: list, add and remove collaborators
    Access(access::Args),
    /// Group apps by stage and promote a stage's exact slug to the next, without a build
    Pipelines(pipelines::Args),
    /// An app per branch in a pipeline's review stage, made from the branch's app.json
    Reviewapps(reviewapps::Args),
    /// Show, or turn on and off, an app's maintenance mode
    Maintenance(maintenance::Args),
    /// List an app's features (dyno metadata, preboot, runtime metrics) and turn them on or off
    Labs(labs::Args),
    /// Print a shell completion script to stdout
    Completions(completions::Args),
    /// Run the tug platform: the Platform API, git over HTTP, builds, dynos, the router and logs
    Server(Box<crate::server::ServerArgs>),
}

/// Parses the command line, runs the command, renders any error.
pub fn main() -> ExitStatus {
    completions::complete_if_asked();
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut command = Cli::command();
    let args = rewrite_args(&command, args);
    let no_color = args
        .iter()
        .take_while(|a| *a != "--")
        .any(|a| a == "--no-color");
    let env = Env::from_process();
    let out = Out::new(&env, no_color);
    if !out.color_stderr {
        command = command.color(clap::ColorChoice::Never);
    }
    let parsed = command
        .try_get_matches_from_mut(args.clone())
        .and_then(|m| Ok((Cli::from_arg_matches(&m)?, wants_json(&m))));
    let (cli, json) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            // Help and usage errors show the examples and `topic:verb` usage lines; they are
            // added only now, so that a command that parses pays nothing for them.
            let e = match examples::decorate(command.clone()).try_get_matches_from_mut(args.clone())
            {
                Err(decorated) if decorated.kind() == e.kind() => decorated,
                _ => e,
            };
            if let Some((message, hints)) = suggest::usage_error(&command, &args, &e) {
                out.error_line(&message);
                out.blank_stderr();
                for hint in hints {
                    out.hint(&hint);
                }
                return ExitStatus::Usage;
            }
            out.clap(&e);
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitStatus::Success
                }
                _ => ExitStatus::Usage,
            };
        }
    };
    // The output mode is decided here, once, for every command: commands ask `out.is_json()`.
    out.set_json(json);
    let ctx = Ctx::new(out, env);
    match run(cli.command, &ctx) {
        Ok(status) => status,
        Err(err) => render::render(&err, &ctx.out, &ctx.render_context()),
    }
}

/// Whether the command that runs was given `--json` (the flag of `JsonArg`, on the innermost
/// subcommand; commands without it never print JSON).
fn wants_json(matches: &clap::ArgMatches) -> bool {
    let mut leaf = matches;
    while let Some((_, sub)) = leaf.subcommand() {
        leaf = sub;
    }
    matches!(leaf.try_get_one::<bool>("json"), Ok(Some(true)))
}

fn run(command: Command, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Login(args) => auth::login(args, ctx)?,
        Command::Logout(args) => auth::logout(args, ctx)?,
        Command::Whoami(_) => auth::whoami(ctx)?,
        Command::Auth(args) => auth::run(args, ctx)?,
        Command::Authorizations(args) => authorizations::run(args, ctx)?,
        Command::Create(args) => apps::create(args, ctx)?,
        Command::Apps(args) => apps::run(args, ctx)?,
        Command::Info(args) => apps::info(&args, ctx)?,
        Command::Rename(args) => apps::rename(&args, ctx)?,
        Command::Destroy(args) => apps::destroy(&args, ctx)?,
        Command::Git(args) => git_cmd::run(args, ctx)?,
        Command::Builds(args) => builds::run(args, ctx)?,
        Command::Buildpacks(args) => buildpacks::run(args, ctx)?,
        Command::Config(args) => config_vars::run(args, ctx)?,
        Command::Releases(args) => releases::run(args, ctx)?,
        Command::Rollback(args) => releases::rollback(&args, ctx)?,
        Command::Ps(args) => ps::run(args, ctx)?,
        Command::Scale(args) => ps::scale(&args, ctx)?,
        Command::Restart(args) => ps::restart(&args, ctx)?,
        Command::Stop(args) => ps::stop(&args, ctx)?,
        Command::DynoSizes(args) => dyno_sizes::run(&args, ctx)?,
        Command::Run(args) => return run_cmd::run(args, ctx),
        Command::Open(args) => open::open(&args, ctx)?,
        Command::Dashboard(args) => dashboard::run(&args, ctx)?,
        Command::Up(args) => up::up(&args, ctx)?,
        Command::Access(args) => access::run(args, ctx)?,
        Command::Pipelines(args) => pipelines::run(args, ctx)?,
        Command::Reviewapps(args) => reviewapps::run(args, ctx)?,
        Command::Maintenance(args) => maintenance::run(args, ctx)?,
        Command::Labs(args) => labs::run(args, ctx)?,
        Command::Deploy(args) => deploy::run(args, ctx)?,
        Command::Deployments(args) => deployments::run(args, ctx)?,
        Command::Statuses(args) => statuses::run(args, ctx)?,
        Command::Logs(args) => logs::run(args, ctx)?,
        Command::Drains(args) => drains::run(args, ctx)?,
        Command::Addons(args) => addons::run(args, ctx)?,
        Command::Pg(args) => return pg::run(args, ctx),
        Command::Redis(args) => return redis::run(args, ctx),
        Command::Domains(args) => domains::run(args, ctx)?,
        Command::Certs(args) => certs::run(args, ctx)?,
        Command::Webhooks(args) => webhooks::run(args, ctx)?,
        Command::Completions(args) => completions::run(&args, &ctx.out)?,
        Command::Server(args) => return crate::server::main(*args),
    }
    Ok(ExitStatus::Success)
}

/// Rewrites `topic:verb` into `topic verb`, walking the command tree so that only real
/// subcommands are split: `a:b` becomes `a b` when `a` is a subcommand at the current level and
/// `b` one of `a`'s. A word that is itself a subcommand's name (`server users:add`) is kept, and
/// nothing after the first plain argument is touched (`config:set URL=http://x`).
pub fn rewrite_args(root: &clap::Command, args: Vec<OsString>) -> Vec<OsString> {
    let mut pending: VecDeque<OsString> = args.into();
    let mut out: Vec<OsString> = Vec::with_capacity(pending.len() + 2);
    if let Some(bin) = pending.pop_front() {
        out.push(bin);
    }
    let mut path: Vec<&clap::Command> = vec![root];
    while let Some(arg) = pending.pop_front() {
        let level = path[path.len() - 1];
        let Some(word) = arg.to_str().map(str::to_string) else {
            out.push(arg);
            break;
        };
        if word == "--" {
            out.push(arg);
            break;
        }
        if level.get_name() == "help" && (word == "--help" || word == "-h") {
            // clap's `help` takes no flags: `tug help --help` is `tug help help`, as every other
            // command's `--help` works.
            out.push(OsString::from("help"));
            continue;
        }
        if let Some(long) = word.strip_prefix("--") {
            out.push(arg);
            if !long.contains('=')
                && long_takes_value(&path, long)
                && let Some(value) = pending.pop_front()
            {
                out.push(value);
            }
            continue;
        }
        if word.len() > 1 && word.starts_with('-') {
            out.push(arg);
            if short_cluster_takes_next(&path, &word[1..])
                && let Some(value) = pending.pop_front()
            {
                out.push(value);
            }
            continue;
        }
        if level.get_name() == "help" {
            // `tug help config:set` → `tug help config set`
            out.extend(
                word.split(':')
                    .filter(|w| !w.is_empty())
                    .map(OsString::from),
            );
            continue;
        }
        if let Some(sub) = level.find_subcommand(&word) {
            out.push(arg);
            path.push(sub);
            continue;
        }
        if let Some((topic, rest)) = word.split_once(':')
            && let Some(sub) = level.find_subcommand(topic)
        {
            let verb = rest.split(':').next().unwrap_or_default();
            if sub.find_subcommand(rest).is_some() || sub.find_subcommand(verb).is_some() {
                out.push(OsString::from(topic));
                pending.push_front(OsString::from(rest));
                path.push(sub);
                continue;
            }
        }
        if level.get_name() == "tug" && word == "help" {
            out.push(arg);
            path.push(HELP.get_or_init(|| clap::Command::new("help")));
            continue;
        }
        out.push(arg);
        break;
    }
    out.extend(pending);
    out
}

static HELP: std::sync::OnceLock<clap::Command> = std::sync::OnceLock::new();

fn find_arg<'a>(
    path: &[&'a clap::Command],
    matches: impl Fn(&clap::Arg) -> bool,
) -> Option<&'a clap::Arg> {
    path.iter()
        .rev()
        .find_map(|cmd| cmd.get_arguments().find(|a| matches(a)))
}

fn long_takes_value(path: &[&clap::Command], long: &str) -> bool {
    find_arg(path, |a| {
        a.get_long() == Some(long) || a.get_all_aliases().is_some_and(|al| al.contains(&long))
    })
    .is_some_and(|a| a.get_action().takes_values())
}

/// Whether a cluster of short flags (`-a`, `-sa`) leaves its value to the next word.
fn short_cluster_takes_next(path: &[&clap::Command], cluster: &str) -> bool {
    let chars: Vec<char> = cluster.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let arg = find_arg(path, |a| {
            a.get_short() == Some(*c) || a.get_all_short_aliases().is_some_and(|s| s.contains(c))
        });
        if arg.is_some_and(|a| a.get_action().takes_values()) {
            // `-ademo` carries its value; `-a demo` takes the next word.
            return i + 1 == chars.len();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(line: &str) -> String {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        let out = rewrite_args(&Cli::command(), args);
        out.iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn topic_verb_becomes_two_words() {
        assert_eq!(rewrite("tug apps:create demo"), "tug apps create demo");
        assert_eq!(
            rewrite("tug config:set FOO=a:b -a demo"),
            "tug config set FOO=a:b -a demo"
        );
        assert_eq!(rewrite("tug auth:whoami"), "tug auth whoami");
        assert_eq!(
            rewrite("tug releases:rollback v1"),
            "tug releases rollback v1"
        );
        assert_eq!(rewrite("tug config:add A=1"), "tug config add A=1");
        assert_eq!(
            rewrite("tug git:credentials get"),
            "tug git credentials get"
        );
        assert_eq!(
            rewrite("tug buildpacks:add heroku/python -i 1"),
            "tug buildpacks add heroku/python -i 1"
        );
        assert_eq!(rewrite("tug builds:output -a x"), "tug builds output -a x");
        assert_eq!(
            rewrite("tug ps:scale web-1 -a x"),
            "tug ps scale web-1 -a x"
        );
        assert_eq!(
            rewrite("tug run:detached -- ps:scale"),
            "tug run detached -- ps:scale"
        );
        assert_eq!(rewrite("tug run -- ls:x"), "tug run -- ls:x");
        assert_eq!(rewrite("tug help config:set"), "tug help config set");
        assert_eq!(rewrite("tug help --help"), "tug help help");
    }

    #[test]
    fn words_that_are_not_subcommands_are_left_alone() {
        assert_eq!(rewrite("tug apps create demo"), "tug apps create demo");
        assert_eq!(rewrite("tug nope:thing"), "tug nope:thing");
        assert_eq!(rewrite("tug apps:nope"), "tug apps:nope");
        assert_eq!(
            rewrite("tug config:get URL:PORT"),
            "tug config get URL:PORT"
        );
        assert_eq!(rewrite("tug create a:b"), "tug create a:b");
        assert_eq!(
            rewrite("tug config -- apps:create"),
            "tug config -- apps:create"
        );
    }

    #[test]
    fn flag_values_are_skipped_not_rewritten() {
        assert_eq!(
            rewrite("tug --no-color apps:info"),
            "tug --no-color apps info"
        );
        assert_eq!(
            rewrite("tug config -a apps:info"),
            "tug config -a apps:info"
        );
        assert_eq!(
            rewrite("tug releases -n 3 -a demo"),
            "tug releases -n 3 -a demo"
        );
        assert_eq!(
            rewrite("tug apps:info --app=demo"),
            "tug apps info --app=demo"
        );
    }

    #[test]
    fn works_one_level_down_and_keeps_literal_names() {
        assert_eq!(
            rewrite("tug server users:add dev@example.com"),
            "tug server users:add dev@example.com"
        );
        assert_eq!(rewrite("tug auth auth:token"), "tug auth auth:token");
        assert_eq!(rewrite("tug help config:set"), "tug help config set");
    }
}
