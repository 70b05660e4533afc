-- Files belong to a session (or one of its blocks) or to a library method: exactly one of
-- the two. Card pictures keep small copies for the cards, at 1x and 2x.

ALTER TABLE files ALTER COLUMN session_id DROP NOT NULL;
ALTER TABLE files ADD COLUMN method_id UUID REFERENCES methods (id) ON DELETE CASCADE;
ALTER TABLE files ADD CONSTRAINT files_one_parent CHECK ((session_id IS NULL) <> (method_id IS NULL));
CREATE INDEX files_method ON files (method_id, created_at);

ALTER TABLE images ADD COLUMN card_1x BYTEA;
ALTER TABLE images ADD COLUMN card_2x BYTEA;
