-- Organisations that pay by bank transfer: a team workspace's legal and bank details, kept
-- for its next invoice.
CREATE TABLE organisations (
    workspace_id BLOB PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    -- The details as JSON (name, legal form, INN, KPP, OGRN, bank, BIK, accounts, head,
    -- authority), checked before they are stored.
    details TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Invoice numbers run without gaps across the installation: the next is taken in the
-- transaction that issues an invoice, so one rolled back gives its number back.
CREATE TABLE invoice_numbers (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last BIGINT NOT NULL
);
INSERT INTO invoice_numbers (id, last) VALUES (1, 0);

-- An invoice for a plan paid by bank transfer. Kept when its workspace goes (an accounting
-- record): the buyer's details are copied in as they were when it was issued.
CREATE TABLE invoices (
    id BLOB PRIMARY KEY,
    number BIGINT NOT NULL UNIQUE,
    workspace_id BLOB REFERENCES workspaces (id) ON DELETE SET NULL,
    plan_id TEXT NOT NULL,
    period TEXT NOT NULL CHECK (period IN ('month', 'year')),
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    buyer TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('issued', 'paid', 'canceled')),
    issued_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    issued_at BIGINT NOT NULL,
    -- Once an administrator has seen the transfer arrive: the payment that started the term,
    -- the term (its first day and the day after it), who marked it and their note.
    payment_id BLOB REFERENCES payments (id) ON DELETE SET NULL,
    term_start TEXT,
    term_end TEXT,
    paid_at BIGINT,
    paid_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    paid_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX invoices_workspace ON invoices (workspace_id, issued_at);
CREATE INDEX invoices_status ON invoices (status, issued_at);
