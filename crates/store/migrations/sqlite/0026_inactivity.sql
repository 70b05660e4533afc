-- Deletion after a long time without use (User Agreement 3.9.1). A sign-in or the use of an
-- API token sets `last_active_at` (none yet: the account's creation counts) and starts the
-- count again; `inactivity_notices` is how many notices of the coming deletion have gone out
-- since, and `inactivity_deletes_at` the date the last one gave.
ALTER TABLE users ADD COLUMN last_active_at BIGINT;
ALTER TABLE users ADD COLUMN inactivity_notices INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN inactivity_deletes_at BIGINT;

-- Everyone's count starts when this arrives: nobody is warned for a time that was not counted.
UPDATE users SET last_active_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000;
