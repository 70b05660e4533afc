//! The Stripe adapter against a fake of Stripe's API, run in the test process on 127.0.0.1,
//! which checks what Stripe checks: the secret key as a bearer token, an `Idempotency-Key` on
//! every change (a repeat answers the first object), a first payment that saves the card for
//! off-session use, renewals off-session and confirmed at once, declines as `402` with the
//! PaymentIntent. Then the flow through it, with signed notifications taken once.

use crate::helpers::{Browser, Options, TestApp};
use axum::Json;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hmac::{Hmac, Mac};
use plenary_server::billing;
use plenary_server::payments::stripe::{Config, Stripe};
use plenary_server::payments::{Charge, PaymentProvider, ProviderError, Refund, Start, Status};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Books {
    /// Sessions and PaymentIntents by id.
    objects: HashMap<String, Value>,
    /// The first answer to each idempotency key, status and body.
    keys: HashMap<String, (StatusCode, Value)>,
    made: usize,
    declining: Vec<String>,
    /// What was refunded of each PaymentIntent.
    refunded: HashMap<String, i64>,
}

#[derive(Clone, Default)]
struct Fake(Arc<Mutex<Books>>);

fn refusal(status: StatusCode, message: &str) -> (StatusCode, Value) {
    (
        status,
        json!({ "error": { "type": "invalid_request_error", "message": message } }),
    )
}

fn error(status: StatusCode, message: &str) -> Response {
    let (status, body) = refusal(status, message);
    (status, Json(body)).into_response()
}

fn card(customer: &str, method: &str) -> Value {
    json!({ "id": method, "card": { "brand": "visa", "last4": "4242" }, "customer": customer })
}

/// What Stripe checks first: the secret key; for a change, an idempotency key, whose repeat
/// answers what the first request was answered.
fn admit(books: &Books, headers: &HeaderMap, change: bool) -> Result<String, (StatusCode, Value)> {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer sk_test_fake") {
        return Err(refusal(
            StatusCode::UNAUTHORIZED,
            "Invalid API Key provided",
        ));
    }
    if !change {
        return Ok(String::new());
    }
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| refusal(StatusCode::BAD_REQUEST, "an Idempotency-Key, please"))?;
    match books.keys.get(key) {
        Some((status, body)) => Err((*status, body.clone())),
        None => Ok(key.to_owned()),
    }
}

/// Answers a change, and keeps the answer for the key's repeats.
fn answer(books: &mut Books, key: String, status: StatusCode, body: Value) -> Response {
    books.keys.insert(key, (status, body.clone()));
    (status, Json(body)).into_response()
}

async fn create_session(
    State(fake): State<Fake>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let mut books = fake.0.lock().expect("books");
    let key = match admit(&books, &headers, true) {
        Ok(key) => key,
        Err((status, body)) => return (status, Json(body)).into_response(),
    };
    let need = [
        ("mode", "payment"),
        ("customer_creation", "always"),
        ("payment_intent_data[setup_future_usage]", "off_session"),
        ("line_items[0][quantity]", "1"),
    ];
    if need
        .iter()
        .any(|(k, v)| f.get(*k).map(String::as_str) != Some(*v))
    {
        return error(StatusCode::BAD_REQUEST, "not a session that saves the card");
    }
    books.made += 1;
    let id = format!("cs_test_{}", books.made);
    let cs = json!({
        "id": id, "object": "checkout.session", "status": "open", "payment_status": "unpaid",
        "url": format!("https://checkout.stripe.example/c/pay/{id}"),
        "amount_total": f["line_items[0][price_data][unit_amount]"].parse::<i64>().unwrap_or(0),
        "currency": f["line_items[0][price_data][currency]"],
        "payment_intent": null,
    });
    books.objects.insert(id, cs.clone());
    answer(&mut books, key, StatusCode::OK, cs)
}

async fn create_intent(
    State(fake): State<Fake>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let mut books = fake.0.lock().expect("books");
    let key = match admit(&books, &headers, true) {
        Ok(key) => key,
        Err((status, body)) => return (status, Json(body)).into_response(),
    };
    let field = |k: &str| f.get(k).map(String::as_str);
    if field("off_session") != Some("true") || field("confirm") != Some("true") {
        return error(
            StatusCode::BAD_REQUEST,
            "a renewal is off-session and confirmed",
        );
    }
    let (Some(customer), Some(method)) = (field("customer"), field("payment_method")) else {
        return error(
            StatusCode::BAD_REQUEST,
            "customer and payment_method, please",
        );
    };
    books.made += 1;
    let id = format!("pi_test_{}", books.made);
    let declines = books.declining.iter().any(|m| m == method);
    let pi = json!({
        "id": id, "object": "payment_intent",
        "status": if declines { "requires_payment_method" } else { "succeeded" },
        "amount": f["amount"].parse::<i64>().unwrap_or(0), "currency": f["currency"],
        "customer": customer, "payment_method": card(customer, method),
    });
    books.objects.insert(id, pi.clone());
    if declines {
        let body = json!({ "error": { "type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds", "payment_intent": pi } });
        return answer(&mut books, key, StatusCode::PAYMENT_REQUIRED, body);
    }
    answer(&mut books, key, StatusCode::OK, pi)
}

/// A refund of a paid PaymentIntent, no more than is left of it.
async fn create_refund(
    State(fake): State<Fake>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let mut books = fake.0.lock().expect("books");
    let key = match admit(&books, &headers, true) {
        Ok(key) => key,
        Err((status, body)) => return (status, Json(body)).into_response(),
    };
    let intent = f.get("payment_intent").cloned().unwrap_or_default();
    // A completed session's intent, or one charged off-session.
    let paid = books.objects.values().find_map(|o| {
        let inner = &o["payment_intent"];
        (inner["id"] == intent.as_str() && o["payment_status"] == "paid")
            .then(|| o["amount_total"].as_i64())
            .flatten()
            .or_else(|| {
                (o["id"] == intent.as_str() && o["status"] == "succeeded")
                    .then(|| o["amount"].as_i64())
                    .flatten()
            })
    });
    let Some(paid) = paid else {
        let (status, body) = refusal(StatusCode::BAD_REQUEST, "No such payment_intent");
        return answer(&mut books, key, status, body);
    };
    let asked = f
        .get("amount")
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(paid);
    let left = paid - books.refunded.get(&intent).copied().unwrap_or(0);
    if asked < 1 || asked > left {
        let (status, body) = refusal(
            StatusCode::BAD_REQUEST,
            "Refund amount is greater than unrefunded amount on charge",
        );
        return answer(&mut books, key, status, body);
    }
    *books.refunded.entry(intent.clone()).or_default() += asked;
    let re = json!({ "id": format!("re_{}", books.refunded.len()), "object": "refund", "status": "succeeded", "amount": asked, "payment_intent": intent });
    answer(&mut books, key, StatusCode::OK, re)
}

/// A session or a PaymentIntent by its id.
async fn read(State(fake): State<Fake>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let books = fake.0.lock().expect("books");
    if let Err((status, body)) = admit(&books, &headers, false) {
        return (status, Json(body)).into_response();
    }
    match books.objects.get(&id) {
        Some(object) => Json(object.clone()).into_response(),
        None => error(StatusCode::NOT_FOUND, "No such object"),
    }
}

impl Fake {
    async fn start() -> (Self, String) {
        let fake = Fake::default();
        let app = axum::Router::new()
            .route("/v1/checkout/sessions", post(create_session))
            .route("/v1/checkout/sessions/{id}", get(read))
            .route("/v1/payment_intents", post(create_intent))
            .route("/v1/payment_intents/{id}", get(read))
            .route("/v1/refunds", post(create_refund))
            .with_state(fake.clone());
        let addr = crate::helpers::serve_local(app).await;
        (fake, format!("http://{addr}"))
    }

    /// The payer pays on Stripe's page: the session completes with a Customer and a card.
    fn complete(&self, id: &str) {
        let mut books = self.0.lock().expect("books");
        let cs = books.objects.get_mut(id).expect("a session");
        cs["status"] = json!("complete");
        cs["payment_status"] = json!("paid");
        cs["payment_intent"] = json!({ "id": format!("pi_for_{id}"), "customer": "cus_1", "payment_method": card("cus_1", "pm_1") });
    }

    fn made(&self) -> usize {
        self.0.lock().expect("books").made
    }

    fn refunded(&self, intent: &str) -> i64 {
        self.0
            .lock()
            .expect("books")
            .refunded
            .get(intent)
            .copied()
            .unwrap_or(0)
    }
}

fn client(api: &str) -> Stripe {
    Stripe::new(Config {
        secret_key: "sk_test_fake".into(),
        webhook_secret: "whsec_fake".into(),
        api: api.into(),
    })
    .expect("client")
}

/// A `Stripe-Signature` for `body` now, with `secret`.
fn signature(secret: &str, body: &str) -> String {
    let t = jiff::Timestamp::now().as_second();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("key");
    mac.update(format!("{t}.{body}").as_bytes());
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

#[tokio::test]
async fn stripe_is_asked_with_its_key_and_an_idempotency_key_saves_the_card_and_charges_it_off_session()
 {
    let (fake, api) = Fake::start().await;
    let stripe = client(&api);
    assert!(stripe.test_mode(), "a test key is test mode");
    let start = Start {
        key: "pay-1",
        amount: 99_000,
        currency: "RUB",
        description: "Plenary Pro, one month",
        email: "ann@example.org",
        return_url: "http://127.0.0.1:8080/billing/return/x",
        save_card: true,
    };
    let first = stripe.start(start).await.expect("begun");
    assert_eq!(first.status, Status::Pending);
    assert!(
        first
            .confirm_url
            .expect("Stripe's page")
            .ends_with(&first.id)
    );
    assert_eq!(stripe.start(start).await.expect("again").id, first.id);
    assert_eq!(fake.made(), 1);
    fake.complete(&first.id);
    let paid = stripe.payment(&first.id).await.expect("read back");
    assert_eq!(paid.status, Status::Succeeded);
    let card = paid.card.expect("saved");
    assert_eq!(
        (
            card.token.as_str(),
            card.brand.as_str(),
            card.last4.as_str()
        ),
        ("cus_1:pm_1", "visa", "4242")
    );
    let charge = |key, token| Charge {
        key,
        amount: 99_000,
        currency: "RUB",
        description: "Plenary Pro, one month",
        email: "ann@example.org",
        card_token: token,
    };
    let renewed = stripe
        .charge(charge("renewal-1", "cus_1:pm_1"))
        .await
        .expect("charged");
    assert_eq!(
        (renewed.status, renewed.amount, renewed.currency.as_str()),
        (Status::Succeeded, 99_000, "RUB")
    );
    assert_eq!(
        stripe.payment(&renewed.id).await.expect("read").status,
        Status::Succeeded
    );
    fake.0.lock().expect("books").declining.push("pm_2".into());
    let declined = stripe
        .charge(charge("renewal-2", "cus_1:pm_2"))
        .await
        .expect("answered");
    assert_eq!(declined.status, Status::Failed("insufficient_funds".into()));
    // The same attempt again (a worker that died): the same decline, no second charge.
    let made = fake.made();
    let again = stripe
        .charge(charge("renewal-2", "cus_1:pm_2"))
        .await
        .expect("answered");
    assert_eq!(
        (again.id, again.status),
        (declined.id, Status::Failed("insufficient_funds".into()))
    );
    assert_eq!(fake.made(), made);
    assert!(matches!(
        stripe.charge(charge("renewal-3", "pm_1")).await,
        Err(ProviderError::Refused(_))
    ));
    assert!(matches!(
        stripe.payment("cs_../x").await,
        Err(ProviderError::NotFound)
    ));
    let wrong = Stripe::new(Config {
        secret_key: "sk_live_wrong".into(),
        webhook_secret: "w".into(),
        api: api.clone(),
    })
    .expect("client");
    assert!(matches!(
        wrong
            .start(Start {
                key: "pay-9",
                ..start
            })
            .await,
        Err(ProviderError::Refused(_))
    ));
}

#[tokio::test]
async fn through_stripe_a_signed_notification_settles_the_payment_once_and_a_forged_one_is_refused()
{
    let (fake, api) = Fake::start().await;
    let app = TestApp::with(Options {
        stripe_api: Some(api),
        ..Options::default()
    })
    .await;
    let mut ann = app.register("ann@example.org").await;
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
    assert!(
        to.starts_with("https://checkout.stripe.example/c/pay/cs_test_"),
        "{to}"
    );
    let cs = to.rsplit('/').next().expect("id").to_owned();
    fake.complete(&cs);
    let event = json!({ "id": "evt_1", "type": "checkout.session.completed", "data": { "object": { "id": cs, "object": "checkout.session" } } }).to_string();
    let send = |signature: String, body: String| {
        axum::http::Request::builder()
            .method("POST")
            .uri("/billing/webhook/stripe")
            .header("stripe-signature", signature)
            .body(axum::body::Body::from(body))
            .expect("request")
    };
    let mut stripe = Browser::default();
    // Forged: another secret, or the body changed after signing.
    let forged = send(signature("whsec_other", &event), event.clone());
    assert_eq!(
        app.send(&mut stripe, forged).await.status,
        StatusCode::BAD_REQUEST
    );
    let changed = send(
        signature("whsec_fake", &event),
        event.replace("evt_1", "evt_2"),
    );
    assert_eq!(
        app.send(&mut stripe, changed).await.status,
        StatusCode::BAD_REQUEST
    );
    let ws = app.workspace_of("ann@example.org").await;
    assert!(
        app.state
            .store
            .subscription(ws)
            .await
            .expect("read")
            .is_none()
    );
    // Signed, twice, and an older event about the same payment after it: settled once.
    for body in [
        event.clone(),
        event.clone(),
        event
            .replace("evt_1", "evt_0")
            .replace("completed", "expired"),
    ] {
        let res = app
            .send(&mut stripe, send(signature("whsec_fake", &body), body))
            .await;
        assert_eq!(res.status, StatusCode::OK);
    }
    let sub = app.subscription(ws).await;
    assert_eq!((sub.plan_id.as_str(), sub.term), ("pro", 0));
    let events = app
        .state
        .store
        .subscription_events(ws)
        .await
        .expect("events");
    assert_eq!(events.iter().filter(|e| e.kind == "paid").count(), 1);
    let page = app.get(&mut ann, "/billing").await;
    assert!(page.body.contains("visa •••• 4242"), "{}", page.body);
    assert!(
        page.body.contains("Test mode"),
        "a test key shows test mode"
    );
    // The renewal is an off-session charge of the saved card, once.
    let (a, b) = tokio::join!(
        billing::pass(&app.state, sub.due_at + 1),
        billing::pass(&app.state, sub.due_at + 1)
    );
    assert_eq!(a.expect("a").renewed + b.expect("b").renewed, 1);
    assert_eq!(fake.made(), 2);
}

#[tokio::test]
async fn a_stripe_refund_of_a_checkout_reaches_its_payment_intent_once_per_key_and_never_past_it() {
    let (fake, api) = Fake::start().await;
    let stripe = client(&api);
    let first = stripe
        .start(Start {
            key: "pay-1",
            amount: 99_000,
            currency: "RUB",
            description: "Plenary Pro, one month",
            email: "ann@example.org",
            return_url: "http://127.0.0.1:8080/billing/return/x",
            save_card: true,
        })
        .await
        .expect("begun");
    fake.complete(&first.id);
    let intent = format!("pi_for_{}", first.id);
    let ask = |key: &'static str, amount: i64| Refund {
        payment_id: &first.id,
        key,
        amount,
        currency: "RUB",
        description: "Plenary Pro, one month",
        email: "ann@example.org",
    };
    stripe
        .refund(ask("refund-1", 30_000))
        .await
        .expect("refunded");
    stripe
        .refund(ask("refund-1", 30_000))
        .await
        .expect("repeated");
    assert_eq!(fake.refunded(&intent), 30_000);
    assert!(matches!(
        stripe.refund(ask("refund-2", 69_001)).await,
        Err(ProviderError::Refused(_))
    ));
    stripe
        .refund(ask("refund-3", 69_000))
        .await
        .expect("the rest");
    assert_eq!(fake.refunded(&intent), 99_000);
}
