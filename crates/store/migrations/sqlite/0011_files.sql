-- Files uploaded to a session or one of its blocks. The bytes live in the file storage under
-- the workspace and their SHA-256, so the same content in a workspace is stored once. A file
-- is served only when its scan found it clean, or when no scanner is configured.

CREATE TABLE files (
    id BLOB PRIMARY KEY,
    workspace_id BLOB NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    session_id BLOB NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    block_id BLOB,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'clean', 'infected', 'unscanned')),
    signature TEXT NOT NULL DEFAULT '',
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    scanned_at BIGINT
);
CREATE INDEX files_session ON files (session_id, created_at);
CREATE INDEX files_content ON files (workspace_id, sha256);
