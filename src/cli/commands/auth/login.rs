//! `tug login`: get a token (asked for, piped in, or made from an email and password) and
//! store it in the keyring or the credentials file.

use std::io::Read as _;

use clap::Args as ClapArgs;

use crate::api::OAuthAuthorizationCreate;
use crate::cli::client::ClientError;
use crate::cli::config::{ApiUrl, HostRecord, Store};
use crate::cli::credentials::{self, CredentialsFile};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct LoginArgs {
    /// Read an API token from stdin instead of asking for an email and password
    #[arg(long, conflicts_with_all = ["email", "password_stdin"])]
    pub with_token: bool,
    /// The account's email address (the password is asked for, or read with --password-stdin)
    #[arg(short, long, value_name = "EMAIL")]
    pub email: Option<String>,
    /// Read the password from stdin
    #[arg(long, requires = "email")]
    pub password_stdin: bool,
    /// The platform to log in to; remembered for later commands
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
}

pub fn login(args: LoginArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let api = match &args.api_url {
        Some(url) => ApiUrl::parse(url).map_err(|e| {
            CliError::usage(
                e,
                "give the platform's base URL, like `https://paas.example.com`",
            )
        })?,
        None => ctx.api_url()?.clone(),
    };
    if args.api_url.is_some()
        && let Some(env_url) = &ctx.env.api_url
        && ApiUrl::parse(env_url).ok().as_ref() != Some(&api)
    {
        out.warn(&format!(
            "`TUG_API_URL` is set to {env_url} and wins over the URL remembered here"
        ));
    }
    if !api.is_https() && !api.is_local() {
        out.warn(&format!(
            "{api} is not HTTPS: the token will travel unencrypted"
        ));
    }
    let (token, authorization_id, email) = if args.with_token {
        let token = read_token(ctx)?;
        let client = ctx.client_with(&api, Some(token.clone()))?;
        let account = ctx
            .block_on(client.account())
            .map_err(|e| refused_token(e, &api))?;
        (token, None, account.email)
    } else {
        let (email, password) = ask_email_and_password(&args, ctx)?;
        let client = ctx.client_with(&api, None)?;
        let body = OAuthAuthorizationCreate {
            description: Some(format!("tug CLI login from {}", hostname())),
            expires_in: None,
            scope: vec!["global".to_string()],
        };
        let progress = out.progress("Logging in");
        let authorization = ctx
            .block_on(client.create_authorization(&email, &password, &body))
            .map_err(|e| wrong_password(e, &api))?;
        let token = authorization
            .access_token
            .map(|t| t.token)
            .ok_or_else(|| anyhow::anyhow!("{api} created an authorization without a token"))?;
        let client = ctx.client_with(&api, Some(token.clone()))?;
        let account = ctx.block_on(client.account())?;
        progress.done();
        (token, Some(authorization.id), account.email)
    };
    save_login(
        ctx,
        &api,
        &token,
        authorization_id,
        &email,
        args.api_url.is_some(),
    )?;
    out.status(&format!("Logged in to {api} as {}", out.name(&email)));
    if ctx.env.api_key.is_some() {
        out.warn("`TUG_API_KEY` is set, and commands use it rather than the token stored now");
    }
    Ok(())
}

fn read_token(ctx: &Ctx) -> anyhow::Result<String> {
    let token = if ctx.out.stdin_tty {
        ctx.out.prompt_secret("Token")?
    } else {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| anyhow::Error::new(e).context("could not read the token from stdin"))?;
        text
    };
    let token = token.trim().to_string();
    if token.is_empty() {
        return Err(CliError::usage(
            "no token on stdin",
            "pipe the token in: `echo \"$TOKEN\" | tug login --with-token`",
        )
        .into());
    }
    if token.chars().any(char::is_whitespace) {
        return Err(CliError::usage(
            "the token on stdin has spaces or several lines; give one token only",
            "pipe the token in: `echo \"$TOKEN\" | tug login --with-token`",
        )
        .into());
    }
    Ok(token)
}

fn ask_email_and_password(args: &LoginArgs, ctx: &Ctx) -> anyhow::Result<(String, String)> {
    let out = &ctx.out;
    if args.password_stdin {
        let email = args.email.clone().unwrap_or_default();
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| anyhow::Error::new(e).context("could not read the password from stdin"))?;
        let password = text.lines().next().unwrap_or_default().to_string();
        if password.is_empty() {
            return Err(CliError::usage(
                "no password on stdin",
                "pipe it in: `tug login --email EMAIL --password-stdin < password-file`",
            )
            .into());
        }
        return Ok((email, password));
    }
    if !out.can_prompt() {
        return Err(out.not_interactive(
            "cannot ask for an email and password",
            "pipe a token into `tug login --with-token`, or a password into `tug login --email EMAIL --password-stdin`",
        )
        .into());
    }
    let email = match &args.email {
        Some(email) => email.clone(),
        None => out.prompt("Email")?.trim().to_string(),
    };
    let password = out.prompt_secret("Password")?;
    Ok((email, password))
}

fn refused_token(err: anyhow::Error, api: &ApiUrl) -> anyhow::Error {
    match err.downcast_ref::<ClientError>() {
        Some(e) if e.is_unauthorized() => CliError::failed(
            format!("the token was refused by {api}"),
            "check the token, or log in with your email and password: `tug login`",
        )
        .into(),
        _ => err,
    }
}

fn wrong_password(err: anyhow::Error, api: &ApiUrl) -> anyhow::Error {
    match err.downcast_ref::<ClientError>() {
        Some(e) if e.is_unauthorized() => CliError::failed(
            format!("wrong email or password for {api}"),
            "try again with `tug login`, or pipe a token into `tug login --with-token`",
        )
        .into(),
        _ => err,
    }
}

/// Checks a token against the platform and stores it as `tug login --with-token` does; returns
/// the account's email.
pub fn store_token(ctx: &Ctx, api: &ApiUrl, token: &str) -> anyhow::Result<String> {
    let client = ctx.client_with(api, Some(token.to_string()))?;
    let account = ctx
        .block_on(client.account())
        .map_err(|e| refused_token(e, api))?;
    save_login(ctx, api, token, None, &account.email, false)?;
    Ok(account.email)
}

/// Stores the token (keyring, else the 0600 file with a warning) and records where it went.
fn save_login(
    ctx: &Ctx,
    api: &ApiUrl,
    token: &str,
    authorization_id: Option<uuid::Uuid>,
    email: &str,
    remember_url: bool,
) -> anyhow::Result<()> {
    let dir = ctx.config_dir()?;
    let host = api.host_key();
    let mut config = ctx.config()?.clone();
    revoke_replaced_login(ctx, api, token);
    let mut file = CredentialsFile::load(&dir)?;
    let store = match ctx.block_on(credentials::keyring_set(&host, token)) {
        Ok(()) => {
            if file.tokens.remove(&host).is_some() {
                file.save(&dir)?;
            }
            Store::Keyring
        }
        Err(e) if is_interrupted(&e) => return Err(e),
        Err(e) => {
            file.tokens.insert(host.clone(), token.to_string());
            file.save(&dir)?;
            ctx.out.warn(&format!(
                "no OS keyring to use ({e}); stored the token in `{}`, readable only by you",
                CredentialsFile::path(&dir).display()
            ));
            Store::File
        }
    };
    config.hosts.insert(
        host,
        HostRecord {
            store,
            email: Some(email.to_string()),
            authorization_id,
        },
    );
    if remember_url {
        config.api_url = Some(api.to_string());
    }
    config.save(&dir)
}

/// Logging in again replaces the stored token; if `tug login` had created that one, it is
/// revoked rather than left valid and forgotten. Best effort: failures change nothing.
fn revoke_replaced_login(ctx: &Ctx, api: &ApiUrl, new_token: &str) {
    let Ok(config) = ctx.config() else {
        return;
    };
    let Some(id) = config
        .hosts
        .get(&api.host_key())
        .and_then(|r| r.authorization_id)
    else {
        return;
    };
    let Ok(Some((old_token, _))) = ctx.stored_token_for(api) else {
        return;
    };
    if old_token == new_token {
        return;
    }
    if let Ok(client) = ctx.client_with(api, Some(old_token)) {
        let _ = ctx.block_on(client.delete_authorization(&id.to_string()));
    }
}

pub(super) fn is_interrupted(err: &anyhow::Error) -> bool {
    matches!(err.downcast_ref::<CliError>(), Some(CliError::Interrupted))
}

/// This machine's name, for the description of the authorization `tug login` creates.
fn hostname() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| {
            std::process::Command::new("hostname")
                .output()
                .ok()
                .filter(|o| o.status.success())
                .and_then(|o| String::from_utf8(o.stdout).ok())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "an unnamed machine".to_string())
}
