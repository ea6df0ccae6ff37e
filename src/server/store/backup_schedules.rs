//! Queries on `addon_backup_schedules`: one daily backup time (in a time zone) per Postgres
//! add-on.

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::{Store, uuid_col};
use crate::api::Timestamp;
use crate::server::addons::daily;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupScheduleRow {
    pub addon_id: Uuid,
    /// Minutes past midnight on the clocks of `time_zone`.
    pub at_minute: u32,
    /// A name from the time zone database (`America/New_York`), or `UTC`.
    pub time_zone: String,
    /// Seconds since the epoch.
    pub created_at: i64,
    pub last_run: Option<i64>,
}

impl BackupScheduleRow {
    /// When the next scheduled capture is due: the first `at_minute` after the latest run, or
    /// at or after the minute the schedule was set.
    pub fn next_run(&self) -> i64 {
        let (from, inclusive) = match self.last_run {
            Some(t) => (t, false),
            // The minute the schedule was set counts: `--at` this very minute runs today.
            None => (self.created_at - self.created_at.rem_euclid(60), true),
        };
        daily::next_run(self.at_minute, &self.time_zone, from, inclusive)
    }
}

const SELECT: &str =
    "SELECT addon_id, at_minute, created_at, last_run, time_zone FROM addon_backup_schedules";

fn map(row: &rusqlite::Row<'_>) -> rusqlite::Result<BackupScheduleRow> {
    Ok(BackupScheduleRow {
        addon_id: uuid_col(row, 0)?,
        at_minute: row.get(1)?,
        created_at: row.get(2)?,
        last_run: row.get(3)?,
        time_zone: row.get(4)?,
    })
}

impl Store {
    /// Sets (or replaces) the add-on's daily backup time.
    pub fn set_backup_schedule(
        &self,
        addon_id: Uuid,
        at_minute: u32,
        time_zone: &str,
    ) -> rusqlite::Result<BackupScheduleRow> {
        let row = BackupScheduleRow {
            addon_id,
            at_minute,
            time_zone: time_zone.to_string(),
            created_at: Timestamp::now().0,
            last_run: None,
        };
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO addon_backup_schedules (addon_id, at_minute, created_at, last_run, time_zone)
                 VALUES (?1, ?2, ?3, NULL, ?4)
                 ON CONFLICT (addon_id) DO UPDATE
                 SET at_minute = ?2, created_at = ?3, last_run = NULL, time_zone = ?4",
                params![addon_id.to_string(), at_minute, row.created_at, time_zone],
            )?;
            Ok::<_, rusqlite::Error>(())
        })?;
        Ok(row)
    }

    pub fn backup_schedule(&self, addon_id: Uuid) -> rusqlite::Result<Option<BackupScheduleRow>> {
        self.read(|c| {
            c.query_row(
                &format!("{SELECT} WHERE addon_id = ?1"),
                [addon_id.to_string()],
                map,
            )
            .optional()
        })
    }

    /// Every schedule, for the scheduler.
    pub fn backup_schedules(&self) -> rusqlite::Result<Vec<BackupScheduleRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(SELECT)?;
            stmt.query_map([], map)?.collect()
        })
    }

    /// Removes the add-on's schedule; whether there was one.
    pub fn delete_backup_schedule(&self, addon_id: Uuid) -> rusqlite::Result<bool> {
        self.tx(|tx| {
            Ok(tx.execute(
                "DELETE FROM addon_backup_schedules WHERE addon_id = ?1",
                [addon_id.to_string()],
            )? > 0)
        })
    }

    /// Records a scheduled capture (tried at `at`, whether or not it succeeded).
    pub fn backup_schedule_ran(&self, addon_id: Uuid, at: i64) -> rusqlite::Result<()> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE addon_backup_schedules SET last_run = ?2 WHERE addon_id = ?1",
                params![addon_id.to_string(), at],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 60 * 60;

    fn row(at_minute: u32, created_at: i64, last_run: Option<i64>) -> BackupScheduleRow {
        BackupScheduleRow {
            addon_id: Uuid::nil(),
            at_minute,
            time_zone: "UTC".into(),
            created_at,
            last_run,
        }
    }

    #[test]
    fn the_next_run_is_the_next_time_of_day() {
        let midnight = 20_000 * DAY;
        // Set at 14:00 for 02:00: tomorrow.
        let r = row(120, midnight + 14 * 3600, None);
        assert_eq!(r.next_run(), midnight + DAY + 2 * 3600);
        // Set at 01:00 for 02:00: today.
        let r = row(120, midnight + 3600, None);
        assert_eq!(r.next_run(), midnight + 2 * 3600);
        // Set during the minute itself: now.
        let r = row(120, midnight + 2 * 3600 + 30, None);
        assert_eq!(r.next_run(), midnight + 2 * 3600);
        // Ran today at 02:00:05: tomorrow.
        let r = row(120, midnight, Some(midnight + 2 * 3600 + 5));
        assert_eq!(r.next_run(), midnight + DAY + 2 * 3600);
    }

    #[test]
    fn schedules_are_set_replaced_and_removed() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let app = store.create_app("a", owner.id).unwrap();
        let addon = Uuid::new_v4();
        let new = crate::server::store::NewAddon {
            id: addon,
            app_id: app.id,
            name: "postgresql-curved-12345".into(),
            service: "heroku-postgresql".into(),
            plan: "essential-0".into(),
            provider_id: format!("addon_{}", addon.simple()),
            url: "postgres://u:secret@127.0.0.1:1/u".into(),
        };
        store.create_addon(&new, "a", "DATABASE", owner.id).unwrap();
        assert!(store.backup_schedule(addon).unwrap().is_none());
        store.set_backup_schedule(addon, 120, "UTC").unwrap();
        store
            .set_backup_schedule(addon, 121, "America/New_York")
            .unwrap();
        assert_eq!(store.backup_schedules().unwrap().len(), 1);
        store.backup_schedule_ran(addon, 5).unwrap();
        let got = store.backup_schedule(addon).unwrap().unwrap();
        assert_eq!((got.at_minute, got.last_run), (121, Some(5)));
        assert_eq!(got.time_zone, "America/New_York");
        assert!(store.delete_backup_schedule(addon).unwrap());
        assert!(!store.delete_backup_schedule(addon).unwrap());
    }
}
