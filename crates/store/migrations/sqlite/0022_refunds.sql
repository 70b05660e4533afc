-- What administrators have given back of a payment (minor units). A payment given back in
-- whole is 'refunded'; in part, it stays 'succeeded' with this above zero.
ALTER TABLE payments ADD COLUMN refunded BIGINT NOT NULL DEFAULT 0;
-- A payment that went to the workspace's balance (a second first payment while a term was
-- paid): refunding it takes the money back off the balance.
ALTER TABLE payments ADD COLUMN credited INTEGER NOT NULL DEFAULT 0;

-- The sandbox provider's refunds by idempotency key, as a real provider keeps them: a refund
-- asked again with its key is the same refund, not a second one.
CREATE TABLE sandbox_refunds (
    idempotency_key TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL,
    amount BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
