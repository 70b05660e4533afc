-- How a person wants to hear of notifications by email: at once, in a daily digest, or not at
-- all (they always see them in the app); and when their last digest covered up to.

ALTER TABLE users ADD COLUMN email_notifications TEXT NOT NULL DEFAULT 'instant'
    CHECK (email_notifications IN ('instant', 'daily', 'off'));
ALTER TABLE users ADD COLUMN digest_sent_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX notifications_created ON notifications (user_id, created_at);
