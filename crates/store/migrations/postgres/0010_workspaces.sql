-- Team workspaces: the workspace each person works in now, and invitations by email to join
-- a team (only the hash of the link's secret is kept; a link is used once).

ALTER TABLE users ADD COLUMN current_workspace_id UUID REFERENCES workspaces (id) ON DELETE SET NULL;

CREATE TABLE workspace_invitations (
    id UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    token_hash BYTEA NOT NULL UNIQUE,
    invited_by UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT
);
CREATE INDEX workspace_invitations_workspace ON workspace_invitations (workspace_id);
