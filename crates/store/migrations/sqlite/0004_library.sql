-- Libraries: methods and designs (session templates) in the public library (starter content
-- and approved publications), in a team workspace's or in a person's; favourites; messages
-- to users in the app. A method's or design's whole content is one JSON document (`fields`);
-- the columns beside it are what filters, sorts and search need. Search text holds word stems
-- made in Rust; SQLite indexes it with FTS5, PostgreSQL with a tsvector.

ALTER TABLE blocks ADD COLUMN method BLOB;
ALTER TABLE blocks ADD COLUMN illustration TEXT;

-- `num` is the stable rowid the full-text index refers to (a BLOB key would not keep it
-- through VACUUM).
CREATE TABLE methods (
    num INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE,
    workspace_id BLOB REFERENCES workspaces (id) ON DELETE CASCADE,
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    seed_key TEXT UNIQUE,
    seed_hash TEXT,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    duration_min INTEGER NOT NULL,
    duration_max INTEGER NOT NULL,
    group_min INTEGER NOT NULL,
    group_max INTEGER NOT NULL,
    categories TEXT NOT NULL,
    in_person INTEGER NOT NULL,
    online INTEGER NOT NULL,
    publication TEXT NOT NULL DEFAULT 'private'
        CHECK (publication IN ('private', 'pending', 'published', 'rejected')),
    publication_note TEXT NOT NULL DEFAULT '',
    public INTEGER NOT NULL DEFAULT 0,
    published_at BIGINT,
    favourites INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- Large values last, so filters and sorts read a row without its overflow pages.
    fields TEXT NOT NULL,
    search_title TEXT NOT NULL,
    search_body TEXT NOT NULL
);
CREATE INDEX methods_created ON methods (created_at);
CREATE INDEX methods_workspace ON methods (workspace_id, created_at);
CREATE INDEX methods_pending ON methods (publication) WHERE publication = 'pending';
CREATE INDEX methods_title ON methods (title);
CREATE INDEX methods_favourites ON methods (favourites);

CREATE VIRTUAL TABLE methods_fts USING fts5(
    search_title, search_body,
    content = 'methods', content_rowid = 'num',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER methods_fts_insert AFTER INSERT ON methods BEGIN
    INSERT INTO methods_fts (rowid, search_title, search_body)
    VALUES (new.num, new.search_title, new.search_body);
END;
CREATE TRIGGER methods_fts_delete AFTER DELETE ON methods BEGIN
    INSERT INTO methods_fts (methods_fts, rowid, search_title, search_body)
    VALUES ('delete', old.num, old.search_title, old.search_body);
END;
CREATE TRIGGER methods_fts_update AFTER UPDATE OF search_title, search_body ON methods BEGIN
    INSERT INTO methods_fts (methods_fts, rowid, search_title, search_body)
    VALUES ('delete', old.num, old.search_title, old.search_body);
    INSERT INTO methods_fts (rowid, search_title, search_body)
    VALUES (new.num, new.search_title, new.search_body);
END;

CREATE TABLE method_favourites (
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    method_id BLOB NOT NULL REFERENCES methods (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, method_id)
);
CREATE INDEX method_favourites_method ON method_favourites (method_id);

CREATE TABLE templates (
    id BLOB PRIMARY KEY,
    workspace_id BLOB REFERENCES workspaces (id) ON DELETE CASCADE,
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    seed_key TEXT UNIQUE,
    seed_hash TEXT,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    fields TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    publication TEXT NOT NULL DEFAULT 'private'
        CHECK (publication IN ('private', 'pending', 'published', 'rejected')),
    publication_note TEXT NOT NULL DEFAULT '',
    public INTEGER NOT NULL DEFAULT 0,
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
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
