-- A daily backup's time of day is in a time zone (`pg:backups:schedule --at '02:00
-- America/New_York'`): `at_minute` is minutes past midnight on that zone's clocks. Schedules
-- set before were in UTC.

ALTER TABLE addon_backup_schedules ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
