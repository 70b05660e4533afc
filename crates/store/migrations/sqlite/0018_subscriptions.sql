-- A workspace's plan. A workspace without a row here, or whose paid features have ended, is
-- on the free plan (the first one configured). Money is in integer minor units.
CREATE TABLE subscriptions (
    workspace_id BLOB PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    plan_id TEXT NOT NULL,
    period TEXT NOT NULL CHECK (period IN ('month', 'year')),
    currency TEXT NOT NULL,
    -- The first term's first day (YYYY-MM-DD); terms are counted from it.
    anchor TEXT NOT NULL,
    -- The current term's number from the anchor, and the day after it ends.
    term INTEGER NOT NULL,
    paid_until TEXT NOT NULL,
    -- Paid features last until then (ms): the term's end, plus the grace while a failed
    -- renewal is retried.
    features_until BIGINT NOT NULL,
    -- Whether the term renews by itself from the saved card; a cancel clears it.
    renews INTEGER NOT NULL,
    -- paid: by card or transfer; granted: by an administrator, without payment.
    source TEXT NOT NULL CHECK (source IN ('paid', 'granted')),
    -- What the workspace has paid and not used, taken off later charges.
    balance BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX subscriptions_until ON subscriptions (features_until);

-- Everything done to a subscription, with who did it and why (an administrator's grant, a
-- payment, a cancel), kept for the workspace's history and for audit.
CREATE TABLE subscription_events (
    id BLOB PRIMARY KEY,
    workspace_id BLOB NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    period TEXT NOT NULL,
    features_until BIGINT NOT NULL,
    by_user BLOB REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX subscription_events_workspace ON subscription_events (workspace_id, created_at);
