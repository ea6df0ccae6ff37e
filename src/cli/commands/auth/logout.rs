//! `tug logout`: forget the stored token, revoking it when `tug login` created it.

use clap::Args as ClapArgs;

use super::login::is_interrupted;
use crate::cli::client::ClientError;
use crate::cli::config::Store;
use crate::cli::credentials::{self, CredentialsFile};
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct LogoutArgs {}

pub fn logout(_args: LogoutArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let api = ctx.api_url()?.clone();
    let host = api.host_key();
    let dir = ctx.config_dir()?;
    let mut config = ctx.config()?.clone();
    let Some(record) = config.hosts.remove(&host) else {
        if ctx.env.api_key.is_some() {
            out.status(&format!(
                "Nothing is stored for {api}; the token comes from `TUG_API_KEY`, which tug uses until you unset it"
            ));
        } else {
            out.status(&format!("Not logged in to {api}"));
        }
        return Ok(());
    };
    let token = match ctx.stored_token() {
        Ok(token) => token.map(|(t, _)| t),
        Err(e) if is_interrupted(&e) => return Err(e),
        Err(e) => {
            out.warn(&format!("{e:#}"));
            None
        }
    };
    // Revoke only what `tug login` created itself; a token pasted in belongs to someone else.
    if let (Some(id), Some(token)) = (record.authorization_id, token) {
        let client = ctx.client_with(&api, Some(token))?;
        match ctx.block_on(client.delete_authorization(&id.to_string())) {
            Ok(_) => {}
            Err(e) if is_interrupted(&e) => return Err(e),
            Err(e)
                if e.downcast_ref::<ClientError>()
                    .is_some_and(|c| c.is_not_found() || c.is_unauthorized()) => {}
            Err(e) => out.warn(&format!(
                "could not revoke the token on {api} ({e:#}); it stays valid until revoked there"
            )),
        }
    }
    match record.store {
        Store::Keyring => {
            if let Err(e) = ctx.block_on(credentials::keyring_delete(&host)) {
                if is_interrupted(&e) {
                    return Err(e);
                }
                out.warn(&format!(
                    "could not remove the token from the OS keyring: {e:#}"
                ));
            }
        }
        Store::File => {
            let mut file = CredentialsFile::load(&dir)?;
            if file.tokens.remove(&host).is_some() {
                file.save(&dir)?;
            }
        }
    }
    config.save(&dir)?;
    out.status(&format!("Logged out of {api}"));
    if ctx.env.api_key.is_some() {
        out.warn("`TUG_API_KEY` is still set, and commands keep using it");
    }
    Ok(())
}
