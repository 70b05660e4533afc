-- What refers to a person says what becomes of it when the person is deleted (the privacy
-- issue's Store::delete_user deletes a person in one transaction):
-- - a workspace's owner cannot be deleted while they own it: deleting a person deletes their
--   personal workspace and hands their teams to another admin first;
-- - the op log keeps what was done and forgets who did it;
-- - an email goes with the account it was written to and with the person whose name it
--   carries;
-- - an activity entry about another person names them through a reference, not as text.
ALTER TABLE workspaces DROP CONSTRAINT workspaces_owner_id_fkey;
ALTER TABLE workspaces ADD CONSTRAINT workspaces_owner_id_fkey
    FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE session_ops ADD CONSTRAINT session_ops_actor_fkey
    FOREIGN KEY (actor) REFERENCES users (id) ON DELETE SET NULL;

ALTER TABLE outbox ADD COLUMN user_id UUID REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE outbox ADD COLUMN sender_id UUID REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX outbox_user ON outbox (user_id);
CREATE INDEX outbox_sender ON outbox (sender_id);

ALTER TABLE activity ADD COLUMN subject_id UUID REFERENCES users (id) ON DELETE SET NULL;
