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
