//! Queries on `builds`, `sources` and `buildpack_installations`.

use rusqlite::params;
use uuid::Uuid;

use super::{Store, json_col, one, opt_uuid_col, uuid_col};
use crate::api::Timestamp;

#[derive(Debug, Clone)]
pub struct BuildRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub user_id: Uuid,
    pub user_email: String,
    pub status: String,
    pub source_url: Option<String>,
    pub source_version: Option<String>,
    pub source_checksum: Option<String>,
    pub source_description: Option<String>,
    pub buildpacks: Vec<String>,
    pub stream_secret: String,
    pub slug_id: Option<Uuid>,
    pub release_id: Option<Uuid>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewBuild {
    pub app_id: Uuid,
    pub user_id: Uuid,
    pub source_url: Option<String>,
    pub source_version: Option<String>,
    pub source_checksum: Option<String>,
    pub source_description: Option<String>,
    pub buildpacks: Vec<String>,
    pub stream_secret: String,
}

#[derive(Debug, Clone)]
pub struct SourceRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub secret: String,
    pub uploaded: bool,
}

const BUILD_SELECT: &str = "SELECT b.id, b.app_id, b.user_id, a.email, b.status, b.source_url,
    b.source_version, b.source_checksum, b.source_description, b.buildpacks, b.stream_secret,
    b.slug_id, b.release_id, b.created_at, b.updated_at
  FROM builds b JOIN accounts a ON a.id = b.user_id";

fn map_build(row: &rusqlite::Row<'_>) -> rusqlite::Result<BuildRow> {
    Ok(BuildRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        user_id: uuid_col(row, 2)?,
        user_email: row.get(3)?,
        status: row.get(4)?,
        source_url: row.get(5)?,
        source_version: row.get(6)?,
        source_checksum: row.get(7)?,
        source_description: row.get(8)?,
        buildpacks: json_col(row, 9)?,
        stream_secret: row.get(10)?,
        slug_id: opt_uuid_col(row, 11)?,
        release_id: opt_uuid_col(row, 12)?,
        created_at: row.get(13)?,
        updated_at: row.get(14)?,
    })
}

impl Store {
    pub fn insert_build(&self, new: &NewBuild) -> rusqlite::Result<BuildRow> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        let buildpacks = serde_json::to_string(&new.buildpacks).unwrap_or_else(|_| "[]".into());
        self.read(|c| {
            c.execute(
                "INSERT INTO builds (id, app_id, user_id, status, source_url, source_version, source_checksum, source_description, buildpacks, stream_secret, created_at, updated_at) VALUES (?1, ?2, ?3, 'pending', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![
                    id.to_string(),
                    new.app_id.to_string(),
                    new.user_id.to_string(),
                    new.source_url,
                    new.source_version,
                    new.source_checksum,
                    new.source_description,
                    buildpacks,
                    new.stream_secret,
                    now
                ],
            )?;
            c.query_row(&format!("{BUILD_SELECT} WHERE b.id = ?1"), [id.to_string()], map_build)
        })
    }

    pub fn build(&self, id: Uuid) -> rusqlite::Result<Option<BuildRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{BUILD_SELECT} WHERE b.id = ?1"),
                [id.to_string()],
                map_build,
            )
        })
    }

    pub fn builds(&self, app_id: Uuid) -> rusqlite::Result<Vec<BuildRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("{BUILD_SELECT} WHERE b.app_id = ?1"))?;
            stmt.query_map([app_id.to_string()], map_build)?.collect()
        })
    }

    /// Records how a build ended, with its whole output.
    pub fn finish_build(
        &self,
        id: Uuid,
        status: &str,
        output: &str,
        buildpacks: &[String],
        slug_id: Option<Uuid>,
        release_id: Option<Uuid>,
    ) -> rusqlite::Result<()> {
        let buildpacks = serde_json::to_string(buildpacks).unwrap_or_else(|_| "[]".into());
        self.read(|c| {
            c.execute(
                "UPDATE builds SET status = ?2, output = ?3, buildpacks = ?4, slug_id = ?5, release_id = ?6, updated_at = ?7 WHERE id = ?1",
                params![
                    id.to_string(),
                    status,
                    output,
                    buildpacks,
                    slug_id.map(|s| s.to_string()),
                    release_id.map(|s| s.to_string()),
                    Timestamp::now().0
                ],
            )
        })?;
        Ok(())
    }

    pub fn build_output(&self, id: Uuid) -> rusqlite::Result<Option<String>> {
        self.read(|c| {
            one(
                c,
                "SELECT output FROM builds WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
        })
    }

    /// Builds still pending when the server stopped cannot finish: mark them failed.
    pub fn fail_interrupted_builds(&self) -> rusqlite::Result<usize> {
        self.read(|c| {
            c.execute(
                "UPDATE builds SET status = 'failed', output = output || ?1, updated_at = ?2 WHERE status = 'pending'",
                params![" !     The build was interrupted by a restart of the server.\n", Timestamp::now().0],
            )
        })
    }

    pub fn insert_source(&self, account_id: Uuid, secret: &str) -> rusqlite::Result<SourceRow> {
        let row = SourceRow {
            id: Uuid::new_v4(),
            account_id,
            secret: secret.to_string(),
            uploaded: false,
        };
        self.read(|c| {
            c.execute(
                "INSERT INTO sources (id, account_id, secret, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![
                    row.id.to_string(),
                    account_id.to_string(),
                    secret,
                    Timestamp::now().0
                ],
            )
        })?;
        Ok(row)
    }

    pub fn source(&self, id: Uuid) -> rusqlite::Result<Option<SourceRow>> {
        self.read(|c| {
            one(
                c,
                "SELECT id, account_id, secret, uploaded FROM sources WHERE id = ?1",
                [id.to_string()],
                |r| {
                    Ok(SourceRow {
                        id: uuid_col(r, 0)?,
                        account_id: uuid_col(r, 1)?,
                        secret: r.get(2)?,
                        uploaded: r.get(3)?,
                    })
                },
            )
        })
    }

    /// Every source's id, for the start-up sweep of source files nothing refers to.
    pub fn all_source_ids(&self) -> rusqlite::Result<Vec<Uuid>> {
        self.read(|c| {
            c.prepare("SELECT id FROM sources")?
                .query_map([], |r| uuid_col(r, 0))?
                .collect()
        })
    }

    pub fn mark_source_uploaded(&self, id: Uuid) -> rusqlite::Result<()> {
        self.read(|c| {
            c.execute(
                "UPDATE sources SET uploaded = 1 WHERE id = ?1",
                [id.to_string()],
            )
        })?;
        Ok(())
    }

    pub fn buildpacks(&self, app_id: Uuid) -> rusqlite::Result<Vec<String>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT url FROM buildpack_installations WHERE app_id = ?1 ORDER BY ordinal",
            )?;
            stmt.query_map([app_id.to_string()], |r| r.get(0))?
                .collect()
        })
    }

    pub fn set_buildpacks(&self, app_id: Uuid, urls: &[String]) -> rusqlite::Result<()> {
        self.tx(|tx| {
            tx.execute("DELETE FROM buildpack_installations WHERE app_id = ?1", [app_id.to_string()])?;
            for (i, url) in urls.iter().enumerate() {
                tx.execute(
                    "INSERT INTO buildpack_installations (app_id, ordinal, url) VALUES (?1, ?2, ?3)",
                    params![app_id.to_string(), i as i64, url],
                )?;
            }
            Ok(())
        })
    }
}
