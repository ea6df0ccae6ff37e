//! An app's resources: its process types scaled and sized (the API's formation rules, as
//! `ps:scale` has them), its dynos and their states, and restart.

use axum::extract::{Path, Query};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

use super::api_call::seg;
use super::app_page::base;
use super::page::{Done, Failure, Tab, ago, app_page, csrf_field, see_other};
use super::session::{NoFields, Posted, Session};
use crate::api::dyno_size::SIZES;
use crate::api::{Dyno, Formation, FormationUpdate, Quantity};

/// What `?done=KEY` says when a change returns here.
const NOTICES: &[(&str, &str)] = &[
    ("scaled", "Scaled."),
    ("restarted", "Restarting every dyno."),
];

pub async fn page(
    session: Session,
    Path(app): Path<String>,
    Query(done): Query<Done>,
) -> Result<Markup, Failure> {
    let formation: Vec<Formation> = session
        .api
        .get(&format!("{}/formation", base(&app)))
        .await?;
    let dynos: Vec<Dyno> = session.api.get(&format!("{}/dynos", base(&app))).await?;
    let action = format!("/dashboard/apps/{}", seg(&app));
    let body = html! {
        h2 { "Process types" }
        @if formation.is_empty() { p { "No process types yet: deploy the app first." } }
        @for f in &formation {
            form.scale method="post" action={ (action) "/scale" } data-type=(f.kind) {
                (csrf_field(&session))
                input type="hidden" name="type" value=(f.kind);
                label { strong { (f.kind) } " " code { (f.command) } }
                label { "Dynos " input type="number" name="quantity" min="0" value=(f.quantity) aria-label={ (f.kind) " dynos" }; }
                label { "Size " select name="size" aria-label={ (f.kind) " size" } {
                    @for s in SIZES {
                        option value=(s.name) selected[s.name.eq_ignore_ascii_case(&f.size)] { (s.name) }
                    }
                } }
                button type="submit" { "Scale" }
            }
        }
        h2 { "Dynos" }
        form.inline method="post" action={ (action) "/restart" } {
            (csrf_field(&session))
            button type="submit" { "Restart all dynos" }
        }
        div #dynos data-refresh="dynos" data-follow={ (action) "/log-session" } {
            @if dynos.is_empty() { p { "No dynos running." } }
            ul.dynos {
                @for d in &dynos {
                    li data-dyno=(d.name) data-state=(d.state) {
                        strong { (d.name) } " " span.state data-state=(d.state) { (d.state) }
                        " · " (d.size) " · v" (d.release.version) " · " (ago(d.updated_at))
                    }
                }
            }
        }
    };
    Ok(app_page(
        &session,
        &app,
        Tab::Resources,
        done.notice(NOTICES),
        body,
    ))
}

#[derive(Deserialize)]
pub struct ScaleForm {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    size: String,
}

pub async fn scale(
    Path(app): Path<String>,
    Posted(session, form): Posted<ScaleForm>,
) -> Result<Response, Failure> {
    let quantity = match form.quantity.trim() {
        "" => None,
        q => Some(Quantity::parse(q).ok_or_else(|| {
            Failure::Refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("`{q}` is not a number of dynos: give a whole number like 2"),
            )
        })?),
    };
    let size = Some(form.size.trim().to_string()).filter(|s| !s.is_empty());
    let update = FormationUpdate {
        quantity,
        size,
        ..Default::default()
    };
    let path = format!("{}/formation/{}", base(&app), seg(&form.kind));
    let _: Formation = session.api.send(Method::PATCH, &path, &update).await?;
    Ok(see_other(&format!(
        "/dashboard/apps/{}/resources?done=scaled",
        seg(&app)
    )))
}

pub async fn restart(
    Path(app): Path<String>,
    Posted(session, _): Posted<NoFields>,
) -> Result<Response, Failure> {
    let _: serde_json::Value = session
        .api
        .send(
            Method::DELETE,
            &format!("{}/dynos", base(&app)),
            &serde_json::json!({}),
        )
        .await?;
    Ok(see_other(&format!(
        "/dashboard/apps/{}/resources?done=restarted",
        seg(&app)
    )))
}
