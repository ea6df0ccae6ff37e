//! A typed Platform API v3 client on reqwest. Every request carries the v3 `Accept` header and
//! `User-Agent: tug/<version>`; the token goes only to the configured platform (requests are
//! built from its base URL and redirects are not followed). Error bodies become `ClientError::Api`
//! so the renderer can pick hints from the error id.

use std::time::Duration;

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::{
    self, Account, App, AppCreate, AppUpdate, AppWebhook, AppWebhookCreate, AppWebhookDelivery,
    AppWebhookEvent, AppWebhookUpdate, Build, BuildCreate, BuildpackInstallation,
    BuildpackInstallationsUpdate, Collaborator, CollaboratorCreate, CommitStatus,
    CommitStatusCreate, ConfigVars, ConfigVarsUpdate, DeployLock, DeployLockCreate, Deployment,
    DeploymentCreate, DeploymentStatusCreate, Dyno, DynoCreate, ErrorBody, Formation,
    FormationBatchUpdate, Health, LogDrain, LogDrainCreate, OAuthAuthorization,
    OAuthAuthorizationCreate, Range, Release, ReleaseCreate, Source,
};
use crate::cli::config::ApiUrl;

const USER_AGENT: &str = concat!("tug/", env!("CARGO_PKG_VERSION"));
/// A list that still says "more" after this many pages is not followed further.
const MAX_PAGES: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("could not reach {url}")]
    Unreachable {
        url: String,
        local: bool,
        #[source]
        cause: Cause,
    },
    #[error("{}", body.message)]
    Api { status: u16, body: ErrorBody },
    #[error("{url} answered {status} with a redirect to {location}")]
    Redirect {
        url: String,
        status: u16,
        location: String,
    },
    #[error("unexpected answer from {url}: {detail}")]
    Unexpected { url: String, detail: String },
}

impl ClientError {
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ClientError::Api { status, body } if *status == 401 || body.id == "unauthorized")
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ClientError::Api { status, body } if *status == 404 || body.id == "not_found")
    }
}

/// Why a connection failed, in a few words ("connection refused").
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Cause(String);

pub struct Client {
    http: reqwest::Client,
    api: ApiUrl,
    token: Option<String>,
}

impl Client {
    pub fn new(api: &ApiUrl, token: Option<String>) -> anyhow::Result<Client> {
        let http = http_client(api, Some(Duration::from_secs(120)))?;
        Ok(Client {
            http,
            api: api.clone(),
            token,
        })
    }

    pub fn api_url(&self) -> &ApiUrl {
        &self.api
    }

    fn request(&self, method: Method, segments: &[&str]) -> RequestBuilder {
        let req = self.http.request(method, self.api.endpoint(segments));
        match &self.token {
            Some(token) => req.bearer_auth(token),
            None => req,
        }
    }

    async fn send(&self, req: RequestBuilder) -> Result<Response, ClientError> {
        let resp = req.send().await.map_err(|e| self.unreachable(&e))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(resp);
        }
        let url = resp.url().to_string();
        if status.is_redirection() {
            let location = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("nowhere")
                .to_string();
            return Err(ClientError::Redirect {
                url,
                status: status.as_u16(),
                location,
            });
        }
        let bytes = resp.bytes().await.unwrap_or_default();
        match serde_json::from_slice::<ErrorBody>(&bytes) {
            Ok(body) => Err(ClientError::Api {
                status: status.as_u16(),
                body,
            }),
            Err(_) => Err(ClientError::Unexpected {
                url,
                detail: format!("HTTP {status}"),
            }),
        }
    }

    async fn decode<T: DeserializeOwned>(&self, resp: Response) -> Result<T, ClientError> {
        let url = resp.url().to_string();
        let bytes = resp.bytes().await.map_err(|e| self.unreachable(&e))?;
        serde_json::from_slice(&bytes).map_err(|e| ClientError::Unexpected {
            url,
            detail: format!("the response is not what tug expected ({e})"),
        })
    }

    fn unreachable(&self, err: &reqwest::Error) -> ClientError {
        ClientError::Unreachable {
            url: self.api.to_string(),
            local: self.api.is_local(),
            cause: Cause(describe(err)),
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, segments: &[&str]) -> Result<T, ClientError> {
        let resp = self.send(self.request(Method::GET, segments)).await?;
        self.decode(resp).await
    }

    async fn with_body<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        segments: &[&str],
        body: &B,
    ) -> Result<T, ClientError> {
        let resp = self.send(self.request(method, segments).json(body)).await?;
        self.decode(resp).await
    }

    async fn delete<T: DeserializeOwned>(&self, segments: &[&str]) -> Result<T, ClientError> {
        let resp = self.send(self.request(Method::DELETE, segments)).await?;
        self.decode(resp).await
    }

    /// A list. With `follow`, a `206` answer's `Next-Range` is requested until the list ends.
    pub async fn list<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        range: Option<&Range>,
        follow: bool,
    ) -> Result<Vec<T>, ClientError> {
        self.list_accepting(segments, range, follow, api::ACCEPT)
            .await
    }

    /// `list` with another `Accept` media type (a `3.<variant>`).
    async fn list_accepting<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        range: Option<&Range>,
        follow: bool,
        accept: &'static str,
    ) -> Result<Vec<T>, ClientError> {
        let mut items = Vec::new();
        let mut range = range.map(ToString::to_string);
        for _ in 0..MAX_PAGES {
            let mut req = self.request(Method::GET, segments).header(ACCEPT, accept);
            if let Some(r) = &range {
                req = req.header("Range", r);
            }
            let resp = self.send(req).await?;
            let partial = resp.status() == StatusCode::PARTIAL_CONTENT;
            let next = resp
                .headers()
                .get("Next-Range")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let page: Vec<T> = self.decode(resp).await?;
            let empty = page.is_empty();
            items.extend(page);
            match next {
                Some(next) if follow && partial && !empty && range.as_ref() != Some(&next) => {
                    range = Some(next);
                }
                _ => break,
            }
        }
        Ok(items)
    }

    // ---- account and authorizations -----------------------------------------------------------

    pub async fn account(&self) -> Result<Account, ClientError> {
        self.get(&["account"]).await
    }

    /// `POST /oauth/authorizations` with Basic email:password: the interactive login.
    pub async fn create_authorization(
        &self,
        email: &str,
        password: &str,
        body: &OAuthAuthorizationCreate,
    ) -> Result<OAuthAuthorization, ClientError> {
        let req = self
            .http
            .post(self.api.endpoint(&["oauth", "authorizations"]))
            .basic_auth(email, Some(password))
            .json(body);
        let resp = self.send(req).await?;
        self.decode(resp).await
    }

    pub async fn delete_authorization(&self, id: &str) -> Result<OAuthAuthorization, ClientError> {
        self.delete(&["oauth", "authorizations", id]).await
    }

    // ---- apps ---------------------------------------------------------------------------------

    /// Apps the account owns or collaborates on.
    pub async fn apps(&self) -> Result<Vec<App>, ClientError> {
        self.list(&["users", "~", "apps"], None, true).await
    }

    pub async fn app(&self, app: &str) -> Result<App, ClientError> {
        self.get(&["apps", app]).await
    }

    pub async fn create_app(&self, body: &AppCreate) -> Result<App, ClientError> {
        self.with_body(Method::POST, &["apps"], body).await
    }

    pub async fn update_app(&self, app: &str, body: &AppUpdate) -> Result<App, ClientError> {
        self.with_body(Method::PATCH, &["apps", app], body).await
    }

    pub async fn delete_app(&self, app: &str) -> Result<App, ClientError> {
        self.delete(&["apps", app]).await
    }

    // ---- config vars --------------------------------------------------------------------------

    pub async fn config_vars(&self, app: &str) -> Result<ConfigVars, ClientError> {
        self.get(&["apps", app, "config-vars"]).await
    }

    pub async fn update_config_vars(
        &self,
        app: &str,
        body: &ConfigVarsUpdate,
    ) -> Result<ConfigVars, ClientError> {
        self.with_body(Method::PATCH, &["apps", app, "config-vars"], body)
            .await
    }

    // ---- releases -----------------------------------------------------------------------------

    /// The newest `max` releases, newest first.
    pub async fn releases(&self, app: &str, max: usize) -> Result<Vec<Release>, ClientError> {
        let range = Range::new("version").with_max(max).desc();
        self.list(&["apps", app, "releases"], Some(&range), false)
            .await
    }

    pub async fn latest_release(&self, app: &str) -> Result<Option<Release>, ClientError> {
        Ok(self.releases(app, 1).await?.into_iter().next())
    }

    /// By id or version number.
    pub async fn release(&self, app: &str, release: &str) -> Result<Release, ClientError> {
        self.get(&["apps", app, "releases", release]).await
    }

    pub async fn release_config_vars(
        &self,
        app: &str,
        release: &str,
    ) -> Result<ConfigVars, ClientError> {
        self.get(&["apps", app, "releases", release, "config-vars"])
            .await
    }

    pub async fn create_release(
        &self,
        app: &str,
        body: &ReleaseCreate,
    ) -> Result<Release, ClientError> {
        self.with_body(Method::POST, &["apps", app, "releases"], body)
            .await
    }

    // ---- deployments, commit statuses, deploy locks --------------------------------------------

    /// The newest `max` deployments, newest first.
    pub async fn deployments(&self, app: &str, max: usize) -> Result<Vec<Deployment>, ClientError> {
        let range = Range::new("number").with_max(max).desc();
        self.list(&["apps", app, "deployments"], Some(&range), false)
            .await
    }

    /// By id or number.
    pub async fn deployment(&self, app: &str, id: &str) -> Result<Deployment, ClientError> {
        self.get(&["apps", app, "deployments", id]).await
    }

    pub async fn create_deployment(
        &self,
        app: &str,
        body: &DeploymentCreate,
    ) -> Result<Deployment, ClientError> {
        self.with_body(Method::POST, &["apps", app, "deployments"], body)
            .await
    }

    pub async fn add_deployment_status(
        &self,
        app: &str,
        id: &str,
        body: &DeploymentStatusCreate,
    ) -> Result<Deployment, ClientError> {
        self.with_body(
            Method::POST,
            &["apps", app, "deployments", id, "statuses"],
            body,
        )
        .await
    }

    /// Every status of a commit, oldest first.
    pub async fn commit_statuses(
        &self,
        app: &str,
        sha: &str,
    ) -> Result<Vec<CommitStatus>, ClientError> {
        self.list(&["apps", app, "commit-statuses", sha], None, true)
            .await
    }

    pub async fn create_commit_status(
        &self,
        app: &str,
        sha: &str,
        body: &CommitStatusCreate,
    ) -> Result<CommitStatus, ClientError> {
        self.with_body(Method::POST, &["apps", app, "commit-statuses", sha], body)
            .await
    }

    /// The app's deploy lock, if it has one.
    pub async fn deploy_lock(&self, app: &str) -> Result<Option<DeployLock>, ClientError> {
        unless_unlocked(self.get(&["apps", app, "deploy-lock"]).await)
    }

    pub async fn lock_deploys(
        &self,
        app: &str,
        body: &DeployLockCreate,
    ) -> Result<DeployLock, ClientError> {
        self.with_body(Method::PUT, &["apps", app, "deploy-lock"], body)
            .await
    }

    /// Unlocks; `None` when the app was not locked.
    pub async fn unlock_deploys(&self, app: &str) -> Result<Option<DeployLock>, ClientError> {
        unless_unlocked(self.delete(&["apps", app, "deploy-lock"]).await)
    }

    // ---- builds and buildpacks ---------------------------------------------------------------

    /// The newest `max` builds, newest first.
    pub async fn builds(&self, app: &str, max: usize) -> Result<Vec<Build>, ClientError> {
        let range = Range::new("created_at").with_max(max).desc();
        self.list(&["apps", app, "builds"], Some(&range), false)
            .await
    }

    pub async fn build(&self, app: &str, id: &str) -> Result<Build, ClientError> {
        self.get(&["apps", app, "builds", id]).await
    }

    /// Opens a build's output (`output_stream_url`). That URL is a capability: no token goes
    /// with it, and a quiet build may keep it open as long as it runs, so there is no read
    /// timeout.
    pub async fn build_output(&self, url: &str) -> Result<Response, ClientError> {
        let unexpected = |detail: String| ClientError::Unexpected {
            url: url.to_string(),
            detail,
        };
        let target = ApiUrl::parse(url).map_err(unexpected)?;
        let http = http_client(&target, None).map_err(|e| unexpected(e.to_string()))?;
        self.send(http.get(url).header(ACCEPT, "text/plain")).await
    }

    /// The app's buildpacks, in the order builds run them.
    pub async fn buildpacks(&self, app: &str) -> Result<Vec<BuildpackInstallation>, ClientError> {
        let mut list: Vec<BuildpackInstallation> =
            self.get(&["apps", app, "buildpack-installations"]).await?;
        list.sort_by_key(|b| b.ordinal);
        Ok(list)
    }

    /// Replaces the app's buildpack list.
    pub async fn set_buildpacks(
        &self,
        app: &str,
        body: &BuildpackInstallationsUpdate,
    ) -> Result<Vec<BuildpackInstallation>, ClientError> {
        self.with_body(Method::PUT, &["apps", app, "buildpack-installations"], body)
            .await
    }

    /// `POST /sources`: where to upload a source tarball.
    pub async fn create_source(&self) -> Result<Source, ClientError> {
        self.with_body(Method::POST, &["sources"], &serde_json::json!({}))
            .await
    }

    /// Uploads a source tarball to a `put_url` (a capability: no token goes with it).
    pub async fn upload_source(&self, put_url: &str, bytes: Vec<u8>) -> Result<(), ClientError> {
        let unexpected = |detail: String| ClientError::Unexpected {
            url: put_url.to_string(),
            detail,
        };
        let target = ApiUrl::parse(put_url).map_err(unexpected)?;
        let http = http_client(&target, Some(Duration::from_secs(120)))
            .map_err(|e| unexpected(e.to_string()))?;
        let req = http
            .put(put_url)
            .header(reqwest::header::CONTENT_TYPE, "")
            .header(reqwest::header::CONTENT_LENGTH, bytes.len())
            .body(bytes);
        self.send(req).await?;
        Ok(())
    }

    pub async fn create_build(&self, app: &str, body: &BuildCreate) -> Result<Build, ClientError> {
        self.with_body(Method::POST, &["apps", app, "builds"], body)
            .await
    }

    /// `GET /health`: answers once the platform accepts requests.
    pub async fn health(&self) -> Result<Health, ClientError> {
        self.get(&["health"]).await
    }

    // ---- dynos and formation ------------------------------------------------------------------

    pub async fn dynos(&self, app: &str) -> Result<Vec<Dyno>, ClientError> {
        self.list(&["apps", app, "dynos"], None, true).await
    }

    pub async fn create_log_session(
        &self,
        app: &str,
        body: &api::LogSessionCreate,
    ) -> Result<api::LogSession, ClientError> {
        self.with_body(Method::POST, &["apps", app, "log-sessions"], body)
            .await
    }

    /// Opens a log session's URL (a capability, like `build_output`) as Server-Sent Events,
    /// resuming just after the line whose event id is `after`.
    pub async fn log_events(&self, url: &str, after: Option<u64>) -> Result<Response, ClientError> {
        let unexpected = |detail: String| ClientError::Unexpected {
            url: url.to_string(),
            detail,
        };
        let target = ApiUrl::parse(url).map_err(unexpected)?;
        let http = http_client(&target, None).map_err(|e| unexpected(e.to_string()))?;
        let mut req = http.get(url).header(ACCEPT, "text/event-stream");
        if let Some(id) = after {
            req = req.header("Last-Event-ID", id.to_string());
        }
        self.send(req).await
    }

    pub async fn create_dyno(&self, app: &str, body: &DynoCreate) -> Result<Dyno, ClientError> {
        self.with_body(Method::POST, &["apps", app, "dynos"], body)
            .await
    }

    /// Restarts every dyno of the app, one dyno (`web.1`), or every dyno of a type.
    pub async fn restart(&self, app: &str, target: &Target) -> Result<(), ClientError> {
        let _: serde_json::Value = match target {
            Target::All => self.delete(&["apps", app, "dynos"]).await?,
            Target::Dyno(name) => self.delete(&["apps", app, "dynos", name]).await?,
            Target::Type(kind) => self.delete(&["apps", app, "formations", kind]).await?,
        };
        Ok(())
    }

    /// Stops one dyno, or every dyno of a type.
    pub async fn stop(&self, app: &str, target: &Target) -> Result<(), ClientError> {
        let empty = serde_json::json!({});
        let _: serde_json::Value = match target {
            Target::All => {
                return Err(ClientError::Unexpected {
                    url: self.api.to_string(),
                    detail: "stopping needs a dyno or a process type".to_string(),
                });
            }
            Target::Dyno(name) => {
                self.with_body(
                    Method::POST,
                    &["apps", app, "dynos", name, "actions", "stop"],
                    &empty,
                )
                .await?
            }
            Target::Type(kind) => {
                self.with_body(
                    Method::POST,
                    &["apps", app, "formations", kind, "actions", "stop"],
                    &empty,
                )
                .await?
            }
        };
        Ok(())
    }

    pub async fn formation(&self, app: &str) -> Result<Vec<Formation>, ClientError> {
        let mut list: Vec<Formation> = self.list(&["apps", app, "formation"], None, true).await?;
        list.sort_by(|a, b| a.kind.cmp(&b.kind));
        Ok(list)
    }

    pub async fn update_formation(
        &self,
        app: &str,
        body: &FormationBatchUpdate,
    ) -> Result<Vec<Formation>, ClientError> {
        self.with_body(Method::PATCH, &["apps", app, "formation"], body)
            .await
    }

    // ---- collaborators ------------------------------------------------------------------------

    pub async fn collaborators(&self, app: &str) -> Result<Vec<Collaborator>, ClientError> {
        self.list(&["apps", app, "collaborators"], None, true).await
    }

    pub async fn add_collaborator(
        &self,
        app: &str,
        body: &CollaboratorCreate,
    ) -> Result<Collaborator, ClientError> {
        self.with_body(Method::POST, &["apps", app, "collaborators"], body)
            .await
    }

    pub async fn remove_collaborator(
        &self,
        app: &str,
        email: &str,
    ) -> Result<Collaborator, ClientError> {
        self.delete(&["apps", app, "collaborators", email]).await
    }

    // ---- log drains ---------------------------------------------------------------------------

    pub async fn drains(&self, app: &str) -> Result<Vec<LogDrain>, ClientError> {
        self.list(&["apps", app, "log-drains"], None, true).await
    }

    pub async fn add_drain(&self, app: &str, url: &str) -> Result<LogDrain, ClientError> {
        let body = LogDrainCreate {
            url: url.to_string(),
        };
        self.with_body(Method::POST, &["apps", app, "log-drains"], &body)
            .await
    }

    /// Removes a drain named by its id, URL or token.
    pub async fn remove_drain(&self, app: &str, drain: &str) -> Result<LogDrain, ClientError> {
        self.delete(&["apps", app, "log-drains", drain]).await
    }

    // ---- webhooks (`Accept: …version=3.webhooks`, as the official CLI sends) -----------------

    fn webhooks_request(&self, method: Method, segments: &[&str]) -> RequestBuilder {
        self.request(method, segments)
            .header(ACCEPT, api::WEBHOOKS_ACCEPT)
    }

    /// A webhook answer, with the signing secret when the request set it.
    async fn webhook_with_secret(
        &self,
        req: RequestBuilder,
    ) -> Result<(AppWebhook, Option<String>), ClientError> {
        let resp = self.send(req).await?;
        let secret = resp
            .headers()
            .get(api::WEBHOOK_SECRET_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok((self.decode(resp).await?, secret))
    }

    pub async fn webhooks(&self, app: &str) -> Result<Vec<AppWebhook>, ClientError> {
        self.list_accepting(&["apps", app, "webhooks"], None, true, api::WEBHOOKS_ACCEPT)
            .await
    }

    pub async fn webhook(&self, app: &str, id: &str) -> Result<AppWebhook, ClientError> {
        let resp = self
            .send(self.webhooks_request(Method::GET, &["apps", app, "webhooks", id]))
            .await?;
        self.decode(resp).await
    }

    pub async fn add_webhook(
        &self,
        app: &str,
        body: &AppWebhookCreate,
    ) -> Result<(AppWebhook, Option<String>), ClientError> {
        let req = self
            .webhooks_request(Method::POST, &["apps", app, "webhooks"])
            .json(body);
        self.webhook_with_secret(req).await
    }

    pub async fn update_webhook(
        &self,
        app: &str,
        id: &str,
        body: &AppWebhookUpdate,
    ) -> Result<(AppWebhook, Option<String>), ClientError> {
        let req = self
            .webhooks_request(Method::PATCH, &["apps", app, "webhooks", id])
            .json(body);
        self.webhook_with_secret(req).await
    }

    pub async fn remove_webhook(&self, app: &str, id: &str) -> Result<AppWebhook, ClientError> {
        let resp = self
            .send(self.webhooks_request(Method::DELETE, &["apps", app, "webhooks", id]))
            .await?;
        self.decode(resp).await
    }

    /// The newest `max` webhook events, newest first.
    pub async fn webhook_events(
        &self,
        app: &str,
        max: usize,
    ) -> Result<Vec<AppWebhookEvent>, ClientError> {
        let range = Range::new("created_at").with_max(max).desc();
        self.list_accepting(
            &["apps", app, "webhook-events"],
            Some(&range),
            false,
            api::WEBHOOKS_ACCEPT,
        )
        .await
    }

    /// The newest `max` webhook deliveries, newest first.
    pub async fn webhook_deliveries(
        &self,
        app: &str,
        max: usize,
    ) -> Result<Vec<AppWebhookDelivery>, ClientError> {
        let range = Range::new("created_at").with_max(max).desc();
        self.list_accepting(
            &["apps", app, "webhook-deliveries"],
            Some(&range),
            false,
            api::WEBHOOKS_ACCEPT,
        )
        .await
    }
}

/// A deploy lock, or `None` for the server's "not locked" (a 404 about the lock itself; one
/// about the app stays an error).
fn unless_unlocked(
    answer: Result<DeployLock, ClientError>,
) -> Result<Option<DeployLock>, ClientError> {
    match answer {
        Ok(lock) => Ok(Some(lock)),
        Err(ClientError::Api { status: 404, body })
            if body.resource.as_deref() == Some("deploy-lock") =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Which dynos a restart or a stop is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    All,
    Dyno(String),
    Type(String),
}

/// A reqwest client for one platform: the v3 `Accept` header, no redirects, no proxy for this
/// machine, and no trust roots loaded for plain HTTP.
fn http_client(api: &ApiUrl, read_timeout: Option<Duration>) -> anyhow::Result<reqwest::Client> {
    install_crypto_provider();
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static(api::ACCEPT));
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10));
    if let Some(timeout) = read_timeout {
        builder = builder.read_timeout(timeout);
    }
    if api.is_local() {
        builder = builder.no_proxy();
    }
    if !api.is_https() {
        // Plain HTTP never needs the system's trust roots; skip loading them.
        builder = builder.tls_certs_only(std::iter::empty::<reqwest::Certificate>());
    }
    Ok(builder.build()?)
}

/// rustls needs a process-wide crypto provider; installing it twice is harmless.
fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The innermost cause of a transport error, in a few lowercase words.
fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "timed out".to_string();
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    let mut innermost = err.to_string();
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return "connection refused".to_string(),
                std::io::ErrorKind::TimedOut => return "timed out".to_string(),
                std::io::ErrorKind::ConnectionReset => return "connection reset".to_string(),
                _ => {}
            }
        }
        innermost = e.to_string();
        source = e.source();
    }
    lowercase_first(&innermost)
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    use super::*;

    /// A scripted HTTP server: answers each connection with the next response and records the
    /// requests it got.
    fn fake(responses: Vec<String>) -> (ApiUrl, Arc<Mutex<Vec<String>>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for response in responses {
                let (stream, _) = listener.accept().unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut head = String::new();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                    head.push_str(&line);
                    if line == "\r\n" || line.is_empty() {
                        break;
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                head.push_str(&String::from_utf8_lossy(&body));
                log.lock().unwrap().push(head);
                (&stream).write_all(response.as_bytes()).unwrap();
            }
        });
        (ApiUrl::parse(&url).unwrap(), seen)
    }

    fn response(status: &str, headers: &[&str], body: &str) -> String {
        let mut text = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for h in headers {
            text.push_str(h);
            text.push_str("\r\n");
        }
        text.push_str("\r\n");
        text.push_str(body);
        text
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn follows_next_range_and_sends_the_v3_headers() {
        let (api, seen) = fake(vec![
            response(
                "206 Partial Content",
                &["Next-Range: name ]b..; max=2"],
                "[\"a\",\"b\"]",
            ),
            response("200 OK", &[], "[\"c\"]"),
        ]);
        let client = Client::new(&api, Some("tug_secret".into())).unwrap();
        let items: Vec<String> =
            block_on(client.list(&["users", "~", "apps"], None, true)).unwrap();
        assert_eq!(items, ["a", "b", "c"]);
        let seen = seen.lock().unwrap();
        assert!(
            seen[0].starts_with("GET /users/~/apps HTTP/1.1\r\n"),
            "{}",
            seen[0]
        );
        let first = seen[0].to_ascii_lowercase();
        assert!(
            first.contains("accept: application/vnd.heroku+json; version=3\r\n"),
            "{first}"
        );
        assert!(first.contains(&format!(
            "user-agent: tug/{}\r\n",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(first.contains("authorization: bearer tug_secret\r\n"));
        assert!(!first.contains("range:"));
        assert!(
            seen[1]
                .to_ascii_lowercase()
                .contains("range: name ]b..; max=2\r\n"),
            "{}",
            seen[1]
        );
    }

    #[test]
    fn releases_ask_for_the_newest_first() {
        let (api, seen) = fake(vec![response("200 OK", &[], "[]")]);
        let client = Client::new(&api, Some("t".into())).unwrap();
        assert!(block_on(client.releases("demo", 15)).unwrap().is_empty());
        let request = seen.lock().unwrap()[0].to_ascii_lowercase();
        assert!(
            request.contains("range: version ..; max=15, order=desc\r\n"),
            "{request}"
        );
    }

    #[test]
    fn webhook_requests_ask_for_the_webhooks_variant_and_read_the_secret() {
        let webhook = r#"{"app":{"id":"01234567-89ab-cdef-0123-456789abcdef","name":"demo"},
            "created_at":"2026-01-01T12:00:00Z","id":"11234567-89ab-cdef-0123-456789abcdef",
            "include":["api:release"],"level":"sync","updated_at":"2026-01-01T12:00:00Z",
            "url":"https://example.com/hook"}"#;
        let (api, seen) = fake(vec![
            response("201 Created", &["Heroku-Webhook-Secret: abc123"], webhook),
            response("200 OK", &[], "[]"),
        ]);
        let client = Client::new(&api, Some("t".into())).unwrap();
        let body = AppWebhookCreate {
            include: vec!["api:release".into()],
            level: "sync".into(),
            url: "https://example.com/hook".into(),
            ..Default::default()
        };
        let (created, secret) = block_on(client.add_webhook("demo", &body)).unwrap();
        assert_eq!(secret.as_deref(), Some("abc123"));
        assert_eq!(created.include, ["api:release"]);
        assert!(
            block_on(client.webhook_deliveries("demo", 5))
                .unwrap()
                .is_empty()
        );
        let seen = seen.lock().unwrap();
        for request in seen.iter() {
            let request = request.to_ascii_lowercase();
            assert!(
                request.contains("accept: application/vnd.heroku+json; version=3.webhooks\r\n"),
                "{request}"
            );
        }
        assert!(seen[0].starts_with("POST /apps/demo/webhooks HTTP/1.1\r\n"));
        assert!(
            seen[1]
                .to_ascii_lowercase()
                .contains("range: created_at ..; max=5, order=desc\r\n"),
            "{}",
            seen[1]
        );
    }

    #[test]
    fn error_bodies_become_typed_errors() {
        let (api, _) = fake(vec![
            response(
                "404 Not Found",
                &[],
                r#"{"id":"not_found","message":"app `x` not found","resource":"app"}"#,
            ),
            response("502 Bad Gateway", &[], "<html>oops</html>"),
            response("200 OK", &[], "{\"not\": \"an app\"}"),
            response(
                "301 Moved Permanently",
                &["Location: https://elsewhere.example/"],
                "",
            ),
        ]);
        let client = Client::new(&api, Some("t".into())).unwrap();
        let err = block_on(client.app("x")).unwrap_err();
        assert!(err.is_not_found());
        assert_eq!(err.to_string(), "app `x` not found");
        let err = block_on(client.app("x")).unwrap_err();
        assert!(err.to_string().contains("HTTP 502 Bad Gateway"), "{err}");
        let err = block_on(client.app("x")).unwrap_err();
        assert!(err.to_string().contains("not what tug expected"), "{err}");
        let err = block_on(client.app("x")).unwrap_err();
        assert!(
            err.to_string()
                .contains("redirect to https://elsewhere.example/"),
            "{err}"
        );
    }

    #[test]
    fn a_closed_port_is_unreachable_with_a_short_cause() {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let api = ApiUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap();
        let client = Client::new(&api, None).unwrap();
        match block_on(client.account()).unwrap_err() {
            ClientError::Unreachable { url, local, cause } => {
                assert_eq!(url, api.to_string());
                assert!(local);
                assert_eq!(cause.to_string(), "connection refused");
            }
            other => panic!("{other:?}"),
        }
    }
}
