//! Queries on `formations`: the desired number and size of dynos per process type.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::{Store, one, uuid_col};
use crate::api::{DYNO_SIZE_NAME, Timestamp};

#[derive(Debug, Clone)]
pub struct FormationRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub kind: String,
    pub command: String,
    pub quantity: i64,
    pub size: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, app_id, type, command, quantity, size, created_at, updated_at";

fn map(row: &rusqlite::Row<'_>) -> rusqlite::Result<FormationRow> {
    Ok(FormationRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        kind: row.get(2)?,
        command: row.get(3)?,
        quantity: row.get(4)?,
        size: row.get(5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
    })
}

/// Brings the formation in line with a released slug's process types: new types are added
/// (`web` at 1 on an app's first release of code, everything else at 0), commands follow the
/// slug, and types the slug no longer has are removed.
pub(super) fn sync(
    conn: &Connection,
    app_id: Uuid,
    types: &BTreeMap<String, String>,
) -> rusqlite::Result<()> {
    let now = Timestamp::now().0;
    let app = app_id.to_string();
    let first: bool = conn.query_row(
        "SELECT count(*) = 0 FROM formations WHERE app_id = ?1",
        [&app],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare("SELECT type FROM formations WHERE app_id = ?1")?;
    let existing: Vec<String> = stmt
        .query_map([&app], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for gone in existing.iter().filter(|t| !types.contains_key(*t)) {
        conn.execute(
            "DELETE FROM formations WHERE app_id = ?1 AND type = ?2",
            params![app, gone],
        )?;
    }
    for (kind, command) in types {
        if existing.contains(kind) {
            conn.execute(
                "UPDATE formations SET command = ?3, updated_at = ?4 WHERE app_id = ?1 AND type = ?2 AND command != ?3",
                params![app, kind, command, now],
            )?;
        } else {
            let quantity = i64::from(first && kind == "web");
            conn.execute(
                "INSERT INTO formations (id, app_id, type, command, quantity, size, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![Uuid::new_v4().to_string(), app, kind, command, quantity, DYNO_SIZE_NAME, now],
            )?;
        }
    }
    Ok(())
}

impl Store {
    pub fn formations(&self, app_id: Uuid) -> rusqlite::Result<Vec<FormationRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {COLUMNS} FROM formations WHERE app_id = ?1 ORDER BY type"
            ))?;
            stmt.query_map([app_id.to_string()], map)?.collect()
        })
    }

    /// Dynos the apps `owner` owns are scaled to, leaving out `except`.
    pub fn dynos_scaled_by_owner(&self, owner: Uuid, except: Uuid) -> rusqlite::Result<i64> {
        self.read(|c| {
            c.query_row(
                "SELECT coalesce(sum(f.quantity), 0) FROM formations f JOIN apps a ON a.id = f.app_id
                 WHERE a.owner_id = ?1 AND a.id != ?2",
                [owner.to_string(), except.to_string()],
                |r| r.get(0),
            )
        })
    }

    /// A process type's formation by type name or id.
    pub fn formation(&self, app_id: Uuid, ident: &str) -> rusqlite::Result<Option<FormationRow>> {
        self.read(|c| {
            let column = if Uuid::parse_str(ident).is_ok() {
                "id"
            } else {
                "type"
            };
            one(
                c,
                &format!("SELECT {COLUMNS} FROM formations WHERE app_id = ?1 AND {column} = ?2"),
                params![app_id.to_string(), ident],
                map,
            )
        })
    }

    /// Applies already-validated (type, quantity, size) changes in one transaction.
    pub fn update_formations(
        &self,
        app_id: Uuid,
        changes: &[(String, i64, String)],
    ) -> rusqlite::Result<Vec<FormationRow>> {
        self.tx(|tx| {
            let now = Timestamp::now().0;
            let mut out = vec![];
            for (kind, quantity, size) in changes {
                tx.execute(
                    "UPDATE formations SET quantity = ?3, size = ?4, updated_at = ?5 WHERE app_id = ?1 AND type = ?2",
                    params![app_id.to_string(), kind, quantity, size, now],
                )?;
                if let Some(row) = one(
                    tx,
                    &format!("SELECT {COLUMNS} FROM formations WHERE app_id = ?1 AND type = ?2"),
                    params![app_id.to_string(), kind],
                    map,
                )? {
                    out.push(row);
                }
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
pub(in crate::server::store) mod tests {
    use super::*;
    use crate::server::store::{NewRelease, SlugRow};

    /// A slug with these process types, and a release of it (`succeeded` asked; the store
    /// decides).
    pub(in crate::server::store) fn release_slug(
        store: &Store,
        app_id: Uuid,
        user: Uuid,
        types: &[(&str, &str)],
    ) -> crate::server::store::ReleaseRow {
        let slug = SlugRow {
            id: Uuid::new_v4(),
            app_id,
            process_types: types
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            commit: None,
            commit_description: None,
            checksum: None,
            size: Some(10),
            buildpack_provided_description: None,
            created_at: 0,
            updated_at: 0,
        };
        store.insert_slug(&slug).unwrap();
        store
            .create_release(&NewRelease {
                app_id,
                description: "Deploy".into(),
                user_id: user,
                slug_id: Some(slug.id),
                config: Default::default(),
                status: "succeeded".into(),
            })
            .unwrap()
    }

    #[test]
    fn first_deploy_scales_web_to_one_and_later_deploys_keep_quantities() {
        let store = Store::in_memory();
        let owner = store.insert_account("a@example.com", None).unwrap();
        let app = store.create_app("demo", owner.id).unwrap();
        release_slug(
            &store,
            app.id,
            owner.id,
            &[("web", "python3 app.py"), ("worker", "w")],
        );
        let f = store.formations(app.id).unwrap();
        let q: Vec<(&str, i64)> = f.iter().map(|f| (f.kind.as_str(), f.quantity)).collect();
        assert_eq!(q, vec![("web", 1), ("worker", 0)]);
        store
            .update_formations(app.id, &[("web".into(), 3, "standard-2X".into())])
            .unwrap();
        release_slug(
            &store,
            app.id,
            owner.id,
            &[("web", "python3 app2.py"), ("clock", "c")],
        );
        let f = store.formations(app.id).unwrap();
        let q: Vec<(&str, i64, &str)> = f
            .iter()
            .map(|f| (f.kind.as_str(), f.quantity, f.command.as_str()))
            .collect();
        assert_eq!(q, vec![("clock", 0, "c"), ("web", 3, "python3 app2.py")]);
    }
}
