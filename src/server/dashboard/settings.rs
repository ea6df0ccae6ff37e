//! An app's settings: config vars (masked until revealed), maintenance mode, the deploy lock
//! and collaborators.

use axum::extract::{Path, Query};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

use super::api_call::seg;
use super::app_page::base;
use super::page::{Done, Failure, Tab, app_page, csrf_field, see_other};
use super::session::{Posted, Session};
use crate::api::{
    App, AppUpdate, Collaborator, CollaboratorCreate, ConfigVars, ConfigVarsUpdate, DeployLock,
    DeployLockCreate,
};

/// What `?done=KEY` says when a change returns here.
const NOTICES: &[(&str, &str)] = &[
    ("config", "Config vars updated: a new release is out."),
    ("maintenance", "Maintenance mode changed."),
    ("collaborators", "Collaborators updated."),
    ("deploy-lock", "Deploy lock changed."),
];

pub async fn page(
    session: Session,
    Path(app): Path<String>,
    Query(done): Query<Done>,
) -> Result<Markup, Failure> {
    let api = &session.api;
    let info: App = api.get(&base(&app)).await?;
    let config: ConfigVars = api.get(&format!("{}/config-vars", base(&app))).await?;
    let collaborators: Vec<Collaborator> =
        api.get(&format!("{}/collaborators", base(&app))).await?;
    let lock: Option<DeployLock> = api.get(&format!("{}/deploy-lock", base(&app))).await.ok();
    let action = format!("/dashboard/apps/{}", seg(&app));
    let body = html! {
        h2 { "Config vars" }
        table.config {
            tbody {
                @for (key, value) in &config {
                    tr data-key=(key) {
                        th scope="row" { code { (key) } }
                        td { span.masked { "••••••••" } span.value hidden { (value) }
                             " " button type="button" data-reveal { "Reveal" } }
                    }
                }
            }
        }
        form.config method="post" action={ (action) "/config" } {
            (csrf_field(&session))
            label { "Key " input type="text" name="key" required pattern="[A-Za-z_][A-Za-z0-9_]*"; }
            label { "Value " input type="text" name="value"; }
            button type="submit" name="op" value="set" { "Set" }
            button type="submit" name="op" value="unset" { "Unset" }
        }
        h2 { "Maintenance" }
        form.inline method="post" action={ (action) "/maintenance" } {
            (csrf_field(&session))
            input type="hidden" name="on" value=(if info.maintenance { "false" } else { "true" });
            "Maintenance mode is " strong { (if info.maintenance { "on" } else { "off" }) } ". "
            button type="submit" { (if info.maintenance { "Turn off" } else { "Turn on" }) }
        }
        h2 { "Deploy lock" }
        form.inline method="post" action={ (action) "/deploy-lock" } {
            (csrf_field(&session))
            @match &lock {
                Some(l) => {
                    input type="hidden" name="on" value="false";
                    p #deploy-lock { "Deploys are locked by " (l.locked_by.email) @if let Some(r) = &l.reason { ": " (r) } ". " }
                    button type="submit" { "Unlock deploys" }
                },
                None => {
                    input type="hidden" name="on" value="true";
                    p #deploy-lock { "Deploys are open. " }
                    label { "Reason " input type="text" name="reason" maxlength="200" placeholder="release freeze"; }
                    " "
                    button type="submit" { "Lock deploys" }
                },
            }
        }
        h2 { "Collaborators" }
        ul.collaborators {
            @for c in &collaborators {
                li { (c.user.email) " "
                    form.inline method="post" action={ (action) "/collaborators/remove" } {
                        (csrf_field(&session))
                        input type="hidden" name="email" value=(c.user.email);
                        button type="submit" { "Remove" }
                    }
                }
            }
        }
        form method="post" action={ (action) "/collaborators" } {
            (csrf_field(&session))
            label { "Email " input type="email" name="email" required; }
            button type="submit" { "Add collaborator" }
        }
    };
    Ok(app_page(
        &session,
        &info.name,
        Tab::Settings,
        done.notice(NOTICES),
        body,
    ))
}

fn back(app: &str, done: &str) -> Response {
    see_other(&format!(
        "/dashboard/apps/{}/settings?done={done}",
        seg(app)
    ))
}

#[derive(Deserialize)]
pub struct ConfigForm {
    key: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    op: String,
}

pub async fn set_config(
    Path(app): Path<String>,
    Posted(session, form): Posted<ConfigForm>,
) -> Result<Response, Failure> {
    let value = match form.op.as_str() {
        "unset" => None,
        "set" | "" => Some(form.value),
        other => {
            return Err(Failure::Refused(
                StatusCode::BAD_REQUEST,
                format!("`{other}` is not something to do to a config var: set or unset"),
            ));
        }
    };
    let update: ConfigVarsUpdate = [(form.key.trim().to_string(), value)].into();
    let _: ConfigVars = session
        .api
        .send(
            Method::PATCH,
            &format!("{}/config-vars", base(&app)),
            &update,
        )
        .await?;
    Ok(back(&app, "config"))
}

#[derive(Deserialize)]
pub struct MaintenanceForm {
    on: String,
}

pub async fn maintenance(
    Path(app): Path<String>,
    Posted(session, form): Posted<MaintenanceForm>,
) -> Result<Response, Failure> {
    let update = AppUpdate {
        maintenance: Some(form.on == "true"),
        ..Default::default()
    };
    let _: App = session
        .api
        .send(Method::PATCH, &base(&app), &update)
        .await?;
    Ok(back(&app, "maintenance"))
}

#[derive(Deserialize)]
pub struct LockForm {
    on: String,
    #[serde(default)]
    reason: String,
}

/// Locks or unlocks deploys through the API `tug deploy:lock` and `deploy:unlock` use, with
/// its rules (only the holder or the owner unlocks).
pub async fn deploy_lock(
    Path(app): Path<String>,
    Posted(session, form): Posted<LockForm>,
) -> Result<Response, Failure> {
    let path = format!("{}/deploy-lock", base(&app));
    let _: DeployLock = match form.on.as_str() {
        "true" => {
            let reason = Some(form.reason.trim().to_string()).filter(|r| !r.is_empty());
            let body = DeployLockCreate { reason };
            session.api.send(Method::PUT, &path, &body).await?
        }
        "false" => {
            let nothing = serde_json::json!({});
            session.api.send(Method::DELETE, &path, &nothing).await?
        }
        _ => {
            return Err(Failure::Refused(
                StatusCode::BAD_REQUEST,
                "the deploy lock is turned on (`true`) or off (`false`)".into(),
            ));
        }
    };
    Ok(back(&app, "deploy-lock"))
}

#[derive(Deserialize)]
pub struct CollaboratorForm {
    email: String,
}

pub async fn add_collaborator(
    Path(app): Path<String>,
    Posted(session, form): Posted<CollaboratorForm>,
) -> Result<Response, Failure> {
    let body = CollaboratorCreate {
        user: form.email.trim().to_string(),
        silent: None,
    };
    let _: Collaborator = session
        .api
        .send(
            Method::POST,
            &format!("{}/collaborators", base(&app)),
            &body,
        )
        .await?;
    Ok(back(&app, "collaborators"))
}

pub async fn remove_collaborator(
    Path(app): Path<String>,
    Posted(session, form): Posted<CollaboratorForm>,
) -> Result<Response, Failure> {
    let path = format!("{}/collaborators/{}", base(&app), seg(form.email.trim()));
    let _: Collaborator = session
        .api
        .send(Method::DELETE, &path, &serde_json::json!({}))
        .await?;
    Ok(back(&app, "collaborators"))
}
