//! A typed Platform API v3 client on reqwest. Every request carries the v3 `Accept` header and
//! `User-Agent: tug/<version>`; the token goes only to the configured platform (requests are
//! built from its base URL and redirects are not followed). Error bodies become `ClientError::Api`
//! so the renderer can pick hints from the error id. Paths come from `api::paths`; the calls for
//! each resource live in a file of their own.

mod account;
mod addons;
mod apps;
mod builds;
mod certs;
mod domains;
mod dynos;
mod logs;
mod pipelines;
mod releases;
mod review_apps;
mod webhooks;

use std::time::Duration;

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::paths::ApiPath;
use crate::api::{self, ErrorBody, Range};
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
    /// What the platform said in `Warning-Message` headers, until a command shows it.
    warnings: std::sync::Mutex<Vec<String>>,
}

impl Client {
    pub fn new(api: &ApiUrl, token: Option<String>) -> anyhow::Result<Client> {
        let http = http_client(api, Some(Duration::from_secs(120)))?;
        Ok(Client {
            http,
            api: api.clone(),
            token,
            warnings: std::sync::Mutex::default(),
        })
    }

    pub fn api_url(&self) -> &ApiUrl {
        &self.api
    }

    /// The platform's warnings since the last call (a Heroku stack name it took as an alias).
    pub fn take_warnings(&self) -> Vec<String> {
        self.warnings
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default()
    }

    fn request(&self, method: Method, path: &ApiPath) -> RequestBuilder {
        let req = self
            .http
            .request(method, self.api.endpoint(path.segments()));
        match &self.token {
            Some(token) => req.bearer_auth(token),
            None => req,
        }
    }

    async fn send(&self, req: RequestBuilder) -> Result<Response, ClientError> {
        let resp = req.send().await.map_err(|e| self.unreachable(&e))?;
        let status = resp.status();
        if status.is_success() {
            let said = resp
                .headers()
                .get_all("warning-message")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(str::to_string);
            if let Ok(mut warnings) = self.warnings.lock() {
                warnings.extend(said);
            }
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

    pub async fn get<T: DeserializeOwned>(&self, path: &ApiPath) -> Result<T, ClientError> {
        let resp = self.send(self.request(Method::GET, path)).await?;
        self.decode(resp).await
    }

    async fn with_body<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &ApiPath,
        body: &B,
    ) -> Result<T, ClientError> {
        let resp = self.send(self.request(method, path).json(body)).await?;
        self.decode(resp).await
    }

    async fn delete<T: DeserializeOwned>(&self, path: &ApiPath) -> Result<T, ClientError> {
        let resp = self.send(self.request(Method::DELETE, path)).await?;
        self.decode(resp).await
    }

    /// A list. With `follow`, a `206` answer's `Next-Range` is requested until the list ends.
    pub async fn list<T: DeserializeOwned>(
        &self,
        path: &ApiPath,
        range: Option<&Range>,
        follow: bool,
    ) -> Result<Vec<T>, ClientError> {
        self.list_accepting(path, range, follow, api::ACCEPT).await
    }

    /// `list` with another `Accept` media type (a `3.<variant>`).
    async fn list_accepting<T: DeserializeOwned>(
        &self,
        path: &ApiPath,
        range: Option<&Range>,
        follow: bool,
        accept: &'static str,
    ) -> Result<Vec<T>, ClientError> {
        let mut items = Vec::new();
        let mut range = range.map(ToString::to_string);
        for _ in 0..MAX_PAGES {
            let mut req = self.request(Method::GET, path).header(ACCEPT, accept);
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
    use crate::api::{AppWebhookCreate, paths};
    use crate::sync::lock;

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
                lock(&log).push(head);
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
        let items: Vec<String> = block_on(client.list(&paths::user_apps("~"), None, true)).unwrap();
        assert_eq!(items, ["a", "b", "c"]);
        let seen = lock(&seen);
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
        let request = lock(&seen)[0].to_ascii_lowercase();
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
        let seen = lock(&seen);
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
