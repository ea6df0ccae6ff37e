//! Queries on `pipelines`, `pipeline_couplings` and the promotions between their apps. A
//! pipeline is seen by its owner and by everyone with access to one of its apps.

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::{Store, one, opt_uuid_col, uuid_col};
use crate::api::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineRow {
    pub id: Uuid,
    pub name: String,
    pub owner_id: Uuid,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouplingRow {
    pub id: Uuid,
    pub pipeline_id: Uuid,
    pub pipeline_name: String,
    pub app_id: Uuid,
    pub app_name: String,
    pub stage: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromotionRow {
    pub id: Uuid,
    pub pipeline_id: Uuid,
    pub source_app_id: Uuid,
    pub source_release_id: Uuid,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromotionTargetRow {
    pub id: Uuid,
    pub promotion_id: Uuid,
    pub app_id: Uuid,
    pub release_id: Option<Uuid>,
    pub status: String,
    pub error_message: Option<String>,
}

const PIPELINE_SELECT: &str =
    "SELECT p.id, p.name, p.owner_id, p.created_at, p.updated_at FROM pipelines p";

/// Pipelines `account` may see: its own, and those holding an app it can reach.
const VISIBLE: &str = "(p.owner_id = ?1 OR EXISTS (SELECT 1 FROM pipeline_couplings pc
    JOIN collaborators c ON c.app_id = pc.app_id
    WHERE pc.pipeline_id = p.id AND c.account_id = ?1))";

fn map_pipeline(row: &rusqlite::Row<'_>) -> rusqlite::Result<PipelineRow> {
    Ok(PipelineRow {
        id: uuid_col(row, 0)?,
        name: row.get(1)?,
        owner_id: uuid_col(row, 2)?,
        created_at: row.get(3)?,
        updated_at: row.get(4)?,
    })
}

const COUPLING_SELECT: &str = "SELECT pc.id, pc.pipeline_id, p.name, pc.app_id, a.name, pc.stage, pc.created_at, pc.updated_at
  FROM pipeline_couplings pc JOIN pipelines p ON p.id = pc.pipeline_id JOIN apps a ON a.id = pc.app_id";

/// Stages in their pipeline order, for sorting couplings the way a pipeline reads.
const STAGE_ORDER: &str = "CASE pc.stage WHEN 'test' THEN 0 WHEN 'review' THEN 1 WHEN 'development' THEN 2 WHEN 'staging' THEN 3 ELSE 4 END";

fn map_coupling(row: &rusqlite::Row<'_>) -> rusqlite::Result<CouplingRow> {
    Ok(CouplingRow {
        id: uuid_col(row, 0)?,
        pipeline_id: uuid_col(row, 1)?,
        pipeline_name: row.get(2)?,
        app_id: uuid_col(row, 3)?,
        app_name: row.get(4)?,
        stage: row.get(5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
    })
}

const PROMOTION_SELECT: &str = "SELECT id, pipeline_id, source_app_id, source_release_id, status, created_at, updated_at FROM pipeline_promotions";

fn map_promotion(row: &rusqlite::Row<'_>) -> rusqlite::Result<PromotionRow> {
    Ok(PromotionRow {
        id: uuid_col(row, 0)?,
        pipeline_id: uuid_col(row, 1)?,
        source_app_id: uuid_col(row, 2)?,
        source_release_id: uuid_col(row, 3)?,
        status: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

const TARGET_SELECT: &str = "SELECT id, promotion_id, app_id, release_id, status, error_message FROM pipeline_promotion_targets";

fn map_target(row: &rusqlite::Row<'_>) -> rusqlite::Result<PromotionTargetRow> {
    Ok(PromotionTargetRow {
        id: uuid_col(row, 0)?,
        promotion_id: uuid_col(row, 1)?,
        app_id: uuid_col(row, 2)?,
        release_id: opt_uuid_col(row, 3)?,
        status: row.get(4)?,
        error_message: row.get(5)?,
    })
}

fn coupling_where(
    c: &Connection,
    clause: &str,
    arg: &str,
) -> rusqlite::Result<Option<CouplingRow>> {
    one(
        c,
        &format!("{COUPLING_SELECT} WHERE {clause}"),
        [arg],
        map_coupling,
    )
}

impl Store {
    /// A new pipeline; a name already taken is a unique violation.
    pub fn insert_pipeline(&self, name: &str, owner_id: Uuid) -> rusqlite::Result<PipelineRow> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO pipelines (id, name, owner_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id.to_string(), name, owner_id.to_string(), now],
            )?;
            one(
                tx,
                &format!("{PIPELINE_SELECT} WHERE p.id = ?1"),
                [id.to_string()],
                map_pipeline,
            )?
            .ok_or(rusqlite::Error::QueryReturnedNoRows)
        })
    }

    /// A pipeline by id or name, if `account_id` may see it.
    pub fn pipeline_for(
        &self,
        ident: &str,
        account_id: Uuid,
    ) -> rusqlite::Result<Option<PipelineRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{PIPELINE_SELECT} WHERE (p.id = ?2 OR p.name = ?2) AND {VISIBLE}"),
                params![account_id.to_string(), ident],
                map_pipeline,
            )
        })
    }

    /// A pipeline by id, whoever asks: for the server's own work (a push to one of its apps).
    pub fn pipeline_by_id(&self, id: Uuid) -> rusqlite::Result<Option<PipelineRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{PIPELINE_SELECT} WHERE p.id = ?1"),
                [id.to_string()],
                map_pipeline,
            )
        })
    }

    /// The pipelines `account_id` may see, by name.
    pub fn pipelines_for(&self, account_id: Uuid) -> rusqlite::Result<Vec<PipelineRow>> {
        self.read(|c| {
            c.prepare(&format!(
                "{PIPELINE_SELECT} WHERE {VISIBLE} ORDER BY p.name"
            ))?
            .query_map([account_id.to_string()], map_pipeline)?
            .collect()
        })
    }

    /// Renames a pipeline; a name already taken is a unique violation.
    pub fn rename_pipeline(&self, id: Uuid, name: &str) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE pipelines SET name = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), name, Timestamp::now().0],
            )
            .map(drop)
        })
    }

    /// Deletes a pipeline with its couplings and promotions; the apps stay.
    pub fn delete_pipeline(&self, id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute("DELETE FROM pipelines WHERE id = ?1", [id.to_string()])
                .map(drop)
        })
    }

    /// Couples an app; an app already in a pipeline is a unique violation.
    pub fn insert_coupling(
        &self,
        pipeline_id: Uuid,
        app_id: Uuid,
        stage: &str,
    ) -> rusqlite::Result<CouplingRow> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO pipeline_couplings (id, pipeline_id, app_id, stage, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id.to_string(), pipeline_id.to_string(), app_id.to_string(), stage, now],
            )?;
            coupling_where(tx, "pc.id = ?1", &id.to_string())?
                .ok_or(rusqlite::Error::QueryReturnedNoRows)
        })
    }

    pub fn coupling(&self, id: Uuid) -> rusqlite::Result<Option<CouplingRow>> {
        self.read(|c| coupling_where(c, "pc.id = ?1", &id.to_string()))
    }

    /// The app's coupling, if it is in a pipeline.
    pub fn coupling_of_app(&self, app_id: Uuid) -> rusqlite::Result<Option<CouplingRow>> {
        self.read(|c| coupling_where(c, "pc.app_id = ?1", &app_id.to_string()))
    }

    /// A pipeline's couplings in stage order, then by app name.
    pub fn couplings(&self, pipeline_id: Uuid) -> rusqlite::Result<Vec<CouplingRow>> {
        self.read(|c| {
            c.prepare(&format!(
                "{COUPLING_SELECT} WHERE pc.pipeline_id = ?1 ORDER BY {STAGE_ORDER}, a.name"
            ))?
            .query_map([pipeline_id.to_string()], map_coupling)?
            .collect()
        })
    }

    /// The couplings of every pipeline `account_id` may see.
    pub fn couplings_for(&self, account_id: Uuid) -> rusqlite::Result<Vec<CouplingRow>> {
        self.read(|c| {
            c.prepare(&format!(
                "{COUPLING_SELECT} WHERE {VISIBLE} ORDER BY p.name, {STAGE_ORDER}, a.name"
            ))?
            .query_map([account_id.to_string()], map_coupling)?
            .collect()
        })
    }

    pub fn set_coupling_stage(&self, id: Uuid, stage: &str) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE pipeline_couplings SET stage = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), stage, Timestamp::now().0],
            )
            .map(drop)
        })
    }

    pub fn delete_coupling(&self, id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "DELETE FROM pipeline_couplings WHERE id = ?1",
                [id.to_string()],
            )
            .map(drop)
        })
    }

    /// A pending promotion with a pending target per app, in the order given.
    pub fn insert_promotion(
        &self,
        pipeline_id: Uuid,
        source_app_id: Uuid,
        source_release_id: Uuid,
        targets: &[Uuid],
    ) -> rusqlite::Result<(PromotionRow, Vec<PromotionTargetRow>)> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO pipeline_promotions (id, pipeline_id, source_app_id, source_release_id, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5)",
                params![
                    id.to_string(),
                    pipeline_id.to_string(),
                    source_app_id.to_string(),
                    source_release_id.to_string(),
                    now
                ],
            )?;
            for (position, app) in targets.iter().enumerate() {
                tx.execute(
                    "INSERT INTO pipeline_promotion_targets (id, promotion_id, app_id, status, position) VALUES (?1, ?2, ?3, 'pending', ?4)",
                    params![Uuid::new_v4().to_string(), id.to_string(), app.to_string(), position as i64],
                )?;
            }
            let promotion = one(
                tx,
                &format!("{PROMOTION_SELECT} WHERE id = ?1"),
                [id.to_string()],
                map_promotion,
            )?
            .ok_or(rusqlite::Error::QueryReturnedNoRows)?;
            Ok((promotion, promotion_targets(tx, id)?))
        })
    }

    pub fn promotion(&self, id: Uuid) -> rusqlite::Result<Option<PromotionRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{PROMOTION_SELECT} WHERE id = ?1"),
                [id.to_string()],
                map_promotion,
            )
        })
    }

    pub fn promotion_targets(&self, id: Uuid) -> rusqlite::Result<Vec<PromotionTargetRow>> {
        self.read(|c| promotion_targets(c, id))
    }

    /// How one target ended; the promotion completes with its last pending target.
    pub fn finish_promotion_target(
        &self,
        target: Uuid,
        status: &str,
        release_id: Option<Uuid>,
        error: Option<&str>,
    ) -> rusqlite::Result<()> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE pipeline_promotion_targets SET status = ?2, release_id = ?3, error_message = ?4 WHERE id = ?1",
                params![target.to_string(), status, release_id.map(|r| r.to_string()), error],
            )?;
            tx.execute(
                "UPDATE pipeline_promotions SET status = 'completed', updated_at = ?2
                 WHERE id = (SELECT promotion_id FROM pipeline_promotion_targets WHERE id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM pipeline_promotion_targets t
                       WHERE t.promotion_id = pipeline_promotions.id AND t.status = 'pending')",
                params![target.to_string(), Timestamp::now().0],
            )?;
            Ok(())
        })
    }

    /// Marks what an interrupted server left pending as failed, at start.
    pub fn fail_interrupted_promotions(&self) -> rusqlite::Result<usize> {
        self.tx(|tx| {
            let n = tx.execute(
                "UPDATE pipeline_promotion_targets SET status = 'failed', error_message = 'the server stopped during the promotion' WHERE status = 'pending'",
                [],
            )?;
            tx.execute(
                "UPDATE pipeline_promotions SET status = 'completed', updated_at = ?1 WHERE status = 'pending'",
                [Timestamp::now().0],
            )?;
            Ok(n)
        })
    }
}

fn promotion_targets(c: &Connection, id: Uuid) -> rusqlite::Result<Vec<PromotionTargetRow>> {
    c.prepare(&format!(
        "{TARGET_SELECT} WHERE promotion_id = ?1 ORDER BY position"
    ))?
    .query_map([id.to_string()], map_target)?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::store::is_unique_violation;

    #[test]
    fn an_app_is_in_one_pipeline_and_collaborators_see_it() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let other = store.insert_account("x@example.com", None).unwrap();
        let app = store.create_app("shop-staging", owner.id).unwrap();
        let p = store.insert_pipeline("shop", owner.id).unwrap();
        let q = store.insert_pipeline("other", other.id).unwrap();
        assert!(is_unique_violation(
            &store.insert_pipeline("shop", other.id).unwrap_err()
        ));
        let c = store.insert_coupling(p.id, app.id, "staging").unwrap();
        assert_eq!(c.app_name, "shop-staging");
        assert!(is_unique_violation(
            &store.insert_coupling(q.id, app.id, "staging").unwrap_err()
        ));
        assert!(store.pipeline_for("shop", other.id).unwrap().is_none());
        assert_eq!(store.pipelines_for(other.id).unwrap().len(), 1);
        store.add_collaborator(app.id, other.id).unwrap();
        assert!(store.pipeline_for("shop", other.id).unwrap().is_some());
        assert_eq!(store.couplings_for(other.id).unwrap().len(), 1);
        store.delete_app(app.id).unwrap();
        assert!(store.couplings(p.id).unwrap().is_empty());
    }

    #[test]
    fn a_promotion_completes_with_its_last_target() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let p = store.insert_pipeline("shop", owner.id).unwrap();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let (promotion, targets) = store
            .insert_promotion(p.id, Uuid::new_v4(), Uuid::new_v4(), &[a, b])
            .unwrap();
        assert_eq!(promotion.status, "pending");
        assert_eq!(targets.len(), 2);
        store
            .finish_promotion_target(targets[0].id, "succeeded", Some(Uuid::new_v4()), None)
            .unwrap();
        assert_eq!(
            store.promotion(promotion.id).unwrap().unwrap().status,
            "pending"
        );
        store
            .finish_promotion_target(targets[1].id, "failed", None, Some("locked"))
            .unwrap();
        assert_eq!(
            store.promotion(promotion.id).unwrap().unwrap().status,
            "completed"
        );
        let t = store.promotion_targets(promotion.id).unwrap();
        assert_eq!(t[1].error_message.as_deref(), Some("locked"));
        assert_eq!(t[0].app_id, a);
    }
}
