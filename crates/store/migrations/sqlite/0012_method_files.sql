-- Files belong to a session (or one of its blocks) or to a library method: exactly one of
-- the two. Card pictures keep small copies for the cards, at 1x and 2x.

CREATE TABLE files_new (
    id BLOB PRIMARY KEY,
    workspace_id BLOB NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    session_id BLOB REFERENCES sessions (id) ON DELETE CASCADE,
    method_id BLOB REFERENCES methods (id) ON DELETE CASCADE,
    block_id BLOB,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'clean', 'infected', 'unscanned')),
    signature TEXT NOT NULL DEFAULT '',
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    scanned_at BIGINT,
    CHECK ((session_id IS NULL) <> (method_id IS NULL))
);
INSERT INTO files_new (id, workspace_id, session_id, block_id, name, kind, size, sha256, status, signature, created_by, created_at, scanned_at)
    SELECT id, workspace_id, session_id, block_id, name, kind, size, sha256, status, signature, created_by, created_at, scanned_at FROM files;
DROP TABLE files;
ALTER TABLE files_new RENAME TO files;
CREATE INDEX files_session ON files (session_id, created_at);
CREATE INDEX files_method ON files (method_id, created_at);
CREATE INDEX files_content ON files (workspace_id, sha256);

ALTER TABLE images ADD COLUMN card_1x BLOB;
ALTER TABLE images ADD COLUMN card_2x BLOB;
