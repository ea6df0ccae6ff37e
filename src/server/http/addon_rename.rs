//! Renaming an add-on (`PATCH /apps/{app}/addons/{addon}` with a `name`). The name is the
//! add-on's only: attachments, and so config vars, keep theirs.

use super::AppState;
use super::addon_managed::Managed;
use super::error::{ApiError, ApiResult};
use super::extract::Auth;
use crate::api::check_addon_name;

/// The name a rename asks for, checked and in its stored form; `None` when it is the
/// add-on's name already.
pub(super) fn new_name(state: &AppState, m: &Managed, asked: &str) -> ApiResult<Option<String>> {
    let asked = asked.trim();
    check_addon_name(asked).map_err(ApiError::invalid)?;
    let name = asked.to_ascii_lowercase();
    if name == m.row.name {
        return Ok(None);
    }
    if state.store.addon(&name)?.is_some() {
        return Err(taken(&name));
    }
    Ok(Some(name))
}

/// Renames the add-on and says so in the app's log.
pub(super) fn rename(state: &AppState, auth: &Auth, m: &Managed, name: &str) -> ApiResult<()> {
    // Checked again by the store: another rename may have taken the name since.
    if !state.store.rename_addon(m.row.id, name)? {
        return Err(taken(name));
    }
    state.live.api_log(
        m.app.id,
        &format!("Rename {} to {name} by {}", m.row.name, auth.account.email),
    );
    Ok(())
}

fn taken(name: &str) -> ApiError {
    ApiError::invalid(format!(
        "the add-on name `{name}` is taken: choose another (`tug addons` lists the add-ons you can see)"
    ))
}
