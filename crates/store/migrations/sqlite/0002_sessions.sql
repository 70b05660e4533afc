-- Sessions, their blocks in fractional-key order, and the op log with client op ids.
-- Lists (goals, tags, materials) are JSON text; dates and times are ISO 8601 text.

CREATE TABLE sessions (
    id BLOB PRIMARY KEY,
    workspace_id BLOB NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    goals TEXT NOT NULL DEFAULT '[]',
    first_date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT,
    time_zone TEXT NOT NULL,
    location_kind TEXT NOT NULL DEFAULT 'in_person',
    location TEXT NOT NULL DEFAULT '',
    participants INTEGER,
    language TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'draft',
    version BIGINT NOT NULL DEFAULT 0,
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX sessions_workspace ON sessions (workspace_id, updated_at);

CREATE TABLE blocks (
    id BLOB PRIMARY KEY,
    session_id BLOB NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('activity', 'break', 'note', 'section', 'day')),
    order_key TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    minutes INTEGER NOT NULL DEFAULT 0,
    category TEXT,
    group_format TEXT,
    lead TEXT NOT NULL DEFAULT '',
    materials TEXT NOT NULL DEFAULT '[]',
    goals TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    pinned_start TEXT,
    day_date TEXT,
    day_start TEXT,
    day_end TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX blocks_session ON blocks (session_id, order_key);

CREATE TABLE session_ops (
    session_id BLOB NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    client_op_id TEXT,
    actor BLOB,
    op TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, version)
);
CREATE UNIQUE INDEX session_ops_client ON session_ops (session_id, client_op_id);
