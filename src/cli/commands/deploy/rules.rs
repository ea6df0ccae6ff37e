//! What a deploy must pass, and where it goes: the repository's deploy.yml, the environment
//! `-e` names, the app, and the rules that apply to it.

use std::path::{Path, PathBuf};

use crate::cli::args::AppArg;
use crate::cli::client::{Client, ClientError};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::deploy_file::{self, DeployFile, Environment};

/// The repository's deploy.yml, if it has one.
pub(super) fn load_deploy_file(root: &Path) -> anyhow::Result<Option<(PathBuf, DeployFile)>> {
    let path = root.join(deploy_file::FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CliError::failed(
                format!("cannot read `{}`: {e}", path.display()),
                "check the file's permissions",
            )
            .into());
        }
    };
    let file = deploy_file::parse(&text).map_err(|e| {
        CliError::failed(
            format!("`{}` {e}", deploy_file::FILE_NAME),
            "fix the file; its format is in the README under `tug deploy`",
        )
    })?;
    Ok(file.map(|file| (path, file)))
}

/// What a deploy must pass before anything is uploaded.
pub(super) struct Rules {
    pub auto_merge: bool,
    pub required_contexts: Vec<String>,
    pub default_branch: Option<String>,
}

impl Rules {
    /// The environment's rules; without one, those of every environment deploying to the app.
    pub(super) fn for_app(
        env: Option<&Environment>,
        file: Option<&DeployFile>,
        app: &str,
    ) -> Rules {
        match (env, file) {
            (Some(env), Some(f)) => Rules {
                auto_merge: env.auto_merge,
                required_contexts: env.required_contexts.clone(),
                default_branch: f.default_branch.clone(),
            },
            (None, Some(f)) => Rules {
                auto_merge: f.envs.iter().any(|e| e.app == app && e.auto_merge),
                required_contexts: f.required_contexts(app, None),
                default_branch: f.default_branch.clone(),
            },
            _ => Rules {
                auto_merge: false,
                required_contexts: vec![],
                default_branch: None,
            },
        }
    }
}

/// The deploy.yml environment `-e NAME` names, if any.
pub(super) fn environment<'a>(
    name: Option<&str>,
    file: Option<&'a DeployFile>,
) -> anyhow::Result<Option<&'a Environment>> {
    let Some(name) = name else {
        return Ok(None);
    };
    let Some(file) = file else {
        return Err(CliError::usage(
            format!(
                "`-e {name}` names an environment of `{}`, and this repository has none",
                deploy_file::FILE_NAME
            ),
            format!(
                "add `{}` at the repository root, or deploy to an app with `-a APP`",
                deploy_file::FILE_NAME
            ),
        )
        .into());
    };
    let env = file.env(name).ok_or_else(|| {
        let names = file.names();
        CliError::usage(
            format!("`{}` has no environment `{name}`", deploy_file::FILE_NAME),
            if names.is_empty() {
                "it defines no environments yet".to_string()
            } else {
                format!("it has: {}", names.join(", "))
            },
        )
    })?;
    Ok(Some(env))
}

/// The app: the environment's, which a different `--app` contradicts; else the usual resolution.
pub(super) fn app(given: &AppArg, env: Option<&Environment>, ctx: &Ctx) -> anyhow::Result<String> {
    let Some(env) = env else {
        return ctx.app(given);
    };
    if let Some(given) = &given.name.app
        && given != &env.app
    {
        return Err(CliError::usage(
            format!(
                "environment `{}` deploys to `{}`, not `{given}`",
                env.name, env.app
            ),
            "leave out `--app`, or leave out `-e`",
        )
        .into());
    }
    Ok(env.app.clone())
}

/// Fails with a pointer at deploy.yml when the environment's app does not exist.
pub(super) fn check_app_exists(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    env: Option<&Environment>,
) -> anyhow::Result<()> {
    let Err(e) = ctx.block_on(client.app(app)) else {
        return Ok(());
    };
    if let (Some(env), Some(ClientError::Api { status: 404, .. })) =
        (env, e.downcast_ref::<ClientError>())
    {
        return Err(CliError::failed(
            format!(
                "`{}` line {}: environment `{}` deploys to `{}`, and there is no such app on {}",
                deploy_file::FILE_NAME,
                env.app_line,
                env.name,
                env.app,
                client.api_url()
            ),
            format!("create it with `tug create {}`, or fix the file", env.app),
        )
        .into());
    }
    Err(e)
}
