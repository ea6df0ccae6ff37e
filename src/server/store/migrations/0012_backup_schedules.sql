-- A daily backup of a Postgres add-on (`pg:backups:schedule --at HH:MM`): at `at_minute`
-- minutes past midnight UTC. `created_at` is when the schedule was set (no run is owed for
-- earlier days); `last_run` the time of the latest scheduled capture.

CREATE TABLE addon_backup_schedules (
    addon_id        TEXT PRIMARY KEY REFERENCES addons(id) ON DELETE CASCADE,
    at_minute       INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    last_run        INTEGER
);
