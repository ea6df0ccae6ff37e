//! Queries on `review_app_configs` and `review_apps`: whether a pipeline makes an app per
//! branch, and the apps it made. A review app row outlives its app (status `deleted`).

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::{Store, json_col, one, opt_uuid_col, uuid_col};
use crate::api::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewAppConfigRow {
    pub pipeline_id: Uuid,
    pub automatic_review_apps: bool,
    pub destroy_stale_apps: bool,
    pub stale_days: i64,
    pub wait_for_ci: bool,
    pub base_name: Option<String>,
    /// What every review app gets on top of its app.json's config vars.
    pub config_vars: BTreeMap<String, String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewAppRow {
    pub id: Uuid,
    pub pipeline_id: Uuid,
    pub app_id: Option<Uuid>,
    pub app_name: Option<String>,
    pub branch: String,
    pub creator_id: Uuid,
    pub app_setup_id: Option<Uuid>,
    pub status: String,
    pub error_status: Option<String>,
    pub message: Option<String>,
    pub pr_number: Option<i64>,
    pub pushed_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

pub struct NewReviewApp<'a> {
    pub pipeline_id: Uuid,
    pub app_id: Uuid,
    pub app_name: &'a str,
    pub branch: &'a str,
    pub creator_id: Uuid,
    pub pr_number: Option<i64>,
}

const CONFIG_SELECT: &str = "SELECT pipeline_id, automatic_review_apps, destroy_stale_apps, stale_days, wait_for_ci, base_name, config_vars, created_at, updated_at FROM review_app_configs";

fn map_config(row: &rusqlite::Row<'_>) -> rusqlite::Result<ReviewAppConfigRow> {
    Ok(ReviewAppConfigRow {
        pipeline_id: uuid_col(row, 0)?,
        automatic_review_apps: row.get(1)?,
        destroy_stale_apps: row.get(2)?,
        stale_days: row.get(3)?,
        wait_for_ci: row.get(4)?,
        base_name: row.get(5)?,
        config_vars: json_col(row, 6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

const APP_SELECT: &str = "SELECT id, pipeline_id, app_id, app_name, branch, creator_id, app_setup_id, status, error_status, message, pr_number, pushed_at, created_at, updated_at FROM review_apps";

/// Review apps that still stand (or are on their way).
const LIVE: &str = "status NOT IN ('deleted')";

fn map_app(row: &rusqlite::Row<'_>) -> rusqlite::Result<ReviewAppRow> {
    Ok(ReviewAppRow {
        id: uuid_col(row, 0)?,
        pipeline_id: uuid_col(row, 1)?,
        app_id: opt_uuid_col(row, 2)?,
        app_name: row.get(3)?,
        branch: row.get(4)?,
        creator_id: uuid_col(row, 5)?,
        app_setup_id: opt_uuid_col(row, 6)?,
        status: row.get(7)?,
        error_status: row.get(8)?,
        message: row.get(9)?,
        pr_number: row.get(10)?,
        pushed_at: row.get(11)?,
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
    })
}

fn app_where(
    c: &Connection,
    clause: &str,
    args: impl rusqlite::Params,
) -> rusqlite::Result<Option<ReviewAppRow>> {
    one(c, &format!("{APP_SELECT} WHERE {clause}"), args, map_app)
}

impl Store {
    pub fn review_app_config(
        &self,
        pipeline_id: Uuid,
    ) -> rusqlite::Result<Option<ReviewAppConfigRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{CONFIG_SELECT} WHERE pipeline_id = ?1"),
                [pipeline_id.to_string()],
                map_config,
            )
        })
    }

    /// Writes the pipeline's config whole (creating it if it has none).
    pub fn put_review_app_config(
        &self,
        row: &ReviewAppConfigRow,
    ) -> rusqlite::Result<ReviewAppConfigRow> {
        let now = Timestamp::now().0;
        let vars = serde_json::to_string(&row.config_vars)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO review_app_configs (pipeline_id, automatic_review_apps, destroy_stale_apps, stale_days, wait_for_ci, base_name, config_vars, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
                 ON CONFLICT (pipeline_id) DO UPDATE SET automatic_review_apps = ?2, destroy_stale_apps = ?3,
                   stale_days = ?4, wait_for_ci = ?5, base_name = ?6, config_vars = ?7, updated_at = ?8",
                params![
                    row.pipeline_id.to_string(),
                    row.automatic_review_apps,
                    row.destroy_stale_apps,
                    row.stale_days,
                    row.wait_for_ci,
                    row.base_name,
                    vars,
                    now
                ],
            )?;
            one(
                tx,
                &format!("{CONFIG_SELECT} WHERE pipeline_id = ?1"),
                [row.pipeline_id.to_string()],
                map_config,
            )?
            .ok_or(rusqlite::Error::QueryReturnedNoRows)
        })
    }

    pub fn delete_review_app_config(&self, pipeline_id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "DELETE FROM review_app_configs WHERE pipeline_id = ?1",
                [pipeline_id.to_string()],
            )
            .map(drop)
        })
    }

    /// A review app being created; a branch that already has one is a unique violation.
    pub fn insert_review_app(&self, new: &NewReviewApp<'_>) -> rusqlite::Result<ReviewAppRow> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO review_apps (id, pipeline_id, app_id, app_name, branch, creator_id, status, pr_number, pushed_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'creating', ?7, ?8, ?8, ?8)",
                params![
                    id.to_string(),
                    new.pipeline_id.to_string(),
                    new.app_id.to_string(),
                    new.app_name,
                    new.branch,
                    new.creator_id.to_string(),
                    new.pr_number,
                    now
                ],
            )?;
            app_where(tx, "id = ?1", [id.to_string()])?.ok_or(rusqlite::Error::QueryReturnedNoRows)
        })
    }

    pub fn review_app(&self, id: Uuid) -> rusqlite::Result<Option<ReviewAppRow>> {
        self.read(|c| app_where(c, "id = ?1", [id.to_string()]))
    }

    /// The review app an app is, if it is one.
    pub fn review_app_of_app(&self, app_id: Uuid) -> rusqlite::Result<Option<ReviewAppRow>> {
        self.read(|c| app_where(c, &format!("app_id = ?1 AND {LIVE}"), [app_id.to_string()]))
    }

    pub fn review_app_for_branch(
        &self,
        pipeline_id: Uuid,
        branch: &str,
    ) -> rusqlite::Result<Option<ReviewAppRow>> {
        self.read(|c| {
            app_where(
                c,
                &format!("pipeline_id = ?1 AND branch = ?2 AND {LIVE}"),
                params![pipeline_id.to_string(), branch],
            )
        })
    }

    /// A pipeline's standing review apps, by branch.
    pub fn review_apps(&self, pipeline_id: Uuid) -> rusqlite::Result<Vec<ReviewAppRow>> {
        self.read(|c| {
            c.prepare(&format!(
                "{APP_SELECT} WHERE pipeline_id = ?1 AND {LIVE} ORDER BY branch"
            ))?
            .query_map([pipeline_id.to_string()], map_app)?
            .collect()
        })
    }

    pub fn set_review_app_status(
        &self,
        id: Uuid,
        status: &str,
        error: Option<&str>,
        message: Option<&str>,
    ) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE review_apps SET status = ?2, error_status = ?3, message = ?4, updated_at = ?5 WHERE id = ?1",
                params![id.to_string(), status, error, message, Timestamp::now().0],
            )
            .map(drop)
        })
    }

    pub fn set_review_app_setup(&self, id: Uuid, setup_id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE review_apps SET app_setup_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), setup_id.to_string(), Timestamp::now().0],
            )
            .map(drop)
        })
    }

    /// Records a push of the review app's branch: inactivity counts from here.
    pub fn touch_review_app(&self, id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE review_apps SET pushed_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id.to_string(), Timestamp::now().0],
            )
            .map(drop)
        })
    }

    /// Review apps whose branch has gone `stale_days` without a push, at `now`, in pipelines
    /// that destroy stale apps.
    pub fn stale_review_apps(&self, now: i64) -> rusqlite::Result<Vec<ReviewAppRow>> {
        self.read(|c| {
            c.prepare(&format!(
                "{APP_SELECT} WHERE status IN ('created', 'errored') AND EXISTS (
                   SELECT 1 FROM review_app_configs rc WHERE rc.pipeline_id = review_apps.pipeline_id
                   AND rc.destroy_stale_apps AND review_apps.pushed_at + rc.stale_days * 86400 <= ?1)"
            ))?
            .query_map([now], map_app)?
            .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::store::is_unique_violation;

    fn config(pipeline_id: Uuid, days: Option<i64>) -> ReviewAppConfigRow {
        ReviewAppConfigRow {
            pipeline_id,
            automatic_review_apps: true,
            destroy_stale_apps: days.is_some(),
            stale_days: days.unwrap_or(5),
            wait_for_ci: false,
            base_name: None,
            config_vars: BTreeMap::from([("STAGE".into(), "review".into())]),
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn one_review_app_per_branch_and_stale_ones_are_found() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let p = store.insert_pipeline("shop", owner.id).unwrap();
        let app = store.create_app("shop-pr-x", owner.id).unwrap();
        let saved = store.put_review_app_config(&config(p.id, Some(2))).unwrap();
        assert_eq!(saved.config_vars["STAGE"], "review");
        let new = NewReviewApp {
            pipeline_id: p.id,
            app_id: app.id,
            app_name: "shop-pr-x",
            branch: "x",
            creator_id: owner.id,
            pr_number: None,
        };
        let row = store.insert_review_app(&new).unwrap();
        assert!(is_unique_violation(
            &store.insert_review_app(&new).unwrap_err()
        ));
        assert_eq!(store.review_app_of_app(app.id).unwrap().unwrap().id, row.id);
        store
            .set_review_app_status(row.id, "created", None, None)
            .unwrap();
        let now = row.pushed_at;
        assert!(store.stale_review_apps(now + 86400).unwrap().is_empty());
        assert_eq!(store.stale_review_apps(now + 2 * 86400).unwrap().len(), 1);
        // Without autodestroy nothing is stale.
        store.put_review_app_config(&config(p.id, None)).unwrap();
        assert!(
            store
                .stale_review_apps(now + 99 * 86400)
                .unwrap()
                .is_empty()
        );
        store
            .set_review_app_status(row.id, "deleted", None, None)
            .unwrap();
        assert!(store.review_apps(p.id).unwrap().is_empty());
        store.insert_review_app(&new).unwrap();
        store.delete_review_app_config(p.id).unwrap();
        assert!(store.review_app_config(p.id).unwrap().is_none());
    }
}
