//! The client-side checks a deploy must pass before anything is uploaded: not behind the
//! default branch (`auto_merge`), and every required commit status `success`.

use console::Style;

use super::rules::Rules;
use crate::api::commit_status::{latest_per_context, required_states};
use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::git::{self, CommitInfo};
use crate::cli::out::Out;

/// Runs the client-side checks, printing a line for each; answers what failed.
pub(super) fn verify(
    ctx: &Ctx,
    client: &Client,
    repo: &git2::Repository,
    app: &str,
    commit: &CommitInfo,
    rules: &Rules,
) -> anyhow::Result<Vec<String>> {
    let out = &ctx.out;
    let mut failures = vec![];
    let say = |ok: bool, text: &str| out.status(&format!("  {} {text}", mark(out, ok)));
    if rules.auto_merge {
        match git::default_branch(repo, rules.default_branch.as_deref()) {
            None => {
                let why = match &rules.default_branch {
                    Some(b) => {
                        format!("no branch `{b}` (deploy.yml's `default_branch`) to compare with")
                    }
                    None => "no default branch to compare with (no origin/HEAD, main or master)"
                        .to_string(),
                };
                say(false, &why);
                failures.push(why);
            }
            Some((name, tip)) => {
                let behind = git::commits_behind(repo, &commit.sha, tip)?;
                if behind == 0 {
                    say(true, &format!("not behind {name}"));
                } else {
                    let why = format!(
                        "{behind} commit{} behind {name}",
                        if behind == 1 { "" } else { "s" }
                    );
                    say(false, &why);
                    failures.push(format!("{} is {why}", commit.short()));
                }
            }
        }
    }
    if !rules.required_contexts.is_empty() {
        let statuses = ctx.block_on(client.commit_statuses(app, &commit.sha))?;
        let latest: Vec<(&str, &str)> = latest_per_context(&statuses, |s| &s.context)
            .into_iter()
            .map(|s| (s.context.as_str(), s.state.as_str()))
            .collect();
        for (ctx_name, state) in required_states(&rules.required_contexts, &latest) {
            let ok = state == "success";
            say(ok, &format!("{ctx_name}: {state}"));
            if !ok {
                failures.push(format!("{ctx_name}: {state}"));
            }
        }
    }
    Ok(failures)
}

pub(super) fn mark(out: &Out, ok: bool) -> String {
    let (sym, style) = if ok {
        ("✓", Style::new().green())
    } else {
        ("✗", Style::new().red())
    };
    if out.color_stderr {
        style.for_stderr().apply_to(sym).to_string()
    } else {
        sym.to_string()
    }
}
