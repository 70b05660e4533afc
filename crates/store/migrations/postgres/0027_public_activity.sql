-- Notifications of others' public activity (User Agreement 1.6): a new publication by an
-- author whose methods one selected. On unless the person turns them off.
ALTER TABLE users ADD COLUMN hears_public_activity BOOLEAN NOT NULL DEFAULT TRUE;
