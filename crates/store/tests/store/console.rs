//! The billing console's store: workspaces found with their plans, the latest payments, the
//! accounts that share a phone number, and refunds recorded once, within what was paid, with
//! who and why in the workspace's history.

use super::{mail, new_user};
use domain::plan::Period;
use plenary_store::{NewPayment, PaymentKind, Refund, Store, now_ms};

async fn paid(
    store: &Store,
    email: &str,
) -> (domain::WorkspaceId, domain::UserId, domain::PaymentId) {
    let user = store
        .create_user(&new_user(email), None)
        .await
        .expect("user");
    let (ws, _) = store.personal_workspace(user.id).await.expect("workspace");
    let p = store
        .create_payment(&NewPayment {
            workspace: ws,
            provider: "sandbox",
            kind: PaymentKind::First,
            plan_id: "pro",
            period: Period::Month,
            amount: 99_000,
            currency: "RUB",
            balance_after: 0,
            by_user: Some(user.id),
            consent: None,
        })
        .await
        .expect("payment");
    store
        .settle_payment(p.id, None, None, now_ms())
        .await
        .expect("settled");
    (ws, user.id, p.id)
}

fn refund(
    payment: domain::PaymentId,
    by: domain::UserId,
    amount: i64,
    before: i64,
) -> Refund<'static> {
    Refund {
        payment,
        amount,
        refunded_before: before,
        by,
        reason: "Charged twice by mistake",
        end_plan: false,
        mail: None,
        now: now_ms(),
    }
}

#[tokio::test]
async fn a_refund_is_recorded_once_within_what_was_paid_and_the_history_says_who_and_why() {
    let store = super::fresh_store().await;
    let (ws, ann, payment) = paid(&store, "ann@example.org").await;
    let receipt = mail("ann@example.org", "Refund");
    // More than was paid, or nothing, is refused.
    assert!(
        !store
            .refund_payment(&refund(payment, ann, 99_001, 0))
            .await
            .expect("asked")
    );
    assert!(
        !store
            .refund_payment(&refund(payment, ann, 0, 0))
            .await
            .expect("asked")
    );
    // Part of it, then a second administrator working from the same page: one refund.
    let mut part = refund(payment, ann, 30_000, 0);
    part.mail = Some(&receipt);
    assert!(store.refund_payment(&part).await.expect("refunded"));
    assert!(!store.refund_payment(&part).await.expect("asked again"));
    let row = store.payment(payment).await.expect("read");
    assert_eq!((row.status.as_str(), row.refunded), ("succeeded", 30_000));
    // The rest makes it refunded in whole; nothing more can be given back.
    assert!(
        store
            .refund_payment(&refund(payment, ann, 69_000, 30_000))
            .await
            .expect("rest")
    );
    let row = store.payment(payment).await.expect("read");
    assert_eq!((row.status.as_str(), row.refunded), ("refunded", 99_000));
    assert!(
        !store
            .refund_payment(&refund(payment, ann, 1, 99_000))
            .await
            .expect("more")
    );
    let events = store.subscription_events(ws).await.expect("history");
    let refunds: Vec<_> = events.iter().filter(|e| e.kind == "refunded").collect();
    assert_eq!(refunds.len(), 2);
    assert!(
        refunds
            .iter()
            .all(|e| e.by_user == Some(ann) && e.reason == "Charged twice by mistake")
    );
    // The payer's email was queued with the first refund only.
    let mails = store.recent_mail(10).await.expect("mail");
    assert_eq!(mails.iter().filter(|m| m.subject == "Refund").count(), 1);
    // The plan stays paid.
    let sub = store.subscription(ws).await.expect("read").expect("there");
    assert!(sub.in_force(now_ms()));
}

#[tokio::test]
async fn a_refund_that_ends_the_plan_ends_its_features_now_and_stops_renewals() {
    let store = super::fresh_store().await;
    let (ws, ann, payment) = paid(&store, "ann@example.org").await;
    let mut ask = refund(payment, ann, 99_000, 0);
    ask.end_plan = true;
    assert!(store.refund_payment(&ask).await.expect("refunded"));
    let sub = store.subscription(ws).await.expect("read").expect("there");
    assert!(!sub.in_force(now_ms() + 1) && !sub.renews);
    assert!(sub.due_at <= now_ms());
    let events = store.subscription_events(ws).await.expect("history");
    assert_eq!(events[0].kind, "refunded_ended");
}

#[tokio::test]
async fn the_console_finds_workspaces_with_their_plans_and_lists_the_latest_payments() {
    let store = super::fresh_store().await;
    let (ws, _, payment) = paid(&store, "ann@example.org").await;
    let bob = store
        .create_user(&new_user("bob@example.org"), None)
        .await
        .expect("user");
    let (bob_ws, _) = store.personal_workspace(bob.id).await.expect("workspace");
    // With no query, only workspaces that have a plan.
    let listed = store.workspace_plans("", 50).await.expect("listed");
    assert_eq!(listed.iter().map(|w| w.id).collect::<Vec<_>>(), vec![ws]);
    assert_eq!(listed[0].plan_id.as_deref(), Some("pro"));
    assert_eq!(listed[0].owner_email, "ann@example.org");
    // A query reaches any workspace by its owner's email, wildcards taken literally.
    let found = store.workspace_plans("BOB@", 50).await.expect("found");
    assert_eq!(found.iter().map(|w| w.id).collect::<Vec<_>>(), vec![bob_ws]);
    assert_eq!(found[0].plan_id, None);
    assert!(
        store
            .workspace_plans("%", 50)
            .await
            .expect("none")
            .is_empty()
    );
    let payments = store.recent_payments(10).await.expect("payments");
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0].payment.id, payment);
    assert_eq!(
        payments[0].workspace_name,
        store.workspace_plan(ws).await.expect("ws").name
    );
}

#[tokio::test]
async fn accounts_that_give_one_phone_number_are_listed_together() {
    let store = super::fresh_store().await;
    for (email, phone) in [
        ("ann@example.org", Some("+79161234567")),
        ("bob@example.org", Some("+79161234567")),
        ("cat@example.org", Some("+79990000000")),
        ("dan@example.org", None),
    ] {
        let mut u = new_user(email);
        u.phone = phone.map(String::from);
        store.create_user(&u, None).await.expect("user");
    }
    let shared = store.shared_phones(50).await.expect("shared");
    let emails: Vec<_> = shared.iter().map(|h| h.email.as_str()).collect();
    assert_eq!(emails, ["ann@example.org", "bob@example.org"]);
    assert!(shared.iter().all(|h| h.phone == "+79161234567"));
}

#[tokio::test]
async fn a_workspace_aged_in_test_mode_moves_its_terms_and_keeps_one_renewal_per_term() {
    let store = super::fresh_store().await;
    let (ws, _, payment) = paid(&store, "ann@example.org").await;
    let before = store.subscription(ws).await.expect("read").expect("there");
    let price = |_: &str, _: Period, _: &str| Some(99_000);
    assert_eq!(
        store
            .open_renewals(now_ms(), price)
            .await
            .expect("none due"),
        0
    );
    store.age_billing(ws, 40).await.expect("aged");
    let aged = store.subscription(ws).await.expect("read").expect("there");
    const DAY: i64 = 24 * 3600 * 1000;
    assert_eq!(aged.due_at, before.due_at - 40 * DAY);
    assert_eq!(aged.features_until, before.features_until - 40 * DAY);
    let anchor: jiff::civil::Date = before.anchor.parse().expect("a day");
    assert_eq!(
        aged.anchor,
        (anchor - jiff::Span::new().days(40)).to_string()
    );
    let paid_at = store.payment(payment).await.expect("read").created_at;
    assert!(paid_at < now_ms() - 39 * DAY);
    // The term has ended: its renewal is made once, and ageing again does not make another.
    assert_eq!(store.open_renewals(now_ms(), price).await.expect("due"), 1);
    store.age_billing(ws, 1).await.expect("aged");
    assert_eq!(store.open_renewals(now_ms(), price).await.expect("made"), 0);
    // It is the one a worker takes, for the term after the paid one.
    let (renewal, _) = store
        .claim_renewal(now_ms(), 60_000)
        .await
        .expect("claimed")
        .expect("one due");
    assert_eq!(
        (renewal.kind(), renewal.term),
        (PaymentKind::Renewal, i64::from(before.term) + 1)
    );
    assert!(
        store
            .claim_renewal(now_ms(), 60_000)
            .await
            .expect("asked")
            .is_none()
    );
}

#[tokio::test]
async fn a_refund_that_ends_the_plan_also_ends_a_renewal_waiting_to_be_tried_again() {
    let store = super::fresh_store().await;
    let (ws, ann, payment) = paid(&store, "ann@example.org").await;
    store.age_billing(ws, 40).await.expect("aged");
    let price = |_: &str, _: Period, _: &str| Some(99_000);
    assert_eq!(store.open_renewals(now_ms(), price).await.expect("due"), 1);
    let mut ask = refund(payment, ann, 99_000, 0);
    ask.end_plan = true;
    assert!(store.refund_payment(&ask).await.expect("refunded"));
    // Nothing is left to charge: the renewal is over, not waiting for its next attempt.
    assert!(
        store
            .claim_renewal(now_ms() + 10 * 24 * 3600 * 1000, 60_000)
            .await
            .expect("asked")
            .is_none()
    );
}

#[tokio::test]
async fn refunding_a_payment_that_went_to_the_balance_takes_it_back_off_the_balance() {
    let store = super::fresh_store().await;
    let (ws, ann, _) = paid(&store, "ann@example.org").await;
    // A second first payment while the term lasts (two tabs) goes to the balance.
    let second = store
        .create_payment(&NewPayment {
            workspace: ws,
            provider: "sandbox",
            kind: PaymentKind::First,
            plan_id: "pro",
            period: Period::Month,
            amount: 99_000,
            currency: "RUB",
            balance_after: 0,
            by_user: Some(ann),
            consent: None,
        })
        .await
        .expect("payment");
    store
        .settle_payment(second.id, None, None, now_ms())
        .await
        .expect("settled");
    assert_eq!(
        store
            .subscription(ws)
            .await
            .expect("read")
            .expect("there")
            .balance,
        99_000
    );
    assert!(
        store
            .refund_payment(&refund(second.id, ann, 40_000, 0))
            .await
            .expect("part")
    );
    assert_eq!(
        store
            .subscription(ws)
            .await
            .expect("read")
            .expect("there")
            .balance,
        59_000
    );
}
