//! Payment providers. Plenary owns the subscription (plans, terms, renewals, retries,
//! proration); a provider only takes a first payment on its own page, saving the card, charges
//! the saved card later without the customer, refunds, tells a payment's state, and turns its
//! notifications into events we can trust. No card number ever reaches Plenary: the payer
//! types it on the provider's page (the sandbox's page is ours, and takes only test cards).
//!
//! Every request carries an idempotency key, so a repeat reaches the same payment.

pub mod sandbox;
pub mod stripe;
pub mod yookassa;

use axum::http::HeaderMap;
use futures_util::future::BoxFuture;
use std::net::IpAddr;
use store::SavedCard;

/// What went wrong with a provider.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The provider could not be reached, or failed: try again later.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    /// The provider refused the request as made.
    #[error("the payment provider refused the request: {0}")]
    Refused(String),
    /// A notification that is not the provider's, or not readable.
    #[error("not a notification from the payment provider: {0}")]
    Untrusted(String),
    #[error("the payment provider has no such payment")]
    NotFound,
}

/// Where a payment stands at the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Waiting for the payer (their page, a confirmation step) or the bank.
    Pending,
    Succeeded,
    /// Declined or abandoned, with the provider's reason.
    Failed(String),
}

/// A payment as the provider reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderPayment {
    pub id: String,
    pub status: Status,
    pub amount: i64,
    pub currency: String,
    /// Where the payer goes to pay or confirm, while they must.
    pub confirm_url: Option<String>,
    /// The card saved for later charges, once the payment succeeded with saving asked.
    pub card: Option<SavedCard>,
}

/// A first payment, made on the provider's page.
#[derive(Debug, Clone, Copy)]
pub struct Start<'a> {
    pub key: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub description: &'a str,
    /// For the receipt the provider sends to the tax service, where it does.
    pub email: &'a str,
    /// Where the provider sends the payer back.
    pub return_url: &'a str,
    /// Save the card for renewals (the payer agreed to them).
    pub save_card: bool,
}

/// A charge to a saved card, without the customer.
#[derive(Debug, Clone, Copy)]
pub struct Charge<'a> {
    pub key: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub description: &'a str,
    pub email: &'a str,
    pub card_token: &'a str,
}

/// Money given back of a payment, by an administrator's decision.
#[derive(Debug, Clone, Copy)]
pub struct Refund<'a> {
    /// The provider's id of the payment.
    pub payment_id: &'a str,
    pub key: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    /// What was paid for, and who paid, for the refund's fiscal receipt where the provider
    /// sends one.
    pub description: &'a str,
    pub email: &'a str,
}

/// A notification as it arrived.
#[derive(Debug, Clone, Copy)]
pub struct Notification<'a> {
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
    /// The address it came from, where the provider is known by its networks.
    pub peer: Option<IpAddr>,
}

/// A notification the provider is known to have sent: its id (for de-duplication) and the
/// payment it is about, which is read back from the provider before anything is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub payment_id: String,
}

pub type Answer<'a, T> = BoxFuture<'a, Result<T, ProviderError>>;

/// A payment provider. See the module's documentation.
pub trait PaymentProvider: Send + Sync {
    /// Its name in the `payments` table and the webhook's path.
    fn name(&self) -> &'static str;
    /// No money moves: every page says "test mode".
    fn test_mode(&self) -> bool;
    fn start<'a>(&'a self, p: Start<'a>) -> Answer<'a, ProviderPayment>;
    fn charge<'a>(&'a self, c: Charge<'a>) -> Answer<'a, ProviderPayment>;
    fn refund<'a>(&'a self, r: Refund<'a>) -> Answer<'a, ()>;
    fn payment<'a>(&'a self, id: &'a str) -> Answer<'a, ProviderPayment>;
    fn notification<'a>(&'a self, n: Notification<'a>) -> Answer<'a, Event>;
}

/// The HTTP client a provider's adapter talks through: TLS by rustls on ring (installed once
/// per process, as everywhere else), and no request waits longer than 30 seconds.
fn http_client() -> Result<reqwest::Client, ProviderError> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .map_err(|e| ProviderError::Unavailable(e.to_string()))
}

/// Sends `req` and reads its JSON answer with its status. A provider that cannot be reached,
/// or answers 429 or 5xx, is unavailable (try again with the same key); 404 is no such
/// payment; any other status is left to the adapter, which knows its provider's errors.
async fn exchange(
    req: reqwest::RequestBuilder,
) -> Result<(reqwest::StatusCode, serde_json::Value), ProviderError> {
    let unavailable = |e: reqwest::Error| ProviderError::Unavailable(e.to_string());
    let res = req.send().await.map_err(unavailable)?;
    let status = res.status();
    let bytes = res.bytes().await.map_err(unavailable)?;
    if status == reqwest::StatusCode::NOT_FOUND {
        return Err(ProviderError::NotFound);
    }
    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        return Err(ProviderError::Unavailable(status.to_string()));
    }
    Ok((
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    ))
}
