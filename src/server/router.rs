//! The router: its own listener, where the Host header picks the app (`APP.DOMAIN`).
//! Until dynos run, it answers for known apps that no web dyno is up, Heroku's H14.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header::HOST};
use axum::response::{Html, IntoResponse, Response};
use tokio::sync::watch;

use super::http::AppState;

pub async fn serve(
    listener: std::net::TcpListener,
    state: AppState,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = Router::new().fallback(route).with_state(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|s| *s).await;
        })
        .await?;
    Ok(())
}

/// The app a Host header names, if it is `APP.DOMAIN` (any port).
pub fn app_from_host<'a>(host: &'a str, domain: &str) -> Option<&'a str> {
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    let app = host.strip_suffix(domain)?.strip_suffix('.')?;
    (!app.is_empty() && !app.contains('.')).then_some(app)
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    (
        status,
        Html(format!(
            "<!doctype html><title>{title}</title><h1>{title}</h1><p>{body}</p>\n"
        )),
    )
        .into_response()
}

async fn route(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let app = app_from_host(&host.to_ascii_lowercase(), &state.domain).map(str::to_string);
    let known = match &app {
        Some(name) => matches!(state.store.app_by_name(name), Ok(Some(_))),
        None => false,
    };
    if !known {
        return page(
            StatusCode::NOT_FOUND,
            "No such app",
            "There is no app at this address.",
        );
    }
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Application error",
        "No web dynos are running for this app (H14).",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_to_app() {
        assert_eq!(
            app_from_host("demo.localhost:7780", "localhost"),
            Some("demo")
        );
        assert_eq!(app_from_host("demo.localhost", "localhost"), Some("demo"));
        assert_eq!(
            app_from_host("demo.apps.example.com", "apps.example.com"),
            Some("demo")
        );
        for none in [
            "localhost:7780",
            "a.b.localhost",
            "demo.example.com",
            "",
            ".localhost",
            "demolocalhost",
        ] {
            assert_eq!(app_from_host(none, "localhost"), None, "{none}");
        }
    }
}
