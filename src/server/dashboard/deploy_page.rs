//! Deploy a ref, as Gitploy does: pick a branch or tag pushed to the app (searchable), see its
//! commit, its commit statuses against the contexts its deploy.yml requires, and how far it is
//! behind the default branch; deploy it through the same deploy path and checks as
//! `tug deploy`. A refusal shows its reasons.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

use super::Dash;
use super::api_call::seg;
use super::page::{Failure, Tab, ago, app_page, csrf_field, see_other};
use super::refs::{self, Candidate};
use super::session::{Posted, Session};
use crate::api::{SourceBlob, Timestamp};
use crate::server::deploy::deployments::Intent;
use crate::server::http::apps::load_app;
use crate::server::http::builds::start_build;
use crate::server::store::{AppRow, CommitStatusRow};

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

/// A candidate with what its checks say.
struct Checked {
    candidate: Candidate,
    required: Vec<String>,
    statuses: Vec<CommitStatusRow>,
    /// The environments its deploy.yml deploys to this app, offered instead of free text.
    environments: Vec<String>,
}

async fn checked(dash: &Dash, app: &AppRow, candidate: Candidate) -> Result<Checked, Failure> {
    let repo = dash.state.repos.path(app.id);
    let file = match refs::deploy_file_at(&repo, &candidate.sha).await {
        Some(text) => crate::deploy_file::parse(&text).ok().flatten(),
        None => None,
    };
    let (required, environments) = match file {
        Some(file) => (
            file.required_contexts(&app.name, None),
            file.envs
                .iter()
                .filter(|e| e.app == app.name)
                .map(|e| e.name.clone())
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let statuses = dash
        .state
        .store
        .latest_commit_statuses(app.id, &candidate.sha)?;
    Ok(Checked {
        candidate,
        required,
        statuses,
        environments,
    })
}

pub async fn page(
    State(dash): State<Dash>,
    session: Session,
    Path(app): Path<String>,
    Query(search): Query<Search>,
) -> Result<Markup, Failure> {
    let (row, _) = load_app(&dash.state, &session.auth(), &app)?;
    let repo = dash.state.repos.path(row.id);
    let default = refs::default_branch(&repo).await;
    let q = search.q.trim().to_lowercase();
    let wanted = refs::candidates(&repo)
        .await
        .into_iter()
        .filter(|c| q.is_empty() || c.short().to_lowercase().contains(&q) || c.sha.starts_with(&q));
    let mut shown = Vec::new();
    for c in wanted {
        shown.push(checked(&dash, &row, c).await?);
    }
    let default_short = default
        .as_deref()
        .and_then(|d| d.strip_prefix("refs/heads/"))
        .unwrap_or("the default branch")
        .to_string();
    let body = html! {
        form.filters method="get" role="search" {
            label { "Branch, tag or sha " input type="search" name="q" value=(search.q); }
            button type="submit" { "Search" }
        }
        @if shown.is_empty() {
            p { "No branches or tags to deploy. Push one with " code { "git push tug main" } "." }
        }
        @for c in &shown { (candidate(&session, &row.name, &default_short, c)) }
    };
    Ok(app_page(&session, &row.name, Tab::Deploy, None, body))
}

fn candidate(session: &Session, app: &str, default: &str, c: &Checked) -> Markup {
    let k = &c.candidate;
    html! {
        article.candidate data-ref=(k.short()) {
            h3 { (k.short()) " " span.badge { (if k.is_tag() { "tag" } else { "branch" }) } }
            p { code title=(k.sha) { (k.sha.get(..12).unwrap_or(&k.sha)) } " " (k.subject) " · " (k.author) " · " (ago(Timestamp(k.time))) }
            p.behind { @match k.behind {
                Some(0) => { "up to date with " (default) },
                Some(n) => { span.state data-state="failed" { (n) " commit" @if n != 1 { "s" } " behind " (default) } },
                None => { "the default branch" },
            } }
            ul.checks {
                @for ctx in &c.required {
                    @let state = c.statuses.iter().find(|s| &s.context == ctx).map(|s| s.state.as_str()).unwrap_or("missing");
                    li { "required " code { (ctx) } ": " span.state data-state=(if state == "success" { "succeeded" } else { "failed" }) { (state) } }
                }
                @for s in c.statuses.iter().filter(|s| !c.required.contains(&s.context)) {
                    li { code { (s.context) } ": " (s.state) }
                }
            }
            form.inline method="post" action={ "/dashboard/apps/" (seg(app)) "/deploy" } {
                (csrf_field(session))
                input type="hidden" name="refname" value=(k.refname);
                @if c.environments.is_empty() {
                    label { "Environment " input type="text" name="environment" placeholder="production"; }
                } @else {
                    label { "Environment " select name="environment" {
                        @for e in &c.environments { option value=(e) { (e) } }
                    } }
                }
                " "
                button type="submit" { "Deploy " (k.short()) }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct DeployForm {
    refname: String,
    #[serde(default)]
    environment: String,
}

pub async fn deploy(
    State(dash): State<Dash>,
    Path(app): Path<String>,
    Posted(session, form): Posted<DeployForm>,
) -> Result<Response, Failure> {
    let auth = session.auth();
    let (row, _) = load_app(&dash.state, &auth, &app)?;
    let repo = dash.state.repos.path(row.id);
    let chosen = refs::candidates(&repo)
        .await
        .into_iter()
        .find(|c| c.refname == form.refname)
        .ok_or_else(|| {
            Failure::Refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "`{}` is not a branch or tag pushed to {}",
                    form.refname, row.name
                ),
            )
        })?;
    let environment = Some(form.environment.trim().to_string()).filter(|e| !e.is_empty());
    if environment
        .as_deref()
        .is_some_and(|e| e.len() > 100 || e.contains(['\n', '\r']))
    {
        return Err(Failure::Refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the environment is a short name like `production`".into(),
        ));
    }
    let dest = dash.state.pipeline.scratch_file();
    refs::archive(&repo, &chosen.sha, &dest)
        .await
        .map_err(|e| Failure::internal(&e))?;
    let blob = SourceBlob {
        version: Some(chosen.sha.clone()),
        version_description: Some(chosen.subject.clone()),
        ..Default::default()
    };
    let intent = Intent {
        trigger: "deploy".into(),
        environment,
        git_ref: Some(chosen.short().to_string()),
        sha: Some(chosen.sha.clone()),
        description: None,
        required_contexts: Vec::new(),
    };
    let source_url = format!("{}#{}", row.name, chosen.refname);
    start_build(
        &dash.state,
        &row,
        auth.account.id,
        dest,
        &source_url,
        &blob,
        None,
        intent,
    )
    .await?;
    Ok(see_other(&format!(
        "/dashboard/apps/{}/deployments",
        seg(&row.name)
    )))
}
