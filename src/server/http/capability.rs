//! Capability URLs (log sessions, build output streams, source uploads): whoever holds the URL
//! may use it, so its secret is compared in constant time, and the URL stands only as long as
//! what it was made under: the token that asked for it and the caller's access to the app.
//! Revoking either turns the URL into a 404 and ends a stream already open through it.

use std::time::Duration;

use subtle::ConstantTimeEq;
use uuid::Uuid;

use super::extract::Auth;
use crate::api::Timestamp;
use crate::server::auth;
use crate::server::store::{AppRow, Store};

/// How often an open stream checks that its grant still holds: a revoked stream ends within
/// this long (plus one store read).
pub const RECHECK: Duration = Duration::from_millis(400);

/// Whether a secret from a URL is the expected one, taking the same time wherever they differ,
/// so timing does not reveal how much of a guess was right.
pub fn same_secret(given: &str, expected: &str) -> bool {
    given.as_bytes().ct_eq(expected.as_bytes()).into()
}

/// The grant a reader's secret carries (see [`auth::bound_secret`]), if it was made with
/// `key`; the app is the caller's to add.
pub fn check_bound(key: &str, given: &str) -> Option<Grant> {
    let (account, token) = auth::check_bound(key, given)?;
    Some(Grant {
        account_id: account,
        token_id: Some(token),
        app: None,
    })
}

/// What a capability URL was made under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub account_id: Uuid,
    /// The id of the token that made the URL; `None` when the URL outlives any one token, as
    /// a build's output stream shown to every collaborator does. A token's id changes when
    /// its authorization regenerates it, so the URLs made for the old token end with it.
    pub token_id: Option<Uuid>,
    /// The app the URL reads, and its owner then: a transfer ends the grant as a removal does.
    pub app: Option<(Uuid, Uuid)>,
}

impl Grant {
    /// A grant for the caller's token, on `app` if the URL reads one.
    pub fn of(auth: &Auth, app: Option<&AppRow>) -> Grant {
        Grant {
            account_id: auth.account.id,
            token_id: Some(auth.authorization.token_id),
            app: app.map(|a| (a.id, a.owner_id)),
        }
    }

    /// Whether the token still exists (not revoked, not regenerated) and has not expired, and the account still has access to
    /// the app, under the same owner. A store error counts as no: a capability fails closed.
    pub fn holds(&self, store: &Store) -> bool {
        if let Some(id) = self.token_id {
            let now = Timestamp::now().0;
            match store.authorization_by_token(self.account_id, id) {
                Ok(Some(row)) if row.expires_at.is_none_or(|at| at > now) => {}
                _ => return false,
            }
        }
        if let Some((app_id, owner_id)) = self.app {
            match store.app_for(&app_id.to_string(), self.account_id) {
                Ok(Some((app, Some(_)))) if app.owner_id == owner_id => {}
                _ => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_match_only_exactly() {
        assert!(same_secret("tug_abc", "tug_abc"));
        for other in ["tug_abd", "tug_ab", "tug_abcd", "", "TUG_ABC"] {
            assert!(!same_secret(other, "tug_abc"), "{other}");
        }
    }
}
