//! The administrators' billing console: only administrators reach it; a refund goes through
//! the provider once, within what is left, with a reason, and the payer is told; a plan is
//! granted for some days with a reason; the accounts that share a phone number are shown
//! together; a payer's receipt is a PDF in either language, theirs alone.

use crate::helpers::{Browser, Options, TestApp};
use crate::invoices::pdf_text;
use crate::payments::{begin, pay};
use axum::http::StatusCode;

/// Ann, who paid for a month of Pro with a test card: her browser, workspace and payment.
async fn paid(app: &TestApp) -> (Browser, domain::WorkspaceId, store::PaymentRow) {
    let mut ann = app.register("ann@example.org").await;
    let page = begin(app, &mut ann, "pro", "month").await;
    let back = pay(app, &mut ann, &page, "4242424242424242").await;
    assert!(back.contains("payment-received"), "{back}");
    let ws = app.workspace_of("ann@example.org").await;
    let payment = app.state.store.payments_of(ws).await.expect("payments")[0].clone();
    assert_eq!(payment.status, "succeeded");
    (ann, ws, payment)
}

async fn root(app: &TestApp) -> Browser {
    let root = app.register("root@example.org").await;
    app.make_admin("root@example.org").await;
    root
}

async fn refund(
    app: &TestApp,
    b: &mut Browser,
    payment: domain::PaymentId,
    fields: &[(&str, &str)],
) -> crate::helpers::TestResponse {
    app.post_form(
        b,
        &format!("/admin/billing/payments/{payment}/refund"),
        fields,
    )
    .await
}

#[tokio::test]
async fn only_administrators_reach_the_billing_console_and_only_while_billing_is_on() {
    let app = TestApp::new().await;
    let (mut ann, ws, payment) = paid(&app).await;
    for path in ["/admin/billing".to_owned(), format!("/admin/billing/{ws}")] {
        assert_eq!(app.get(&mut ann, &path).await.status, StatusCode::NOT_FOUND);
    }
    let tried = refund(
        &app,
        &mut ann,
        payment.id,
        &[("amount", "990"), ("reason", "mine")],
    )
    .await;
    assert_eq!(tried.status, StatusCode::NOT_FOUND);
    let granted = app
        .post_form(
            &mut ann,
            &format!("/admin/billing/{ws}/grant"),
            &[("plan", "team"), ("days", "999"), ("reason", "mine")],
        )
        .await;
    assert_eq!(granted.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.state
            .store
            .payment(payment.id)
            .await
            .expect("read")
            .refunded,
        0
    );

    let off = TestApp::with(Options {
        billing: Some(false),
        ..Options::default()
    })
    .await;
    let mut root = root(&off).await;
    assert_eq!(
        off.get(&mut root, "/admin/billing").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_administrator_refunds_part_of_a_card_payment_through_the_provider_once_and_the_payer_is_told()
 {
    let app = TestApp::new().await;
    let (_ann, ws, payment) = paid(&app).await;
    let mut root = root(&app).await;
    let console = app.get(&mut root, "/admin/billing").await;
    assert_eq!(console.status, StatusCode::OK);
    for seen in [
        "Pro, monthly",
        "paid, renews on",
        "ann@example.org",
        "Pro, one month",
    ] {
        assert!(console.body.contains(seen), "{seen:?} in {}", console.body);
    }
    let page = app.get(&mut root, &format!("/admin/billing/{ws}")).await;
    assert!(
        page.body.contains(
            "name=\"amount\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" value=\"990\""
        ),
        "{}",
        page.body
    );

    // No reason, or more than was paid: refused on the field, nothing given back.
    let no_reason = refund(
        &app,
        &mut root,
        payment.id,
        &[("amount", "300"), ("refunded_before", "0")],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("Say why, for the record."));
    assert!(
        no_reason.body.contains("value=\"300\""),
        "what was typed stays"
    );
    let too_much = refund(
        &app,
        &mut root,
        payment.id,
        &[
            ("amount", "990,01"),
            ("refunded_before", "0"),
            ("reason", "Oops"),
        ],
    )
    .await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_much
            .body
            .contains("That is more than is left of the payment.")
    );

    let fields = [
        ("amount", "300"),
        ("refunded_before", "0"),
        ("reason", "A week not used"),
    ];
    let done = refund(&app, &mut root, payment.id, &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        done.location(),
        format!("/admin/billing/{ws}?notice=payment-refunded")
    );
    // The same form sent again (a double click, a second administrator): no second refund.
    let again = refund(&app, &mut root, payment.id, &fields).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again
            .body
            .contains("was refunded or changed since the page was shown")
    );
    let row = app.state.store.payment(payment.id).await.expect("read");
    assert_eq!((row.status.as_str(), row.refunded), ("succeeded", 30_000));
    let at_provider = app
        .state
        .store
        .sandbox_payment(row.provider_payment_id.as_deref().expect("provider id"))
        .await
        .expect("read")
        .expect("there");
    assert_eq!(at_provider.refunded, 30_000);
    let mail = app.last_mail_to("ann@example.org").await;
    assert_eq!(mail.subject, "Refund: RUB\u{a0}300 from Plenary");
    let history = app.get(&mut root, &format!("/admin/billing/{ws}")).await;
    assert!(
        history.body.contains("paid, RUB\u{a0}300 given back"),
        "{}",
        history.body
    );
    assert!(history.body.contains("Reason: A week not used"));
    // The rest, ending the plan: refunded in whole, the plan over.
    let rest = refund(
        &app,
        &mut root,
        payment.id,
        &[
            ("amount", "690"),
            ("refunded_before", "30000"),
            ("reason", "Left us"),
            ("end_plan", "on"),
        ],
    )
    .await;
    assert_eq!(rest.status, StatusCode::SEE_OTHER, "{}", rest.body);
    assert_eq!(
        app.state
            .store
            .payment(payment.id)
            .await
            .expect("read")
            .status,
        "refunded"
    );
    let sub = app.subscription(ws).await;
    assert!(!sub.in_force(store::now_ms() + 1) && !sub.renews);
}

#[tokio::test]
async fn an_administrator_grants_a_plan_for_some_days_only_with_a_reason() {
    let app = TestApp::new().await;
    app.register("bob@example.org").await;
    let ws = app.workspace_of("bob@example.org").await;
    let mut root = root(&app).await;
    let found = app.get(&mut root, "/admin/billing?q=BOB%40").await;
    assert!(
        found.body.contains(&format!("/admin/billing/{ws}")),
        "{}",
        found.body
    );
    let path = format!("/admin/billing/{ws}/grant");
    let refused = app
        .post_form(
            &mut root,
            &path,
            &[("plan", "nope"), ("days", "forty"), ("reason", " ")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for seen in [
        "Choose one of the plans.",
        "Days are a whole number from 0 to 3653.",
        "Say why, for the record.",
    ] {
        assert!(refused.body.contains(seen), "{seen:?} in {}", refused.body);
    }
    assert!(
        app.state
            .store
            .subscription(ws)
            .await
            .expect("read")
            .is_none()
    );
    let granted = app
        .post_form(
            &mut root,
            &path,
            &[("plan", "team"), ("days", "45"), ("reason", "Partner")],
        )
        .await;
    assert_eq!(granted.status, StatusCode::SEE_OTHER, "{}", granted.body);
    let sub = app.subscription(ws).await;
    assert_eq!(
        (sub.plan_id.as_str(), sub.source.as_str()),
        ("team", "granted")
    );
    let days = (sub.features_until - store::now_ms()) / store::DAY_MS;
    assert!((44..=45).contains(&days), "{days}");
    let events = app
        .state
        .store
        .subscription_events(ws)
        .await
        .expect("history");
    assert_eq!(events[0].reason, "Partner");
    assert!(events[0].by_name.as_deref().is_some_and(|n| !n.is_empty()));
}

#[tokio::test]
async fn accounts_that_give_one_phone_number_are_shown_together_on_the_console() {
    let app = TestApp::new().await;
    for email in ["ann@example.org", "bob@example.org"] {
        app.register(email).await;
        let user = app
            .state
            .store
            .user_by_email(&domain::Email::parse(email).expect("email"))
            .await
            .expect("read")
            .expect("there");
        app.state
            .store
            .update_profile(
                user.id,
                &store::ProfileUpdate {
                    first_name: user.first_name.clone(),
                    last_name: user.last_name.clone(),
                    phone: Some("+79161234567".into()),
                    locale: user.locale(),
                    time_zone: user.time_zone.clone(),
                },
            )
            .await
            .expect("saved");
    }
    let mut root = root(&app).await;
    let console = app.get(&mut root, "/admin/billing").await;
    let group = console
        .body
        .split("+79161234567")
        .nth(1)
        .expect("the shared number is shown");
    assert!(group.contains("ann@example.org") && group.contains("bob@example.org"));
    assert!(!group.contains("root@example.org"));
}

#[tokio::test]
async fn a_payers_receipt_is_a_pdf_in_either_language_and_nobody_elses() {
    let app = TestApp::new().await;
    let (mut ann, _, payment) = paid(&app).await;
    let billing = app.get(&mut ann, "/billing").await;
    let path = format!("/billing/payments/{}/receipt.pdf", payment.id);
    assert!(billing.body.contains(&path), "{}", billing.body);
    let en = app.get(&mut ann, &path).await;
    assert_eq!(en.status, StatusCode::OK);
    let text = pdf_text(&en.bytes);
    for seen in [
        "Payment receipt of",
        "Pro, one month",
        "990",
        "Test mode: no money was moved.",
    ] {
        assert!(text.contains(seen), "{seen:?} in {text}");
    }
    let ru = app.get(&mut ann, &format!("{path}?lang=ru")).await;
    let text = pdf_text(&ru.bytes);
    assert!(text.contains("Квитанция об оплате"), "{text}");
    let mut bob = app.register("bob@example.org").await;
    assert_eq!(app.get(&mut bob, &path).await.status, StatusCode::NOT_FOUND);
}
