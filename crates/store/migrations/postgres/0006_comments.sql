-- Comments on a session or on one of its blocks: threads (a comment and its replies) that can
-- be resolved and reopened; replies belong to their thread's block.

CREATE TABLE comments (
    id UUID PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    block_id UUID,
    parent_id UUID REFERENCES comments (id) ON DELETE CASCADE,
    author_id UUID REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    resolved_at BIGINT,
    resolved_by UUID REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX comments_session ON comments (session_id, created_at);
CREATE INDEX comments_parent ON comments (parent_id);
