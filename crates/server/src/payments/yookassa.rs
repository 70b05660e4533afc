//! YooKassa (API v3), the seeds' market. Basic auth with the shop's id and secret key; an
//! `Idempotence-Key` on every request that changes something; a first payment saves the card
//! (`save_payment_method`), a renewal charges it by `payment_method_id`; every payment carries
//! a 54-FZ receipt (the customer's email and one item with its VAT code, payment mode and
//! subject). Notifications carry no signature: they are taken only from YooKassa's networks,
//! and the payment they name is always read back before anything is done.

use super::{
    Answer, Charge, Event, Notification, PaymentProvider, ProviderError, ProviderPayment, Refund,
    Start, Status,
};
use base64::Engine;
use ipnet::IpNet;
use serde_json::{Value, json};
use store::SavedCard;

/// The networks YooKassa sends notifications from, as it publishes them.
pub const NETWORKS: [&str; 7] = [
    "185.71.76.0/27",
    "185.71.77.0/27",
    "77.75.153.0/25",
    "77.75.156.11/32",
    "77.75.156.35/32",
    "77.75.154.128/25",
    "2a02:5180::/32",
];

/// The API's address, unless configuration says otherwise.
pub const API: &str = "https://api.yookassa.ru/v3";

/// How to reach the shop's account.
#[derive(Debug, Clone)]
pub struct Config {
    pub shop_id: String,
    pub secret_key: String,
    pub api: String,
    /// The VAT code of the receipt's item (1: no VAT).
    pub vat_code: u8,
    /// Where notifications may come from.
    pub networks: Vec<IpNet>,
}

/// The YooKassa client.
pub struct YooKassa {
    config: Config,
    http: reqwest::Client,
}

impl YooKassa {
    pub fn new(config: Config) -> Result<Self, ProviderError> {
        Ok(Self {
            config,
            http: super::http_client()?,
        })
    }

    fn auth(&self) -> String {
        let pair = format!("{}:{}", self.config.shop_id, self.config.secret_key);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        )
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        key: Option<&str>,
        body: Option<&Value>,
    ) -> Result<Value, ProviderError> {
        let url = format!("{}{path}", self.config.api.trim_end_matches('/'));
        let mut req = self
            .http
            .request(method, &url)
            .header(reqwest::header::AUTHORIZATION, self.auth());
        if let Some(key) = key {
            req = req.header("Idempotence-Key", key);
        }
        if let Some(body) = body {
            req = req
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        let (status, value) = super::exchange(req).await?;
        if status.is_success() {
            Ok(value)
        } else {
            let why = value["description"].as_str().unwrap_or("");
            Err(ProviderError::Refused(format!("{status} {why}")))
        }
    }

    /// The receipt 54-FZ asks for with every payment: one service, paid in full in advance.
    fn receipt(&self, email: &str, description: &str, amount: &Value) -> Value {
        json!({
            "customer": { "email": email },
            "items": [{
                "description": description.chars().take(128).collect::<String>(),
                "quantity": "1.00",
                "amount": amount,
                "vat_code": self.config.vat_code,
                "payment_mode": "full_prepayment",
                "payment_subject": "service",
            }],
        })
    }
}

/// An amount as YooKassa writes it: `{"value": "990.00", "currency": "RUB"}`.
pub fn amount(minor: i64, currency: &str) -> Value {
    let exp = domain::plan::Currency::try_from(currency.to_owned())
        .map(|c| c.exponent())
        .unwrap_or(2);
    let unit = 10_i64.pow(exp);
    let value = if exp == 0 {
        minor.to_string()
    } else {
        format!(
            "{}.{:0width$}",
            minor / unit,
            (minor % unit).abs(),
            width = exp as usize
        )
    };
    json!({ "value": value, "currency": currency })
}

/// An amount read back in minor units.
fn minor_of(v: &Value) -> Option<(i64, String)> {
    let currency = v["currency"].as_str()?.to_owned();
    let (whole, fraction) = match v["value"].as_str()?.split_once('.') {
        Some((w, f)) => (w, f),
        None => (v["value"].as_str()?, ""),
    };
    let exp = domain::plan::Currency::try_from(currency.clone())
        .map(|c| c.exponent())
        .unwrap_or(2) as usize;
    if fraction.len() > exp {
        return None;
    }
    let minor = format!("{whole}{fraction:0<exp$}").parse().ok()?;
    Some((minor, currency))
}

/// A payment object as this client reports it.
fn report(v: &Value) -> Result<ProviderPayment, ProviderError> {
    let id = v["id"]
        .as_str()
        .ok_or_else(|| ProviderError::Unavailable("a payment without an id".into()))?
        .to_owned();
    let (amount, currency) = minor_of(&v["amount"])
        .ok_or_else(|| ProviderError::Unavailable("a payment without a readable amount".into()))?;
    let status = match v["status"].as_str() {
        Some("succeeded") => Status::Succeeded,
        Some("canceled") => Status::Failed(
            v["cancellation_details"]["reason"]
                .as_str()
                .unwrap_or("canceled")
                .to_owned(),
        ),
        _ => Status::Pending,
    };
    let method = &v["payment_method"];
    let card = (status == Status::Succeeded && method["saved"].as_bool() == Some(true))
        .then(|| {
            Some(SavedCard {
                token: method["id"].as_str()?.to_owned(),
                brand: method["card"]["card_type"]
                    .as_str()
                    .unwrap_or("Card")
                    .to_owned(),
                last4: method["card"]["last4"].as_str()?.to_owned(),
            })
        })
        .flatten();
    Ok(ProviderPayment {
        id,
        confirm_url: (status == Status::Pending)
            .then(|| {
                v["confirmation"]["confirmation_url"]
                    .as_str()
                    .map(str::to_owned)
            })
            .flatten(),
        status,
        amount,
        currency,
        card,
    })
}

impl PaymentProvider for YooKassa {
    fn name(&self) -> &'static str {
        "yookassa"
    }

    fn test_mode(&self) -> bool {
        false
    }

    fn start<'a>(&'a self, p: Start<'a>) -> Answer<'a, ProviderPayment> {
        Box::pin(async move {
            let amount = amount(p.amount, p.currency);
            let body = json!({
                "amount": amount,
                "capture": true,
                "confirmation": { "type": "redirect", "return_url": p.return_url },
                "save_payment_method": p.save_card,
                "description": p.description.chars().take(128).collect::<String>(),
                "receipt": self.receipt(p.email, p.description, &amount),
            });
            let v = self
                .send(reqwest::Method::POST, "/payments", Some(p.key), Some(&body))
                .await?;
            report(&v)
        })
    }

    fn charge<'a>(&'a self, c: Charge<'a>) -> Answer<'a, ProviderPayment> {
        Box::pin(async move {
            let amount = amount(c.amount, c.currency);
            let body = json!({
                "amount": amount,
                "capture": true,
                "payment_method_id": c.card_token,
                "description": c.description.chars().take(128).collect::<String>(),
                "receipt": self.receipt(c.email, c.description, &amount),
            });
            let v = self
                .send(reqwest::Method::POST, "/payments", Some(c.key), Some(&body))
                .await?;
            report(&v)
        })
    }

    /// A refund carries its own 54-FZ receipt, as the payment did.
    fn refund<'a>(&'a self, r: Refund<'a>) -> Answer<'a, ()> {
        Box::pin(async move {
            let sum = amount(r.amount, r.currency);
            let body = json!({
                "payment_id": r.payment_id,
                "amount": sum,
                "description": r.description.chars().take(250).collect::<String>(),
                "receipt": self.receipt(r.email, r.description, &sum),
            });
            self.send(reqwest::Method::POST, "/refunds", Some(r.key), Some(&body))
                .await?;
            Ok(())
        })
    }

    fn payment<'a>(&'a self, id: &'a str) -> Answer<'a, ProviderPayment> {
        Box::pin(async move {
            // An id goes into the path: only what YooKassa's ids are made of.
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(ProviderError::NotFound);
            }
            let v = self
                .send(reqwest::Method::GET, &format!("/payments/{id}"), None, None)
                .await?;
            report(&v)
        })
    }

    /// Taken only from YooKassa's networks; the event's id is its kind and the payment's id,
    /// as YooKassa gives notifications no id of their own.
    fn notification<'a>(&'a self, n: Notification<'a>) -> Answer<'a, Event> {
        Box::pin(async move {
            let from_yookassa = n
                .peer
                .is_some_and(|ip| self.config.networks.iter().any(|net| net.contains(&ip)));
            if !from_yookassa {
                return Err(ProviderError::Untrusted(format!(
                    "from {:?}, not a YooKassa network",
                    n.peer
                )));
            }
            let v: Value = serde_json::from_slice(n.body)
                .map_err(|e| ProviderError::Untrusted(e.to_string()))?;
            let event = v["event"].as_str().unwrap_or("");
            let id = v["object"]["id"].as_str().unwrap_or("");
            // A refund's notification names its payment beside its own id.
            let payment = if event.starts_with("refund.") {
                v["object"]["payment_id"].as_str().unwrap_or("")
            } else {
                id
            };
            if v["type"] != "notification"
                || event.is_empty()
                || id.is_empty()
                || payment.is_empty()
            {
                return Err(ProviderError::Untrusted("not a notification".into()));
            }
            Ok(Event {
                id: format!("{event}:{id}"),
                payment_id: payment.to_owned(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_with_the_currencys_decimals_and_read_back_exactly() {
        assert_eq!(amount(99_050, "RUB")["value"], "990.50");
        assert_eq!(amount(5, "RUB")["value"], "0.05");
        assert_eq!(amount(990, "JPY")["value"], "990");
        for (minor, currency) in [
            (99_050, "RUB"),
            (5, "EUR"),
            (990, "JPY"),
            (100_000_000, "RUB"),
        ] {
            assert_eq!(
                minor_of(&amount(minor, currency)),
                Some((minor, currency.to_owned()))
            );
        }
        assert_eq!(
            minor_of(&json!({ "value": "1.5", "currency": "RUB" })),
            Some((150, "RUB".into()))
        );
        assert_eq!(
            minor_of(&json!({ "value": "1.505", "currency": "RUB" })),
            None
        );
    }
}
