//! Stripe. A first payment goes through a Checkout Session that creates a Customer and saves
//! the card for later (`setup_future_usage=off_session`); renewals are off-session
//! PaymentIntents on that Customer's card. Every request that changes something carries an
//! `Idempotency-Key`. Notifications are signed: `Stripe-Signature` is checked in constant
//! time against the endpoint's secret, within 300 seconds, and the payment they name is read
//! back before anything is done, so their order does not matter.

use super::{
    Answer, Charge, Event, Notification, PaymentProvider, ProviderError, ProviderPayment, Refund,
    Start, Status,
};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use store::SavedCard;

/// The API's address, unless configuration says otherwise.
pub const API: &str = "https://api.stripe.com";

/// How long a signed notification stays acceptable, in seconds.
pub const TOLERANCE_SECS: i64 = 300;

/// How to reach the account.
#[derive(Debug, Clone)]
pub struct Config {
    pub secret_key: String,
    /// The webhook endpoint's signing secret (`whsec_…`).
    pub webhook_secret: String,
    pub api: String,
}

/// The Stripe client.
pub struct Stripe {
    config: Config,
    http: reqwest::Client,
}

impl Stripe {
    pub fn new(config: Config) -> Result<Self, ProviderError> {
        Ok(Self {
            config,
            http: super::http_client()?,
        })
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        key: Option<&str>,
        form: &[(&str, String)],
    ) -> Result<Value, ProviderError> {
        let url = format!("{}{path}", self.config.api.trim_end_matches('/'));
        let mut req = self.http.request(method, &url).header(
            reqwest::header::AUTHORIZATION,
            format!("Bearer {}", self.config.secret_key),
        );
        if let Some(key) = key {
            req = req.header("Idempotency-Key", key);
        }
        if !form.is_empty() {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form.iter().map(|(k, v)| (*k, v.as_str())))
                .finish();
            req = req
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body);
        }
        let (status, value) = super::exchange(req).await?;
        match status.as_u16() {
            200..=299 => Ok(value),
            // A declined card: the PaymentIntent it made comes with the error.
            402 if value["error"]["payment_intent"].is_object() => {
                let mut pi = value["error"]["payment_intent"].clone();
                pi["decline"] = value["error"]["decline_code"]
                    .as_str()
                    .or(value["error"]["code"].as_str())
                    .map_or(Value::Null, |s| Value::String(s.to_owned()));
                Ok(pi)
            }
            _ => Err(ProviderError::Refused(format!(
                "{status} {}",
                value["error"]["message"].as_str().unwrap_or("")
            ))),
        }
    }
}

/// Stripe's ids are letters, digits and underscores; anything else is no id of theirs.
fn plain(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A saved card as a token: the Customer and the PaymentMethod, both needed to charge it.
fn card_of(pi: &Value) -> Option<SavedCard> {
    let pm = &pi["payment_method"];
    let customer = pi["customer"].as_str()?;
    Some(SavedCard {
        token: format!("{customer}:{}", pm["id"].as_str()?),
        brand: pm["card"]["brand"].as_str().unwrap_or("card").to_owned(),
        last4: pm["card"]["last4"].as_str()?.to_owned(),
    })
}

/// A PaymentIntent as this client reports it.
fn intent(pi: &Value) -> Result<ProviderPayment, ProviderError> {
    let status = match pi["status"].as_str() {
        Some("succeeded") => Status::Succeeded,
        Some("canceled") => Status::Failed("canceled".into()),
        Some("requires_payment_method")
            if pi["last_payment_error"].is_object() || pi["decline"].is_string() =>
        {
            Status::Failed(
                pi["decline"]
                    .as_str()
                    .or(pi["last_payment_error"]["decline_code"].as_str())
                    .or(pi["last_payment_error"]["code"].as_str())
                    .unwrap_or("card_declined")
                    .to_owned(),
            )
        }
        _ => Status::Pending,
    };
    Ok(ProviderPayment {
        id: pi["id"]
            .as_str()
            .ok_or_else(|| ProviderError::Unavailable("a payment without an id".into()))?
            .to_owned(),
        card: (status == Status::Succeeded).then(|| card_of(pi)).flatten(),
        status,
        amount: pi["amount"].as_i64().unwrap_or(0),
        currency: pi["currency"].as_str().unwrap_or("").to_uppercase(),
        confirm_url: None,
    })
}

/// A Checkout Session (with its PaymentIntent expanded) as this client reports it.
fn session(cs: &Value) -> Result<ProviderPayment, ProviderError> {
    let status = match (cs["status"].as_str(), cs["payment_status"].as_str()) {
        (Some("complete"), Some("paid")) => Status::Succeeded,
        (Some("expired"), _) => Status::Failed("expired".into()),
        _ => Status::Pending,
    };
    let pi = &cs["payment_intent"];
    Ok(ProviderPayment {
        id: cs["id"]
            .as_str()
            .ok_or_else(|| ProviderError::Unavailable("a session without an id".into()))?
            .to_owned(),
        card: (status == Status::Succeeded).then(|| card_of(pi)).flatten(),
        confirm_url: (status == Status::Pending)
            .then(|| cs["url"].as_str().map(str::to_owned))
            .flatten(),
        status,
        amount: cs["amount_total"].as_i64().unwrap_or(0),
        currency: cs["currency"].as_str().unwrap_or("").to_uppercase(),
    })
}

/// Checks a `Stripe-Signature` header over `body` with `secret` at `now` (Unix seconds):
/// one of its `v1` signatures must be the HMAC-SHA256 of `t.body`, compared in constant
/// time, and `t` within [`TOLERANCE_SECS`] of now.
pub fn verify(header: &str, body: &[u8], secret: &str, now: i64) -> Result<(), ProviderError> {
    let untrusted = |why: &str| ProviderError::Untrusted(why.to_owned());
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", s)) => signatures.extend(hex::decode(s).ok()),
            _ => {}
        }
    }
    let t = timestamp.ok_or_else(|| untrusted("no timestamp in Stripe-Signature"))?;
    if (now - t).abs() > TOLERANCE_SECS {
        return Err(untrusted("the signature is too old"));
    }
    for signature in &signatures {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
            .map_err(|_| untrusted("no signing secret"))?;
        mac.update(t.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        if mac.verify_slice(signature).is_ok() {
            return Ok(());
        }
    }
    Err(untrusted("no signature matches"))
}

impl PaymentProvider for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    fn test_mode(&self) -> bool {
        self.config.secret_key.starts_with("sk_test_")
    }

    fn start<'a>(&'a self, p: Start<'a>) -> Answer<'a, ProviderPayment> {
        Box::pin(async move {
            let mut form = vec![
                ("mode", "payment".to_owned()),
                ("success_url", p.return_url.to_owned()),
                ("cancel_url", p.return_url.to_owned()),
                ("customer_creation", "always".to_owned()),
                ("customer_email", p.email.to_owned()),
                ("line_items[0][quantity]", "1".to_owned()),
                (
                    "line_items[0][price_data][currency]",
                    p.currency.to_lowercase(),
                ),
                (
                    "line_items[0][price_data][unit_amount]",
                    p.amount.to_string(),
                ),
                (
                    "line_items[0][price_data][product_data][name]",
                    p.description.to_owned(),
                ),
                ("payment_intent_data[description]", p.description.to_owned()),
                ("payment_intent_data[receipt_email]", p.email.to_owned()),
            ];
            if p.save_card {
                form.push((
                    "payment_intent_data[setup_future_usage]",
                    "off_session".to_owned(),
                ));
            }
            let cs = self
                .send(
                    reqwest::Method::POST,
                    "/v1/checkout/sessions",
                    Some(p.key),
                    &form,
                )
                .await?;
            session(&cs)
        })
    }

    fn charge<'a>(&'a self, c: Charge<'a>) -> Answer<'a, ProviderPayment> {
        Box::pin(async move {
            let (customer, method) = c
                .card_token
                .split_once(':')
                .ok_or_else(|| ProviderError::Refused("not a saved Stripe card".into()))?;
            let form = [
                ("amount", c.amount.to_string()),
                ("currency", c.currency.to_lowercase()),
                ("customer", customer.to_owned()),
                ("payment_method", method.to_owned()),
                ("off_session", "true".to_owned()),
                ("confirm", "true".to_owned()),
                ("description", c.description.to_owned()),
                ("receipt_email", c.email.to_owned()),
                ("expand[]", "payment_method".to_owned()),
            ];
            let pi = self
                .send(
                    reqwest::Method::POST,
                    "/v1/payment_intents",
                    Some(c.key),
                    &form,
                )
                .await?;
            intent(&pi)
        })
    }

    fn refund<'a>(&'a self, r: Refund<'a>) -> Answer<'a, ()> {
        Box::pin(async move {
            let intent_id = if r.payment_id.starts_with("cs_") {
                let cs = self.session_of(r.payment_id).await?;
                cs["payment_intent"]["id"]
                    .as_str()
                    .ok_or(ProviderError::NotFound)?
                    .to_owned()
            } else {
                r.payment_id.to_owned()
            };
            let form = [
                ("payment_intent", intent_id),
                ("amount", r.amount.to_string()),
            ];
            self.send(reqwest::Method::POST, "/v1/refunds", Some(r.key), &form)
                .await?;
            Ok(())
        })
    }

    fn payment<'a>(&'a self, id: &'a str) -> Answer<'a, ProviderPayment> {
        Box::pin(async move {
            if id.starts_with("cs_") {
                session(&self.session_of(id).await?)
            } else if id.starts_with("pi_") && plain(id) {
                let pi = self
                    .send(
                        reqwest::Method::GET,
                        &format!("/v1/payment_intents/{id}?expand[]=payment_method"),
                        None,
                        &[],
                    )
                    .await?;
                intent(&pi)
            } else {
                Err(ProviderError::NotFound)
            }
        })
    }

    fn notification<'a>(&'a self, n: Notification<'a>) -> Answer<'a, Event> {
        Box::pin(async move {
            let header = n
                .headers
                .get("stripe-signature")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| ProviderError::Untrusted("no Stripe-Signature".into()))?;
            let now = jiff::Timestamp::now().as_second();
            verify(header, n.body, &self.config.webhook_secret, now)?;
            let v: Value = serde_json::from_slice(n.body)
                .map_err(|e| ProviderError::Untrusted(e.to_string()))?;
            let id = v["id"].as_str().unwrap_or("");
            let object = &v["data"]["object"];
            // A charge or refund names its PaymentIntent; a session or an intent is itself.
            let payment = object["payment_intent"]
                .as_str()
                .filter(|_| object["object"] != "checkout.session")
                .or(object["id"].as_str())
                .unwrap_or("");
            if id.is_empty() || payment.is_empty() {
                return Err(ProviderError::Untrusted("not an event".into()));
            }
            Ok(Event {
                id: id.to_owned(),
                payment_id: payment.to_owned(),
            })
        })
    }
}

impl Stripe {
    async fn session_of(&self, id: &str) -> Result<Value, ProviderError> {
        if !plain(id) {
            return Err(ProviderError::NotFound);
        }
        self.send(
            reqwest::Method::GET,
            &format!("/v1/checkout/sessions/{id}?expand[]=payment_intent.payment_method"),
            None,
            &[],
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(secret: &str, t: i64, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("key");
        mac.update(format!("{t}.").as_bytes());
        mac.update(body);
        hex::encode(mac.finalize().into_bytes())
    }

    #[test]
    fn a_stripe_signature_holds_only_for_its_body_its_secret_and_five_minutes() {
        let body = br#"{"id":"evt_1"}"#;
        let t = 1_800_000_000;
        let good = sign("whsec_a", t, body);
        let header = format!("t={t},v1={good}");
        assert!(verify(&header, body, "whsec_a", t + 10).is_ok());
        // Among several signatures (a secret being rolled), one that holds is enough.
        let two = format!("t={t},v1={},v1={good}", sign("whsec_old", t, body));
        assert!(verify(&two, body, "whsec_a", t).is_ok());
        assert!(verify(&header, br#"{"id":"evt_2"}"#, "whsec_a", t).is_err());
        assert!(verify(&header, body, "whsec_b", t).is_err());
        assert!(verify(&header, body, "whsec_a", t + TOLERANCE_SECS + 1).is_err());
        assert!(verify(&format!("v1={good}"), body, "whsec_a", t).is_err());
        assert!(verify(&format!("t={t},v1=zz"), body, "whsec_a", t).is_err());
    }
}
