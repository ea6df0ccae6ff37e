//! `Ctx`: what a command needs beyond its arguments, each piece made on first use: the config
//! file, the platform URL, the token, the async runtime and the API client, and app resolution.
//! `tug --version` and `tug completions` never build any of it.

use std::cell::{Cell, OnceCell};
use std::future::Future;
use std::path::PathBuf;

use tokio::runtime::Runtime;

use crate::cli::args::{AppArg, Confirmation, ConfirmedAppArgs};
use crate::cli::client::Client;
use crate::cli::config::{ApiUrl, Config, DEFAULT_API_URL, Store};
use crate::cli::credentials::{self, CredentialsFile, TokenSource};
use crate::cli::env::Env;
use crate::cli::error::CliError;
use crate::cli::git;
use crate::cli::out::Out;
use crate::cli::render::RenderContext;
use crate::files;

pub struct Ctx {
    pub out: Out,
    pub env: Env,
    config: OnceCell<Config>,
    api_url: OnceCell<ApiUrl>,
    runtime: OnceCell<Runtime>,
    client: OnceCell<Client>,
    token_source: Cell<Option<TokenSource>>,
}

impl Ctx {
    pub fn new(out: Out, env: Env) -> Ctx {
        Ctx {
            out,
            env,
            config: OnceCell::new(),
            api_url: OnceCell::new(),
            runtime: OnceCell::new(),
            client: OnceCell::new(),
            token_source: Cell::new(None),
        }
    }

    pub fn config_dir(&self) -> anyhow::Result<PathBuf> {
        self.env.config_dir().ok_or_else(|| {
            CliError::failed(
                "cannot tell where to keep settings: `HOME` is not set",
                "set `HOME`, `XDG_CONFIG_HOME` or `TUG_CONFIG_DIR`",
            )
            .into()
        })
    }

    pub fn config(&self) -> anyhow::Result<&Config> {
        if let Some(config) = self.config.get() {
            return Ok(config);
        }
        let config = Config::load(&self.config_dir()?)?;
        Ok(self.config.get_or_init(|| config))
    }

    /// `TUG_API_URL`, else the URL `tug login --api-url` remembered, else the local default.
    pub fn api_url(&self) -> anyhow::Result<&ApiUrl> {
        if let Some(url) = self.api_url.get() {
            return Ok(url);
        }
        let url = if let Some(url) = &self.env.api_url {
            ApiUrl::parse(url).map_err(|e| {
                CliError::failed(
                    format!("`TUG_API_URL` is not usable: {e}"),
                    "set it to the platform's base URL, like `http://127.0.0.1:7700`",
                )
            })?
        } else if let Some(url) = &self.config()?.api_url {
            ApiUrl::parse(url).map_err(anyhow::Error::msg)?
        } else {
            ApiUrl::parse(DEFAULT_API_URL).map_err(anyhow::Error::msg)?
        };
        Ok(self.api_url.get_or_init(|| url))
    }

    pub fn runtime(&self) -> anyhow::Result<&Runtime> {
        if let Some(rt) = self.runtime.get() {
            return Ok(rt);
        }
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(self.runtime.get_or_init(|| rt))
    }

    /// Runs a future to completion; Ctrl-C ends it with `CliError::Interrupted` (exit 130).
    pub fn block_on<T, E: Into<anyhow::Error>>(
        &self,
        fut: impl Future<Output = Result<T, E>>,
    ) -> anyhow::Result<T> {
        let rt = self.runtime()?;
        rt.block_on(async {
            tokio::select! {
                result = fut => result.map_err(Into::into),
                () = interrupted() => Err(CliError::Interrupted.into()),
            }
        })
    }

    /// The token for the current platform and where it came from, if there is one.
    pub fn token(&self) -> anyhow::Result<Option<(String, TokenSource)>> {
        if let Some(key) = &self.env.api_key {
            return Ok(Some((key.clone(), TokenSource::Env)));
        }
        self.stored_token()
    }

    /// The token `tug login` stored for the current platform (never `TUG_API_KEY`).
    pub fn stored_token(&self) -> anyhow::Result<Option<(String, TokenSource)>> {
        let api = self.api_url()?.clone();
        self.stored_token_for(&api)
    }

    /// The token `tug login` stored for a platform.
    pub fn stored_token_for(&self, api: &ApiUrl) -> anyhow::Result<Option<(String, TokenSource)>> {
        let host = api.host_key();
        let Some(record) = self.config()?.hosts.get(&host) else {
            return Ok(None);
        };
        match record.store {
            Store::File => {
                let dir = self.config_dir()?;
                let path = CredentialsFile::path(&dir);
                if files::readable_by_others(&path) {
                    self.out.warn(&format!(
                        "`{}` can be read by other users; run `chmod 600 {}`",
                        path.display(),
                        path.display()
                    ));
                }
                let file = CredentialsFile::load(&dir)?;
                Ok(file
                    .tokens
                    .get(&host)
                    .map(|t| (t.clone(), TokenSource::File)))
            }
            Store::Keyring => match self.block_on(credentials::keyring_get(&host)) {
                Ok(token) => Ok(token.map(|t| (t, TokenSource::Keyring))),
                Err(e) if matches!(e.downcast_ref(), Some(CliError::Interrupted)) => Err(e),
                Err(e) => Err(CliError::failed(
                    format!("could not read the token for {api} from the OS keyring: {e}"),
                    "unlock the keyring and try again, run `tug login` again, or set `TUG_API_KEY`",
                )
                .into()),
            },
        }
    }

    /// The API client with this run's token; an error naming `tug login` when there is none.
    pub fn client(&self) -> anyhow::Result<&Client> {
        if let Some(client) = self.client.get() {
            return Ok(client);
        }
        let api = self.api_url()?.clone();
        let Some((token, source)) = self.token()? else {
            return Err(CliError::NotLoggedIn {
                api_url: api.to_string(),
            }
            .into());
        };
        self.token_source.set(Some(source));
        let client = Client::new(&api, Some(token))?;
        Ok(self.client.get_or_init(|| client))
    }

    /// A client with a given token (or none), for logging in and out.
    pub fn client_with(&self, api: &ApiUrl, token: Option<String>) -> anyhow::Result<Client> {
        self.token_source.set(Some(TokenSource::Login));
        Client::new(api, token)
    }

    pub fn render_context(&self) -> RenderContext<'_> {
        RenderContext {
            token_from_env: self.token_source.get() == Some(TokenSource::Env),
            api_url: self.api_url.get().map(ApiUrl::as_str),
        }
    }

    /// The app a command acts on and the client to ask about it: how every app command opens.
    pub fn app_client(&self, arg: &AppArg) -> anyhow::Result<(String, &Client)> {
        let app = self.app(arg)?;
        Ok((app, self.client()?))
    }

    /// The app a destructive command acts on and a client, once its name is confirmed
    /// (`--confirm`, or typed at a prompt); `ask` says what the confirmation says of the app.
    pub fn confirmed_app(
        &self,
        args: &ConfirmedAppArgs,
        ask: impl FnOnce(&str) -> Confirmation,
    ) -> anyhow::Result<(String, &Client)> {
        let (app, client) = self.app_client(&args.app)?;
        let said = ask(&app);
        self.out.confirm_app(
            &app,
            args.confirm.as_deref(),
            &said.warning,
            said.nothing_done,
            said.refusing,
        )?;
        Ok((app, client))
    }

    /// The app a command acts on: `--app`/`TUG_APP` > `--remote` > the `tug` remote > the one
    /// remote pointing at this platform. Failing that, a usage error (exit 2) that lists the
    /// remotes it looked at and names `--app`.
    pub fn app(&self, arg: &AppArg) -> anyhow::Result<String> {
        if let Some(app) = arg
            .name
            .app
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            return Ok(app.to_string());
        }
        let api = self.api_url()?;
        let repo = git::open();
        let remotes = repo.as_ref().map(git::remotes).unwrap_or_default();
        if let Some(name) = &arg.remote {
            if repo.is_none() {
                return Err(CliError::usage(
                    format!("`--remote {name}` needs a git repository, and there is none here"),
                    "run tug inside the app's repository, or pass `--app APP`",
                )
                .into());
            }
            let Some(remote) = remotes.iter().find(|r| &r.name == name) else {
                let found = if remotes.is_empty() {
                    String::from(" (the repository has no remotes)")
                } else {
                    format!("; the remotes are:{}", git::describe(&remotes))
                };
                return Err(CliError::usage(
                    format!("there is no git remote named `{name}`{found}"),
                    "pass the name of a remote that points at the app, or `--app APP`",
                )
                .into());
            };
            return remote_app(api, remote);
        }
        if let Some(remote) = remotes.iter().find(|r| r.name == git::REMOTE) {
            return remote_app(api, remote);
        }
        let apps = git::apps_in_remotes(&remotes, api);
        if let [(app, _)] = apps.as_slice() {
            return Ok(app.clone());
        }
        let hint = "pass `--app APP` (or set `TUG_APP`); `tug apps` lists your apps";
        let message = if repo.is_none() {
            "no app given, and this directory is not in a git repository".to_string()
        } else if apps.len() > 1 {
            let names: Vec<String> = apps.iter().map(|(a, _)| format!("`{a}`")).collect();
            return Err(CliError::usage(
                format!(
                    "several git remotes point at apps on {api} ({}):{}",
                    names.join(", "),
                    git::describe(&remotes)
                ),
                "pass `--app APP`, or `--remote NAME` to pick one",
            )
            .into());
        } else if remotes.is_empty() {
            "no app given, and this git repository has no remotes".to_string()
        } else {
            format!(
                "no app given, and no git remote points at an app on {api}; the remotes are:{}",
                git::describe(&remotes)
            )
        };
        Err(CliError::usage(message, hint).into())
    }
}

fn remote_app(api: &ApiUrl, remote: &git::Remote) -> anyhow::Result<String> {
    api.app_of_remote(&remote.url).ok_or_else(|| {
        CliError::usage(
            format!(
                "the git remote `{}` ({}) does not point at an app on {api}",
                remote.name, remote.url
            ),
            format!(
                "pass `--app APP`, or point the remote at this platform: `git remote set-url {} {api}/APP.git`",
                remote.name
            ),
        )
        .into()
    })
}

/// Resolves on Ctrl-C; never, if the signal cannot be watched.
async fn interrupted() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        // A keyring call stuck past its timeout must not hold the process open.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}
