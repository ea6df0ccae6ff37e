//! `tug statuses [REF]`: what CI says about a commit.

use clap::Args as ClapArgs;

use super::commit::commit_sha;
use crate::api::commit_status::latest_per_context;
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, Default, ClapArgs)]
pub struct ListArgs {
    /// A branch, tag or commit [default: HEAD]
    #[arg(value_name = "REF")]
    pub git_ref: Option<String>,
    /// Every status in order, not only the latest of each context
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub(super) fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let rev = args.git_ref.as_deref().unwrap_or("HEAD");
    let sha = commit_sha(rev)?;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let statuses = ctx.block_on(client.commit_statuses(&app, &sha))?;
    let shown: Vec<_> = if args.all {
        statuses.iter().collect()
    } else {
        latest_per_context(&statuses, |s| &s.context)
    };
    let short = &sha[..7];
    if out.list_ended(
        &shown,
        &format!("{short} has no statuses on {app}."),
        Some(
            format!("CI reports them with `tug statuses:set {short} ci/test success -a {app}`")
                .as_str(),
        ),
    )? {
        return Ok(());
    }
    out.header(&format!("{short} statuses on {app}"))?;
    let mut table = Table::new(vec!["context", "state", "description", "by", "set"]).flex(2);
    for s in shown {
        let description = match (&s.description, &s.target_url) {
            (Some(d), Some(u)) => format!("{d} ({u})"),
            (Some(d), None) => d.clone(),
            (None, Some(u)) => u.clone(),
            (None, None) => String::new(),
        };
        table.row(vec![
            s.context.clone().into(),
            s.state.clone().into(),
            description.into(),
            s.creator.email.clone().into(),
            s.created_at.into(),
        ]);
    }
    Ok(out.table(&table)?)
}
