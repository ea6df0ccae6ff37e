//! Queries on `app_setups`: an app made from app.json, how its setup went, and the scripts
//! app.json gave it.

use rusqlite::params;
use uuid::Uuid;

use super::{Store, one, opt_uuid_col, uuid_col};
use crate::api::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSetupRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub app_name: String,
    pub account_id: Uuid,
    pub build_id: Option<Uuid>,
    pub status: String,
    pub failure_message: Option<String>,
    pub postdeploy: Option<String>,
    pub pr_predestroy: Option<String>,
    pub postdeploy_output: Option<String>,
    pub postdeploy_exit_code: Option<i32>,
    pub created_at: i64,
    pub updated_at: i64,
}

pub struct NewAppSetup {
    pub app_id: Uuid,
    pub account_id: Uuid,
    pub postdeploy: Option<String>,
    pub pr_predestroy: Option<String>,
}

const SELECT: &str = "SELECT s.id, s.app_id, a.name, s.account_id, s.build_id, s.status,
    s.failure_message, s.postdeploy, s.pr_predestroy, s.postdeploy_output, s.postdeploy_exit_code,
    s.created_at, s.updated_at
  FROM app_setups s JOIN apps a ON a.id = s.app_id";

fn map(row: &rusqlite::Row<'_>) -> rusqlite::Result<AppSetupRow> {
    Ok(AppSetupRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        app_name: row.get(2)?,
        account_id: uuid_col(row, 3)?,
        build_id: opt_uuid_col(row, 4)?,
        status: row.get(5)?,
        failure_message: row.get(6)?,
        postdeploy: row.get(7)?,
        pr_predestroy: row.get(8)?,
        postdeploy_output: row.get(9)?,
        postdeploy_exit_code: row.get(10)?,
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
    })
}

impl Store {
    pub fn insert_app_setup(&self, new: &NewAppSetup) -> rusqlite::Result<AppSetupRow> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        self.tx(|c| {
            c.execute(
                "INSERT INTO app_setups (id, app_id, account_id, postdeploy, pr_predestroy, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    id.to_string(),
                    new.app_id.to_string(),
                    new.account_id.to_string(),
                    new.postdeploy,
                    new.pr_predestroy,
                    now
                ],
            )?;
            one(c, &format!("{SELECT} WHERE s.id = ?1"), [id.to_string()], map)?
                .ok_or(rusqlite::Error::QueryReturnedNoRows)
        })
    }

    pub fn app_setup(&self, id: Uuid) -> rusqlite::Result<Option<AppSetupRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{SELECT} WHERE s.id = ?1"),
                [id.to_string()],
                map,
            )
        })
    }

    /// The app's setup, if it was made by one.
    pub fn app_setup_of(&self, app_id: Uuid) -> rusqlite::Result<Option<AppSetupRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{SELECT} WHERE s.app_id = ?1 ORDER BY s.created_at DESC LIMIT 1"),
                [app_id.to_string()],
                map,
            )
        })
    }

    pub fn set_app_setup_build(&self, id: Uuid, build_id: Uuid) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE app_setups SET build_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), build_id.to_string(), Timestamp::now().0],
            )
            .map(drop)
        })
    }

    /// Records how the postdeploy script went (before the setup ends).
    pub fn set_app_setup_postdeploy(
        &self,
        id: Uuid,
        output: &str,
        exit_code: i32,
    ) -> rusqlite::Result<()> {
        self.tx(|c| {
            c.execute(
                "UPDATE app_setups SET postdeploy_output = ?2, postdeploy_exit_code = ?3, updated_at = ?4 WHERE id = ?1",
                params![id.to_string(), output, exit_code, Timestamp::now().0],
            )
            .map(drop)
        })
    }

    /// Ends a pending setup: `succeeded`, or `failed` with why.
    pub fn finish_app_setup(&self, id: Uuid, failure: Option<&str>) -> rusqlite::Result<()> {
        let status = if failure.is_some() {
            "failed"
        } else {
            "succeeded"
        };
        self.tx(|c| {
            c.execute(
                "UPDATE app_setups SET status = ?2, failure_message = ?3, updated_at = ?4 WHERE id = ?1 AND status = 'pending'",
                params![id.to_string(), status, failure, Timestamp::now().0],
            )
            .map(drop)
        })
    }

    /// At start: setups a shutdown interrupted will not end by themselves.
    pub fn fail_interrupted_setups(&self) -> rusqlite::Result<usize> {
        self.tx(|c| {
            c.execute(
                "UPDATE app_setups SET status = 'failed', failure_message = 'the server restarted during the setup', updated_at = ?1 WHERE status = 'pending'",
                [Timestamp::now().0],
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store with an app `demo` and its setup, made with these scripts.
    fn setup(
        postdeploy: Option<&str>,
        pr_predestroy: Option<&str>,
    ) -> (Store, crate::server::store::AppRow, AppSetupRow) {
        let store = Store::in_memory();
        let owner = store.insert_account("a@example.com", None).unwrap().id;
        let app = store.create_app("demo", owner).unwrap();
        let new = NewAppSetup {
            app_id: app.id,
            account_id: owner,
            postdeploy: postdeploy.map(str::to_string),
            pr_predestroy: pr_predestroy.map(str::to_string),
        };
        let row = store.insert_app_setup(&new).unwrap();
        (store, app, row)
    }

    #[test]
    fn a_setup_ends_once_and_goes_with_its_app() {
        let (store, app, row) = setup(Some("seed"), Some("bye"));
        assert_eq!(row.status, "pending");
        assert_eq!(row.app_name, "demo");
        store
            .set_app_setup_postdeploy(row.id, "seeded\n", 0)
            .unwrap();
        store.finish_app_setup(row.id, None).unwrap();
        store.finish_app_setup(row.id, Some("late")).unwrap();
        let done = store.app_setup(row.id).unwrap().unwrap();
        assert_eq!(done.status, "succeeded");
        assert_eq!(done.failure_message, None);
        assert_eq!(done.postdeploy_exit_code, Some(0));
        assert_eq!(
            store.app_setup_of(app.id).unwrap().unwrap().pr_predestroy,
            Some("bye".into())
        );
        store.delete_app(app.id).unwrap();
        assert!(store.app_setup(row.id).unwrap().is_none());
    }

    #[test]
    fn interrupted_setups_fail() {
        let (store, _app, row) = setup(None, None);
        assert_eq!(store.fail_interrupted_setups().unwrap(), 1);
        assert_eq!(store.app_setup(row.id).unwrap().unwrap().status, "failed");
    }
}
