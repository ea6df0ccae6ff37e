//! Queries on `apps` and `collaborators`. The owner is stored as a collaborator with role
//! `owner`, so "who may see this app" is one lookup.

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::{Store, one, releases, uuid_col};
use crate::api::{ConfigVars, Timestamp};

#[derive(Debug, Clone)]
pub struct AppRow {
    pub id: Uuid,
    pub name: String,
    pub owner_id: Uuid,
    pub owner_email: String,
    pub maintenance: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub released_at: Option<i64>,
    pub slug_size: Option<i64>,
    /// Whether the app asked for certificates from the ACME CA (ACM).
    pub acm: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Owner,
    Collaborator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Collaborator => "collaborator",
        }
    }
}

#[derive(Debug, Clone)]
pub struct CollaboratorRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub account_id: Uuid,
    pub email: String,
    pub role: Role,
    pub created_at: i64,
    pub updated_at: i64,
}

const APP_SELECT: &str =
    "SELECT a.id, a.name, a.owner_id, o.email, a.maintenance, a.created_at, a.updated_at,
    (SELECT max(r.created_at) FROM releases r WHERE r.app_id = a.id),
    (SELECT s.size FROM releases r JOIN slugs s ON s.id = r.slug_id
      WHERE r.app_id = a.id AND r.status = 'succeeded' ORDER BY r.version DESC LIMIT 1),
    a.acm
  FROM apps a JOIN accounts o ON o.id = a.owner_id";

fn map_app(row: &rusqlite::Row<'_>) -> rusqlite::Result<AppRow> {
    Ok(AppRow {
        id: uuid_col(row, 0)?,
        name: row.get(1)?,
        owner_id: uuid_col(row, 2)?,
        owner_email: row.get(3)?,
        maintenance: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
        released_at: row.get(7)?,
        slug_size: row.get(8)?,
        acm: row.get(9)?,
    })
}

const COLLAB_SELECT: &str =
    "SELECT c.id, c.app_id, c.account_id, a.email, c.role, c.created_at, c.updated_at
  FROM collaborators c JOIN accounts a ON a.id = c.account_id";

fn map_collab(row: &rusqlite::Row<'_>) -> rusqlite::Result<CollaboratorRow> {
    let role: String = row.get(4)?;
    Ok(CollaboratorRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        account_id: uuid_col(row, 2)?,
        email: row.get(3)?,
        role: if role == "owner" {
            Role::Owner
        } else {
            Role::Collaborator
        },
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

fn app_by_id(conn: &Connection, id: Uuid) -> rusqlite::Result<Option<AppRow>> {
    one(
        conn,
        &format!("{APP_SELECT} WHERE a.id = ?1"),
        [id.to_string()],
        map_app,
    )
}

/// True when an insert or update failed on a UNIQUE constraint (a name already taken).
pub fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

impl Store {
    /// An app by id or name, with the caller's role on it (`None` when it has none).
    pub fn app_for(
        &self,
        ident: &str,
        account_id: Uuid,
    ) -> rusqlite::Result<Option<(AppRow, Option<Role>)>> {
        self.read(|c| {
            let app = match Uuid::parse_str(ident) {
                Ok(id) => app_by_id(c, id)?,
                Err(_) => one(
                    c,
                    &format!("{APP_SELECT} WHERE a.name = ?1"),
                    [ident],
                    map_app,
                )?,
            };
            let Some(app) = app else { return Ok(None) };
            let role: Option<String> = one(
                c,
                "SELECT role FROM collaborators WHERE app_id = ?1 AND account_id = ?2",
                params![app.id.to_string(), account_id.to_string()],
                |r| r.get(0),
            )?;
            let role = role.map(|r| {
                if r == "owner" {
                    Role::Owner
                } else {
                    Role::Collaborator
                }
            });
            Ok(Some((app, role)))
        })
    }

    /// Just what the router needs per request: the app's id and whether it is in maintenance.
    pub fn app_route(&self, name: &str) -> rusqlite::Result<Option<(Uuid, bool)>> {
        self.read(|c| {
            one(
                c,
                "SELECT id, maintenance FROM apps WHERE name = ?1",
                [name],
                |r| Ok((uuid_col(r, 0)?, r.get(1)?)),
            )
        })
    }

    pub fn app_by_name(&self, name: &str) -> rusqlite::Result<Option<AppRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{APP_SELECT} WHERE a.name = ?1"),
                [name],
                map_app,
            )
        })
    }

    /// Every app on the platform.
    pub fn all_apps(&self) -> rusqlite::Result<Vec<AppRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(APP_SELECT)?;
            stmt.query_map([], map_app)?.collect()
        })
    }

    /// Every app the account owns or collaborates on.
    pub fn apps_of(&self, account_id: Uuid) -> rusqlite::Result<Vec<AppRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{APP_SELECT} WHERE a.id IN (SELECT app_id FROM collaborators WHERE account_id = ?1)"
            ))?;
            stmt.query_map([account_id.to_string()], map_app)?.collect()
        })
    }

    /// How many apps `owner` owns.
    pub fn apps_owned(&self, owner: Uuid) -> rusqlite::Result<i64> {
        self.read(|c| {
            c.query_row(
                "SELECT count(*) FROM apps WHERE owner_id = ?1",
                [owner.to_string()],
                |r| r.get(0),
            )
        })
    }

    /// Creates an app with its owner and release v1 "Initial release".
    pub fn create_app(&self, name: &str, owner_id: Uuid) -> rusqlite::Result<AppRow> {
        self.tx(|tx| {
            let now = Timestamp::now().0;
            let id = Uuid::new_v4();
            tx.execute(
                "INSERT INTO apps (id, name, owner_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id.to_string(), name, owner_id.to_string(), now],
            )?;
            tx.execute(
                "INSERT INTO collaborators (id, app_id, account_id, role, created_at, updated_at) VALUES (?1, ?2, ?3, 'owner', ?4, ?4)",
                params![Uuid::new_v4().to_string(), id.to_string(), owner_id.to_string(), now],
            )?;
            releases::insert(
                tx,
                &self.keys,
                &releases::NewRelease {
                    app_id: id,
                    description: "Initial release".into(),
                    user_id: owner_id,
                    slug_id: None,
                    config: ConfigVars::new(),
                    status: "succeeded".into(),
                },
            )?;
            app_by_id(tx, id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)
        })
    }

    pub fn rename_app(&self, id: Uuid, name: &str) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE apps SET name = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), name, Timestamp::now().0],
            )
        })?;
        Ok(())
    }

    pub fn set_maintenance(&self, id: Uuid, on: bool) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE apps SET maintenance = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), on, Timestamp::now().0],
            )
        })?;
        Ok(())
    }

    pub fn reload_app(&self, id: Uuid) -> rusqlite::Result<Option<AppRow>> {
        self.read(|c| app_by_id(c, id))
    }

    /// Deletes an app and everything that hangs off it; returns the ids of its slugs, whose
    /// files the caller removes.
    pub fn delete_app(&self, id: Uuid) -> rusqlite::Result<Vec<Uuid>> {
        self.tx(|tx| {
            let id = id.to_string();
            // A slug promoted to other apps is theirs now: it passes to one of them, and its
            // file stays.
            tx.execute(
                "UPDATE slugs SET app_id = (SELECT r.app_id FROM releases r
                     WHERE r.slug_id = slugs.id AND r.app_id != ?1 LIMIT 1)
                 WHERE app_id = ?1 AND EXISTS (SELECT 1 FROM releases r
                     WHERE r.slug_id = slugs.id AND r.app_id != ?1)",
                [&id],
            )?;
            let slugs = tx
                .prepare("SELECT id FROM slugs WHERE app_id = ?1")?
                .query_map([&id], |r| uuid_col(r, 0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            tx.execute("DELETE FROM formations WHERE app_id = ?1", [&id])?;
            tx.execute("DELETE FROM releases WHERE app_id = ?1", [&id])?;
            tx.execute("DELETE FROM slugs WHERE app_id = ?1", [&id])?;
            tx.execute("DELETE FROM builds WHERE app_id = ?1", [&id])?;
            tx.execute(
                "DELETE FROM buildpack_installations WHERE app_id = ?1",
                [&id],
            )?;
            tx.execute("DELETE FROM collaborators WHERE app_id = ?1", [&id])?;
            tx.execute("DELETE FROM apps WHERE id = ?1", [&id])?;
            Ok(slugs)
        })
    }

    pub fn collaborators(&self, app_id: Uuid) -> rusqlite::Result<Vec<CollaboratorRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("{COLLAB_SELECT} WHERE c.app_id = ?1"))?;
            stmt.query_map([app_id.to_string()], map_collab)?.collect()
        })
    }

    pub fn add_collaborator(
        &self,
        app_id: Uuid,
        account_id: Uuid,
    ) -> rusqlite::Result<CollaboratorRow> {
        let id = Uuid::new_v4();
        self.tx(|c| {
            c.execute(
                "INSERT INTO collaborators (id, app_id, account_id, role, created_at, updated_at) VALUES (?1, ?2, ?3, 'collaborator', ?4, ?4)",
                params![id.to_string(), app_id.to_string(), account_id.to_string(), Timestamp::now().0],
            )?;
            c.query_row(
                &format!("{COLLAB_SELECT} WHERE c.id = ?1"),
                [id.to_string()],
                map_collab,
            )
        })
    }

    pub fn remove_collaborator(&self, id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| c.execute("DELETE FROM collaborators WHERE id = ?1", [id.to_string()]))?;
        Ok(())
    }
}
