-- A person's copy of their data (Download my data): a ZIP that a job makes, step by step
-- (`done` of `total`), and keeps in the file store under data-exports/{id}.zip until
-- `expires_at` (7 days after it is made). At most one a day; a failed one does not count. The
-- rows go with their person, and the deletion forgets the bytes.
CREATE TABLE data_exports (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    done BIGINT NOT NULL DEFAULT 0,
    total BIGINT NOT NULL DEFAULT 0,
    size BIGINT,
    error TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT,
    expires_at BIGINT
);
CREATE INDEX data_exports_user ON data_exports (user_id, created_at);
