-- The legal documents (User Agreement 1.3–1.4, Cookie Policy 5): each of the four documents
-- (terms, privacy, cookies, consent) in numbered versions, written by administrators in both
-- languages. A draft has no number, no publication time and no date of effect; a published
-- version is never changed. The version in force is the highest-numbered one whose date of
-- effect has come; one published with a later date is announced until then.
CREATE TABLE legal_versions (
    id BLOB PRIMARY KEY,
    document TEXT NOT NULL CHECK (document IN ('terms', 'privacy', 'cookies', 'consent')),
    number BIGINT,
    body_en TEXT NOT NULL,
    body_ru TEXT NOT NULL,
    -- What changed since the version before, shown to those who accepted an earlier one.
    changes_en TEXT NOT NULL DEFAULT '',
    changes_ru TEXT NOT NULL DEFAULT '',
    published_at BIGINT,
    effective_at BIGINT,
    written_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX legal_versions_number ON legal_versions (document, number);

-- Which versions a person accepted: at registration (the agreement and privacy policy with
-- one box, the consent with its own), or by carrying on after being shown what changed.
CREATE TABLE legal_acceptances (
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version_id BLOB NOT NULL REFERENCES legal_versions (id) ON DELETE CASCADE,
    how TEXT NOT NULL CHECK (how IN ('registration', 'notice')),
    at BIGINT NOT NULL,
    PRIMARY KEY (user_id, version_id)
);
CREATE INDEX legal_acceptances_version ON legal_acceptances (version_id);

-- A new version is announced by email to every confirmed address through the newsletters'
-- queue: such an email is informational (no unsubscribe link, sent to those who refused
-- advertising too) and its button leads to the new version.
ALTER TABLE newsletters ADD COLUMN kind TEXT NOT NULL DEFAULT 'advertising' CHECK (kind IN ('advertising', 'legal'));
ALTER TABLE newsletters ADD COLUMN link TEXT;
