//! Payments in the store: a payment settles its subscription once however often and however
//! many callers report it; a renewal is one payment per subscription and term whoever opens
//! it, held by one worker at a time, and charged again with the same key after a crash; a
//! declined renewal keeps paid features through the grace, then stops renewing; provider
//! notifications are taken once.

use super::mail;
use domain::plan::Period;
use plenary_store::{
    NewPayment, NewSandboxPayment, PaymentKind, Retry, SavedCard, Store, day_start_ms,
};

const DAY_MS: i64 = 24 * 3600 * 1000;

async fn paying() -> (Store, domain::WorkspaceId, domain::UserId) {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let (workspace, _) = store.personal_workspace(ann.id).await.expect("workspace");
    (store, workspace, ann.id)
}

fn first(workspace: domain::WorkspaceId, by: domain::UserId) -> NewPayment<'static> {
    NewPayment {
        workspace,
        provider: "sandbox",
        kind: PaymentKind::First,
        plan_id: "pro",
        period: Period::Month,
        amount: 99_000,
        currency: "RUB",
        balance_after: 0,
        by_user: Some(by),
        consent: Some("I agree that Pro renews by itself every month"),
    }
}

fn card() -> SavedCard {
    SavedCard {
        token: "card_1".into(),
        brand: "Visa".into(),
        last4: "4242".into(),
    }
}

/// A workspace whose first month of Pro was paid on 31 January 2027, and when it ends.
async fn paid_on_jan31() -> (Store, domain::WorkspaceId, domain::UserId, i64) {
    let (store, ws, ann) = paying().await;
    let p = store
        .create_payment(&first(ws, ann))
        .await
        .expect("payment");
    store
        .settle_payment(p.id, None, None, jan31())
        .await
        .expect("settled");
    let due = store
        .subscription(ws)
        .await
        .expect("read")
        .expect("there")
        .due_at;
    (store, ws, ann, due)
}

/// 31 January 2027, noon UTC.
fn jan31() -> i64 {
    day_start_ms(jiff::civil::date(2027, 1, 31)).expect("day") + DAY_MS / 2
}

#[tokio::test]
async fn a_payment_settled_by_several_callers_at_once_moves_its_subscription_once() {
    let (store, ws, ann) = paying().await;
    let p = store
        .create_payment(&first(ws, ann))
        .await
        .expect("payment");
    let receipt = mail("ann@example.org", "Receipt");
    let tries = (0..6).map(|_| {
        let (store, receipt, card) = (store.clone(), receipt.clone(), card());
        tokio::spawn(async move {
            store
                .settle_payment(p.id, Some(&card), Some(&receipt), jan31())
                .await
        })
    });
    let mut settled = 0;
    for t in tries {
        if t.await.expect("ran").expect("settled or not") {
            settled += 1;
        }
    }
    assert_eq!(settled, 1);
    let sub = store.subscription(ws).await.expect("read").expect("there");
    assert_eq!((sub.plan_id.as_str(), sub.term), ("pro", 0));
    // A term begun on 31 January ends with February's last day.
    assert_eq!(sub.paid_until, "2027-02-28");
    assert_eq!(
        sub.due_at,
        day_start_ms(jiff::civil::date(2027, 2, 28)).expect("day")
    );
    assert_eq!(sub.features_until, sub.due_at);
    assert!(sub.renews);
    let events = store.subscription_events(ws).await.expect("events");
    assert_eq!(events.len(), 1);
    let receipts = store.recent_mail(10).await.expect("mail");
    assert_eq!(
        receipts.iter().filter(|m| m.subject == "Receipt").count(),
        1
    );
    assert_eq!(store.payment_method(ws).await.expect("card"), Some(card()));
    // A failed mark after success changes nothing.
    assert!(
        !store
            .fail_payment(p.id, "card_declined")
            .await
            .expect("fail")
    );
}

#[tokio::test]
async fn renewals_opened_by_several_callers_make_one_payment_per_term_held_by_one_worker() {
    let (store, ws, ann) = paying().await;
    let p = store
        .create_payment(&first(ws, ann))
        .await
        .expect("payment");
    store
        .settle_payment(p.id, Some(&card()), None, jan31())
        .await
        .expect("settled");
    let due = store
        .subscription(ws)
        .await
        .expect("read")
        .expect("there")
        .due_at;
    let price = |_: &str, _: Period, _: &str| Some(99_000);
    assert_eq!(store.open_renewals(due - 1, price).await.expect("open"), 0);
    let opens = (0..4).map(|_| {
        let store = store.clone();
        tokio::spawn(async move { store.open_renewals(due, |_, _, _| Some(99_000)).await })
    });
    let mut made = 0;
    for o in opens {
        made += o.await.expect("ran").expect("opened");
    }
    assert_eq!(made, 1);
    // One worker holds it; another finds nothing until the lease ends.
    let (held, card) = store
        .claim_renewal(due, 60_000)
        .await
        .expect("claim")
        .expect("one due");
    assert_eq!(card.expect("the saved card").token, "card_1");
    assert_eq!(held.term, 1);
    assert!(
        store
            .claim_renewal(due, 60_000)
            .await
            .expect("claim")
            .is_none()
    );
    // The worker dies after charging: the next one charges with the same key, and the
    // provider answers with the charge it made.
    fn charge(key: &str) -> NewSandboxPayment<'_> {
        NewSandboxPayment {
            key,
            amount: 99_000,
            currency: "RUB",
            description: "Pro",
            return_url: "",
            save_card: false,
        }
    }
    let key = held.attempt_key();
    let made_first = store.sandbox_begin(&charge(&key)).await.expect("charge");
    let (again, _) = store
        .claim_renewal(due + 60_000, 60_000)
        .await
        .expect("claim")
        .expect("taken again after the lease");
    assert_eq!(again.attempt_key(), held.attempt_key());
    let key_again = again.attempt_key();
    let made_again = store
        .sandbox_begin(&charge(&key_again))
        .await
        .expect("charge");
    assert_eq!(
        made_again.id, made_first.id,
        "the same charge, not a second one"
    );
    assert!(
        store
            .settle_payment(again.id, None, None, due + 60_000)
            .await
            .expect("settle")
    );
    let sub = store.subscription(ws).await.expect("read").expect("there");
    assert_eq!(
        (sub.term, sub.paid_until.as_str()),
        (1, "2027-03-31"),
        "the 31st comes back"
    );
    assert_eq!(
        store
            .open_renewals(due + DAY_MS, price)
            .await
            .expect("open"),
        0
    );
}

#[tokio::test]
async fn a_declined_renewal_keeps_features_through_the_grace_then_stops_renewing() {
    let (store, ws, _, due) = paid_on_jan31().await;
    store
        .open_renewals(due, |_, _, _| Some(99_000))
        .await
        .expect("open");
    let (r, _) = store
        .claim_renewal(due, 60_000)
        .await
        .expect("claim")
        .expect("due");
    let grace_until = due + 7 * DAY_MS;
    let retry = Retry::At {
        next: due + DAY_MS,
        grace_until,
    };
    assert!(
        store
            .renewal_failed(r.id, "card_declined", retry, None)
            .await
            .expect("failed")
    );
    let sub = store.subscription(ws).await.expect("read").expect("there");
    assert_eq!(sub.features_until, grace_until);
    assert!(sub.renews);
    // Not due again before the retry's time; then with a new key.
    assert!(
        store
            .claim_renewal(due + DAY_MS - 1, 60_000)
            .await
            .expect("claim")
            .is_none()
    );
    let (r2, _) = store
        .claim_renewal(due + DAY_MS, 60_000)
        .await
        .expect("claim")
        .expect("due");
    assert_ne!(r2.attempt_key(), r.attempt_key());
    assert!(
        store
            .renewal_failed(r2.id, "card_declined", Retry::GiveUp, None)
            .await
            .expect("gave up")
    );
    assert!(
        !store
            .renewal_failed(r2.id, "card_declined", Retry::GiveUp, None)
            .await
            .expect("once")
    );
    let sub = store.subscription(ws).await.expect("read").expect("there");
    assert!(!sub.renews);
    assert_eq!(
        sub.features_until, grace_until,
        "features end with the grace"
    );
    let kinds: Vec<String> = store
        .subscription_events(ws)
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["lapsed", "renewal_failed", "paid"]);
    assert!(
        store
            .claim_renewal(due + 30 * DAY_MS, 60_000)
            .await
            .expect("claim")
            .is_none()
    );
}

#[tokio::test]
async fn a_second_first_payment_while_a_term_lasts_goes_to_the_balance() {
    let (store, ws, ann) = paying().await;
    let a = store
        .create_payment(&first(ws, ann))
        .await
        .expect("payment");
    let b = store
        .create_payment(&first(ws, ann))
        .await
        .expect("payment");
    store
        .settle_payment(a.id, None, None, jan31())
        .await
        .expect("a");
    store
        .settle_payment(b.id, None, None, jan31() + 1000)
        .await
        .expect("b");
    let sub = store.subscription(ws).await.expect("read").expect("there");
    assert_eq!((sub.term, sub.balance), (0, 99_000));
    // The balance pays the next renewal.
    store
        .open_renewals(sub.due_at, |_, _, _| Some(99_000))
        .await
        .expect("open");
    let (r, _) = store
        .claim_renewal(sub.due_at, 60_000)
        .await
        .expect("claim")
        .expect("due");
    assert_eq!((r.amount, r.balance_after), (0, 0));
}

#[tokio::test]
async fn a_stopped_subscription_is_not_renewed_and_resumes_only_while_its_term_lasts() {
    let (store, ws, ann) = paying().await;
    let p = store
        .create_payment(&first(ws, ann))
        .await
        .expect("payment");
    // Paid today, so the term lasts.
    store
        .settle_payment(p.id, None, None, plenary_store::now_ms())
        .await
        .expect("settled");
    assert!(store.set_renews(ws, false, Some(ann)).await.expect("stop"));
    assert!(
        !store.set_renews(ws, false, Some(ann)).await.expect("again"),
        "nothing changes"
    );
    let due = store
        .subscription(ws)
        .await
        .expect("read")
        .expect("there")
        .due_at;
    assert_eq!(
        store
            .open_renewals(due, |_, _, _| Some(99_000))
            .await
            .expect("open"),
        0
    );
    assert!(store.set_renews(ws, true, Some(ann)).await.expect("resume"));
    let events = store.subscription_events(ws).await.expect("events");
    assert_eq!(events[0].kind, "resumed");
    assert_eq!(events[1].kind, "canceled");
    assert_eq!(events[1].by_user, Some(ann));
}

#[tokio::test]
async fn a_providers_notification_is_taken_once() {
    let (store, _, _) = paying().await;
    assert!(!store.webhook_seen("stripe", "evt_1").await.expect("seen"));
    let (a, b) = tokio::join!(
        store.record_webhook("stripe", "evt_1"),
        store.record_webhook("stripe", "evt_1")
    );
    assert_eq!(
        [a.expect("a"), b.expect("b")]
            .iter()
            .filter(|x| **x)
            .count(),
        1
    );
    assert!(store.webhook_seen("stripe", "evt_1").await.expect("seen"));
    assert!(
        store
            .record_webhook("yookassa", "evt_1")
            .await
            .expect("another provider's")
    );
}

#[tokio::test]
async fn after_a_switch_the_new_terms_renew_though_the_old_terms_were_renewed_too() {
    let (store, ws, ann, due) = paid_on_jan31().await;
    assert_eq!(
        store
            .open_renewals(due, |_, _, _| Some(99_000))
            .await
            .expect("open"),
        1
    );
    let (r, _) = store
        .claim_renewal(due, 60_000)
        .await
        .expect("claim")
        .expect("due");
    store
        .settle_payment(r.id, None, None, due)
        .await
        .expect("renewed");
    // On 10 March the workspace moves to Team: its terms count from then.
    let switch = store
        .create_payment(&NewPayment {
            kind: PaymentKind::Switch,
            plan_id: "team",
            ..first(ws, ann)
        })
        .await
        .expect("switch");
    let march10 = day_start_ms(jiff::civil::date(2027, 3, 10)).expect("day");
    store
        .settle_payment(switch.id, None, None, march10)
        .await
        .expect("switched");
    let sub = store.subscription(ws).await.expect("read").expect("there");
    assert_eq!(
        (sub.plan_id.as_str(), sub.term, sub.paid_until.as_str()),
        ("team", 0, "2027-04-10")
    );
    assert_eq!(
        store
            .open_renewals(sub.due_at, |_, _, _| Some(249_000))
            .await
            .expect("open"),
        1
    );
    let (next, _) = store
        .claim_renewal(sub.due_at, 60_000)
        .await
        .expect("claim")
        .expect("due");
    assert_eq!(
        (next.plan_id.as_str(), next.term, next.amount),
        ("team", 1, 249_000)
    );
}
