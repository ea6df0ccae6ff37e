//! Queries on `commit_statuses`, `deployments` (with `deployment_statuses`) and `deploy_locks`.

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::{Store, one, opt_uuid_col, uuid_col};
use crate::api::Timestamp;
use crate::api::commit_status::latest_per_context;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitStatusRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub app_name: String,
    pub sha: String,
    pub context: String,
    pub state: String,
    pub description: Option<String>,
    pub target_url: Option<String>,
    pub creator_id: Uuid,
    pub creator_email: String,
    pub created_at: i64,
}

const STATUS_SELECT: &str = "SELECT s.id, s.app_id, p.name, s.sha, s.context, s.state,
    s.description, s.target_url, s.creator_id, a.email, s.created_at
  FROM commit_statuses s JOIN apps p ON p.id = s.app_id JOIN accounts a ON a.id = s.creator_id";

fn map_status(row: &rusqlite::Row<'_>) -> rusqlite::Result<CommitStatusRow> {
    Ok(CommitStatusRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        app_name: row.get(2)?,
        sha: row.get(3)?,
        context: row.get(4)?,
        state: row.get(5)?,
        description: row.get(6)?,
        target_url: row.get(7)?,
        creator_id: uuid_col(row, 8)?,
        creator_email: row.get(9)?,
        created_at: row.get(10)?,
    })
}

/// A commit status as it is set.
#[derive(Debug, Clone, Copy, Default)]
pub struct NewCommitStatus<'a> {
    pub context: &'a str,
    pub state: &'a str,
    pub description: Option<&'a str>,
    pub target_url: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentStatusRow {
    pub id: Uuid,
    pub state: String,
    pub description: Option<String>,
    pub creator_id: Uuid,
    pub creator_email: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub app_name: String,
    pub number: i64,
    pub environment: Option<String>,
    pub git_ref: Option<String>,
    pub sha: Option<String>,
    pub description: Option<String>,
    pub trigger: String,
    pub user_id: Uuid,
    pub user_email: String,
    pub status: String,
    pub status_description: Option<String>,
    pub build_id: Option<Uuid>,
    pub release_id: Option<Uuid>,
    pub release_version: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Oldest first.
    pub statuses: Vec<DeploymentStatusRow>,
}

const DEPLOYMENT_SELECT: &str = "SELECT d.id, d.app_id, p.name, d.number, d.environment, d.ref,
    d.sha, d.description, d.trigger, d.user_id, a.email, d.status, d.status_description,
    d.build_id, d.release_id, r.version, d.created_at, d.updated_at
  FROM deployments d JOIN apps p ON p.id = d.app_id JOIN accounts a ON a.id = d.user_id
  LEFT JOIN releases r ON r.id = d.release_id";

fn map_deployment(row: &rusqlite::Row<'_>) -> rusqlite::Result<DeploymentRow> {
    Ok(DeploymentRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        app_name: row.get(2)?,
        number: row.get(3)?,
        environment: row.get(4)?,
        git_ref: row.get(5)?,
        sha: row.get(6)?,
        description: row.get(7)?,
        trigger: row.get(8)?,
        user_id: uuid_col(row, 9)?,
        user_email: row.get(10)?,
        status: row.get(11)?,
        status_description: row.get(12)?,
        build_id: opt_uuid_col(row, 13)?,
        release_id: opt_uuid_col(row, 14)?,
        release_version: row.get(15)?,
        created_at: row.get(16)?,
        updated_at: row.get(17)?,
        statuses: vec![],
    })
}

/// What a new deployment record starts with.
#[derive(Debug, Clone, Default)]
pub struct NewDeployment {
    pub app_id: Uuid,
    pub environment: Option<String>,
    pub git_ref: Option<String>,
    pub sha: Option<String>,
    pub description: Option<String>,
    pub trigger: String,
    pub user_id: Uuid,
    /// The first state (`waiting`, or `queued` when the pipeline takes it at once).
    pub state: String,
    pub state_description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployLockRow {
    pub app_id: Uuid,
    pub app_name: String,
    pub user_id: Uuid,
    pub user_email: String,
    pub reason: Option<String>,
    pub created_at: i64,
}

const LOCK_SELECT: &str = "SELECT l.app_id, p.name, l.user_id, a.email, l.reason, l.created_at
  FROM deploy_locks l JOIN apps p ON p.id = l.app_id JOIN accounts a ON a.id = l.user_id";

fn map_lock(row: &rusqlite::Row<'_>) -> rusqlite::Result<DeployLockRow> {
    Ok(DeployLockRow {
        app_id: uuid_col(row, 0)?,
        app_name: row.get(1)?,
        user_id: uuid_col(row, 2)?,
        user_email: row.get(3)?,
        reason: row.get(4)?,
        created_at: row.get(5)?,
    })
}

/// Fills in each deployment's history with one query.
fn with_statuses(
    c: &Connection,
    mut rows: Vec<DeploymentRow>,
) -> rusqlite::Result<Vec<DeploymentRow>> {
    if rows.is_empty() {
        return Ok(rows);
    }
    let ids: Vec<String> = rows.iter().map(|r| format!("'{}'", r.id)).collect();
    // The ids are UUIDs this store wrote, so they are safe to inline.
    let mut stmt = c.prepare(&format!(
        "SELECT s.deployment_id, s.id, s.state, s.description, s.creator_id, a.email, s.created_at
           FROM deployment_statuses s JOIN accounts a ON a.id = s.creator_id
          WHERE s.deployment_id IN ({}) ORDER BY s.created_at, s.rowid",
        ids.join(",")
    ))?;
    let statuses = stmt.query_map([], |row| {
        Ok((
            uuid_col(row, 0)?,
            DeploymentStatusRow {
                id: uuid_col(row, 1)?,
                state: row.get(2)?,
                description: row.get(3)?,
                creator_id: uuid_col(row, 4)?,
                creator_email: row.get(5)?,
                created_at: row.get(6)?,
            },
        ))
    })?;
    for status in statuses {
        let (deployment, status) = status?;
        if let Some(row) = rows.iter_mut().find(|r| r.id == deployment) {
            row.statuses.push(status);
        }
    }
    Ok(rows)
}

fn add_status(
    c: &Connection,
    deployment_id: Uuid,
    state: &str,
    description: Option<&str>,
    creator_id: Uuid,
) -> rusqlite::Result<Option<(Uuid, String)>> {
    let before = one(
        c,
        "SELECT app_id, status FROM deployments WHERE id = ?1",
        [deployment_id.to_string()],
        |r| Ok((uuid_col(r, 0)?, r.get::<_, String>(1)?)),
    )?;
    let now = Timestamp::now().0;
    c.execute(
        "INSERT INTO deployment_statuses (id, deployment_id, state, description, creator_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            Uuid::new_v4().to_string(),
            deployment_id.to_string(),
            state,
            description,
            creator_id.to_string(),
            now
        ],
    )?;
    c.execute(
        "UPDATE deployments SET status = ?2, status_description = ?3, updated_at = ?4 WHERE id = ?1",
        params![deployment_id.to_string(), state, description, now],
    )?;
    Ok(before)
}

impl Store {
    // ---- commit statuses ----------------------------------------------------------------------

    pub fn insert_commit_status(
        &self,
        app_id: Uuid,
        sha: &str,
        new: &NewCommitStatus<'_>,
        creator_id: Uuid,
    ) -> rusqlite::Result<CommitStatusRow> {
        let id = Uuid::new_v4();
        self.tx(|c| {
            c.execute(
                "INSERT INTO commit_statuses (id, app_id, sha, context, state, description, target_url, creator_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id.to_string(),
                    app_id.to_string(),
                    sha,
                    new.context,
                    new.state,
                    new.description,
                    new.target_url,
                    creator_id.to_string(),
                    Timestamp::now().0
                ],
            )?;
            c.query_row(
                &format!("{STATUS_SELECT} WHERE s.id = ?1"),
                [id.to_string()],
                map_status,
            )
        })
    }

    /// Every status of a commit, oldest first.
    pub fn commit_statuses(
        &self,
        app_id: Uuid,
        sha: &str,
    ) -> rusqlite::Result<Vec<CommitStatusRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{STATUS_SELECT} WHERE s.app_id = ?1 AND s.sha = ?2 ORDER BY s.created_at, s.rowid"
            ))?;
            stmt.query_map(params![app_id.to_string(), sha], map_status)?
                .collect()
        })
    }

    /// The latest status of each context of a commit.
    pub fn latest_commit_statuses(
        &self,
        app_id: Uuid,
        sha: &str,
    ) -> rusqlite::Result<Vec<CommitStatusRow>> {
        let all = self.commit_statuses(app_id, sha)?;
        Ok(latest_per_context(&all, |s| &s.context)
            .into_iter()
            .cloned()
            .collect())
    }

    // ---- deployments ---------------------------------------------------------------------------

    /// Records a deployment with its first state; numbers count up per app.
    pub fn insert_deployment(&self, new: &NewDeployment) -> rusqlite::Result<DeploymentRow> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        self.tx(|tx| {
            let number: i64 = tx.query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM deployments WHERE app_id = ?1",
                [new.app_id.to_string()],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO deployments (id, app_id, number, environment, ref, sha, description, trigger, user_id, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                params![
                    id.to_string(),
                    new.app_id.to_string(),
                    number,
                    new.environment,
                    new.git_ref,
                    new.sha,
                    new.description,
                    new.trigger,
                    new.user_id.to_string(),
                    new.state,
                    now
                ],
            )?;
            add_status(
                tx,
                id,
                &new.state,
                new.state_description.as_deref(),
                new.user_id,
            )?;
            Ok::<_, rusqlite::Error>(())
        })?;
        self.deployment_by_id(id)?
            .ok_or(rusqlite::Error::QueryReturnedNoRows)
    }

    /// Moves a deployment to `state` and adds it to the history; answers its app and the state
    /// it was in.
    pub fn add_deployment_status(
        &self,
        deployment_id: Uuid,
        state: &str,
        description: Option<&str>,
        creator_id: Uuid,
    ) -> rusqlite::Result<Option<(Uuid, String)>> {
        self.tx(|tx| add_status(tx, deployment_id, state, description, creator_id))
    }

    /// Links a deployment to its build or release once they exist.
    pub fn link_deployment(
        &self,
        deployment_id: Uuid,
        build_id: Option<Uuid>,
        release_id: Option<Uuid>,
    ) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE deployments SET build_id = COALESCE(?2, build_id), release_id = COALESCE(?3, release_id) WHERE id = ?1",
                params![
                    deployment_id.to_string(),
                    build_id.map(|b| b.to_string()),
                    release_id.map(|r| r.to_string())
                ],
            )
            .map(drop)
        })
    }

    /// An app's deployments, oldest first.
    pub fn deployments(&self, app_id: Uuid) -> rusqlite::Result<Vec<DeploymentRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{DEPLOYMENT_SELECT} WHERE d.app_id = ?1 ORDER BY d.number"
            ))?;
            let rows = stmt
                .query_map([app_id.to_string()], map_deployment)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            with_statuses(c, rows)
        })
    }

    /// One of an app's deployments by id or number.
    pub fn deployment(&self, app_id: Uuid, ident: &str) -> rusqlite::Result<Option<DeploymentRow>> {
        let number: i64 = ident.trim_start_matches('#').parse().unwrap_or(-1);
        self.read(|c| {
            let row = one(
                c,
                &format!(
                    "{DEPLOYMENT_SELECT} WHERE d.app_id = ?1 AND (d.id = ?2 OR d.number = ?3)"
                ),
                params![app_id.to_string(), ident, number],
                map_deployment,
            )?;
            Ok(with_statuses(c, row.into_iter().collect())?.pop())
        })
    }

    pub fn deployment_by_id(&self, id: Uuid) -> rusqlite::Result<Option<DeploymentRow>> {
        self.read(|c| {
            let row = one(
                c,
                &format!("{DEPLOYMENT_SELECT} WHERE d.id = ?1"),
                [id.to_string()],
                map_deployment,
            )?;
            Ok(with_statuses(c, row.into_iter().collect())?.pop())
        })
    }

    /// Deployments a shutdown left unfinished end as `failed`, like their builds.
    pub fn fail_interrupted_deployments(&self) -> rusqlite::Result<usize> {
        let open: Vec<(String, String)> = self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, user_id FROM deployments WHERE status IN ('queued', 'building', 'releasing')",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })?;
        for (id, user) in &open {
            if let (Ok(id), Ok(user)) = (Uuid::parse_str(id), Uuid::parse_str(user)) {
                self.add_deployment_status(
                    id,
                    "failed",
                    Some("the server stopped before the deployment finished"),
                    user,
                )?;
            }
        }
        Ok(open.len())
    }

    // ---- deploy locks --------------------------------------------------------------------------

    pub fn deploy_lock(&self, app_id: Uuid) -> rusqlite::Result<Option<DeployLockRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{LOCK_SELECT} WHERE l.app_id = ?1"),
                [app_id.to_string()],
                map_lock,
            )
        })
    }

    /// Locks the app's deploys. An existing lock by the same account has its reason replaced;
    /// one by another account is returned as `Err` and left alone.
    pub fn set_deploy_lock(
        &self,
        app_id: Uuid,
        user_id: Uuid,
        reason: Option<&str>,
    ) -> rusqlite::Result<Result<DeployLockRow, DeployLockRow>> {
        if let Some(existing) = self.deploy_lock(app_id)?
            && existing.user_id != user_id
        {
            return Ok(Err(existing));
        }
        self.tx(|c| {
            c.execute(
                "INSERT INTO deploy_locks (app_id, user_id, reason, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (app_id) DO UPDATE SET reason = excluded.reason",
                params![app_id.to_string(), user_id.to_string(), reason, Timestamp::now().0],
            )
        })?;
        self.deploy_lock(app_id)?
            .map(Ok)
            .ok_or(rusqlite::Error::QueryReturnedNoRows)
    }

    /// Unlocks; answers the lock that was removed.
    pub fn delete_deploy_lock(&self, app_id: Uuid) -> rusqlite::Result<Option<DeployLockRow>> {
        let lock = self.deploy_lock(app_id)?;
        if lock.is_some() {
            self.tx(|c| {
                c.execute(
                    "DELETE FROM deploy_locks WHERE app_id = ?1",
                    [app_id.to_string()],
                )
            })?;
        }
        Ok(lock)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_status_per_context_wins() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let app = store.create_app("demo", owner.id).unwrap();
        let sha = "a".repeat(40);
        for (ctx, state) in [
            ("ci/test", "pending"),
            ("ci/lint", "failure"),
            ("ci/test", "success"),
        ] {
            let new = NewCommitStatus {
                context: ctx,
                state,
                ..NewCommitStatus::default()
            };
            store
                .insert_commit_status(app.id, &sha, &new, owner.id)
                .unwrap();
        }
        assert_eq!(store.commit_statuses(app.id, &sha).unwrap().len(), 3);
        let latest = store.latest_commit_statuses(app.id, &sha).unwrap();
        let got: Vec<(&str, &str)> = latest
            .iter()
            .map(|s| (s.context.as_str(), s.state.as_str()))
            .collect();
        assert_eq!(got, [("ci/test", "success"), ("ci/lint", "failure")]);
        assert!(
            store
                .latest_commit_statuses(app.id, &"b".repeat(40))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn deployments_number_up_and_keep_their_history() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let app = store.create_app("demo", owner.id).unwrap();
        let new = NewDeployment {
            app_id: app.id,
            trigger: "deploy".into(),
            user_id: owner.id,
            state: "queued".into(),
            git_ref: Some("v1".into()),
            ..NewDeployment::default()
        };
        let first = store.insert_deployment(&new).unwrap();
        let second = store.insert_deployment(&new).unwrap();
        assert_eq!((first.number, second.number), (1, 2));
        store
            .add_deployment_status(first.id, "refused", Some("locked"), owner.id)
            .unwrap();
        let got = store.deployment(app.id, "1").unwrap().unwrap();
        assert_eq!(got.status, "refused");
        let states: Vec<&str> = got.statuses.iter().map(|s| s.state.as_str()).collect();
        assert_eq!(states, ["queued", "refused"]);
        assert_eq!(
            store
                .deployment(app.id, &second.id.to_string())
                .unwrap()
                .unwrap()
                .number,
            2
        );
        assert!(store.deployment(app.id, "3").unwrap().is_none());
        assert_eq!(store.deployments(app.id).unwrap().len(), 2);
        assert_eq!(store.fail_interrupted_deployments().unwrap(), 1);
    }

    #[test]
    fn locks_belong_to_who_took_them() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let other = store.insert_account("p@example.com", None).unwrap();
        let app = store.create_app("demo", owner.id).unwrap();
        let lock = store
            .set_deploy_lock(app.id, owner.id, Some("freeze"))
            .unwrap()
            .unwrap();
        assert_eq!(lock.reason.as_deref(), Some("freeze"));
        let relocked = store
            .set_deploy_lock(app.id, owner.id, Some("longer"))
            .unwrap()
            .unwrap();
        assert_eq!(relocked.reason.as_deref(), Some("longer"));
        let refused = store
            .set_deploy_lock(app.id, other.id, None)
            .unwrap()
            .unwrap_err();
        assert_eq!(refused.user_email, "o@example.com");
        assert!(store.delete_deploy_lock(app.id).unwrap().is_some());
        assert!(store.delete_deploy_lock(app.id).unwrap().is_none());
    }
}
