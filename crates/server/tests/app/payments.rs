//! Paying for a plan through the sandbox provider, as a person does it in a browser: the
//! checkout with the renewal agreement, the provider's page with a test card, the way back,
//! the receipt; declines and the confirmation step; a payment settled once however often it
//! is reported; renewals charged once per term, retried when declined, then lapsing; cancel
//! and resume; a switch that credits the unused part of the term.

use crate::helpers::{Browser, TestApp};
use axum::http::StatusCode;
use plenary_server::billing;

const ORIGIN: &str = "http://127.0.0.1:8080";
const DAY_MS: i64 = 24 * 3600 * 1000;

/// The path of an absolute address on the test site.
fn path_of(location: &str) -> String {
    location.strip_prefix(ORIGIN).unwrap_or(location).to_owned()
}

/// Opens the checkout of `plan` for `period`, agrees and pays: the provider's page.
pub(crate) async fn begin(app: &TestApp, b: &mut Browser, plan: &str, period: &str) -> String {
    begin_at(
        app,
        b,
        &format!("/billing/checkout?plan={plan}&period={period}"),
    )
    .await
}

/// Opens the checkout at `path`, agrees and sends the form as it is: the provider's page.
async fn begin_at(app: &TestApp, b: &mut Browser, path: &str) -> String {
    let page = app.get(b, path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let field = |name: &str| {
        page.body
            .split(&format!("name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("{name} in the form"))
            .to_owned()
    };
    let res = app
        .post_form(
            b,
            "/billing/checkout",
            &[
                ("plan", &field("plan")),
                ("period", &field("period")),
                ("currency", &field("currency")),
                ("charge", &field("charge")),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    path_of(res.location())
}

/// Pays on the sandbox page at `page` with `card`, then follows the way back: where the
/// payer ends up.
pub(crate) async fn pay(app: &TestApp, b: &mut Browser, page: &str, card: &str) -> String {
    let res = app
        .post_form(
            b,
            page,
            &[("number", card), ("expiry", "12/39"), ("cvc", "123")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let next = path_of(res.location());
    if next.ends_with("/confirm") {
        return next;
    }
    let back = app.get(b, &next).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
    back.location().to_owned()
}

#[tokio::test]
async fn paying_for_pro_with_a_test_card_starts_the_term_saves_the_card_and_sends_a_receipt() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let pricing = app.get(&mut ann, "/pricing").await;
    assert!(
        pricing.body.contains(
            "href=\"/billing/checkout?plan=pro&#38;period=month&#38;currency=RUB\">Pay monthly</a>"
        ),
        "{}",
        pricing.body
    );
    assert!(
        pricing.body.contains("Test mode"),
        "every page says test mode"
    );
    let checkout = app
        .get(&mut ann, "/billing/checkout?plan=pro&period=month")
        .await;
    for seen in [
        "Pay for Pro",
        "I agree that Pro renews by itself every month",
        "RUB\u{a0}990",
        "Pay RUB\u{a0}990",
    ] {
        assert!(
            checkout.body.contains(seen),
            "{seen:?} in {}",
            checkout.body
        );
    }
    // Without the agreement nothing is begun.
    let refused = app
        .post_form(
            &mut ann,
            "/billing/checkout",
            &[("plan", "pro"), ("period", "month"), ("charge", "99000")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Agree to the renewal terms to pay."));
    let ws = app.workspace_of("ann@example.org").await;
    assert!(
        app.state
            .store
            .payments_of(ws)
            .await
            .expect("payments")
            .is_empty()
    );

    let page = begin(&app, &mut ann, "pro", "month").await;
    assert!(page.starts_with("/sandbox/pay/sbx_"), "{page}");
    let sandbox = app.get(&mut ann, &page).await;
    assert!(
        sandbox.body.contains("4242 4242 4242 4242"),
        "{}",
        sandbox.body
    );
    // A number that is not a test card is refused on the page, and nothing is paid.
    let wrong = app
        .post_form(
            &mut ann,
            &page,
            &[
                ("number", "4111 1111 1111 1111"),
                ("expiry", "12/39"),
                ("cvc", "123"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Test mode takes only the test cards"));

    let end = pay(&app, &mut ann, &page, "4242 4242 4242 4242").await;
    assert_eq!(end, "/billing?notice=payment-received");
    let billing_page = app.get(&mut ann, &end).await;
    for seen in [
        "Payment received.",
        "<h2 id=\"plan-heading\">Pro</h2>",
        "Visa •••• 4242",
        "Next charge: RUB\u{a0}990",
        "Stop renewal",
        "Pro paid until",
    ] {
        assert!(
            billing_page.body.contains(seen),
            "{seen:?} in {}",
            billing_page.body
        );
    }
    let limits = app.state.store.limits_of(ws).await.expect("limits");
    assert_eq!(limits.active_sessions, None, "Pro has no session limit");
    let receipt = app.last_mail_to("ann@example.org").await;
    assert!(receipt.subject.contains("Receipt"), "{}", receipt.subject);
    assert!(
        receipt.text_body.contains("RUB\u{a0}990"),
        "{}",
        receipt.text_body
    );
    // The agreement was recorded with the payment, in the words shown.
    let sub = app.subscription(ws).await;
    assert!(sub.renews);
    assert_eq!((sub.plan_id.as_str(), sub.source.as_str()), ("pro", "paid"));
}

#[tokio::test]
async fn a_declined_card_takes_nothing_and_the_checkout_says_why_in_the_readers_language() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let page = begin(&app, &mut ann, "pro", "month").await;
    let end = pay(&app, &mut ann, &page, "4000 0000 0000 0002").await;
    assert!(
        end.starts_with("/billing/checkout?plan=pro&period=month&declined=card_declined"),
        "{end}"
    );
    let again = app.get(&mut ann, &end).await;
    assert!(
        again
            .body
            .contains("The payment did not go through: the bank declined the card."),
        "{}",
        again.body
    );
    let ws = app.workspace_of("ann@example.org").await;
    assert_eq!(
        app.state
            .store
            .limits_of(ws)
            .await
            .expect("limits")
            .active_sessions,
        Some(10)
    );
    assert!(
        app.state
            .store
            .payment_method(ws)
            .await
            .expect("card")
            .is_none()
    );

    app.post_form(&mut ann, "/language", &[("locale", "ru"), ("next", "/")])
        .await;
    let page = begin(&app, &mut ann, "pro", "month").await;
    let end = pay(&app, &mut ann, &page, "4000000000009995").await;
    let ru = app.get(&mut ann, &end).await;
    assert!(
        ru.body
            .contains("Платёж не прошёл: на карте недостаточно средств."),
        "{}",
        ru.body
    );
    let history = app.get(&mut ann, "/billing").await;
    assert!(
        history
            .body
            .contains("не оплачено: на карте недостаточно средств."),
        "{}",
        history.body
    );
}

#[tokio::test]
async fn a_card_that_asks_for_confirmation_pays_only_once_confirmed() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let page = begin(&app, &mut ann, "pro", "year").await;
    let confirm = pay(&app, &mut ann, &page, "4000 0000 0000 3220").await;
    assert!(confirm.ends_with("/confirm"), "{confirm}");
    // Back before confirming: the bank has not answered, and the page waits.
    let ws = app.workspace_of("ann@example.org").await;
    let p = app.state.store.payments_of(ws).await.expect("payments");
    assert!(p.is_empty(), "a pending first payment is not history yet");
    let refused = app
        .post_form(&mut ann, &confirm, &[("answer", "refuse")])
        .await;
    let back = app.get(&mut ann, &path_of(refused.location())).await;
    assert!(
        back.location().contains("declined=confirmation_refused"),
        "{}",
        back.location()
    );

    let page = begin(&app, &mut ann, "pro", "year").await;
    let confirm = pay(&app, &mut ann, &page, "4000000000003220").await;
    let res = app
        .post_form(&mut ann, &confirm, &[("answer", "confirm")])
        .await;
    let back = app.get(&mut ann, &path_of(res.location())).await;
    assert_eq!(back.location(), "/billing?notice=payment-received");
    let sub = app.subscription(ws).await;
    assert_eq!(sub.period(), domain::plan::Period::Year);
}

#[tokio::test]
async fn a_payment_reported_again_and_again_is_settled_once() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let page = begin(&app, &mut ann, "pro", "month").await;
    let sbx = page.trim_start_matches("/sandbox/pay/").to_owned();
    let res = app
        .post_form(
            &mut ann,
            &page,
            &[
                ("number", "4242424242424242"),
                ("expiry", "12/39"),
                ("cvc", "123"),
            ],
        )
        .await;
    let back = path_of(res.location());
    // The provider's notification, twice, and the payer's return, twice, some at once.
    let mut visitor = Browser::default();
    let body = format!(r#"{{"id":"evt_1","payment":"{sbx}"}}"#);
    let note = || {
        axum::http::Request::builder()
            .method("POST")
            .uri("/billing/webhook/sandbox")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body.clone()))
            .expect("request")
    };
    let (mut v2, mut ann2) = (visitor.clone(), ann.clone());
    let (a, b) = tokio::join!(app.send(&mut v2, note()), app.get(&mut ann2, &back));
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(b.status, StatusCode::SEE_OTHER);
    assert_eq!(app.send(&mut visitor, note()).await.status, StatusCode::OK);
    assert_eq!(app.get(&mut ann, &back).await.status, StatusCode::SEE_OTHER);
    let ws = app.workspace_of("ann@example.org").await;
    let events = app
        .state
        .store
        .subscription_events(ws)
        .await
        .expect("events");
    assert_eq!(
        events.iter().filter(|e| e.kind == "paid").count(),
        1,
        "{events:?}"
    );
    let receipts = app
        .state
        .store
        .recent_mail(100)
        .await
        .expect("mail")
        .into_iter()
        .filter(|m| m.subject.contains("Receipt"))
        .count();
    assert_eq!(receipts, 1);
    // A notification that is not readable is refused.
    let bad = axum::http::Request::builder()
        .method("POST")
        .uri("/billing/webhook/sandbox")
        .body(axum::body::Body::from("not json"))
        .expect("request");
    assert_eq!(
        app.send(&mut visitor, bad).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_renewal_is_charged_once_per_term_to_the_saved_card() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let page = begin(&app, &mut ann, "pro", "month").await;
    pay(&app, &mut ann, &page, "5555 5555 5555 4444").await;
    let ws = app.workspace_of("ann@example.org").await;
    let first = app.subscription(ws).await;
    // Nothing is due before the term ends.
    let early = billing::pass(&app.state, first.due_at - 1)
        .await
        .expect("pass");
    assert_eq!(early.renewed, 0);
    // Two instances at once, then a third pass: one charge for the term.
    let at = first.due_at + 1;
    let (a, b) = tokio::join!(billing::pass(&app.state, at), billing::pass(&app.state, at));
    assert_eq!(a.expect("pass").renewed + b.expect("pass").renewed, 1);
    assert_eq!(
        billing::pass(&app.state, at).await.expect("pass").renewed,
        0
    );
    let renewed = app.subscription(ws).await;
    assert_eq!(renewed.term, 1);
    assert!(renewed.due_at > first.due_at + 27 * DAY_MS, "a month on");
    let paid = app.state.store.payments_of(ws).await.expect("payments");
    assert_eq!(paid.iter().filter(|p| p.status == "succeeded").count(), 2);
    let page = app.get(&mut ann, "/billing").await;
    assert!(page.body.contains("Pro, renewal"), "{}", page.body);
}

#[tokio::test]
async fn a_declined_renewal_is_retried_with_emails_kept_through_the_grace_then_drops_to_basic() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let page = begin(&app, &mut ann, "pro", "month").await;
    pay(&app, &mut ann, &page, "4000000000000341").await;
    let ws = app.workspace_of("ann@example.org").await;
    let due = app.subscription(ws).await.due_at;
    for (n, days) in [(1, 0), (2, 1), (3, 3)] {
        let pass = billing::pass(&app.state, due + days * DAY_MS + 1)
            .await
            .expect("pass");
        assert_eq!(pass.failed, 1, "attempt {n}");
        let sub = app.subscription(ws).await;
        assert_eq!(
            sub.features_until,
            due + 7 * DAY_MS,
            "paid features last through the grace"
        );
        assert!(sub.renews);
        let mail = app.last_mail_to("ann@example.org").await;
        assert!(
            mail.subject.contains("could not be renewed"),
            "{}",
            mail.subject
        );
        assert!(
            mail.text_body.contains("We will try again"),
            "{}",
            mail.text_body
        );
    }
    // Not due again before the next attempt's day.
    assert_eq!(
        billing::pass(&app.state, due + 4 * DAY_MS)
            .await
            .expect("pass")
            .failed,
        0
    );
    // The fourth attempt is the last.
    assert_eq!(
        billing::pass(&app.state, due + 5 * DAY_MS + 1)
            .await
            .expect("pass")
            .failed,
        1
    );
    let sub = app.subscription(ws).await;
    assert!(!sub.renews);
    assert!(
        app.last_mail_to("ann@example.org")
            .await
            .text_body
            .contains("We will not try again")
    );
    let events = app
        .state
        .store
        .subscription_events(ws)
        .await
        .expect("events");
    assert_eq!(events[0].kind, "lapsed");
    assert_eq!(
        events.iter().filter(|e| e.kind == "renewal_failed").count(),
        3
    );
    // Still Pro within the grace; Basic once it ends (checked as the store does at `now`).
    assert!(sub.in_force(due + 6 * DAY_MS));
    assert!(!sub.in_force(due + 7 * DAY_MS));
}

#[tokio::test]
async fn a_stopped_renewal_is_not_charged_and_can_be_resumed_before_the_term_ends() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let page = begin(&app, &mut ann, "pro", "month").await;
    pay(&app, &mut ann, &page, "4242424242424242").await;
    let res = app.post_form(&mut ann, "/billing/cancel", &[]).await;
    assert_eq!(res.location(), "/billing?notice=renewal-canceled");
    let page = app.get(&mut ann, "/billing?notice=renewal-canceled").await;
    assert!(
        page.body.contains("Renewal is stopped: the plan ends on"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Resume renewal"));
    let ws = app.workspace_of("ann@example.org").await;
    let sub = app.subscription(ws).await;
    assert_eq!(
        billing::pass(&app.state, sub.due_at + 1)
            .await
            .expect("pass")
            .renewed,
        0
    );
    app.post_form(&mut ann, "/billing/resume", &[]).await;
    assert!(app.subscription(ws).await.renews);
    // Someone who is not an admin of the workspace cannot pay or cancel for it.
    let mut bob = app.register("bob@example.org").await;
    assert_eq!(
        app.post_form(&mut bob, "/billing/cancel", &[])
            .await
            .location(),
        "/billing"
    );
    assert!(app.subscription(ws).await.renews);
}

#[tokio::test]
async fn switching_from_monthly_to_annual_credits_the_unused_part_of_the_month() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let page = begin(&app, &mut ann, "pro", "month").await;
    pay(&app, &mut ann, &page, "4242424242424242").await;
    let checkout = app
        .get(&mut ann, "/billing/checkout?plan=pro&period=year")
        .await;
    assert!(
        checkout.body.contains("Unused part of the current term"),
        "{}",
        checkout.body
    );
    let ws = app.workspace_of("ann@example.org").await;
    let offer = billing::offer(
        &app.state,
        ws,
        "pro",
        domain::plan::Period::Year,
        None,
        billing::today(),
    )
    .await
    .expect("offer");
    let credit = offer.switch.expect("a switch").credit;
    assert!(credit > 0 && credit < 99_000, "{credit}");
    assert_eq!(offer.charge.minor, 990_000 - credit);
    let page = begin(&app, &mut ann, "pro", "year").await;
    let end = pay(&app, &mut ann, &page, "4242424242424242").await;
    assert_eq!(end, "/billing?notice=plan-switched");
    let sub = app.subscription(ws).await;
    assert_eq!(sub.period(), domain::plan::Period::Year);
    // The same plan and period again goes back to the billing page.
    let same = app
        .get(&mut ann, "/billing/checkout?plan=pro&period=year")
        .await;
    assert_eq!(same.location(), "/billing");
}

#[tokio::test]
async fn a_saved_card_the_provider_no_longer_knows_is_a_declined_attempt_not_an_endless_retry() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let page = begin(&app, &mut ann, "pro", "month").await;
    pay(&app, &mut ann, &page, "4242424242424242").await;
    let ws = app.workspace_of("ann@example.org").await;
    // The provider forgets the card.
    let sql = "DELETE FROM sandbox_cards";
    match app.state.store.db() {
        store::Db::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(drop),
        store::Db::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(drop),
    }
    .expect("forgotten");
    let due = app.subscription(ws).await.due_at;
    let pass = billing::pass(&app.state, due + 1).await.expect("pass");
    assert_eq!((pass.renewed, pass.failed), (0, 1));
    let payments = app.state.store.payments_of(ws).await.expect("payments");
    let renewal = payments
        .iter()
        .find(|p| p.kind() == store::PaymentKind::Renewal)
        .expect("a renewal");
    assert_eq!(renewal.attempts, 1, "counted as an attempt");
    assert!(
        renewal
            .failure
            .as_deref()
            .unwrap_or("")
            .contains("no such saved card")
    );
    assert!(
        app.last_mail_to("ann@example.org")
            .await
            .subject
            .contains("could not be renewed")
    );
}

#[tokio::test]
async fn the_currency_chosen_on_the_pricing_page_is_the_one_paid_in() {
    let mut plans = domain::plan::default_plans();
    plans[1].prices.push(domain::plan::Price {
        currency: domain::plan::Currency::try_from("EUR".to_owned()).expect("EUR"),
        monthly: 1200,
        annual: 12_000,
    });
    let app = TestApp::with(crate::helpers::Options {
        plans: Some(plans),
        ..crate::helpers::Options::default()
    })
    .await;
    let mut ann = app.register("ann@example.org").await;
    let pricing = app.get(&mut ann, "/pricing?currency=EUR").await;
    let link = "/billing/checkout?plan=pro&#38;period=month&#38;currency=EUR";
    assert!(pricing.body.contains(link), "{}", pricing.body);
    let page = begin_at(
        &app,
        &mut ann,
        "/billing/checkout?plan=pro&period=month&currency=EUR",
    )
    .await;
    let sandbox = app.get(&mut ann, &page).await;
    assert!(sandbox.body.contains("Pay €12"), "{}", sandbox.body);
    pay(&app, &mut ann, &page, "4242424242424242").await;
    let ws = app.workspace_of("ann@example.org").await;
    assert_eq!(app.subscription(ws).await.currency, "EUR");
    // Once paying in euros, the workspace is offered euros, whatever the page asked.
    let offer = billing::offer(
        &app.state,
        ws,
        "pro",
        domain::plan::Period::Year,
        Some("RUB"),
        billing::today(),
    )
    .await
    .expect("offer");
    assert_eq!(offer.charge.currency.code(), "EUR");
}
