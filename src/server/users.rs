//! `tug server users:add`: accounts are made on the server machine, straight in the store.

use std::io::Read;

use anyhow::Context;

use super::store::Store;
use super::{UsersAddArgs, auth, default_data_dir};
use crate::ExitStatus;
use crate::api::names::check_email;

pub fn add(args: UsersAddArgs) -> anyhow::Result<ExitStatus> {
    check_email(&args.email).map_err(anyhow::Error::msg)?;
    let data_dir = match args.data_dir {
        Some(d) => d,
        None => default_data_dir()?,
    };
    super::run::prepare_data_dir(&data_dir)?;
    let keys = super::secrets::KeyFile::new(&data_dir, args.secret_key_file.as_deref());
    let store = Store::open(&data_dir.join("tug.db"), &keys)?;
    if store.account_by_email(&args.email)?.is_some() {
        anyhow::bail!("an account `{}` already exists", args.email);
    }
    let password_hash = if args.password_stdin {
        let password = read_password()?;
        let password = password.trim_end_matches(['\n', '\r']);
        if password.chars().count() < 8 {
            anyhow::bail!("the password must be at least 8 characters long");
        }
        Some(auth::hash_password(password)?)
    } else {
        None
    };
    let account = store.insert_account(&args.email, password_hash.as_deref())?;
    let token = auth::new_token()?;
    store.insert_authorization(
        account.id,
        "created by `tug server users:add`",
        &auth::hash_token(&token),
        &auth::token_hint(&token),
        &["global".to_string()],
        None,
    )?;
    #[allow(clippy::print_stdout, clippy::print_stderr)]
    {
        eprintln!(
            "Added {}. Its API token is below; it is shown only this once.",
            account.email
        );
        println!("{token}");
        // A second account on a server without the wall can read the first one's secrets.
        let state = std::fs::read_to_string(data_dir.join("server.json")).unwrap_or_default();
        let sandbox = serde_json::from_str::<serde_json::Value>(&state)
            .ok()
            .and_then(|v| v["sandbox"].as_str().map(str::to_owned))
            .unwrap_or_default();
        if sandbox.starts_with("unsandboxed") {
            eprintln!(
                "warning: this server runs app code unsandboxed: every account's apps can read the others' config vars and the data dir"
            );
            eprintln!("hint: restart it without `--sandbox off` before sharing it");
        }
    }
    Ok(ExitStatus::Success)
}

/// The new account's password: asked for twice, hidden, on a terminal; else all of stdin.
fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        return dialoguer::Password::new()
            .with_prompt("Password")
            .with_confirmation("Password again", "the passwords do not match, try again")
            .interact_on(&console::Term::stderr())
            .context("cannot read the password from the terminal");
    }
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password from standard input")?;
    Ok(password)
}
