-- A session held read-only: its workspace's plan allows fewer active sessions than it has
-- (after a downgrade). A held session does not count as active; nothing in it is deleted,
-- its people keep reading it, and its owner may export or delete it. The workspace's admins
-- choose which sessions stay active; a plan with room makes held sessions active again.
ALTER TABLE sessions ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_held ON sessions (workspace_id) WHERE held;
