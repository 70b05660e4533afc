-- Credentials that end when they should: what a personal API token may do (its scopes, read
-- always; tokens made before scopes existed keep reading and writing), and when a login's
-- password was last checked (creating a token asks for a recent check).

ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read write';
ALTER TABLE logins ADD COLUMN verified_at BIGINT NOT NULL DEFAULT 0;
UPDATE logins SET verified_at = created_at;
