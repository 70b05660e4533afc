-- Copyright notices and counter-notices (User Agreement 4.10).
--
-- A notice is a report of category 'copyright' (the queue, the removal and the emails are the
-- reports'), with what the agreement asks of its sender: the work and its copyright details,
-- the material on Plenary by its URL, their name, email and phone, and when they made the
-- good-faith and accuracy statements. When the material is removed, its owner may answer with
-- one counter-notice, which an administrator decides: the material restored, or kept removed.
-- Both are kept as records of the steps taken; the audit log has each decision.
CREATE TABLE copyright_notices (
    report_id UUID PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    work TEXT NOT NULL,
    material_url TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    stated_at BIGINT NOT NULL
);

CREATE TABLE counter_notices (
    report_id UUID PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    user_id UUID REFERENCES users (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    statement TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'restored', 'upheld')),
    decided_at BIGINT,
    decided_by UUID REFERENCES users (id) ON DELETE SET NULL,
    decision TEXT NOT NULL DEFAULT ''
);
CREATE INDEX counter_notices_status ON counter_notices (status, created_at);
