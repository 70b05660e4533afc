-- Exports that took longer than a request waits: their result waits here for the person who
-- asked (or for the public link it was asked through), and is deleted after 7 days.
CREATE TABLE exports (
    id BLOB PRIMARY KEY,
    session_id BLOB NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id BLOB REFERENCES users (id) ON DELETE CASCADE,
    link_hash BLOB,
    request TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BLOB,
    error TEXT,
    created_at BIGINT NOT NULL,
    watched_at BIGINT NOT NULL,
    finished_at BIGINT,
    CHECK (user_id IS NOT NULL OR link_hash IS NOT NULL)
);
CREATE INDEX exports_session ON exports (session_id);
CREATE INDEX exports_user ON exports (user_id);
CREATE INDEX exports_created ON exports (created_at);
