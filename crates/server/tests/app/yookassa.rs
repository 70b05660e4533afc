//! The YooKassa adapter against a fake of YooKassa's API, run in the test process on
//! 127.0.0.1, which checks what YooKassa checks: Basic auth with the shop's id and key, an
//! `Idempotence-Key` on every change (a repeat answers the first payment, and a repeat with
//! another body is refused), and the 54-FZ receipt in every payment and refund. Then the whole
//! flow through it: checkout, the way back, a renewal by the saved card.

use crate::helpers::{Options, TestApp};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use plenary_server::billing;
use plenary_server::payments::yookassa::{Config, YooKassa};
use plenary_server::payments::{
    Charge, Notification, PaymentProvider, ProviderError, Refund, Start, Status,
};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Books {
    /// Payments by id.
    payments: HashMap<String, Value>,
    /// The body and answer of each idempotence key.
    keys: HashMap<String, (Value, Value)>,
    /// Charges made, saved-card ones included.
    made: usize,
    /// Saved cards that decline.
    declining: Vec<String>,
    /// What was refunded of each payment, in kopecks.
    refunded: HashMap<String, i64>,
}

/// An amount's value in minor units: `"300.00"` is 30000.
fn minor(amount: &Value) -> i64 {
    amount["value"]
        .as_str()
        .and_then(|v| v.replace('.', "").parse().ok())
        .unwrap_or(0)
}

#[derive(Clone, Default)]
struct Fake(Arc<Mutex<Books>>);

const AUTH: &str = "Basic c2hvcC0xOnRlc3Qtc2VjcmV0"; // shop-1:test-secret

fn error(status: StatusCode, description: &str) -> Response {
    (
        status,
        Json(json!({ "type": "error", "description": description })),
    )
        .into_response()
}

/// What YooKassa refuses: a receipt without the customer, or an item without its VAT code,
/// payment mode and subject, or with another amount than the payment's.
fn receipt_problem(body: &Value) -> Option<&'static str> {
    let r = &body["receipt"];
    if r["customer"]["email"].as_str().is_none_or(str::is_empty) {
        return Some("receipt.customer.email is required");
    }
    let item = &r["items"][0];
    if !item["vat_code"].is_u64()
        || item["payment_mode"] != "full_prepayment"
        || item["payment_subject"] != "service"
        || item["quantity"] != "1.00"
        || item["amount"] != body["amount"]
    {
        return Some("receipt.items[0] is not a whole service paid in advance");
    }
    None
}

async fn create(State(fake): State<Fake>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(AUTH) {
        return error(StatusCode::UNAUTHORIZED, "bad shop id or secret key");
    }
    let Some(key) = headers.get("idempotence-key").and_then(|v| v.to_str().ok()) else {
        return error(StatusCode::BAD_REQUEST, "Idempotence-Key is required");
    };
    let mut books = fake.0.lock().expect("books");
    if let Some((first, answer)) = books.keys.get(key) {
        if *first != body {
            return error(
                StatusCode::BAD_REQUEST,
                "the key was used with another request",
            );
        }
        return Json(answer.clone()).into_response();
    }
    if let Some(problem) = receipt_problem(&body) {
        return error(StatusCode::BAD_REQUEST, problem);
    }
    books.made += 1;
    let id = format!("2f{:06}-000f-5000-9000-000000000000", books.made);
    let payment = match body["payment_method_id"].as_str() {
        Some(method) => {
            let declines = books.declining.iter().any(|m| m == method);
            json!({
                "id": id, "amount": body["amount"],
                "status": if declines { "canceled" } else { "succeeded" },
                "cancellation_details": { "party": "payment_network", "reason": "card_expired" },
                "payment_method": { "type": "bank_card", "id": method, "saved": true, "card": { "last4": "4477", "card_type": "MIR" } },
            })
        }
        None => json!({
            "id": id, "amount": body["amount"], "status": "pending",
            "confirmation": { "type": "redirect", "confirmation_url": format!("https://yoomoney.example/checkout/{id}") },
            "payment_method": { "type": "bank_card", "id": format!("pm-{id}"), "saved": false },
            "save": body["save_payment_method"],
        }),
    };
    books.payments.insert(id.clone(), payment.clone());
    books.keys.insert(key.to_owned(), (body, payment.clone()));
    Json(payment).into_response()
}

/// A refund: of a succeeded payment, no more than is left of it, with its own receipt, once
/// per key.
async fn refund(State(fake): State<Fake>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(AUTH) {
        return error(StatusCode::UNAUTHORIZED, "bad shop id or secret key");
    }
    let Some(key) = headers.get("idempotence-key").and_then(|v| v.to_str().ok()) else {
        return error(StatusCode::BAD_REQUEST, "Idempotence-Key is required");
    };
    let mut books = fake.0.lock().expect("books");
    if let Some((first, answer)) = books.keys.get(key) {
        if *first != body {
            return error(
                StatusCode::BAD_REQUEST,
                "the key was used with another request",
            );
        }
        return Json(answer.clone()).into_response();
    }
    if let Some(problem) = receipt_problem(&body) {
        return error(StatusCode::BAD_REQUEST, problem);
    }
    let id = body["payment_id"].as_str().unwrap_or("").to_owned();
    let Some(paid) = books
        .payments
        .get(&id)
        .filter(|p| p["status"] == "succeeded")
    else {
        return error(
            StatusCode::BAD_REQUEST,
            "only a succeeded payment is refunded",
        );
    };
    let left = minor(&paid["amount"]) - books.refunded.get(&id).copied().unwrap_or(0);
    let asked = minor(&body["amount"]);
    if asked < 1 || asked > left {
        return error(
            StatusCode::BAD_REQUEST,
            "the refund is more than is left of the payment",
        );
    }
    *books.refunded.entry(id.clone()).or_default() += asked;
    let answer = json!({ "id": format!("rf-{key}"), "payment_id": id, "status": "succeeded", "amount": body["amount"] });
    books.keys.insert(key.to_owned(), (body, answer.clone()));
    Json(answer).into_response()
}

async fn read(State(fake): State<Fake>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(AUTH) {
        return error(StatusCode::UNAUTHORIZED, "bad shop id or secret key");
    }
    match fake.0.lock().expect("books").payments.get(&id) {
        Some(p) => Json(p.clone()).into_response(),
        None => error(StatusCode::NOT_FOUND, "no such payment"),
    }
}

impl Fake {
    /// Starts the fake on 127.0.0.1: its API address.
    async fn start() -> (Self, String) {
        let fake = Fake::default();
        let app = axum::Router::new()
            .route("/v3/payments", post(create))
            .route("/v3/payments/{id}", get(read))
            .route("/v3/refunds", post(refund))
            .with_state(fake.clone());
        let addr = crate::helpers::serve_local(app).await;
        (fake, format!("http://{addr}/v3"))
    }

    /// The payer pays on YooKassa's page with a Mir card ending 4477.
    fn pay(&self, id: &str) {
        let mut books = self.0.lock().expect("books");
        let p = books.payments.get_mut(id).expect("a payment");
        p["status"] = json!("succeeded");
        p["payment_method"]["saved"] = p["save"].clone();
        p["payment_method"]["card"] = json!({ "last4": "4477", "card_type": "MIR" });
    }

    fn made(&self) -> usize {
        self.0.lock().expect("books").made
    }

    fn refunded(&self, id: &str) -> i64 {
        self.0
            .lock()
            .expect("books")
            .refunded
            .get(id)
            .copied()
            .unwrap_or(0)
    }
}

fn client(api: &str, secret: &str) -> YooKassa {
    YooKassa::new(Config {
        shop_id: "shop-1".into(),
        secret_key: secret.into(),
        api: api.into(),
        vat_code: 1,
        networks: vec!["185.71.76.0/27".parse().expect("net")],
    })
    .expect("client")
}

fn start<'a>(key: &'a str, email: &'a str) -> Start<'a> {
    Start {
        key,
        amount: 99_050,
        currency: "RUB",
        description: "Plenary Pro, one month",
        email,
        return_url: "http://127.0.0.1:8080/billing/return/x",
        save_card: true,
    }
}

#[tokio::test]
async fn yookassa_is_asked_with_basic_auth_an_idempotence_key_and_a_receipt_and_a_repeat_finds_the_first_payment()
 {
    let (fake, api) = Fake::start().await;
    let yk = client(&api, "test-secret");
    let first = yk
        .start(start("key-1", "ann@example.org"))
        .await
        .expect("begun");
    assert_eq!(first.status, Status::Pending);
    assert_eq!((first.amount, first.currency.as_str()), (99_050, "RUB"));
    assert!(
        first
            .confirm_url
            .expect("a page to pay on")
            .contains(&first.id)
    );
    let again = yk
        .start(start("key-1", "ann@example.org"))
        .await
        .expect("repeated");
    assert_eq!(again.id, first.id);
    assert_eq!(fake.made(), 1, "one payment for one key");
    // The same key with another request, a receipt without an email, a wrong key: refused.
    assert!(matches!(
        yk.start(Start {
            amount: 1,
            ..start("key-1", "ann@example.org")
        })
        .await,
        Err(ProviderError::Refused(_))
    ));
    assert!(matches!(
        yk.start(start("key-2", "")).await,
        Err(ProviderError::Refused(_))
    ));
    assert!(matches!(
        client(&api, "wrong")
            .start(start("key-3", "ann@example.org"))
            .await,
        Err(ProviderError::Refused(_))
    ));
    // Paid on YooKassa's page: read back, with the card saved.
    fake.pay(&first.id);
    let paid = yk.payment(&first.id).await.expect("read back");
    assert_eq!(paid.status, Status::Succeeded);
    let card = paid.card.expect("saved");
    assert_eq!((card.brand.as_str(), card.last4.as_str()), ("MIR", "4477"));
    // A later charge by the saved card, without the payer.
    let charged = yk
        .charge(Charge {
            key: "renewal-1",
            amount: 99_050,
            currency: "RUB",
            description: "Plenary Pro, one month",
            email: "ann@example.org",
            card_token: &card.token,
        })
        .await
        .expect("charged");
    assert_eq!(charged.status, Status::Succeeded);
    assert!(matches!(
        yk.payment("../../etc").await,
        Err(ProviderError::NotFound)
    ));
    assert!(matches!(
        yk.payment("2f999999-000f-5000-9000-000000000000").await,
        Err(ProviderError::NotFound)
    ));
}

#[tokio::test]
async fn a_yookassa_notification_is_taken_only_from_its_networks() {
    let (_fake, api) = Fake::start().await;
    let yk = client(&api, "test-secret");
    let headers = HeaderMap::new();
    let body = json!({ "type": "notification", "event": "payment.succeeded", "object": { "id": "2f000001-000f-5000-9000-000000000000" } }).to_string();
    let from = |ip: &str| Notification {
        headers: &headers,
        body: body.as_bytes(),
        peer: Some(ip.parse().expect("ip")),
    };
    let event = yk
        .notification(from("185.71.76.5"))
        .await
        .expect("from YooKassa");
    assert_eq!(event.payment_id, "2f000001-000f-5000-9000-000000000000");
    assert_eq!(
        event.id,
        "payment.succeeded:2f000001-000f-5000-9000-000000000000"
    );
    assert!(matches!(
        yk.notification(from("203.0.113.7")).await,
        Err(ProviderError::Untrusted(_))
    ));
    let none = Notification {
        headers: &headers,
        body: body.as_bytes(),
        peer: None,
    };
    assert!(matches!(
        yk.notification(none).await,
        Err(ProviderError::Untrusted(_))
    ));
}

#[tokio::test]
async fn through_yookassa_a_payment_comes_back_settled_and_renews_by_the_saved_card_once() {
    let (fake, api) = Fake::start().await;
    let app = TestApp::with(Options {
        yookassa_api: Some(api),
        ..Options::default()
    })
    .await;
    let mut ann = app.register("ann@example.org").await;
    let pricing = app.get(&mut ann, "/pricing").await;
    assert!(
        !pricing.body.contains("Test mode"),
        "no test mode with a real provider"
    );
    let page = app
        .get(&mut ann, "/billing/checkout?plan=pro&period=month")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let res = app
        .post_form(
            &mut ann,
            "/billing/checkout",
            &[
                ("plan", "pro"),
                ("period", "month"),
                ("charge", "99000"),
                ("consent", "on"),
            ],
        )
        .await;
    let to = res.location().to_owned();
    assert!(to.starts_with("https://yoomoney.example/checkout/"), "{to}");
    let id = to.rsplit('/').next().expect("id").to_owned();
    let ws = app.workspace_of("ann@example.org").await;
    let payment = app
        .state
        .store
        .payment_by_provider("yookassa", &id)
        .await
        .expect("read")
        .expect("recorded");
    // Back before paying: the page waits for the bank.
    let wait = app
        .get(&mut ann, &format!("/billing/return/{}", payment.id))
        .await;
    assert_eq!(wait.status, StatusCode::OK);
    assert!(wait.body.contains("Waiting for the bank"));
    fake.pay(&id);
    let back = app
        .get(&mut ann, &format!("/billing/return/{}", payment.id))
        .await;
    assert_eq!(back.location(), "/billing?notice=payment-received");
    let billing_page = app.get(&mut ann, "/billing").await;
    assert!(
        billing_page.body.contains("MIR •••• 4477"),
        "{}",
        billing_page.body
    );
    // A notification from outside YooKassa's networks is refused (the test has no address).
    let note = axum::http::Request::builder()
        .method("POST")
        .uri("/billing/webhook/yookassa")
        .body(axum::body::Body::from(
            json!({ "type": "notification", "event": "payment.succeeded", "object": { "id": id } })
                .to_string(),
        ))
        .expect("request");
    let mut visitor = crate::helpers::Browser::default();
    assert_eq!(
        app.send(&mut visitor, note).await.status,
        StatusCode::BAD_REQUEST
    );
    // The renewal: charged once by the saved card, with a receipt, whoever runs the pass.
    let due = app.subscription(ws).await.due_at;
    let (a, b) = tokio::join!(
        billing::pass(&app.state, due + 1),
        billing::pass(&app.state, due + 1)
    );
    assert_eq!(a.expect("a").renewed + b.expect("b").renewed, 1);
    assert_eq!(fake.made(), 2, "the first payment and one renewal");
    assert_eq!(app.subscription(ws).await.term, 1);
}

#[tokio::test]
async fn a_yookassa_refund_carries_its_receipt_and_key_is_made_once_and_never_past_the_payment() {
    let (fake, api) = Fake::start().await;
    let yk = client(&api, "test-secret");
    let first = yk
        .start(start("key-1", "ann@example.org"))
        .await
        .expect("begun");
    fake.pay(&first.id);
    let ask = |key: &'static str, amount: i64| Refund {
        payment_id: &first.id,
        key,
        amount,
        currency: "RUB",
        description: "Plenary Pro, one month",
        email: "ann@example.org",
    };
    yk.refund(ask("refund-1", 30_000)).await.expect("refunded");
    // A repeat with its key is the same refund.
    yk.refund(ask("refund-1", 30_000)).await.expect("repeated");
    assert_eq!(fake.refunded(&first.id), 30_000);
    // More than is left is refused; so is a refund without the payer's email for its receipt.
    assert!(matches!(
        yk.refund(ask("refund-2", 69_051)).await,
        Err(ProviderError::Refused(_))
    ));
    assert!(matches!(
        yk.refund(Refund {
            email: "",
            ..ask("refund-3", 100)
        })
        .await,
        Err(ProviderError::Refused(_))
    ));
    yk.refund(ask("refund-4", 69_050)).await.expect("the rest");
    assert_eq!(fake.refunded(&first.id), 99_050);
}
