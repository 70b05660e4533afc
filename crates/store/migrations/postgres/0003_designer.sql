-- The rest of the designer: folders, archive and trash for sessions; session-defined custom
-- block fields, with their values on the block as a JSON object; workspace categories with colours; cover and card images.

ALTER TABLE sessions ADD COLUMN folder TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sessions ADD COLUMN custom_fields TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN cover_image UUID;
ALTER TABLE blocks ADD COLUMN card_image UUID;
ALTER TABLE blocks ADD COLUMN custom TEXT NOT NULL DEFAULT '{}';

CREATE INDEX sessions_trash ON sessions (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE categories (
    id UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    colour TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (workspace_id, name)
);

-- Images belong to a session (its cover and its cards) and go when the session goes.
CREATE TABLE images (
    id UUID PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX images_session ON images (session_id);
