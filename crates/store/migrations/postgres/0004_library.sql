-- Libraries: methods and designs (session templates) in the public library (starter content
-- and approved publications), in a team workspace's or in a person's; favourites; messages
-- to users in the app. A method's or design's whole content is one JSON document (`fields`);
-- the columns beside it are what filters, sorts and search need. Search text holds word stems
-- made in Rust; SQLite indexes it with FTS5, PostgreSQL with a tsvector.

ALTER TABLE blocks ADD COLUMN method UUID;
ALTER TABLE blocks ADD COLUMN illustration TEXT;

CREATE TABLE methods (
    id UUID PRIMARY KEY,
    workspace_id UUID REFERENCES workspaces (id) ON DELETE CASCADE,
    created_by UUID REFERENCES users (id) ON DELETE SET NULL,
    seed_key TEXT UNIQUE,
    seed_hash TEXT,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    duration_min INTEGER NOT NULL,
    duration_max INTEGER NOT NULL,
    group_min INTEGER NOT NULL,
    group_max INTEGER NOT NULL,
    categories TEXT NOT NULL,
    in_person BOOLEAN NOT NULL,
    online BOOLEAN NOT NULL,
    publication TEXT NOT NULL DEFAULT 'private'
        CHECK (publication IN ('private', 'pending', 'published', 'rejected')),
    publication_note TEXT NOT NULL DEFAULT '',
    public BOOLEAN NOT NULL DEFAULT FALSE,
    published_at BIGINT,
    favourites INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- Large values last, so filters and sorts read a row without its overflow pages.
    fields TEXT NOT NULL,
    search_title TEXT NOT NULL,
    search_body TEXT NOT NULL
);
CREATE INDEX methods_workspace ON methods (workspace_id, created_at);
CREATE INDEX methods_pending ON methods (publication) WHERE publication = 'pending';
CREATE INDEX methods_title ON methods (title, id);
CREATE INDEX methods_favourites ON methods (favourites, id);

ALTER TABLE methods ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', search_title), 'A')
    || setweight(to_tsvector('simple', search_body), 'B')
) STORED;
CREATE INDEX methods_search ON methods USING GIN (search);
-- The title's stems alone, so "every word in the title" is answered by the index without
-- reading each candidate row's weights.
ALTER TABLE methods ADD COLUMN search_titles tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', search_title)
) STORED;
CREATE INDEX methods_search_titles ON methods USING GIN (search_titles);

CREATE TABLE method_favourites (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    method_id UUID NOT NULL REFERENCES methods (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, method_id)
);
CREATE INDEX method_favourites_method ON method_favourites (method_id);

CREATE TABLE templates (
    id UUID PRIMARY KEY,
    workspace_id UUID REFERENCES workspaces (id) ON DELETE CASCADE,
    created_by UUID REFERENCES users (id) ON DELETE SET NULL,
    seed_key TEXT UNIQUE,
    seed_hash TEXT,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    fields TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    publication TEXT NOT NULL DEFAULT 'private'
        CHECK (publication IN ('private', 'pending', 'published', 'rejected')),
    publication_note TEXT NOT NULL DEFAULT '',
    public BOOLEAN NOT NULL DEFAULT FALSE,
    published_at BIGINT,
    search_text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX templates_workspace ON templates (workspace_id, created_at);
CREATE INDEX templates_pending ON templates (publication) WHERE publication = 'pending';

-- How many of a user's notifications are unread, kept beside the account so every page
-- shows the count without another query.
ALTER TABLE users ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;

CREATE TABLE notifications (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
