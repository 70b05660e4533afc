-- Messages a person refuses (User Agreement 1.6, Cookie Policy 4): advertising emails (news,
-- offers), and advertising personalised for them. Informational emails (sign-in, billing,
-- shares, mentions) are not refusable here; notifications have their own setting.
ALTER TABLE users ADD COLUMN refuses_advertising INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN refuses_personalised INTEGER NOT NULL DEFAULT 0;

-- An advertising email's one-click unsubscribe address (RFC 8058), sent in its
-- List-Unsubscribe header; informational emails have none.
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT;

-- Advertising emails administrators send, in both languages. A job queues one email per
-- person who has not refused, a batch at a time; `last_user_id` is the last person queued, so a
-- job that stops half-way goes on where it stopped.
CREATE TABLE newsletters (
    id BLOB PRIMARY KEY,
    subject_en TEXT NOT NULL,
    body_en TEXT NOT NULL,
    subject_ru TEXT NOT NULL,
    body_ru TEXT NOT NULL,
    sent_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    queued BIGINT NOT NULL DEFAULT 0,
    last_user_id BLOB,
    finished_at BIGINT,
    created_at BIGINT NOT NULL,
    -- The sending form's one-time key: a second press of Send sends nothing twice.
    request_key TEXT NOT NULL UNIQUE
);
