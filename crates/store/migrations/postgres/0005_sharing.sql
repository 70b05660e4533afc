-- Sharing: a person's role on one session. Every session has exactly one owner; the sessions
-- made before sharing existed are owned by whoever created them.

CREATE TABLE session_shares (
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_shares_user ON session_shares (user_id);
CREATE UNIQUE INDEX session_shares_owner ON session_shares (session_id) WHERE role = 'owner';

INSERT INTO session_shares (session_id, user_id, role, created_at)
SELECT id, created_by, 'owner', created_at FROM sessions WHERE created_by IS NOT NULL;

-- Invitations by email for people without an account yet: the link carries a secret whose
-- hash is kept; whoever opens it signed in (or registers from it) gets the role, once.
CREATE TABLE session_invitations (
    id UUID PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('editor', 'commenter', 'viewer')),
    token_hash BYTEA NOT NULL UNIQUE,
    invited_by UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT
);
CREATE INDEX session_invitations_session ON session_invitations (session_id);

-- Public links: a read-only participant view for anyone holding the link. Only the hash of the
-- link's secret is kept; a revoked or expired link leads nowhere.
CREATE TABLE session_links (
    id UUID PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL UNIQUE,
    created_by UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX session_links_session ON session_links (session_id);
