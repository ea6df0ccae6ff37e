//! The one renderer for every error: `error:` with the cause chain, then `hint:` lines naming
//! the next command, then the exit status to end with. Apart from the error types it renders,
//! so that nothing the errors depend on depends back on it.

use std::io;

use crate::ExitStatus;
use crate::cli::client::ClientError;
use crate::cli::error::CliError;
use crate::cli::out::Out;

/// What the renderer needs to know about the run beyond the error itself.
pub struct RenderContext<'a> {
    /// The token came from `TUG_API_KEY`, so "run `tug login`" would not help.
    pub token_from_env: bool,
    pub api_url: Option<&'a str>,
}

/// Prints `err` on stderr and returns the exit status it calls for.
pub fn render(err: &anyhow::Error, out: &Out, cx: &RenderContext<'_>) -> ExitStatus {
    if is_broken_pipe(err) {
        return ExitStatus::Success;
    }
    let status = exit_status(err);
    if status == ExitStatus::Interrupted {
        // The user meant it: no error, only a line end after the terminal's `^C`, so that
        // the shell's prompt starts on a line of its own.
        if out.stderr_tty {
            out.blank_stderr();
        }
        return status;
    }
    let mut lines: Vec<String> = err.chain().map(ToString::to_string).collect();
    lines.dedup();
    let hints = hints(err, cx);
    if let Some(headline) = headline(err, cx) {
        lines.insert(0, headline);
    }
    let mut iter = lines.into_iter();
    if let Some(first) = iter.next() {
        out.error_line(&first);
    }
    for cause in iter {
        out.cause_line(&cause);
    }
    if !hints.is_empty() {
        out.blank_stderr();
        for hint in hints {
            out.hint(&hint);
        }
    }
    status
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

pub fn exit_status(err: &anyhow::Error) -> ExitStatus {
    for e in err.chain() {
        match e.downcast_ref::<CliError>() {
            Some(CliError::Interrupted) => return ExitStatus::Interrupted,
            Some(CliError::Usage { .. } | CliError::NotInteractive { .. }) => {
                return ExitStatus::Usage;
            }
            _ => {}
        }
        if let Some(io) = e.downcast_ref::<io::Error>()
            && io.kind() == io::ErrorKind::Interrupted
        {
            return ExitStatus::Interrupted;
        }
    }
    ExitStatus::Failure
}

/// A first line that says more than the server's message, where the context knows more.
fn headline(err: &anyhow::Error, cx: &RenderContext<'_>) -> Option<String> {
    let client = err.chain().find_map(|e| e.downcast_ref::<ClientError>())?;
    if client.is_unauthorized() && cx.token_from_env {
        let at = cx.api_url.map(|u| format!(" by {u}")).unwrap_or_default();
        return Some(format!("the token in `TUG_API_KEY` was refused{at}"));
    }
    None
}

/// The `hint:` lines for an error: from the first error in the chain that has advice.
pub fn hints(err: &anyhow::Error, cx: &RenderContext<'_>) -> Vec<String> {
    for e in err.chain() {
        if let Some(cli) = e.downcast_ref::<CliError>() {
            return match cli {
                CliError::Interrupted => vec![],
                CliError::NotLoggedIn { .. } => {
                    vec!["run `tug login`, or set `TUG_API_KEY` to a token".to_string()]
                }
                CliError::NotInteractive { hint, .. } => vec![hint.clone()],
                CliError::Usage { hints, .. } | CliError::Failed { hints, .. } => hints.clone(),
            };
        }
        if let Some(client) = e.downcast_ref::<ClientError>() {
            return client_hints(client, cx);
        }
    }
    vec![]
}

fn client_hints(err: &ClientError, cx: &RenderContext<'_>) -> Vec<String> {
    match err {
        ClientError::Unreachable { url, local, .. } => {
            if *local {
                vec!["start it with `tug server`".to_string()]
            } else {
                vec![format!(
                    "check that the platform at {url} is up, or point tug elsewhere with `TUG_API_URL` or `tug login --api-url URL`"
                )]
            }
        }
        ClientError::Api { body, .. } => match body.id.as_str() {
            "unauthorized" if cx.token_from_env => {
                vec!["check the token, or unset `TUG_API_KEY` and run `tug login`".to_string()]
            }
            "unauthorized" => vec!["run `tug login`".to_string()],
            "not_found" if body.resource.as_deref() == Some("app") => {
                vec!["run `tug apps` to see the apps you can use".to_string()]
            }
            "not_found" if body.resource.as_deref() == Some("release") => {
                vec!["run `tug releases` to see the app's releases".to_string()]
            }
            "forbidden" => {
                vec!["ask the app's owner for access (`tug access:add EMAIL`)".to_string()]
            }
            "rate_limit" => vec!["wait a minute, then try again".to_string()],
            "locked" => vec![
                "`tug deploy:unlock` lifts the lock once it is safe to deploy again".to_string(),
            ],
            "checks_failed" => vec![
                "`tug statuses REF` shows the commit's checks; CI reports them with `tug statuses:set`"
                    .to_string(),
            ],
            _ => vec![],
        },
        ClientError::Redirect { location, .. } => vec![format!(
            "set the platform URL to where it points: `tug login --api-url {location}`"
        )],
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ErrorBody;

    fn api_error(id: &str, resource: Option<&str>) -> anyhow::Error {
        ClientError::Api {
            status: 401,
            body: ErrorBody {
                id: id.to_string(),
                message: "invalid credentials provided".to_string(),
                resource: resource.map(str::to_string),
                url: None,
            },
        }
        .into()
    }

    fn cx(env: bool) -> RenderContext<'static> {
        RenderContext {
            token_from_env: env,
            api_url: Some("http://127.0.0.1:7700"),
        }
    }

    #[test]
    fn unauthorized_hints_depend_on_where_the_token_came_from() {
        let err = api_error("unauthorized", None);
        assert_eq!(hints(&err, &cx(false)), vec!["run `tug login`"]);
        assert!(hints(&err, &cx(true))[0].contains("TUG_API_KEY"));
        let out = Out::test(false);
        assert_eq!(render(&err, &out, &cx(true)), ExitStatus::Failure);
        assert_eq!(
            out.stderr_text(),
            "error: the token in `TUG_API_KEY` was refused by http://127.0.0.1:7700\n  \
             caused by: invalid credentials provided\n\n\
             hint: check the token, or unset `TUG_API_KEY` and run `tug login`\n"
        );
    }

    #[test]
    fn unknown_apps_point_at_the_app_list() {
        let err = api_error("not_found", Some("app")).context("could not rename `demo`");
        assert_eq!(
            hints(&err, &cx(false)),
            vec!["run `tug apps` to see the apps you can use"]
        );
        let out = Out::test(false);
        render(&err, &out, &cx(false));
        assert!(out.stderr_text().starts_with(
            "error: could not rename `demo`\n  caused by: invalid credentials provided\n"
        ));
    }

    #[test]
    fn exit_statuses() {
        assert_eq!(
            exit_status(&CliError::Interrupted.into()),
            ExitStatus::Interrupted
        );
        assert_eq!(
            exit_status(&CliError::usage("x", "y").into()),
            ExitStatus::Usage
        );
        assert_eq!(
            exit_status(&CliError::failed("x", "y").into()),
            ExitStatus::Failure
        );
        assert_eq!(exit_status(&anyhow::anyhow!("boom")), ExitStatus::Failure);
        let out = Out::test(false);
        assert_eq!(
            render(&CliError::Interrupted.into(), &out, &cx(false)),
            ExitStatus::Interrupted
        );
        assert_eq!(out.stderr_text(), "", "a meant Ctrl-C is no error");
        let pipe: anyhow::Error = io::Error::from(io::ErrorKind::BrokenPipe).into();
        let out = Out::test(false);
        assert_eq!(render(&pipe, &out, &cx(false)), ExitStatus::Success);
        assert_eq!(out.stderr_text(), "");
    }
}
