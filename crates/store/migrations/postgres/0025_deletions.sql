-- A notification that names another person (a mention, an invitation) goes when that person
-- is deleted, as an email with their name does (0016).
ALTER TABLE notifications ADD COLUMN actor_id UUID REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX notifications_actor ON notifications (actor_id);

-- The deletion ledger: who was deleted and when, ids only. `plenary restore` deletes again
-- everyone it lists, so a restored backup does not bring a deleted person back.
CREATE TABLE deletions (
    user_id UUID PRIMARY KEY,
    deleted_at BIGINT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('request', 'administrator', 'inactivity', 'ledger'))
);
