-- What an outside security test asked for.
-- Credentials that end when they should: what a personal API token may do (its scopes, read
-- always; tokens made before scopes existed keep reading and writing), and when a login's
-- password was last checked (creating a token asks for a recent check).
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read write';
ALTER TABLE logins ADD COLUMN verified_at BIGINT NOT NULL DEFAULT 0;
UPDATE logins SET verified_at = created_at;

-- Invitations wait for their person's answer, found by the confirmed address they went to.
CREATE INDEX session_invitations_email ON session_invitations (email) WHERE accepted_at IS NULL;
CREATE INDEX workspace_invitations_email ON workspace_invitations (email) WHERE accepted_at IS NULL;
