-- Cookie choices of signed-in people (the Cookie Policy, section 4): each choice is a row,
-- never rewritten, so the log shows what was allowed when, under which revision of the
-- policy and with which words. The address is kept only as a keyed hash. A person's rows go
-- with their account.
CREATE TABLE consents (
    id UUID PRIMARY KEY,
    consent_id UUID NOT NULL,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    revision BIGINT NOT NULL,
    functional BOOLEAN NOT NULL,
    analytics BOOLEAN NOT NULL,
    advertising BOOLEAN NOT NULL,
    gpc BOOLEAN NOT NULL DEFAULT FALSE,
    ip_hash TEXT NOT NULL,
    text_shown TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX consents_user ON consents (user_id, created_at);

-- Secrets the installation makes for itself on first use and every instance shares (the key
-- that hashes addresses in the consent log).
CREATE TABLE installation_secrets (
    name TEXT PRIMARY KEY,
    secret BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);

-- First-party analytics, counted only for visitors who allowed analytics: page views and
-- features used per day (days since the epoch, UTC), by route pattern. Nothing here names or
-- tells apart a person: no id, no address, no path with values in it.
CREATE TABLE usage_counts (
    day BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('page', 'feature')),
    name TEXT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (day, kind, name)
);
