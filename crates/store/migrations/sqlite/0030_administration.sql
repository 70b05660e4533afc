-- Administration: blocking and restricting accounts, content held back from the public
-- library, and the audit log of every administrator's action.
--
-- A blocked account (`blocked_at`) cannot sign in, its logins and tokens end, the public links
-- of the sessions it owns answer "not found" and, when the administrator chose so, its public
-- methods and designs are withheld until it is unblocked.
ALTER TABLE users ADD COLUMN blocked_at BIGINT;

-- What an administrator took from a person for a while (`until`) or until lifted: `publish`
-- (asking for the public library), `public_links` (public links to sessions) and `invite`
-- (inviting people to sessions and teams). Lifting deletes the row; the audit log keeps it.
CREATE TABLE user_restrictions (
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('publish', 'public_links', 'invite')),
    reason TEXT NOT NULL,
    until BIGINT,
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- A public method or design held back by an administrator: `block` while its author is
-- blocked, `removed` when it was removed. It stays published but not public.
ALTER TABLE methods ADD COLUMN withheld TEXT CHECK (withheld IN ('block', 'removed'));
ALTER TABLE methods ADD COLUMN withheld_at BIGINT;
ALTER TABLE templates ADD COLUMN withheld TEXT CHECK (withheld IN ('block', 'removed'));
ALTER TABLE templates ADD COLUMN withheld_at BIGINT;

-- A public link an administrator disabled: it answers "not found" until restored (at most
-- 30 days on) and cannot be restored by its owner.
ALTER TABLE session_links ADD COLUMN removed_at BIGINT;
-- A session whose public links an administrator disabled: no new link can be made for it
-- until they are restored.
ALTER TABLE sessions ADD COLUMN links_removed_at BIGINT;

-- Reports of public content (a method, a design, or a session's public link) by anyone,
-- signed in or not, with a category and a text. A signed-in reporter is told by their
-- account (`reporter_id`; the address is not copied, so it goes with the account); a
-- signed-out one gave `reporter_email`. An administrator resolves a report by acting
-- (`actioned`) or dismissing it, with a note kept in `resolution`.
CREATE TABLE reports (
    id BLOB PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('method', 'template', 'link')),
    target_id BLOB NOT NULL,
    category TEXT NOT NULL
        CHECK (category IN ('illegal', 'harmful', 'harassment', 'spam', 'malware', 'copyright', 'other')),
    body TEXT NOT NULL,
    reporter_id BLOB REFERENCES users (id) ON DELETE SET NULL,
    reporter_email TEXT NOT NULL DEFAULT '',
    reporter_locale TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'actioned', 'dismissed')),
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    resolution TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reports_status ON reports (status, created_at);
CREATE INDEX reports_target ON reports (target_id);
CREATE INDEX reports_reporter ON reports (reporter_id);

-- Every administrator's action: who (`actor_id`; none from the command line), what, to whom
-- (`subject_kind` and `subject_id`), why and when. Ids only, and no references: an entry
-- outlives the people it names. No one changes or deletes an entry.
CREATE TABLE audit_log (
    num INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BLOB,
    action TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id BLOB,
    reason TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_subject ON audit_log (subject_id, num);
CREATE INDEX audit_log_actor ON audit_log (actor_id, num);
CREATE INDEX audit_log_action ON audit_log (action, num);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
