//! The sandbox provider, the default: Plenary's own payment page, which takes only the
//! documented test cards, so the whole flow (a first payment that saves the card, a
//! confirmation step, declines, renewals that fail) can be tried without money moving. It
//! keeps its records in its own tables, as a real provider keeps them at its end, and saves
//! only a test card's brand and last four digits.

use super::{
    Answer, Charge, Event, Notification, PaymentProvider, ProviderError, ProviderPayment, Refund,
    Start, Status,
};
use serde::Deserialize;
use store::{NewSandboxPayment, SandboxPayment, SavedCard, Store};

/// What a test card does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Pays, and later charges to it succeed.
    Succeeds,
    /// Asks the payer to confirm first (as 3-D Secure does), then pays.
    Confirms,
    /// Declined by the bank.
    Declined,
    /// Declined: not enough money.
    InsufficientFunds,
    /// Pays and is saved, but every later charge to it is declined (a renewal that fails).
    DeclinesLater,
}

/// A documented test card.
#[derive(Debug, Clone, Copy)]
pub struct TestCard {
    pub number: &'static str,
    pub brand: &'static str,
    pub outcome: Outcome,
}

/// The cards the sandbox takes; any other number is refused.
pub const TEST_CARDS: [TestCard; 7] = [
    TestCard {
        number: "4242424242424242",
        brand: "Visa",
        outcome: Outcome::Succeeds,
    },
    TestCard {
        number: "5555555555554444",
        brand: "Mastercard",
        outcome: Outcome::Succeeds,
    },
    TestCard {
        number: "2200000000000004",
        brand: "Mir",
        outcome: Outcome::Succeeds,
    },
    TestCard {
        number: "4000000000003220",
        brand: "Visa",
        outcome: Outcome::Confirms,
    },
    TestCard {
        number: "4000000000000002",
        brand: "Visa",
        outcome: Outcome::Declined,
    },
    TestCard {
        number: "4000000000009995",
        brand: "Visa",
        outcome: Outcome::InsufficientFunds,
    },
    TestCard {
        number: "4000000000000341",
        brand: "Visa",
        outcome: Outcome::DeclinesLater,
    },
];

/// The sandbox provider.
pub struct Sandbox {
    store: Store,
    /// The site's public URL, for the payment page's address.
    base: String,
}

impl Sandbox {
    pub fn new(store: Store, base: &str) -> Self {
        Self {
            store,
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    async fn report(&self, p: &SandboxPayment) -> Result<ProviderPayment, ProviderError> {
        let card = match (&p.card_token, p.status.as_str(), p.save_card) {
            (Some(token), "succeeded", true) => self
                .store
                .sandbox_card(token)
                .await
                .map_err(unavailable)?
                .map(|c| SavedCard {
                    token: c.token,
                    brand: c.brand,
                    last4: c.last4,
                }),
            _ => None,
        };
        Ok(ProviderPayment {
            id: p.id.clone(),
            status: match p.status.as_str() {
                "succeeded" => Status::Succeeded,
                "canceled" => {
                    Status::Failed(p.failure.clone().unwrap_or_else(|| "canceled".into()))
                }
                _ => Status::Pending,
            },
            amount: p.amount,
            currency: p.currency.clone(),
            confirm_url: match p.status.as_str() {
                "pending" => Some(format!("{}/sandbox/pay/{}", self.base, p.id)),
                "waiting" => Some(format!("{}/sandbox/pay/{}/confirm", self.base, p.id)),
                _ => None,
            },
            card,
        })
    }
}

fn unavailable(e: store::StoreError) -> ProviderError {
    ProviderError::Unavailable(e.to_string())
}

impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn test_mode(&self) -> bool {
        true
    }

    fn start<'a>(&'a self, p: Start<'a>) -> Answer<'a, ProviderPayment> {
        Box::pin(async move {
            let made = self
                .store
                .sandbox_begin(&NewSandboxPayment {
                    key: p.key,
                    amount: p.amount,
                    currency: p.currency,
                    description: p.description,
                    return_url: p.return_url,
                    save_card: p.save_card,
                })
                .await
                .map_err(unavailable)?;
            self.report(&made).await
        })
    }

    fn charge<'a>(&'a self, c: Charge<'a>) -> Answer<'a, ProviderPayment> {
        Box::pin(async move {
            let card = self
                .store
                .sandbox_card(c.card_token)
                .await
                .map_err(unavailable)?
                .ok_or_else(|| ProviderError::Refused("no such saved card".into()))?;
            let made = self
                .store
                .sandbox_begin(&NewSandboxPayment {
                    key: c.key,
                    amount: c.amount,
                    currency: c.currency,
                    description: c.description,
                    return_url: "",
                    save_card: false,
                })
                .await
                .map_err(unavailable)?;
            // A repeated key finds the charge already made, and changes nothing.
            let (status, failure) = if card.declines {
                ("canceled", Some("card_declined"))
            } else {
                ("succeeded", None)
            };
            self.store
                .sandbox_update(&made.id, status, failure, Some(&card.token))
                .await
                .map_err(unavailable)?;
            let now = self
                .store
                .sandbox_payment(&made.id)
                .await
                .map_err(unavailable)?
                .ok_or(ProviderError::NotFound)?;
            self.report(&now).await
        })
    }

    fn refund<'a>(&'a self, r: Refund<'a>) -> Answer<'a, ()> {
        Box::pin(async move {
            if self
                .store
                .sandbox_refund(r.payment_id, r.amount, r.key)
                .await
                .map_err(unavailable)?
            {
                Ok(())
            } else {
                Err(ProviderError::Refused(
                    "only a succeeded payment, and no more than it paid, can be refunded".into(),
                ))
            }
        })
    }

    fn payment<'a>(&'a self, id: &'a str) -> Answer<'a, ProviderPayment> {
        Box::pin(async move {
            let p = self
                .store
                .sandbox_payment(id)
                .await
                .map_err(unavailable)?
                .ok_or(ProviderError::NotFound)?;
            self.report(&p).await
        })
    }

    /// The sandbox's notifications are `{"id": …, "payment": …}`, unsigned: like
    /// YooKassa's, they are only a reason to read the payment back.
    fn notification<'a>(&'a self, n: Notification<'a>) -> Answer<'a, Event> {
        Box::pin(async move {
            #[derive(Deserialize)]
            struct Body {
                id: String,
                payment: String,
            }
            let b: Body = serde_json::from_slice(n.body)
                .map_err(|e| ProviderError::Untrusted(e.to_string()))?;
            Ok(Event {
                id: b.id,
                payment_id: b.payment,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_test_card_number_passes_the_luhn_check() {
        for card in TEST_CARDS {
            let sum: u32 = card
                .number
                .bytes()
                .rev()
                .enumerate()
                .map(|(i, b)| {
                    let d = u32::from(b - b'0');
                    if i % 2 == 1 {
                        if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
                    } else {
                        d
                    }
                })
                .sum();
            assert_eq!(sum % 10, 0, "{}", card.number);
        }
    }
}
