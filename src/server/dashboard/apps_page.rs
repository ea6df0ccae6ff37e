//! `/dashboard`: every app the account can use (the API's own app list decides which), with
//! its release, dynos by type and state, URLs and latest deployment.

use std::collections::BTreeMap;

use axum::extract::State;
use maud::{Markup, html};

use super::Dash;
use super::api_call::seg;
use super::page::{Failure, ago, shell};
use super::session::Session;
use crate::api::{App, Timestamp};

/// What the list shows of one app beyond the API's app: read from the store and runtime for
/// the apps the API listed, so the page costs one API call however many apps there are.
struct Row {
    app: App,
    version: Option<i64>,
    /// Per process type: (scaled to, up, other states).
    dynos: BTreeMap<String, (i64, usize, usize)>,
    domains: Vec<String>,
    deployment: Option<(i64, String, Timestamp)>,
}

fn row(dash: &Dash, app: App) -> Result<Row, Failure> {
    let store = &dash.state.store;
    let mut dynos: BTreeMap<String, (i64, usize, usize)> = store
        .formations(app.id)?
        .into_iter()
        .map(|f| (f.kind, (f.quantity, 0, 0)))
        .collect();
    for d in dash.state.live.runtime.dynos(app.id) {
        let entry = dynos.entry(d.kind).or_insert((0, 0, 0));
        if d.state.as_str() == "up" {
            entry.1 += 1;
        } else {
            entry.2 += 1;
        }
    }
    let deployment = store
        .deployments(app.id)?
        .pop()
        .map(|d| (d.number, d.status, Timestamp(d.updated_at)));
    Ok(Row {
        version: store.current_version(app.id)?,
        domains: store
            .domains(app.id)?
            .into_iter()
            .map(|d| d.hostname)
            .collect(),
        dynos,
        deployment,
        app,
    })
}

pub async fn apps(State(dash): State<Dash>, session: Session) -> Result<Markup, Failure> {
    let mut listed: Vec<App> = session.api.get("/apps").await?;
    listed.sort_by(|a, b| a.name.cmp(&b.name));
    let rows = listed
        .into_iter()
        .map(|app| row(&dash, app))
        .collect::<Result<Vec<_>, _>>()?;
    let body = html! {
        h1 { "Apps" }
        @if rows.is_empty() {
            p { "No apps yet. Create one with " code { "tug create" } "." }
        } @else {
            table.apps {
                thead { tr {
                    th scope="col" { "App" } th scope="col" { "Release" }
                    th scope="col" { "Dynos" } th scope="col" { "URLs" }
                    th scope="col" { "Latest deployment" }
                } }
                tbody { @for r in &rows { (app_row(r)) } }
            }
        }
    };
    Ok(shell("Apps", Some(&session), body))
}

fn app_row(r: &Row) -> Markup {
    html! {
        tr data-app=(r.app.name) {
            td { a href={ "/dashboard/apps/" (seg(&r.app.name)) } { (r.app.name) }
                 @if r.app.maintenance { " " span.badge { "maintenance" } } }
            td { @match r.version { Some(v) => { "v" (v) }, None => { "—" } } }
            td.dynos {
                @for (kind, (scaled, up, other)) in &r.dynos {
                    span.formation { (kind) " " (up) "/" (scaled) " up"
                        @if *other > 0 { ", " (other) " other" } }
                    " "
                }
            }
            td {
                @if let Some(url) = &r.app.web_url { a href=(url) { (url) } }
                @for d in &r.domains { br; (d) }
            }
            td { @match &r.deployment {
                Some((n, status, at)) => { "#" (n) " " span.state data-state=(status) { (status) } " " (ago(*at)) },
                None => { "—" },
            } }
        }
    }
}
