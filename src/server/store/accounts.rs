//! Queries on `accounts`.

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::{Store, one, uuid_col};
use crate::api::Timestamp;

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: Uuid,
    pub email: String,
    pub name: Option<String>,
    pub password_hash: Option<String>,
    pub allow_tracking: bool,
    pub beta: bool,
    pub last_login: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str =
    "id, email, name, password_hash, allow_tracking, beta, last_login, created_at, updated_at";

fn map(row: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: uuid_col(row, 0)?,
        email: row.get(1)?,
        name: row.get(2)?,
        password_hash: row.get(3)?,
        allow_tracking: row.get(4)?,
        beta: row.get(5)?,
        last_login: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

pub(super) fn by_id(conn: &Connection, id: Uuid) -> rusqlite::Result<Option<AccountRow>> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1"),
        [id.to_string()],
        map,
    )
}

impl Store {
    pub fn account_by_id(&self, id: Uuid) -> rusqlite::Result<Option<AccountRow>> {
        self.read(|c| by_id(c, id))
    }

    pub fn account_by_email(&self, email: &str) -> rusqlite::Result<Option<AccountRow>> {
        self.read(|c| {
            one(
                c,
                &format!("SELECT {COLUMNS} FROM accounts WHERE email = ?1"),
                [email],
                map,
            )
        })
    }

    /// Looks an account up by email or id (the two identities of `/users/{…}`).
    pub fn account_by_identity(&self, ident: &str) -> rusqlite::Result<Option<AccountRow>> {
        match Uuid::parse_str(ident) {
            Ok(id) => self.account_by_id(id),
            Err(_) => self.account_by_email(ident),
        }
    }

    pub fn account_count(&self) -> rusqlite::Result<i64> {
        self.read(|c| c.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0)))
    }

    pub fn insert_account(
        &self,
        email: &str,
        password_hash: Option<&str>,
    ) -> rusqlite::Result<AccountRow> {
        let now = Timestamp::now().0;
        let row = AccountRow {
            id: Uuid::new_v4(),
            email: email.to_string(),
            name: None,
            password_hash: password_hash.map(str::to_string),
            allow_tracking: true,
            beta: false,
            last_login: None,
            created_at: now,
            updated_at: now,
        };
        self.tx(|c| {
            c.execute(
                "INSERT INTO accounts (id, email, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![row.id.to_string(), row.email, row.password_hash, now],
            )
        })?;
        Ok(row)
    }

    /// Applies the fields of `PATCH /account` that are present.
    pub fn update_account(
        &self,
        id: Uuid,
        name: Option<Option<&str>>,
        allow_tracking: Option<bool>,
        beta: Option<bool>,
    ) -> rusqlite::Result<Option<AccountRow>> {
        self.tx(|tx| {
            let now = Timestamp::now().0;
            let id_s = id.to_string();
            if let Some(name) = name {
                tx.execute(
                    "UPDATE accounts SET name = ?2 WHERE id = ?1",
                    params![id_s, name],
                )?;
            }
            if let Some(v) = allow_tracking {
                tx.execute(
                    "UPDATE accounts SET allow_tracking = ?2 WHERE id = ?1",
                    params![id_s, v],
                )?;
            }
            if let Some(v) = beta {
                tx.execute(
                    "UPDATE accounts SET beta = ?2 WHERE id = ?1",
                    params![id_s, v],
                )?;
            }
            tx.execute(
                "UPDATE accounts SET updated_at = ?2 WHERE id = ?1",
                params![id_s, now],
            )?;
            by_id(tx, id)
        })
    }

    /// How many apps and pipelines the account owns: it cannot go while it owns any.
    pub fn account_holdings(&self, id: Uuid) -> rusqlite::Result<(i64, i64)> {
        self.read(|c| {
            let count = |table: &str| {
                c.query_row(
                    &format!("SELECT count(*) FROM {table} WHERE owner_id = ?1"),
                    [id.to_string()],
                    |r| r.get::<_, i64>(0),
                )
            };
            Ok((count("apps")?, count("pipelines")?))
        })
    }

    /// Deletes an account with its tokens, collaborator entries and features. Where its
    /// builds, releases or deployments on others' apps still name it, the row stays for them,
    /// without email, name or password, so nobody can log in as it and its email is free.
    pub fn delete_account(&self, id: Uuid) -> rusqlite::Result<()> {
        let id = id.to_string();
        self.tx(|tx| {
            for table in ["authorizations", "collaborators", "account_features"] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE account_id = ?1"),
                    [&id],
                )?;
            }
            match tx.execute("DELETE FROM accounts WHERE id = ?1", [&id]) {
                Ok(_) => Ok(()),
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    tx.execute(
                        "UPDATE accounts SET email = 'deleted-' || id, name = NULL, password_hash = NULL, updated_at = ?2 WHERE id = ?1",
                        params![id, Timestamp::now().0],
                    )?;
                    Ok(())
                }
                Err(e) => Err(e),
            }
        })
    }

    pub fn record_login(&self, id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE accounts SET last_login = ?2 WHERE id = ?1",
                params![id.to_string(), Timestamp::now().0],
            )
        })?;
        Ok(())
    }
}
