//! Queries on `authorizations`: API tokens, kept as SHA-256 hashes plus a redacted hint.

use rusqlite::params;
use uuid::Uuid;

use super::{AccountRow, Store, accounts, json_col, one, uuid_col};
use crate::api::Timestamp;

#[derive(Debug, Clone)]
pub struct AuthorizationRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub description: String,
    pub token_id: Uuid,
    pub token_hint: String,
    pub scope: Vec<String>,
    pub expires_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str =
    "id, account_id, description, token_id, token_hint, scope, expires_at, created_at, updated_at";

fn map(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuthorizationRow> {
    Ok(AuthorizationRow {
        id: uuid_col(row, 0)?,
        account_id: uuid_col(row, 1)?,
        description: row.get(2)?,
        token_id: uuid_col(row, 3)?,
        token_hint: row.get(4)?,
        scope: json_col(row, 5)?,
        expires_at: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

impl Store {
    /// Stores a new authorization for a token the caller generated (only its hash is kept).
    pub fn insert_authorization(
        &self,
        account_id: Uuid,
        description: &str,
        token_hash: &str,
        token_hint: &str,
        scope: &[String],
        expires_at: Option<i64>,
    ) -> rusqlite::Result<AuthorizationRow> {
        let now = Timestamp::now().0;
        let row = AuthorizationRow {
            id: Uuid::new_v4(),
            account_id,
            description: description.to_string(),
            token_id: Uuid::new_v4(),
            token_hint: token_hint.to_string(),
            scope: scope.to_vec(),
            expires_at,
            created_at: now,
            updated_at: now,
        };
        let scope_json = serde_json::to_string(scope).unwrap_or_else(|_| "[]".into());
        self.tx(|c| {
            c.execute(
                "INSERT INTO authorizations (id, account_id, description, token_id, token_hash, token_hint, scope, expires_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![
                    row.id.to_string(),
                    account_id.to_string(),
                    description,
                    row.token_id.to_string(),
                    token_hash,
                    token_hint,
                    scope_json,
                    expires_at,
                    now
                ],
            )
        })?;
        Ok(row)
    }

    /// The account and authorization a token hash belongs to, if the token has not expired.
    pub fn authenticate(
        &self,
        token_hash: &str,
    ) -> rusqlite::Result<Option<(AccountRow, AuthorizationRow)>> {
        let now = Timestamp::now().0;
        self.read(|c| {
            let auth = one(
                c,
                &format!(
                    "SELECT {COLUMNS} FROM authorizations WHERE token_hash = ?1 AND (expires_at IS NULL OR expires_at > ?2)"
                ),
                params![token_hash, now],
                map,
            )?;
            let Some(auth) = auth else { return Ok(None) };
            Ok(accounts::by_id(c, auth.account_id)?.map(|acct| (acct, auth)))
        })
    }

    pub fn authorizations_of(&self, account_id: Uuid) -> rusqlite::Result<Vec<AuthorizationRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {COLUMNS} FROM authorizations WHERE account_id = ?1"
            ))?;
            stmt.query_map([account_id.to_string()], map)?.collect()
        })
    }

    pub fn authorization(
        &self,
        account_id: Uuid,
        id: Uuid,
    ) -> rusqlite::Result<Option<AuthorizationRow>> {
        self.read(|c| {
            one(
                c,
                &format!("SELECT {COLUMNS} FROM authorizations WHERE id = ?1 AND account_id = ?2"),
                params![id.to_string(), account_id.to_string()],
                map,
            )
        })
    }

    /// The authorization whose current token has this id: a rotation gives the token a new
    /// id, so what was granted to the old one finds nothing.
    pub fn authorization_by_token(
        &self,
        account_id: Uuid,
        token_id: Uuid,
    ) -> rusqlite::Result<Option<AuthorizationRow>> {
        self.read(|c| {
            one(
                c,
                &format!(
                    "SELECT {COLUMNS} FROM authorizations WHERE token_id = ?1 AND account_id = ?2"
                ),
                params![token_id.to_string(), account_id.to_string()],
                map,
            )
        })
    }

    /// Gives an authorization a new token (only its hash is kept) with a new id; the old token
    /// stops authenticating at once.
    pub fn regenerate_token(
        &self,
        id: Uuid,
        token_hash: &str,
        token_hint: &str,
    ) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE authorizations SET token_hash = ?2, token_hint = ?3, token_id = ?4, updated_at = ?5 WHERE id = ?1",
                params![
                    id.to_string(),
                    token_hash,
                    token_hint,
                    Uuid::new_v4().to_string(),
                    Timestamp::now().0
                ],
            )
        })?;
        Ok(())
    }

    pub fn set_authorization_description(
        &self,
        id: Uuid,
        description: &str,
    ) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE authorizations SET description = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), description, Timestamp::now().0],
            )
        })?;
        Ok(())
    }

    pub fn delete_authorization(&self, id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| c.execute("DELETE FROM authorizations WHERE id = ?1", [id.to_string()]))?;
        Ok(())
    }
}
