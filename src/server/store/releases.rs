//! Queries on `releases` and `slugs`. Each release carries the whole config it was made with,
//! so the app's config is its newest release's config, and a rollback is a copy. The config is
//! stored sealed (`sealed::RELEASE_CONFIG`).

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::sealed::{self, Keyring, RELEASE_CONFIG};
use super::{Store, formations, json_col, one, opt_uuid_col, uuid_col};
use crate::api::{ConfigVars, ConfigVarsUpdate, Timestamp};

#[derive(Debug, Clone)]
pub struct NewRelease {
    pub app_id: Uuid,
    pub description: String,
    pub user_id: Uuid,
    pub slug_id: Option<Uuid>,
    pub config: ConfigVars,
    pub status: String,
}

#[derive(Debug, Clone)]
pub struct ReleaseRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub version: i64,
    pub description: String,
    pub user_id: Uuid,
    pub user_email: String,
    pub slug_id: Option<Uuid>,
    pub config: ConfigVars,
    pub status: String,
    /// Keys the capability URL of the release command's output; `None` when the release has
    /// not run one.
    pub output_secret: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct SlugRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub process_types: BTreeMap<String, String>,
    pub commit: Option<String>,
    pub commit_description: Option<String>,
    pub checksum: Option<String>,
    pub size: Option<i64>,
    pub buildpack_provided_description: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const RELEASE_SELECT: &str = "SELECT r.id, r.app_id, r.version, r.description, r.user_id, a.email,
    r.slug_id, r.config, r.status, r.created_at, r.updated_at, r.output_secret
  FROM releases r JOIN accounts a ON a.id = r.user_id";

fn map_release(keys: &Keyring) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<ReleaseRow> {
    move |row| {
        let id = uuid_col(row, 0)?;
        let app_id = uuid_col(row, 1)?;
        Ok(ReleaseRow {
            id,
            app_id,
            version: row.get(2)?,
            description: row.get(3)?,
            user_id: uuid_col(row, 4)?,
            user_email: row.get(5)?,
            slug_id: opt_uuid_col(row, 6)?,
            config: config_json(
                7,
                &sealed::open_col(keys, row, 7, RELEASE_CONFIG, app_id, id)?,
            )?,
            status: row.get(8)?,
            created_at: row.get(9)?,
            updated_at: row.get(10)?,
            output_secret: row.get(11)?,
        })
    }
}

fn config_json(idx: usize, text: &str) -> rusqlite::Result<ConfigVars> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

const SLUG_COLUMNS: &str = "id, app_id, process_types, commit_sha, commit_description, checksum, size, buildpack_provided_description, created_at, updated_at";

fn map_slug(row: &rusqlite::Row<'_>) -> rusqlite::Result<SlugRow> {
    Ok(SlugRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        process_types: json_col(row, 2)?,
        commit: row.get(3)?,
        commit_description: row.get(4)?,
        checksum: row.get(5)?,
        size: row.get(6)?,
        buildpack_provided_description: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
    })
}

/// Inserts a release with the next version number for its app. A release whose slug has a
/// release command is pending until that command passes, whichever door made it (Heroku's
/// release phase): it is never live, even for a moment, before then.
pub(super) fn insert(
    conn: &Connection,
    keys: &Keyring,
    new: &NewRelease,
) -> rusqlite::Result<ReleaseRow> {
    let version: i64 = conn.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM releases WHERE app_id = ?1",
        [new.app_id.to_string()],
        |r| r.get(0),
    )?;
    let types: Option<BTreeMap<String, String>> = match new.slug_id {
        Some(slug_id) => one(
            conn,
            "SELECT process_types FROM slugs WHERE id = ?1",
            [slug_id.to_string()],
            |r| json_col(r, 0),
        )?,
        None => None,
    };
    let status = match &types {
        Some(types) if new.status == "succeeded" && types.contains_key("release") => "pending",
        _ => new.status.as_str(),
    };
    let id = Uuid::new_v4();
    let config = serde_json::to_string(&new.config).unwrap_or_else(|_| "{}".into());
    let config = keys.seal(RELEASE_CONFIG, new.app_id, &id.to_string(), &config)?;
    conn.execute(
        "INSERT INTO releases (id, app_id, version, description, user_id, slug_id, config, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            id.to_string(),
            new.app_id.to_string(),
            version,
            new.description,
            new.user_id.to_string(),
            new.slug_id.map(|s| s.to_string()),
            config,
            status,
            Timestamp::now().0
        ],
    )?;
    if let Some(types) = types
        && status == "succeeded"
    {
        formations::sync(conn, new.app_id, &types)?;
    }
    conn.query_row(
        &format!("{RELEASE_SELECT} WHERE r.id = ?1"),
        [id.to_string()],
        map_release(keys),
    )
}

pub(super) fn latest_config(
    conn: &Connection,
    keys: &Keyring,
    app_id: Uuid,
) -> rusqlite::Result<ConfigVars> {
    Ok(one(
        conn,
        "SELECT id, config FROM releases WHERE app_id = ?1 AND status != 'failed' ORDER BY version DESC LIMIT 1",
        [app_id.to_string()],
        |r| {
            let id = uuid_col(r, 0)?;
            config_json(1, &sealed::open_col(keys, r, 1, RELEASE_CONFIG, app_id, id)?)
        },
    )?
    .unwrap_or_default())
}

/// Applies a config change inside the caller's transaction and records it as a release,
/// described as `description` or as the change itself. `None` when nothing changed.
pub(super) fn config_release(
    tx: &Connection,
    keys: &Keyring,
    app_id: Uuid,
    user_id: Uuid,
    update: &ConfigVarsUpdate,
    description: Option<&str>,
) -> rusqlite::Result<(ConfigVars, Option<ReleaseRow>)> {
    let mut config = latest_config(tx, keys, app_id)?;
    let mut set = vec![];
    let mut removed = vec![];
    for (key, value) in update {
        match value {
            Some(v) if config.get(key) != Some(v) => {
                config.insert(key.clone(), v.clone());
                set.push(key.as_str());
            }
            None if config.remove(key).is_some() => removed.push(key.as_str()),
            _ => {}
        }
    }
    if set.is_empty() && removed.is_empty() {
        return Ok((config, None));
    }
    let slug_id = one(
        tx,
        "SELECT slug_id FROM releases WHERE app_id = ?1 AND status = 'succeeded' ORDER BY version DESC LIMIT 1",
        [app_id.to_string()],
        |r| opt_uuid_col(r, 0),
    )?
    .flatten();
    let release = insert(
        tx,
        keys,
        &NewRelease {
            app_id,
            description: description
                .map(str::to_string)
                .unwrap_or_else(|| describe_config_change(&set, &removed)),
            user_id,
            slug_id,
            config: config.clone(),
            status: "succeeded".into(),
        },
    )?;
    Ok((config, Some(release)))
}

/// "Set FOO, MSG config vars", "Remove FOO config vars", or both joined by "and".
pub fn describe_config_change(set: &[&str], removed: &[&str]) -> String {
    let mut parts = vec![];
    if !set.is_empty() {
        parts.push(format!("Set {} config vars", set.join(", ")));
    }
    if !removed.is_empty() {
        let verb = if parts.is_empty() { "Remove" } else { "remove" };
        parts.push(format!("{verb} {} config vars", removed.join(", ")));
    }
    parts.join(" and ")
}

impl Store {
    pub fn releases(&self, app_id: Uuid) -> rusqlite::Result<Vec<ReleaseRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("{RELEASE_SELECT} WHERE r.app_id = ?1"))?;
            stmt.query_map([app_id.to_string()], map_release(&self.keys))?
                .collect()
        })
    }

    /// A release by id or version (`3` or `v3`).
    pub fn release(&self, app_id: Uuid, ident: &str) -> rusqlite::Result<Option<ReleaseRow>> {
        self.read(|c| {
            if let Ok(id) = Uuid::parse_str(ident) {
                return one(
                    c,
                    &format!("{RELEASE_SELECT} WHERE r.app_id = ?1 AND r.id = ?2"),
                    params![app_id.to_string(), id.to_string()],
                    map_release(&self.keys),
                );
            }
            let Ok(version) = ident.trim_start_matches('v').parse::<i64>() else {
                return Ok(None);
            };
            one(
                c,
                &format!("{RELEASE_SELECT} WHERE r.app_id = ?1 AND r.version = ?2"),
                params![app_id.to_string(), version],
                map_release(&self.keys),
            )
        })
    }

    /// The version of the release that is live: the newest that succeeded.
    pub fn current_version(&self, app_id: Uuid) -> rusqlite::Result<Option<i64>> {
        self.read(|c| {
            c.query_row(
                "SELECT max(version) FROM releases WHERE app_id = ?1 AND status = 'succeeded'",
                [app_id.to_string()],
                |r| r.get(0),
            )
        })
    }

    pub fn config(&self, app_id: Uuid) -> rusqlite::Result<ConfigVars> {
        self.read(|c| latest_config(c, &self.keys, app_id))
    }

    /// Applies a config change and records it as a release. `None` when nothing changed.
    pub fn update_config(
        &self,
        app_id: Uuid,
        user_id: Uuid,
        update: &ConfigVarsUpdate,
    ) -> rusqlite::Result<(ConfigVars, Option<ReleaseRow>)> {
        self.tx(|tx| config_release(tx, &self.keys, app_id, user_id, update, None))
    }

    /// Marks how a pending release ended; a release of a slug that succeeded brings the
    /// formation in line with the slug's process types.
    pub fn set_release_status(&self, release: &ReleaseRow, status: &str) -> rusqlite::Result<()> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE releases SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![release.id.to_string(), status, Timestamp::now().0],
            )?;
            if status == "succeeded"
                && let Some(slug_id) = release.slug_id
            {
                let types: Option<BTreeMap<String, String>> = one(
                    tx,
                    "SELECT process_types FROM slugs WHERE id = ?1",
                    [slug_id.to_string()],
                    |r| json_col(r, 0),
                )?;
                if let Some(types) = types {
                    formations::sync(tx, release.app_id, &types)?;
                }
            }
            Ok(())
        })
    }

    /// Marks the start of a release's release command: from now on the release has output,
    /// streamed at a capability URL keyed by `secret`.
    pub fn start_release_output(&self, release_id: Uuid, secret: &str) -> rusqlite::Result<()> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE releases SET output_secret = ?2, output = NULL WHERE id = ?1",
                params![release_id.to_string(), secret],
            )?;
            Ok(())
        })
    }

    /// Keeps the whole output of a release command that has ended.
    pub fn finish_release_output(&self, release_id: Uuid, output: &str) -> rusqlite::Result<()> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE releases SET output = ?2 WHERE id = ?1",
                params![release_id.to_string(), output],
            )?;
            Ok(())
        })
    }

    /// A release by id alone, whatever its app, and its release command's output once ended.
    pub fn release_with_output(
        &self,
        id: Uuid,
    ) -> rusqlite::Result<Option<(ReleaseRow, Option<String>)>> {
        self.read(|c| {
            let Some(row) = one(
                c,
                &format!("{RELEASE_SELECT} WHERE r.id = ?1"),
                [id.to_string()],
                map_release(&self.keys),
            )?
            else {
                return Ok(None);
            };
            let output: Option<String> = one(
                c,
                "SELECT output FROM releases WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )?
            .flatten();
            Ok(Some((row, output)))
        })
    }

    /// The release that is live: the newest that succeeded.
    pub fn current_release(&self, app_id: Uuid) -> rusqlite::Result<Option<ReleaseRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{RELEASE_SELECT} WHERE r.app_id = ?1 AND r.status = 'succeeded' ORDER BY r.version DESC LIMIT 1"),
                [app_id.to_string()],
                map_release(&self.keys),
            )
        })
    }

    /// Creates a release; a release of a slug also brings the formation in line with the
    /// slug's process types.
    pub fn create_release(&self, new: &NewRelease) -> rusqlite::Result<ReleaseRow> {
        self.tx(|tx| insert(tx, &self.keys, new))
    }

    /// Every slug's id, for the start-up sweep of slug files nothing refers to.
    pub fn all_slug_ids(&self) -> rusqlite::Result<Vec<Uuid>> {
        self.read(|c| {
            c.prepare("SELECT id FROM slugs")?
                .query_map([], |r| uuid_col(r, 0))?
                .collect()
        })
    }

    pub fn insert_slug(&self, slug: &SlugRow) -> rusqlite::Result<()> {
        let types = serde_json::to_string(&slug.process_types).unwrap_or_else(|_| "{}".into());
        self.tx(|c| {
            c.execute(
                &format!(
                    "INSERT INTO slugs ({SLUG_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                ),
                params![
                    slug.id.to_string(),
                    slug.app_id.to_string(),
                    types,
                    slug.commit,
                    slug.commit_description,
                    slug.checksum,
                    slug.size,
                    slug.buildpack_provided_description,
                    slug.created_at,
                    slug.updated_at
                ],
            )
        })?;
        Ok(())
    }

    /// A slug the app may use: one of its own, or one a release of it runs (a promotion's
    /// slug stays the source app's).
    pub fn slug(&self, app_id: Uuid, id: Uuid) -> rusqlite::Result<Option<SlugRow>> {
        self.read(|c| {
            one(
                c,
                &format!(
                    "SELECT {SLUG_COLUMNS} FROM slugs WHERE id = ?1 AND (app_id = ?2
                     OR EXISTS (SELECT 1 FROM releases r WHERE r.app_id = ?2 AND r.slug_id = ?1))"
                ),
                params![id.to_string(), app_id.to_string()],
                map_slug,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_config_changes_like_heroku() {
        assert_eq!(
            describe_config_change(&["FOO", "MSG"], &[]),
            "Set FOO, MSG config vars"
        );
        assert_eq!(
            describe_config_change(&[], &["FOO"]),
            "Remove FOO config vars"
        );
        assert_eq!(
            describe_config_change(&["A"], &["B"]),
            "Set A config vars and remove B config vars"
        );
    }

    #[test]
    fn config_changes_make_releases_and_no_op_changes_do_not() {
        let store = Store::in_memory();
        let owner = store.insert_account("a@example.com", None).unwrap();
        let app = store.create_app("demo", owner.id).unwrap();
        let set: ConfigVarsUpdate = [("FOO".to_string(), Some("bar".to_string()))].into();
        let (config, release) = store.update_config(app.id, owner.id, &set).unwrap();
        assert_eq!(config.get("FOO").map(String::as_str), Some("bar"));
        assert_eq!(release.unwrap().version, 2);
        let (_, again) = store.update_config(app.id, owner.id, &set).unwrap();
        assert!(again.is_none(), "setting the same value is not a change");
        let unset: ConfigVarsUpdate = [("FOO".to_string(), None)].into();
        let (config, release) = store.update_config(app.id, owner.id, &unset).unwrap();
        assert!(config.is_empty());
        assert_eq!(release.unwrap().description, "Remove FOO config vars");
        assert_eq!(store.current_version(app.id).unwrap(), Some(3));
        assert!(store.release(app.id, "v2").unwrap().is_some());
        assert!(store.release(app.id, "2").unwrap().is_some());
        assert!(store.release(app.id, "v9").unwrap().is_none());
        assert!(store.release(app.id, "latest").unwrap().is_none());
    }

    #[test]
    fn a_release_whose_code_has_a_release_command_is_pending_from_the_start() {
        let store = Store::in_memory();
        let owner = store.insert_account("a@example.com", None).unwrap();
        let app = store.create_app("demo", owner.id).unwrap();
        let release = |types: &[(&str, &str)]| {
            crate::server::store::formations::tests::release_slug(&store, app.id, owner.id, types)
        };
        let plain = release(&[("web", "serve")]);
        assert_eq!(plain.status, "succeeded");
        let phased = release(&[("web", "serve"), ("release", "migrate")]);
        assert_eq!(phased.status, "pending");
        assert_eq!(store.current_version(app.id).unwrap(), Some(plain.version));
        // A config change made on that code waits for the command too, never live before it.
        store.set_release_status(&phased, "succeeded").unwrap();
        let set: ConfigVarsUpdate = [("FOO".to_string(), Some("bar".to_string()))].into();
        let (_, changed) = store.update_config(app.id, owner.id, &set).unwrap();
        assert_eq!(changed.unwrap().status, "pending");
        assert_eq!(store.current_version(app.id).unwrap(), Some(phased.version));
    }
}
