-- The output of a release's release command (`releases:output`). `output_secret` keys the
-- capability URL that streams it, and is set when the command starts; `output` holds its lines
-- once it has ended (while it runs they are in memory).

ALTER TABLE releases ADD COLUMN output_secret TEXT;
ALTER TABLE releases ADD COLUMN output TEXT;
