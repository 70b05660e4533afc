-- What refers to a person says what becomes of it when the person is deleted (the privacy
-- issue's Store::delete_user deletes a person in one transaction):
-- - a workspace's owner cannot be deleted while they own it: deleting a person deletes their
--   personal workspace and hands their teams to another admin first;
-- - the op log keeps what was done and forgets who did it;
-- - an email goes with the account it was written to and with the person whose name it
--   carries;
-- - an activity entry about another person names them through a reference, not as text.
--
-- SQLite changes a reference by building the table again (foreign keys are off while the
-- migrations run, and checked before they commit: Store::migrate).
CREATE TABLE workspaces_new (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('personal', 'team')),
    owner_id BLOB NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    created_at BIGINT NOT NULL
);
INSERT INTO workspaces_new (id, name, kind, owner_id, created_at)
    SELECT id, name, kind, owner_id, created_at FROM workspaces;
DROP TABLE workspaces;
ALTER TABLE workspaces_new RENAME TO workspaces;

CREATE TABLE session_ops_new (
    session_id BLOB NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    client_op_id TEXT,
    actor BLOB REFERENCES users (id) ON DELETE SET NULL,
    op TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, version)
);
INSERT INTO session_ops_new (session_id, version, client_op_id, actor, op, created_at)
    SELECT session_id, version, client_op_id, actor, op, created_at FROM session_ops;
DROP TABLE session_ops;
ALTER TABLE session_ops_new RENAME TO session_ops;
CREATE UNIQUE INDEX session_ops_client ON session_ops (session_id, client_op_id);

ALTER TABLE outbox ADD COLUMN user_id BLOB REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE outbox ADD COLUMN sender_id BLOB REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX outbox_user ON outbox (user_id);
CREATE INDEX outbox_sender ON outbox (sender_id);

ALTER TABLE activity ADD COLUMN subject_id BLOB REFERENCES users (id) ON DELETE SET NULL;
