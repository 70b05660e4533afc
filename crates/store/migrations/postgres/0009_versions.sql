-- Versions of a session: its content as it stood at one version, saved after a pause in
-- editing ('auto'), once a day during long editing ('daily'), on demand with a name
-- ('named'), and just before a restore ('restore'), so a restore can itself be undone.

CREATE TABLE session_snapshots (
    id UUID PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('auto', 'daily', 'named', 'restore')),
    name TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    blocks INTEGER NOT NULL,
    created_by UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX session_snapshots_session ON session_snapshots (session_id, created_at);
