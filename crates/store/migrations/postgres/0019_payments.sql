-- Payments for plans. Plenary owns the subscription (plans, terms, renewals, retries); a
-- payment provider only saves a card and charges it. No card number is ever stored here.

-- When the current term ends (ms): a renewal falls due then. Kept beside the day
-- (paid_until) so the renewal job finds due subscriptions by an index.
ALTER TABLE subscriptions ADD COLUMN due_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX subscriptions_due ON subscriptions (due_at);

-- The card a workspace's renewals are charged to: the provider's token for it, and its brand
-- and last four digits to show.
CREATE TABLE payment_methods (
    workspace_id UUID PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    token TEXT NOT NULL,
    brand TEXT NOT NULL,
    last4 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE payments (
    id UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    -- The provider's id for it, once the provider has one.
    provider_payment_id TEXT,
    -- first: the payment that starts a subscription and saves the card; renewal: a term
    -- charged to the saved card; switch: a new plan or period, less the unused part.
    kind TEXT NOT NULL CHECK (kind IN ('first', 'renewal', 'switch')),
    -- One payment per term of a subscription: a second renewal of the same term cannot be
    -- made, whoever tries (the key the provider sees is this plus the attempt).
    idempotency_key TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL,
    period TEXT NOT NULL CHECK (period IN ('month', 'year')),
    -- For a renewal, the term it pays for.
    term BIGINT NOT NULL,
    -- What the card is charged, in minor units, and what the workspace's balance is once
    -- it is paid (a switch's credit beyond the charge stays there).
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    balance_after BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
    -- Why the last attempt failed, in the provider's words.
    failure TEXT,
    -- Renewals: attempts made, when the next one is due, and until when a worker holds it.
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    lease_until BIGINT,
    by_user UUID REFERENCES users (id) ON DELETE SET NULL,
    -- The consent to renewals from the saved card given with a first payment: the text
    -- shown, in the language shown, and when it was given.
    consent TEXT,
    consent_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX payments_provider_id ON payments (provider, provider_payment_id);
CREATE INDEX payments_workspace ON payments (workspace_id, created_at);
CREATE INDEX payments_due ON payments (status, next_attempt_at);

-- Providers' notifications already taken, so a duplicate is answered and ignored.
CREATE TABLE payment_webhooks (
    provider TEXT NOT NULL,
    event_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (provider, event_id)
);

-- The sandbox provider's own records (a real provider keeps these at its end): payments made
-- on its test page, and the test cards it saved.
CREATE TABLE sandbox_payments (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    description TEXT NOT NULL,
    return_url TEXT NOT NULL,
    save_card BOOLEAN NOT NULL,
    -- pending, waiting (for the 3-D Secure step), succeeded, canceled; refunded in part or whole.
    status TEXT NOT NULL,
    failure TEXT,
    card_token TEXT,
    refunded BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE TABLE sandbox_cards (
    token TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    last4 TEXT NOT NULL,
    -- What charges to it do: succeed, or be declined (a card that saves but later fails).
    declines BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);
