//! Store rows rendered as API resources. Fields the schema has and tug does not use get the
//! schema's null or a fixed constant, so existing Platform API clients find every field.

use uuid::Uuid;

use super::runtime::DynoInfo;
use super::store::{
    AccountRow, AppRow, AttemptRow, AuthorizationRow, CollaboratorRow, DeliveryRow, DeployLockRow,
    DeploymentRow, DomainRow, EventRow, FormationRow, ReleaseRow, Role, SlugRow, Store, WebhookRow,
};
use crate::api::{
    AccessToken, Account, App, AppWebhook, AppWebhookDelivery, AppWebhookEvent,
    AppWebhookEventPayload, Artifact, AuthorizationUser, Blob, Collaborator, CollaboratorUser,
    DeployLock, Deployment, DeploymentRelease, DeploymentStatus, Domain, Dyno, DynoRelease,
    Formation, GENERATION_ID, GENERATION_NAME, IdRef, NamedRef, OAuthAuthorization, Permission,
    Release, Slug, Timestamp, UserRef, WEBHOOK_PAYLOAD_VERSION, WebhookActor, WebhookAttempt,
    WebhookAttemptDetail, WebhookEventRef, WebhookRef, region_ref, stack_ref,
};

/// `web_url` is where the router serves the app (`http://demo.localhost:7780/`).
pub fn app(web_url: String, base: &str, row: &AppRow) -> App {
    App {
        acm: row.acm,
        archived_at: None,
        buildpack_provided_description: None,
        build_stack: stack_ref(),
        created_at: Timestamp(row.created_at),
        generation: NamedRef {
            id: GENERATION_ID,
            name: GENERATION_NAME.into(),
        },
        git_url: format!("{base}/{}.git", row.name),
        id: row.id,
        internal_routing: None,
        maintenance: row.maintenance,
        name: row.name.clone(),
        owner: UserRef {
            id: row.owner_id,
            email: row.owner_email.clone(),
        },
        organization: None,
        team: None,
        region: region_ref(),
        released_at: row.released_at.map(Timestamp),
        repo_size: None,
        slug_size: row.slug_size,
        space: None,
        stack: stack_ref(),
        updated_at: Timestamp(row.updated_at),
        web_url: Some(web_url),
    }
}

pub fn app_ref(row: &AppRow) -> NamedRef {
    NamedRef {
        id: row.id,
        name: row.name.clone(),
    }
}

/// An app's own domain, `APP.DOMAIN`: made from its name (so it follows renames), with an id
/// derived from the app's so that it stays the same across requests and restarts.
pub fn heroku_domain(app: &AppRow, platform_domain: &str) -> Domain {
    Domain {
        acm_status: None,
        acm_status_reason: None,
        app: app_ref(app),
        cname: None,
        created_at: Timestamp(app.created_at),
        hostname: format!("{}.{platform_domain}", app.name),
        id: Uuid::new_v5(&app.id, b"heroku-domain"),
        kind: crate::api::domain::DOMAIN_KIND_HEROKU.into(),
        updated_at: Timestamp(app.updated_at),
        status: crate::api::domain::DOMAIN_SUCCEEDED.into(),
        sni_endpoint: None,
    }
}

/// A custom domain; its DNS should point (CNAME) at the app's own domain.
pub fn domain(row: &DomainRow, platform_domain: &str) -> Domain {
    Domain {
        acm_status: None,
        acm_status_reason: None,
        app: NamedRef {
            id: row.app_id,
            name: row.app_name.clone(),
        },
        cname: Some(format!("{}.{platform_domain}", row.app_name)),
        created_at: Timestamp(row.created_at),
        hostname: row.hostname.clone(),
        id: row.id,
        kind: crate::api::domain::DOMAIN_KIND_CUSTOM.into(),
        updated_at: Timestamp(row.updated_at),
        status: row.status.clone(),
        sni_endpoint: None,
    }
}

pub fn account(row: &AccountRow) -> Account {
    Account {
        allow_tracking: row.allow_tracking,
        beta: row.beta,
        created_at: Timestamp(row.created_at),
        email: row.email.clone(),
        federated: false,
        id: row.id,
        identity_provider: None,
        last_login: row.last_login.map(Timestamp),
        name: row.name.clone(),
        sms_number: None,
        suspended_at: None,
        delinquent_at: None,
        two_factor_authentication: false,
        updated_at: Timestamp(row.updated_at),
        verified: false,
        country_of_residence: None,
        default_organization: None,
        default_team: None,
    }
}

/// `token` is the whole token only in the response that creates it.
pub fn authorization(
    row: &AuthorizationRow,
    account: &AccountRow,
    token: Option<&str>,
) -> OAuthAuthorization {
    OAuthAuthorization {
        access_token: Some(AccessToken {
            expires_in: row.expires_at.map(|at| (at - Timestamp::now().0).max(0)),
            id: row.token_id,
            token: token.map_or_else(|| row.token_hint.clone(), str::to_string),
        }),
        client: None,
        created_at: Timestamp(row.created_at),
        description: row.description.clone(),
        grant: None,
        id: row.id,
        refresh_token: None,
        scope: row.scope.clone(),
        session: None,
        updated_at: Timestamp(row.updated_at),
        user: AuthorizationUser {
            id: account.id,
            email: account.email.clone(),
            full_name: account.name.clone(),
        },
    }
}

/// A release as the API shows it to `reader` (account, token), who gets an output URL bound
/// to their token; without a reader (webhooks) the URL speaks for the release's author.
pub fn release(
    base: &str,
    app: &AppRow,
    row: &ReleaseRow,
    current: Option<i64>,
    reader: Option<(Uuid, Uuid)>,
) -> Release {
    let is_current = current == Some(row.version);
    Release {
        addon_plan_names: vec![],
        artifacts: row
            .slug_id
            .map(|id| Artifact {
                kind: "slug".into(),
                id,
            })
            .into_iter()
            .collect(),
        app: app_ref(app),
        created_at: Timestamp(row.created_at),
        description: row.description.clone(),
        id: row.id,
        updated_at: Timestamp(row.updated_at),
        slug: row.slug_id.map(|id| IdRef { id }),
        status: row.status.clone(),
        user: UserRef {
            id: row.user_id,
            email: row.user_email.clone(),
        },
        version: row.version,
        current: is_current,
        output_stream_url: row.output_secret.as_deref().map(|key| {
            format!(
                "{base}/streams/releases/{}/{}",
                row.id,
                stream_secret(key, reader)
            )
        }),
        eligible_for_rollback: row.status == "succeeded" && !is_current,
    }
}

/// The secret part of an output stream's URL: bound to the reader's token when there is one.
fn stream_secret(key: &str, reader: Option<(Uuid, Uuid)>) -> String {
    match reader {
        Some((account, token)) => crate::server::auth::bound_secret(key, account, token),
        None => key.to_string(),
    }
}

pub fn collaborator(app: &AppRow, row: &CollaboratorRow) -> Collaborator {
    let permissions = match row.role {
        Role::Owner => vec!["view", "deploy", "operate", "manage"],
        Role::Collaborator => vec!["view", "deploy", "operate"],
    };
    Collaborator {
        app: app_ref(app),
        created_at: Timestamp(row.created_at),
        id: row.id,
        permissions: permissions
            .into_iter()
            .map(|p| Permission {
                name: p.into(),
                description: match p {
                    "view" => "can see the app, its config and its logs",
                    "deploy" => "can deploy and change config",
                    "operate" => "can scale and restart dynos",
                    _ => "can manage access and delete the app",
                }
                .into(),
            })
            .collect(),
        role: Some(row.role.as_str().into()),
        updated_at: Timestamp(row.updated_at),
        user: CollaboratorUser {
            email: row.email.clone(),
            federated: false,
            id: row.account_id,
        },
    }
}

pub fn formation(app: &AppRow, row: &FormationRow) -> Formation {
    Formation {
        app: app_ref(app),
        command: row.command.clone(),
        created_at: Timestamp(row.created_at),
        dyno_size: NamedRef {
            id: crate::api::dyno_size::spec_for(&row.size).id,
            name: row.size.clone(),
        },
        id: row.id,
        quantity: row.quantity,
        size: row.size.clone(),
        kind: row.kind.clone(),
        updated_at: Timestamp(row.updated_at),
    }
}

pub fn slug(base: &str, app: &AppRow, row: &SlugRow) -> Slug {
    Slug {
        blob: Blob {
            method: "GET".into(),
            url: format!("{base}/apps/{}/slugs/{}/blob", app.name, row.id),
        },
        buildpack_provided_description: row.buildpack_provided_description.clone(),
        checksum: row.checksum.clone(),
        commit: row.commit.clone(),
        commit_description: row.commit_description.clone(),
        created_at: Timestamp(row.created_at),
        id: row.id,
        process_types: row.process_types.clone(),
        size: row.size,
        stack: stack_ref(),
        updated_at: Timestamp(row.updated_at),
        deleted_at: None,
    }
}

/// A build as `reader` (an account and its token) sees it: its output URL is made for that
/// token alone. With no reader (a webhook's payload), the URL stands while the build's author
/// may reach the app.
pub fn build(
    base: &str,
    row: &crate::server::store::BuildRow,
    reader: Option<(Uuid, Uuid)>,
) -> crate::api::Build {
    let secret = stream_secret(&row.stream_secret, reader);
    crate::api::Build {
        app: IdRef { id: row.app_id },
        buildpacks: Some(
            row.buildpacks
                .iter()
                .map(|b| crate::api::BuildpackRef {
                    url: b.clone(),
                    name: b.clone(),
                })
                .collect(),
        ),
        created_at: Timestamp(row.created_at),
        generation: GENERATION_NAME.into(),
        id: row.id,
        output_stream_url: format!("{base}/streams/builds/{}/{secret}", row.id),
        source_blob: crate::api::SourceBlob {
            checksum: row.source_checksum.clone(),
            url: row.source_url.clone(),
            version: row.source_version.clone(),
            version_description: row.source_description.clone(),
        },
        release: row.release_id.map(|id| IdRef { id }),
        slug: row.slug_id.map(|id| IdRef { id }),
        stack: crate::api::STACK_NAME.into(),
        status: row.status.clone(),
        updated_at: Timestamp(row.updated_at),
        user: UserRef {
            id: row.user_id,
            email: row.user_email.clone(),
        },
    }
}

/// A dyno; `attach_url` only in the answer that starts an attached one-off.
pub fn dyno(store: &Store, app: &AppRow, d: &DynoInfo, attach_url: Option<String>) -> Dyno {
    let release_id = store
        .release(app.id, &d.release_version.to_string())
        .ok()
        .flatten()
        .map_or(Uuid::nil(), |r| r.id);
    Dyno {
        attach_url,
        command: d.command.clone(),
        created_at: Timestamp(d.created_at),
        id: d.id,
        name: d.name.clone(),
        release: DynoRelease {
            id: release_id,
            version: d.release_version,
        },
        app: app_ref(app),
        size: d.size.clone(),
        state: d.state.as_str().to_string(),
        kind: d.kind.clone(),
        updated_at: Timestamp(d.updated_at),
        node: d.node.clone(),
    }
}

pub fn webhook(row: &WebhookRow) -> AppWebhook {
    AppWebhook {
        app: NamedRef {
            id: row.app_id,
            name: row.app_name.clone(),
        },
        created_at: Timestamp(row.created_at),
        id: row.id,
        include: row.include.clone(),
        level: row.level.clone(),
        updated_at: Timestamp(row.updated_at),
        url: row.url.clone(),
    }
}

pub fn webhook_event(row: &EventRow) -> AppWebhookEvent {
    AppWebhookEvent {
        created_at: Timestamp(row.created_at),
        id: row.id,
        include: row.include.clone(),
        payload: AppWebhookEventPayload {
            action: row.action.clone(),
            actor: WebhookActor {
                email: row.actor_email.clone(),
                id: row.actor_id,
            },
            data: row.data.clone(),
            previous_data: row.previous_data.clone(),
            resource: row.resource.clone(),
            version: WEBHOOK_PAYLOAD_VERSION.into(),
            published_at: Some(Timestamp(row.created_at)),
        },
        updated_at: Timestamp(row.updated_at),
    }
}

fn webhook_attempt(a: &AttemptRow) -> WebhookAttempt {
    WebhookAttempt {
        id: a.id,
        code: a.code,
        error_class: a.error_class.clone(),
        status: a.status.clone(),
        created_at: Timestamp(a.created_at),
        updated_at: Timestamp(a.updated_at),
    }
}

pub fn webhook_delivery(row: &DeliveryRow) -> AppWebhookDelivery {
    let last = row.attempts.last();
    AppWebhookDelivery {
        created_at: Timestamp(row.created_at),
        event: WebhookEventRef {
            id: row.event_id,
            include: row.event_include.clone(),
        },
        id: row.id,
        num_attempts: row.num_attempts,
        next_attempt_at: row.next_attempt_at.map(Timestamp),
        last_attempt: last.map(webhook_attempt),
        status: row.status.clone(),
        updated_at: Timestamp(row.updated_at),
        webhook: WebhookRef {
            id: row.webhook_id,
            level: row.webhook_level.clone(),
        },
        last_attempt_duration_ms: last.map(|a| a.duration_ms),
        attempts: row
            .attempts
            .iter()
            .map(|a| WebhookAttemptDetail {
                attempt: webhook_attempt(a),
                duration_ms: a.duration_ms,
            })
            .collect(),
    }
}

pub fn deployment(row: &DeploymentRow) -> Deployment {
    Deployment {
        id: row.id,
        number: row.number,
        app: NamedRef {
            id: row.app_id,
            name: row.app_name.clone(),
        },
        environment: row.environment.clone(),
        git_ref: row.git_ref.clone(),
        sha: row.sha.clone(),
        description: row.description.clone(),
        trigger: row.trigger.clone(),
        deployer: UserRef {
            id: row.user_id,
            email: row.user_email.clone(),
        },
        status: row.status.clone(),
        status_description: row.status_description.clone(),
        build: row.build_id.map(|id| IdRef { id }),
        release: row
            .release_id
            .zip(row.release_version)
            .map(|(id, version)| DeploymentRelease { id, version }),
        statuses: row
            .statuses
            .iter()
            .map(|s| DeploymentStatus {
                id: s.id,
                state: s.state.clone(),
                description: s.description.clone(),
                creator: UserRef {
                    id: s.creator_id,
                    email: s.creator_email.clone(),
                },
                created_at: Timestamp(s.created_at),
            })
            .collect(),
        created_at: Timestamp(row.created_at),
        updated_at: Timestamp(row.updated_at),
    }
}

pub fn deploy_lock(lock: &DeployLockRow) -> DeployLock {
    DeployLock {
        app: NamedRef {
            id: lock.app_id,
            name: lock.app_name.clone(),
        },
        reason: lock.reason.clone(),
        locked_by: UserRef {
            id: lock.user_id,
            email: lock.user_email.clone(),
        },
        created_at: Timestamp(lock.created_at),
    }
}

/// `config_vars` are the config vars the add-on sets on its owning app.
pub fn addon(row: &crate::server::store::AddonRow, config_vars: Vec<String>) -> crate::api::AddOn {
    use crate::server::addons::catalog;
    let service = catalog::service(&row.service);
    let plan = service.and_then(|s| catalog::service_plan(s, &row.plan));
    let app = NamedRef {
        id: row.app_id,
        name: row.app_name.clone(),
    };
    crate::api::AddOn {
        actions: vec![],
        addon_service: NamedRef {
            id: service.map(|s| s.id).unwrap_or_default(),
            name: row.service.clone(),
        },
        billing_entity: crate::api::BillingEntity {
            id: row.app_id,
            name: row.app_name.clone(),
            kind: "app".into(),
        },
        app,
        billed_price: plan.map(|p| crate::api::Price {
            cents: p.cents,
            contract: false,
            unit: "month".into(),
        }),
        config_vars,
        created_at: Timestamp(row.created_at),
        id: row.id,
        name: row.name.clone(),
        plan: NamedRef {
            id: plan.map(|p| p.id).unwrap_or_default(),
            name: format!("{}:{}", row.service, row.plan),
        },
        provider_id: row.provider_id.clone(),
        provision_message: match row.state.as_str() {
            "provisioned" => "the add-on is provisioned and attached".into(),
            _ => String::new(),
        },
        state: row.state.clone(),
        updated_at: Timestamp(row.updated_at),
        web_url: None,
    }
}

pub fn addon_attachment(row: &crate::server::store::AttachmentRow) -> crate::api::AddOnAttachment {
    crate::api::AddOnAttachment {
        addon: crate::api::AttachmentAddOn {
            app: NamedRef {
                id: row.addon_app_id,
                name: row.addon_app_name.clone(),
            },
            id: row.addon_id,
            name: row.addon_name.clone(),
        },
        app: NamedRef {
            id: row.app_id,
            name: row.app_name.clone(),
        },
        created_at: Timestamp(row.created_at),
        id: row.id,
        name: row.name.clone(),
        namespace: None,
        updated_at: Timestamp(row.updated_at),
        web_url: None,
        log_input_url: None,
    }
}

/// The catalog has no history: its times are fixed.
const CATALOG_TIME: i64 = 1_767_225_600;

pub fn addon_service(s: &crate::server::addons::catalog::Service) -> crate::api::AddOnService {
    crate::api::AddOnService {
        cli_plugin_name: None,
        created_at: Timestamp(CATALOG_TIME),
        human_name: s.human_name.into(),
        id: s.id,
        name: s.name.into(),
        state: "ga".into(),
        supports_multiple_installations: true,
        supports_sharing: true,
        updated_at: Timestamp(CATALOG_TIME),
        supported_generations: vec![NamedRef {
            id: GENERATION_ID,
            name: GENERATION_NAME.into(),
        }],
    }
}

pub fn plan(
    s: &crate::server::addons::catalog::Service,
    p: &crate::server::addons::catalog::PlanSpec,
) -> crate::api::Plan {
    crate::api::Plan {
        addon_service: NamedRef {
            id: s.id,
            name: s.name.into(),
        },
        created_at: Timestamp(CATALOG_TIME),
        compliance: None,
        default: p.default,
        description: p.description(s),
        human_name: p.human_name.into(),
        id: p.id,
        installable_inside_private_network: false,
        installable_outside_private_network: true,
        name: crate::server::addons::catalog::full_name(s, p),
        price: crate::api::Price {
            cents: p.cents,
            contract: false,
            unit: "month".into(),
        },
        space_default: false,
        state: "public".into(),
        updated_at: Timestamp(CATALOG_TIME),
        visible: true,
    }
}
