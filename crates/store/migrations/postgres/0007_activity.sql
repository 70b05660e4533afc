-- The activity log of a session: who added, moved, changed, deleted, shared or commented on
-- what, and when. Changes are written in the op's own transaction; sharing and comments write
-- theirs as they happen.

CREATE TABLE activity (
    id UUID PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    actor_id UUID REFERENCES users (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    block_id UUID,
    detail TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX activity_session ON activity (session_id, created_at);
