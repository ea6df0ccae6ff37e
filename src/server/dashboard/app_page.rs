//! An app's overview (release, slug commit, formation, add-ons), its activity (the releases,
//! with a rollback per earlier one) and its deployments.

use axum::extract::{Path, Query};
use axum::http::Method;
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

use super::api_call::{Api, seg};
use super::page::{Failure, Tab, ago, app_page, csrf_field, see_other};
use super::session::{Posted, Session};
use crate::api::{AddOn, App, Build, Deployment, Formation, Release, ReleaseCreate, Slug};

/// How many releases the activity list shows.
const ACTIVITY: usize = 30;

pub fn base(app: &str) -> String {
    format!("/apps/{}", seg(app))
}

async fn slug_commit(api: &Api, app: &str, release: Option<&Release>) -> Option<String> {
    let slug = release?.slug.as_ref()?;
    let slug: Slug = api
        .get(&format!("{}/slugs/{}", base(app), slug.id))
        .await
        .ok()?;
    slug.commit
}

pub async fn overview(session: Session, Path(app): Path<String>) -> Result<Markup, Failure> {
    let api = &session.api;
    let info: App = api.get(&base(&app)).await?;
    let formation: Vec<Formation> = api.get(&format!("{}/formation", base(&app))).await?;
    let releases: Vec<Release> = api
        .latest(&format!("{}/releases", base(&app)), "version", ACTIVITY)
        .await?;
    let addons: Vec<AddOn> = api.get(&format!("{}/addons", base(&app))).await?;
    let current = releases.iter().find(|r| r.current);
    let commit = slug_commit(api, &app, current).await;
    let body = html! {
        section.summary {
            dl {
                dt { "Release" } dd { @match current { Some(r) => { "v" (r.version) " · " (r.description) }, None => { "none yet" } } }
                dt { "Commit" } dd { @match &commit { Some(c) => code { (c.get(..12).unwrap_or(c)) }, None => { "—" } } }
                dt { "Web URL" } dd { @match &info.web_url { Some(u) => a href=(u) { (u) }, None => { "—" } } }
                dt { "Formation" } dd {
                    @if formation.is_empty() { "no process types yet" }
                    @for f in &formation { span.formation { (f.kind) "=" (f.quantity) ":" (f.size) } " " }
                }
                dt { "Add-ons" } dd {
                    @if addons.is_empty() { "none" }
                    @for a in &addons { span.addon { (a.name) } " " }
                }
            }
        }
        h2 { "Activity" }
        (activity(&session, &app, &releases))
    };
    Ok(app_page(&session, &info.name, Tab::Overview, None, body))
}

fn activity(session: &Session, app: &str, releases: &[Release]) -> Markup {
    html! {
        ol.activity {
            @for r in releases {
                li data-version=(r.version) {
                    strong { "v" (r.version) } " " (r.description) " · " (r.user.email) " · " (ago(r.created_at))
                    @if r.current { " " span.badge { "current" } }
                    @if !r.current && r.eligible_for_rollback && r.slug.is_some() {
                        form.inline method="post" action={ "/dashboard/apps/" (seg(app)) "/rollback" } {
                            (csrf_field(session))
                            input type="hidden" name="release" value=(r.id);
                            button type="submit" { "Roll back to v" (r.version) }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct RollbackForm {
    release: String,
}

pub async fn rollback(
    Path(app): Path<String>,
    Posted(session, form): Posted<RollbackForm>,
) -> Result<Response, Failure> {
    let body = ReleaseCreate {
        release: Some(form.release),
        ..Default::default()
    };
    let _: Release = session
        .api
        .send(Method::POST, &format!("{}/releases", base(&app)), &body)
        .await?;
    Ok(see_other(&format!("/dashboard/apps/{}", seg(&app))))
}

#[derive(Deserialize)]
pub struct DeploymentFilter {
    #[serde(default)]
    environment: Option<String>,
    #[serde(default)]
    state: Option<String>,
}

pub async fn deployments(
    session: Session,
    Path(app): Path<String>,
    Query(filter): Query<DeploymentFilter>,
) -> Result<Markup, Failure> {
    let mut all: Vec<Deployment> = session
        .api
        .get(&format!("{}/deployments", base(&app)))
        .await?;
    let wanted = |want: &Option<String>, have: Option<&str>| {
        want.as_deref()
            .filter(|w| !w.is_empty())
            .is_none_or(|w| have == Some(w))
    };
    all.retain(|d| {
        wanted(&filter.environment, d.environment.as_deref())
            && wanted(&filter.state, Some(&d.status))
    });
    all.reverse();
    let output = build_output(&session, &app, all.first()).await;
    let body = html! {
        form.filters method="get" {
            label { "Environment " input type="text" name="environment" value=(filter.environment.as_deref().unwrap_or("")); }
            label { "State " input type="text" name="state" value=(filter.state.as_deref().unwrap_or("")); }
            button type="submit" { "Filter" }
        }
        @if all.is_empty() { p { "No deployments. Deploy with " code { "tug deploy" } " or " code { "git push" } "." } }
        @if let Some((number, stream)) = &output {
            details.build open {
                summary { "Build output of #" (number) }
                pre.build-output data-stream=(stream) tabindex="0" aria-live="polite" {}
            }
        }
        div data-refresh="deployments" #deployments data-follow={ "/dashboard/apps/" (seg(&app)) "/log-session" } {
            @for d in &all { (deployment(d)) }
        }
    };
    Ok(app_page(&session, &app, Tab::Deployments, None, body))
}

/// Where the newest deployment's build output streams (the API's SSE stream), if it built.
async fn build_output(
    session: &Session,
    app: &str,
    newest: Option<&Deployment>,
) -> Option<(i64, String)> {
    let d = newest?;
    let build: Build = session
        .api
        .get(&format!("{}/builds/{}", base(app), d.build.as_ref()?.id))
        .await
        .ok()?;
    let at = build.output_stream_url.find("/streams/")?;
    Some((d.number, build.output_stream_url[at..].to_string()))
}

fn deployment(d: &Deployment) -> Markup {
    html! {
        article.deployment data-number=(d.number) {
            h3 { "#" (d.number) " " span.state data-state=(d.status) { (d.status) } }
            p {
                (d.environment.as_deref().unwrap_or("—")) " · "
                (d.git_ref.as_deref().unwrap_or("—")) " · "
                code { (d.sha.as_deref().map(|s| s.get(..12).unwrap_or(s)).unwrap_or("—")) } " · "
                (d.trigger) " by " (d.deployer.email) " · " (ago(d.created_at))
            }
            @if let Some(why) = &d.status_description { p.why { (why) } }
            ol.history {
                @for s in &d.statuses {
                    li { (s.state) @if let Some(t) = &s.description { ": " (t) } " · " (ago(s.created_at)) }
                }
            }
        }
    }
}
